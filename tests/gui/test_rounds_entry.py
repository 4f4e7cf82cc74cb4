"""The entry form: live checks next to the fields, nothing saved while invalid, drafts kept,
沿用上期, locked entries read-only, conflicts as a message, unsaved edits asked about."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from rounds_helpers import COORDINATOR, MARCH, Shown, build, make_round, submit

from jjjdesk.domain.period import Period
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.entry_dialog import EntryDialog
from jjjdesk.services import entries, review
from jjjdesk.services.entry_views import find_entry


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def ctx(empty_db, actor, qtbot):
    return AppContext(empty_db, actor)


@pytest.fixture
def shown(monkeypatch, qtbot):
    return Shown(monkeypatch, qtbot)


def _form(ctx, qtbot, subject, **kw) -> EntryDialog:
    form = EntryDialog(ctx, subject, **kw)
    qtbot.addWidget(form)
    form.show()
    return form


def _stored(db, subject, period=MARCH):
    with db.session() as s:
        return find_entry(s, subject, period.key)


def test_completion_error_shows_next_to_the_field_and_nothing_is_saved(
    ctx, reg, qtbot, empty_db, type_into, boxes
):
    rnd = make_round(empty_db)
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    message = form.messages["completion_pct"]
    qtbot.keyClicks(form.fields["completion_pct"], "120")
    qtbot.waitUntil(lambda: message.isVisible())
    assert message.text() == "完成进度应在0到100之间"
    assert "c62828" in message.styleSheet()  # red
    type_into(form.fields["progress"], "推进中")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert message.isVisible() and "0到100" in message.text()
    assert _stored(empty_db, reg.task_a) is None
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert _stored(empty_db, reg.task_a) is None
    # Corrected, the message goes and the draft is stored.
    form.fields["completion_pct"].clear()
    qtbot.keyClicks(form.fields["completion_pct"], "40")
    qtbot.waitUntil(lambda: not message.isVisible())
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(empty_db, reg.task_a)
    assert (stored.completion_pct, stored.review_state, stored.progress) == (40, "draft", "推进中")
    assert not form.is_dirty()


def test_warnings_are_amber_and_do_not_block(ctx, reg, qtbot, empty_db):
    rnd = make_round(empty_db)
    form = _form(ctx, qtbot, reg.project_a, round_id=rnd.id)
    qtbot.keyClicks(form.fields["invest_cumulative"], "12")  # total investment is 10
    form.check()
    message = form.messages["invest_cumulative"]
    assert message.isVisible() and "超过项目总投资" in message.text()
    assert "9a6700" in message.styleSheet()
    form.save_draft()
    assert _stored(empty_db, reg.project_a).invest_cumulative == 12


def test_lagging_needs_texts_and_tasks_hide_investment(ctx, reg, qtbot, empty_db):
    rnd = make_round(empty_db)
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    assert not form.fields["invest_cumulative"].isVisibleTo(form)
    combo = form.fields["assessment"]
    combo.setCurrentIndex(combo.findData("lagging"))
    form.check()
    assert "须填写存在问题" in form.messages["problems"].text()
    assert "须填写下步计划" in form.messages["next_steps"].text()


def test_previous_period_beside_and_copy_forward(ctx, reg, qtbot, empty_db):
    with empty_db.session() as s:
        entries.save_entry(
            session=s,
            actor=COORDINATOR,
            subject=reg.project_a,
            period=Period.month(2024, 2),
            values={
                "completion_pct": 15,
                "invest_period": 1,
                "invest_cumulative": 2.5,
                "progress": "二月进展",
                "problems": "用地未落实",
            },
        )
    rnd = make_round(empty_db)
    form = _form(ctx, qtbot, reg.project_a, round_id=rnd.id)
    assert form.previous_group.title().startswith("上期填报:2024年2月")
    assert form.previous_values["progress"].text() == "二月进展"
    assert form.previous_values["invest_cumulative"].text() == "2.50"
    qtbot.mouseClick(form.copy_button, Qt.MouseButton.LeftButton)
    assert form.fields["progress"].toPlainText() == "二月进展"
    assert form.fields["invest_cumulative"].text() == "2.5"
    assert form.fields["invest_period"].text() == ""  # new by definition
    assert form.is_dirty()
    assert _stored(empty_db, reg.project_a) is None  # nothing written until saved
    form.save_draft()
    assert _stored(empty_db, reg.project_a).problems == "用地未落实"


def test_unsaved_edits_are_asked_about_on_close(ctx, reg, qtbot, empty_db, boxes, type_into):
    rnd = make_round(empty_db)
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    type_into(form.fields["progress"], "草稿内容")
    boxes.answer = QMessageBox.StandardButton.Cancel
    form.close()
    assert form.isVisible() and "尚未保存" in boxes.texts[-1]
    boxes.answer = QMessageBox.StandardButton.Save
    form.close()
    assert not form.isVisible()
    assert _stored(empty_db, reg.task_a).progress == "草稿内容"  # the draft survives
    again = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    assert again.fields["progress"].toPlainText() == "草稿内容"
    type_into(again.fields["progress"], "不要了")
    boxes.answer = QMessageBox.StandardButton.Discard
    again.close()
    assert _stored(empty_db, reg.task_a).progress == "草稿内容"


def test_approved_entry_is_read_only_with_the_reason(ctx, reg, qtbot, empty_db):
    rnd = make_round(empty_db)
    submit(empty_db, reg.task_a, rnd.id)
    with empty_db.session() as s:
        entry = find_entry(s, reg.task_a, MARCH.key)
        review.approve_entry(session=s, actor=COORDINATOR, entry_id=entry.id)
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    assert form.banner.isVisible() and "已审核,已锁定" in form.banner.text()
    assert form.fields["progress"].isReadOnly()
    assert not form.save_button.isEnabled() and not form.submit_button.isEnabled()


def test_a_conflict_is_shown_as_a_message(ctx, reg, qtbot, empty_db, boxes, type_into):
    rnd = make_round(empty_db)
    with empty_db.session() as s:
        entries.save_entry(
            session=s,
            actor=COORDINATOR,
            subject=reg.task_a,
            round_id=rnd.id,
            values={"progress": "第一版"},
        )
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    with empty_db.session() as s:  # another workstation saves meanwhile
        entries.save_entry(
            session=s,
            actor=COORDINATOR,
            subject=reg.task_a,
            round_id=rnd.id,
            values={"progress": "别人改的"},
        )
    type_into(form.fields["progress"], "我改的")
    assert not form.save_draft()
    assert boxes.shown and boxes.shown[-1][0] == "他人已修改"
    assert _stored(empty_db, reg.task_a).progress == "别人改的"


def test_returned_entry_shows_the_comment(ctx, reg, qtbot, empty_db, shown):
    rnd = make_round(empty_db)
    submit(empty_db, reg.task_a, rnd.id)
    with empty_db.session() as s:
        entry = find_entry(s, reg.task_a, MARCH.key)
        review.return_entry(
            session=s, actor=COORDINATOR, entry_id=entry.id, comment="请补充具体进度"
        )
    form = _form(ctx, qtbot, reg.task_a, round_id=rnd.id)
    assert "退回意见:请补充具体进度" in form.banner.text()
    assert form.submit_button.isEnabled()
