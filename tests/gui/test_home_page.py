"""本期工作台: the app opens on it; its numbers equal the lists they open."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from jjjdesk.gui.rounds import common
from jjjdesk.services import demo_history, review

TODAY = date(2026, 12, 2)


@pytest.fixture
def history(demo_db, actor, monkeypatch):
    monkeypatch.setattr(common, "today", lambda: TODAY)
    with demo_db.session() as s:
        demo_history.load_demo_history(session=s, actor=actor, today=TODAY)


def _home(window, qtbot):
    page = window.current_page()
    assert page.PAGE_KEY == "home"
    qtbot.waitUntil(lambda: page.data is not None and not page.is_loading(), timeout=10_000)
    return page


def test_the_app_opens_on_the_workbench_and_it_tells_the_story(history, window, qtbot):
    page = _home(window, qtbot)
    assert page.round_label.text().startswith(
        "2026年11月月报:截止 2026-12-05,还有 3 天(2 个工作日)")
    numbers = {key: tile.number.text() for key, tile in page.tiles.items()}
    assert int(numbers["notReported"]) > 0 and numbers["returned"] == "1"
    assert int(numbers["toReview"]) > 0 and int(numbers["red"]) > 0
    assert int(numbers["coordination"]) > 0


def test_each_number_opens_the_list_it_counts(history, window, qtbot, demo_db):
    page = _home(window, qtbot)
    data = page.data
    qtbot.mouseClick(page.tiles["toReview"], Qt.MouseButton.LeftButton)
    shown = window.current_page()
    assert shown.PAGE_KEY == "review"
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=10_000)  # read in the worker
    assert shown.round_combo.currentData() == data.round.id
    assert shown.review_pane.model.total == data.to_review
    with demo_db.session() as s:
        waiting = review.list_for_review(session=s, round_id=data.round.id)
    assert len(waiting) == data.to_review

    window.show_page(0)
    qtbot.mouseClick(page.tiles["red"], Qt.MouseButton.LeftButton)
    lights = window.current_page()
    assert lights.PAGE_KEY == "lights"
    qtbot.waitUntil(lambda: not lights.is_loading(), timeout=10_000)
    assert lights.light_combo.currentData() == "red"

    window.show_page(0)
    qtbot.mouseClick(page.tiles["coordination"], Qt.MouseButton.LeftButton)
    problems_page = window.current_page()
    assert problems_page.PAGE_KEY == "problems"
    qtbot.waitUntil(lambda: not problems_page.is_loading(), timeout=10_000)
    assert problems_page.model.rowCount() == data.coordination

    window.show_page(0)
    qtbot.mouseClick(page.tiles["returned"], Qt.MouseButton.LeftButton)
    rounds_page = window.current_page()
    assert rounds_page.PAGE_KEY == "rounds"
    assert rounds_page.current_round().id == data.round.id
    qtbot.waitUntil(lambda: not rounds_page.is_loading(), timeout=10_000)
    states = [rounds_page.board_model.index(r, rounds_page.board_model.COL_STATE).data()
              for r in range(rounds_page.board_model.rowCount())]
    assert states.count("退回") == data.returned


def test_cli_workbench_gives_the_home_pages_numbers(history, window, qtbot, demo_db, capsys):
    import json

    from jjjdesk.cli.main import main

    page = _home(window, qtbot)
    assert main(["workbench", "--today", TODAY.isoformat(), "--json", "--db", demo_db.url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["round"]["id"] == page.data.round.id
    for key, tile in (("not_reported", "notReported"), ("returned", "returned"),
                      ("to_review", "toReview"), ("red", "red"),
                      ("coordination", "coordination")):
        assert str(data[key]) == page.tiles[tile].number.text()
