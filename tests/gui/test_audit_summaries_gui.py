"""审计日志 in English: summaries read in English (names stay as written), on the page, in
its tooltip and in its Excel export; a summary no template wrote is shown as stored."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.gui import audit_words
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.models.audit_model import AuditModel
from jjjdesk.gui.pages import audit_page
from jjjdesk.gui.pages.audit_page import AuditPage
from jjjdesk.services import audit, audit_summaries, settings
from jjjdesk.services.demo_history import load_demo_history

ADMIN = Actor("admin", Role.ADMIN)
CJK = re.compile(r"[\u3400-\u9fff]")


def _without_data(summary: str, shown: str) -> str:
    """`shown` less the slot values kept as data (names of projects, units, files…)."""
    parts = audit_summaries.summary_parts(summary)
    assert parts is not None, summary
    key, slots = parts
    if key == "UNDO":
        inner = slots["summary"]
        return _without_data(inner, audit_words.summary_text(inner)) if shown else ""
    for name, value in sorted(slots.items(), key=lambda item: -len(item[1])):
        if name not in audit_summaries.WORD_SLOTS | audit_summaries.PERIOD_SLOTS | \
                audit_summaries.DAY_SLOTS | audit_summaries.SIZE_SLOTS:
            shown = shown.replace(value, "")
    return shown


@pytest.fixture
def history_db(demo_db, actor):
    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=date(2026, 12, 3))
    with demo_db.session() as s:
        settings.set_setting(session=s, actor=ADMIN, key="lag.period_kind", value="quarter")
        settings.set_setting(session=s, actor=ADMIN, key="ledger.font", value="仿宋")
    return demo_db


def test_english_page_shows_no_chinese_outside_data(history_db, english, qtbot):
    with history_db.session() as s:
        events = audit.list_events(session=s, limit=1_000_000)
    for e in events:
        shown = audit_words.summary_text(e.summary)
        assert not CJK.search(_without_data(e.summary, shown)), (e.summary, shown)
        # The changes never name a field by its key ("items", "period_kind", "lag.red_gap").
        keys = {k for part in ("fields", "after", "before")
                for k in (e.changes.get(part) or {})} | set(e.changes)
        labels = {line.split(": ")[0] for line in audit_words.change_lines(e.changes, e.entity)}
        assert not labels & keys, (e.entity, labels & keys)
    page = AuditPage()
    qtbot.addWidget(page)
    page.set_context(AppContext(history_db, ADMIN))
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.rowCount() > 0, timeout=15000)
    column = AuditModel.COL_SUMMARY
    rows = page.model.rowCount()
    assert rows >= 50
    for row in range(rows):
        event = page.model._rows[row]
        text = page.model.index(row, column).data()
        assert text == audit_words.summary_text(event.summary)
        assert not CJK.search(_without_data(event.summary, text)), text
    said = [page.model.index(r, column).data() for r in range(rows)]
    # The newest first: the settings' names and choices are the app's words, translated.
    assert said[:2] == ["Setting Ledger body font changed: SimSun → FangSong",
                        "Setting Reporting cycle the lights use changed: Month → Quarter"]
    changes = [page.model.index(r, AuditModel.COL_CHANGES).data() for r in range(2)]
    assert changes == ["Ledger body font: SimSun → FangSong",
                       "Reporting cycle the lights use: Month → Quarter"]
    tip = page.model.index(0, column).data(3)  # ToolTipRole: the summary above the changes
    assert tip.splitlines()[0] == page.model.index(0, column).data()
    page.worker.wait(10000)


def test_some_summaries_word_by_word(english):
    shown = audit_words.summary_text
    assert shown("新增项目 津兴城际铁路") == "New project 津兴城际铁路"
    assert shown("导入“x.xlsx”:新增 3 条,修改 1 条") == "Imported “x.xlsx”: 3 new, 1 changed"
    assert shown("撤销:撤销导入“x.xlsx”(批次 4)") == "Undone: Import of “x.xlsx” undone (batch 4)"
    assert shown("报送 津兴城际铁路 2026年3月") == "Submitted: 津兴城际铁路, Mar 2026"
    assert shown("批准延期:T,完成时限由2026年6月30日调整为2026年9月30日") == (
        "Extension approved: T, due date moved from 2026-06-30 to 2026-09-30")
    assert shown("工作日历:2026-12-05 设为工作日(调休)") == (
        "Work calendar: 2026-12-05 set to Working day (调休)")
    assert not CJK.search(shown("新增需协调事项:abc"))
    assert not CJK.search(shown("问题待协调→协调中:abc"))
    assert shown("添加佐证材料“a.pdf”(12 字节)到进展填报 5") == (
        "Evidence “a.pdf” (12 bytes) added to Progress entry 5")
    # Written by an older version: no template, shown as stored.
    assert shown("以前的版本写的摘要 42") == "以前的版本写的摘要 42"


def test_chinese_interface_shows_summaries_as_stored():
    assert audit_words.summary_text("新增项目 津兴城际铁路") == "新增项目 津兴城际铁路"


def test_english_export_is_worded_as_the_page(history_db, english, qtbot, tmp_path,
                                              monkeypatch):
    page = AuditPage()
    qtbot.addWidget(page)
    page.set_context(AppContext(history_db, ADMIN))
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.total > 0, timeout=15000)
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(audit_page, "ask_save_path", lambda *a: str(target))
    page.export()
    qtbot.waitUntil(lambda: hasattr(page, "exported_path"), timeout=30000)
    book = load_workbook(target, read_only=True)
    sheet = book.active
    rows, title = list(sheet.iter_rows(values_only=True)), sheet.title
    book.close()
    assert rows[0][5] == "Summary" and title == "Audit log"
    with history_db.session() as s:
        newest, *stored = [e.summary for e in audit.list_events(session=s, limit=len(rows))]
    # The export is audited after its rows were read (and reads in English too).
    assert audit_words.summary_text(newest) == (
        f"{len(rows) - 1} audit events exported to audit.xlsx")
    assert [r[5] for r in rows[1:]] == [audit_words.summary_text(t) for t in stored]
    for summary, row in zip(stored, rows[1:], strict=True):
        assert not CJK.search(_without_data(summary, row[5])), row[5]
        assert not CJK.search(row[2] or ""), row[2]  # the action
    page.worker.wait(10000)

