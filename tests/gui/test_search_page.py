"""搜索进展 page over the demo registry with a year of history: 2- and 3-character words, the
search in the worker, the refine note, a reporter's scope, the entry opened by double-click."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from rounds_helpers import Shown
from sqlalchemy import text

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.search_page import LIMIT, SearchPage, marked_html
from jjjdesk.services import demo_history

FIELDS = ("progress", "problems", "next_steps", "coordination", "review_comment")


@pytest.fixture
def history(demo_db, actor):
    with demo_db.session() as s:
        demo_history.load_demo_history(session=s, actor=actor, today=date(2026, 12, 2))


def _page(context, qtbot) -> SearchPage:
    page = SearchPage()
    qtbot.addWidget(page)
    page.set_context(context)
    page.resize(1300, 600)
    page.show()
    return page


def _search(page, qtbot, type_into, words: str) -> list[list[str]]:
    type_into(page.edit, words)
    qtbot.keyClick(page.edit, Qt.Key.Key_Return)
    assert page.count_label.text() == "正在搜索…"  # the worker searches; the window stays live
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _holds(db, column: str) -> str:
    return (f"instr({column}, :w) > 0" if db.engine.dialect.name == "sqlite"
            else f"strpos({column}, :w) > 0")


def _entries_with(db, word: str, unit_id: int | None = None) -> int:
    """How many entries hold `word`, counted in SQL without the search index."""
    where = " OR ".join(_holds(db, f) for f in FIELDS)
    if unit_id is not None:
        where = f"({where}) AND reporter_unit_id = {unit_id}"
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM progress_entry WHERE {where}"),
                            {"w": word}).scalar_one()


def test_two_and_three_character_words_list_their_entries(history, demo_db, context, qtbot,
                                                          type_into):
    page = _page(context, qtbot)
    assert page.model.columnCount() == 6
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["事项", "类别", "期次", "单位", "字段", "摘录"]
    for word, field in (("拆迁", "存在问题"), ("环评审批", "存在问题")):
        rows = _search(page, qtbot, type_into, word)
        expected = _entries_with(demo_db, word)
        assert 0 < expected <= LIMIT and page.count_label.text() == f"{expected} 条填报"
        assert len({(r[0], r[2]) for r in rows}) == expected  # one entry per item and period
        assert all(word in r[5] and r[4] == field and r[1] in ("重点项目", "重点任务")
                   and r[2] and r[3] for r in rows)
        assert page.note.isHidden()
    page.view.grab()  # the marked snippets paint

    rows = _search(page, qtbot, type_into, "拆迁 协调难度")
    assert rows and all("拆迁" in r[5] and "协调难度" in r[5] for r in rows)
    assert _search(page, qtbot, type_into, "盾构机") == []
    assert page.count_label.text() == "0 条填报"


def test_more_than_the_limit_asks_to_refine_and_nothing_typed_is_said(history, demo_db,
                                                                      context, qtbot, type_into):
    page = _page(context, qtbot)
    assert _entries_with(demo_db, "推进") > LIMIT
    _search(page, qtbot, type_into, "推进")
    assert page.count_label.text() == f"{LIMIT} 条填报" and page.note.isVisible()
    assert page.note.text() == (f"超过 {LIMIT} 条填报符合,只列出最近录入的 {LIMIT} 条;"
                                "可再加一个词缩小范围。")
    assert _search(page, qtbot, type_into, "  ") == []
    assert page.count_label.text() == "请输入要搜索的文字。" and page.note.isHidden()


def test_a_reporter_sees_its_units_entries_and_opens_one(history, demo_db, qtbot, type_into,
                                                         monkeypatch):
    with demo_db.engine.connect() as conn:
        unit_id, unit = conn.execute(text(
            "SELECT u.id, u.name FROM progress_entry e JOIN unit u ON u.id = e.reporter_unit_id"
            f" WHERE {_holds(demo_db, 'e.problems')} ORDER BY u.id LIMIT 1"), {"w": "资金"}).one()
    reporter = Actor(name="填报员", role=Role.REPORTER, unit_id=unit_id)
    page = _page(AppContext(demo_db, reporter), qtbot)
    rows = _search(page, qtbot, type_into, "资金")
    assert rows and {r[3] for r in rows} == {unit}
    assert page.count_label.text() == f"{_entries_with(demo_db, '资金', unit_id)} 条填报"

    shown = Shown(monkeypatch, qtbot)
    page.view.selectRow(0)
    page.view.doubleClicked.emit(page.model.index(0, 0))
    dialog = shown.last
    assert dialog.title_label.text().endswith(" · " + rows[0][2])
    assert rows[0][0].split(" ", 1)[1] in dialog.title_label.text()


def test_the_words_are_marked_in_the_snippet():
    assert marked_html("征地拆迁<慢>,拆迁", ["拆迁"]) == (
        '征地<span style="background-color: #ffe082; color: #000000;">拆迁</span>&lt;慢&gt;,'
        '<span style="background-color: #ffe082; color: #000000;">拆迁</span>')
    assert marked_html("BIM模型", ["bim", "模"]).count("<span") == 2
