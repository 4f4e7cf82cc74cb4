"""填报批次 page: a round created through the dialog, the board changing as entries are sent,
and the 催报 notice listing the units still missing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from rounds_helpers import MARCH, Shown, build, make_round, settle, submit

from jjjdesk.domain.period import Period
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.rounds_page import RoundsPage
from jjjdesk.gui.rounds.board_model import BoardModel
from jjjdesk.gui.rounds.entry_dialog import EntryDialog
from jjjdesk.gui.rounds.new_round_dialog import NewRoundDialog
from jjjdesk.services import rounds


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def ctx(empty_db, actor, qtbot):
    return AppContext(empty_db, actor)


@pytest.fixture
def shown(monkeypatch, qtbot):
    return Shown(monkeypatch, qtbot)


@pytest.fixture
def page(ctx, qtbot, shown):
    page = RoundsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)  # as the main window wires it
    page.resize(1300, 700)
    page.show()
    settle(page, qtbot)
    return page


def _states(page) -> dict[str, str]:
    m = page.board_model
    return {
        m.index(r, m.COL_UNIT).data(): m.index(r, m.COL_STATE).data() for r in range(m.rowCount())
    }


def test_create_a_round_through_the_dialog(page, reg, ctx, qtbot, shown, empty_db):
    def fill(dialog: NewRoundDialog) -> int:
        dialog.period_picker.set_period(MARCH)
        assert dialog.period_label.text().startswith("2024年3月")
        assert dialog.name_edit.placeholderText() == "2024年3月月报"
        assert dialog.deadline_edit.date() == QDate(2024, 4, 5)  # five days after the month
        dialog.deadline_edit.setDate(QDate(2024, 4, 8))
        dialog.buttons.accepted.emit()
        return dialog.result()

    shown.answer = fill
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    created = shown.last.created
    settle(page, qtbot)
    assert created is not None and created.name == "2024年3月月报"
    assert created.deadline == date(2024, 4, 8)
    assert (created.unit_count, created.item_count) == (2, 4)
    assert page.current_round().id == created.id
    assert _states(page) == {"市发展改革委": "未报", "滨海新区": "未报"}


def test_dialog_scope_by_hand_and_its_errors(ctx, reg, qtbot, shown, empty_db):
    dialog = NewRoundDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.period_picker.set_period(Period.quarter(2024, 1))
    assert dialog.name_edit.placeholderText() == "2024年第一季度季报"
    dialog.scope_tabs.setCurrentIndex(1)
    dialog.create()
    assert "至少勾选" in dialog.error_label.text() and dialog.created is None
    items = dialog.item_list
    for row in range(items.count()):
        if "津兴城际铁路" in items.item(row).text():
            items.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.deadline_edit.setDate(QDate(2023, 12, 1))  # before the quarter begins
    dialog.create()
    assert "截止日期不能早于" in dialog.error_label.text()
    dialog.deadline_edit.setDate(QDate(2024, 4, 10))
    dialog.create()
    assert (dialog.created.unit_count, dialog.created.item_count) == (1, 1)


def test_board_shows_submitted_after_the_entry_form_sends(
    page, reg, ctx, qtbot, shown, empty_db, type_into
):
    rnd = make_round(empty_db)
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    assert _states(page) == {"市发展改革委": "未报", "滨海新区": "未报"}
    # 滨海新区 reports one task: fill it in the entry form and send it.
    form = EntryDialog(ctx, reg.task_b, round_id=rnd.id)
    qtbot.addWidget(form)
    form.show()
    assert form.previous_group.title() == "上期填报(无)"
    qtbot.keyClicks(form.fields["completion_pct"], "30")
    type_into(form.fields["progress"], "完成规划编制")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.state_label.text().startswith("状态:已报送")
    assert not form.submit_button.isEnabled()
    settle(page, qtbot)
    assert _states(page) == {"市发展改革委": "未报", "滨海新区": "已报"}
    row = page.board_model.row_of_unit(reg.unit_b)
    assert page.board_model.index(row, BoardModel.COL_FILLED).data() == "1/1"
    assert page.board_model.index(row, BoardModel.COL_LAST).data().startswith("20")
    assert "已报 1" in page.board_summary.text()
    form.close()


def test_overdue_units_are_marked(page, reg, empty_db, monkeypatch, qtbot):
    from jjjdesk.gui.rounds import common

    rnd = make_round(empty_db)
    monkeypatch.setattr(common, "today", lambda: date(2024, 4, 20))
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    assert set(_states(page).values()) == {"逾期"}


def test_reminder_lists_the_missing_units_and_copies(page, reg, qtbot, shown, empty_db):
    rnd = make_round(empty_db)
    submit(empty_db, reg.task_b, rnd.id)
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    dialog = shown.last
    text = dialog.text_edit.toPlainText()
    assert "以下单位尚未报送2024年3月月报" in text
    assert "市发展改革委(联系人:张伟,电话:022-23450000)" in text
    assert "滨海新区" not in text
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == text
    assert dialog.copy_button.text() == "已复制"
    settle(page, qtbot)
    # The reminded unit shows when it was chased.
    row = page.board_model.row_of_unit(reg.unit_a)
    assert page.board_model.index(row, BoardModel.COL_REMINDED).data()


def test_close_and_reopen_a_round(page, reg, empty_db, boxes, shown, qtbot):
    rnd = make_round(empty_db)
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    page.close_button.click()
    assert page.current_round().state == "closed"
    assert page.close_button.text() == "重新开放"

    def give_reason(dialog):
        dialog.text_edit.setPlainText("补报一个单位")
        dialog.accept()
        return dialog.result()

    shown.answer = give_reason
    page.close_button.click()
    with empty_db.session() as s:
        assert rounds.get_round(session=s, round_id=rnd.id).state == "open"


def test_reminder_dialog_writes_one_word_notice_per_missing_unit(
        page, reg, qtbot, shown, boxes, empty_db, monkeypatch, tmp_path):
    from docx import Document
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    rnd = make_round(empty_db)
    submit(empty_db, reg.task_b, rnd.id)
    page.reload(select_id=rnd.id)
    settle(page, qtbot)
    qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    dialog = shown.last
    assert not dialog.word_button.isHidden()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王芳 022-88880000", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10_000)
    assert boxes.shown[0][:2] == ("催报通知已生成", "已生成 1 份催报通知(Word 文档)。")
    doc = Document(str(tmp_path / "催报通知_市发展改革委.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "市发展改革委:" in text and "联系人及电话:王芳 022-88880000" in text
    assert not (tmp_path / "催报通知_滨海新区.docx").exists()  # it has submitted
