"""评价口径: the lights page judges as of a round (as its ledger, brief and CLI do) or today, and
the 总览 follows the same choice."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jjjdesk.cli.main import main
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.dashboard.page import DashboardPage
from jjjdesk.gui.pages.lights_page import LightsPage
from jjjdesk.gui.rounds import common
from jjjdesk.services import demo_history, lag, rounds

TODAY = date(2026, 12, 2)


@pytest.fixture
def ctx(demo_db, actor, monkeypatch, qtbot):
    monkeypatch.setattr(common, "today", lambda: TODAY)
    with demo_db.session() as s:
        demo_history.load_demo_history(session=s, actor=actor, today=TODAY)
    return AppContext(demo_db, actor)


def _rows(page, qtbot):
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    m = page.model
    return [(r.subject, r.light, r.explanation) for r in m.rows]


def test_lights_page_as_of_a_round_equals_the_cli_and_the_service(ctx, demo_db, qtbot, capsys):
    page = LightsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    with demo_db.session() as s:
        by_key = {r.period_key: r for r in rounds.list_rounds(session=s)}
    assert page.as_of_combo.currentData() == by_key["2026-11"].id  # the round being reported
    october = by_key["2026-10"]
    page.as_of_combo.setCurrentIndex(page.as_of_combo.findData(october.id))
    shown = _rows(page, qtbot)
    with demo_db.session() as s:
        expected = lag._sorted(lag.round_lights(session=s, round_id=october.id, today=TODAY),
                               "light", False)
    assert shown == [(r.subject, r.light, r.explanation) for r in expected]
    assert main(["lights", "--round", str(october.id), "--today", TODAY.isoformat(), "--json",
                 "--db", demo_db.url]) == 0
    cli = json.loads(capsys.readouterr().out)
    rows = cli["rows"] if isinstance(cli, dict) else cli
    assert sorted(r["light"] for r in rows) == sorted(light for _, light, _ in shown)
    # 按今天: every subject, judged today
    page.as_of_combo.setCurrentIndex(0)
    assert page.as_of_combo.currentData() is None and ctx.as_of_round() is None
    with demo_db.session() as s:
        today = lag.subject_lights(session=s, today=TODAY)
    assert [(s, li) for s, li, _ in _rows(page, qtbot)] == [(r.subject, r.light) for r in today]
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)


def test_the_dashboard_follows_the_chosen_round(ctx, demo_db, qtbot):
    lights = LightsPage()
    qtbot.addWidget(lights)
    lights.set_context(ctx)
    dashboard = DashboardPage()
    qtbot.addWidget(dashboard)
    dashboard.today = TODAY
    dashboard.set_context(ctx)
    assert dashboard.filters().period_key == "2026-11"
    with demo_db.session() as s:
        october = next(r for r in rounds.list_rounds(session=s) if r.period_key == "2026-10")
    lights.as_of_combo.setCurrentIndex(lights.as_of_combo.findData(october.id))
    assert ctx.as_of_round() == october.id
    assert dashboard.filters().period_key == "2026-10"
    qtbot.waitUntil(lambda: not lights.is_loading() and not dashboard.worker.is_busy(),
                    timeout=20_000)  # nothing reads the database once the test ends
