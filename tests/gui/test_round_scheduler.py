"""批次计划 and 临期提醒 in the running app: due rounds open themselves once, near deadlines are
told, 催报 is recorded when the notice is copied or written, the board counts it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from rounds_helpers import COORDINATOR, Shown, build, make_round, settle, submit

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import ReminderLog
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.rounds_page import RoundsPage
from jjjdesk.gui.round_scheduler import RoundScheduler
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.board_model import BoardModel
from jjjdesk.gui.rounds.schedules_dialog import SchedulesDialog
from jjjdesk.services import rounds, schedules, settings


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def shown(monkeypatch, qtbot):
    return Shown(monkeypatch, qtbot)  # today is 2024-04-01


def _run(context, qtbot) -> tuple[RoundScheduler, QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    scheduler = RoundScheduler(context, window)
    scheduler.start()
    qtbot.waitUntil(lambda: not scheduler.is_checking(), timeout=10_000)
    scheduler.stop()
    return scheduler, window


def _round_names(db) -> list[str]:
    with db.session() as s:
        return [r.name for r in rounds.list_rounds(session=s)]


def test_a_due_schedule_opens_its_round_once_at_start(reg, empty_db, qtbot, shown, actor):
    with empty_db.session() as s:
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="month", deadline_offset=5)
    context = AppContext(empty_db, actor)
    seen = []
    context.changed.connect(seen.append)
    _scheduler, window = _run(context, qtbot)
    assert _round_names(empty_db) == ["2024年4月月报告"]
    assert "已按批次计划创建填报批次:2024年4月月报告" in window.statusBar().currentMessage()
    assert "round" in seen
    _run(AppContext(empty_db, actor), qtbot)  # the next start, or a second workstation
    assert _round_names(empty_db) == ["2024年4月月报告"]


def test_a_viewer_or_unit_window_never_creates_rounds(reg, empty_db, qtbot, shown):
    with empty_db.session() as s:
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="month")
    _run(AppContext(empty_db, Actor("领导", Role.VIEWER)), qtbot)
    _run(AppContext(empty_db, reg.reporter(reg.unit_a)), qtbot)
    assert _round_names(empty_db) == []


def test_units_due_soon_are_told_once_a_day(reg, empty_db, qtbot, shown, actor):
    rnd = make_round(empty_db)  # deadline 2024-04-05, four working days after 04-01
    submit(empty_db, reg.task_b, rnd.id)
    scheduler, window = _run(AppContext(empty_db, actor), qtbot)
    assert scheduler.due == []  # the default looks 3 working days ahead
    with empty_db.session() as s:
        settings.set_setting(session=s, actor=COORDINATOR, key="remind.within_workdays", value=4)
    scheduler, window = _run(AppContext(empty_db, actor), qtbot)
    assert [row.unit_name for row in scheduler.due] == ["市发展改革委"]
    message = window.statusBar().currentMessage()
    assert message.startswith(
        "临期提醒:2024年3月月报:4 个工作日后截止(2024-04-05),1 个单位尚未报送")
    window.statusBar().clearMessage()
    scheduler.check()
    qtbot.waitUntil(lambda: not scheduler.is_checking(), timeout=10_000)
    assert window.statusBar().currentMessage() == ""  # told already today

    unit_b, _w = _run(AppContext(empty_db, reg.reporter(reg.unit_b)), qtbot)
    assert unit_b.due == []  # 滨海新区 has sent: nothing to tell its window


@pytest.fixture
def page(empty_db, actor, qtbot, shown):
    context = AppContext(empty_db, actor)
    page = RoundsPage()
    qtbot.addWidget(page)
    page.set_context(context)
    context.changed.connect(page.on_data_changed)
    page.resize(1300, 700)
    page.show()
    settle(page, qtbot)
    return page


def _logs(db) -> list[tuple[int, str, str]]:
    with db.session() as s:
        from sqlmodel import select

        return [(g.unit_id, g.stage, g.channel) for g in s.exec(select(ReminderLog))]


def test_reminders_are_recorded_when_copied_and_counted_on_the_board(
        page, reg, empty_db, qtbot, shown, monkeypatch):
    rnd = make_round(empty_db)
    monkeypatch.setattr(rounds, "now", lambda: _at(2024, 4, 2))
    submit(empty_db, reg.task_b, rnd.id)
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    shown.last.reject()
    assert _logs(empty_db) == []  # only looked at the notice: nothing was sent

    qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    dialog = shown.last
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)  # once per notice
    assert _logs(empty_db) == [(reg.unit_a, "first", "copy")]
    settle(page, qtbot)
    model = page.board_model
    row_a, row_b = model.row_of_unit(reg.unit_a), model.row_of_unit(reg.unit_b)
    assert model.headerData(BoardModel.COL_COUNT, Qt.Orientation.Horizontal) == "催报次数"
    assert model.index(row_a, BoardModel.COL_COUNT).data() == "1"
    assert model.index(row_b, BoardModel.COL_COUNT).data() == ""
    assert model.index(row_b, BoardModel.COL_LATE).data() == "按时"
    assert model.index(row_a, BoardModel.COL_LATE).data() == ""  # not in yet


def test_a_late_return_shows_how_many_working_days_late(page, reg, empty_db, monkeypatch,
                                                       qtbot):
    rnd = make_round(empty_db)
    monkeypatch.setattr(rounds, "now", lambda: _at(2024, 4, 9))
    submit(empty_db, reg.task_b, rnd.id)  # 滨海新区's only item
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    model = page.board_model
    late = model.index(model.row_of_unit(reg.unit_b), BoardModel.COL_LATE).data()
    assert late == "2 个工作日"  # Monday 04-08 and Tuesday 04-09 after Friday the 5th


def _at(*day):
    from datetime import UTC, datetime

    return datetime(*day, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


def test_the_schedules_dialog_adds_pauses_and_runs(reg, empty_db, actor, qtbot, shown):
    context = AppContext(empty_db, actor)
    dialog = SchedulesDialog(context)
    qtbot.addWidget(dialog)

    def fill(add):
        add.kind_combo.setCurrentIndex(add.kind_combo.findData("quarter"))
        add.offset_spin.setValue(10)
        assert "季度结束后第 10 个工作日截止" in add.hint.text()
        return 1  # accepted

    shown.answer = fill
    dialog.add_button.click()
    assert dialog.model.index(0, 2).data() == "季度结束后第 10 个工作日截止"
    shown.answer = None
    dialog.pause_button.click()
    assert dialog.model.index(0, 4).data() == "已暂停"
    assert dialog.pause_button.text() == "恢复"
    dialog.run_button.click()
    assert dialog.status.text() == "没有需要创建的批次。"
    assert _round_names(empty_db) == []
    dialog.pause_button.click()
    dialog.run_button.click()
    assert dialog.status.text() == "已创建:2024年第二季度季调度"
    assert dialog.model.index(0, 5).data() == "2024-Q2"
    with empty_db.session() as s:
        made = rounds.list_rounds(session=s)[0]
    assert made.deadline > date(2024, 6, 30)


def test_the_calendar_dialog_adds_and_removes_office_days(reg, empty_db, actor, qtbot, shown,
                                                          monkeypatch):
    from PySide6.QtCore import QDate

    from jjjdesk.domain.workdays import is_workday
    from jjjdesk.gui.rounds.calendar_dialog import CalendarDialog
    from jjjdesk.services.workday_overrides import list_overrides

    monkeypatch.setattr(common, "today", lambda: date(2026, 12, 3))
    dialog = CalendarDialog(AppContext(empty_db, actor))
    qtbot.addWidget(dialog)
    assert not dialog.warning.isHidden() and "2027" in dialog.warning.text()
    dialog.date_edit.setDate(QDate(2027, 1, 1))
    dialog.kind_combo.setCurrentIndex(0)  # 休息日
    dialog.note_edit.setText("元旦")
    dialog.add_button.click()
    assert dialog.model.index(0, 0).data() == "2027-01-01(周五)"
    assert dialog.model.index(0, 1).data() == "休息日"
    with empty_db.session() as s:
        overrides = list_overrides(session=s)
    assert not is_workday(date(2027, 1, 1), overrides)
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog.remove_button.click()
    assert dialog.model.rowCount() == 0


def test_stored_times_show_on_the_workstations_clock(monkeypatch):
    import time
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert common.stamp(datetime(2024, 4, 8, 23, 30)) == "2024-04-09 07:30"  # naive: UTC
        assert common.stamp(datetime(2024, 4, 8, 23, 30, tzinfo=UTC)) == "2024-04-09 07:30"
    finally:
        monkeypatch.undo()
        time.tzset()
