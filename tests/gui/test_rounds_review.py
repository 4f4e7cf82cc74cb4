"""审核 page: approve, return with a required comment (seen in the unit's inbox), reopen."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog
from rounds_helpers import MARCH, Shown, build, make_round, submit

from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.review_page import ReviewPage
from jjjdesk.services.entry_views import find_entry


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def shown(monkeypatch, qtbot):
    return Shown(monkeypatch, qtbot)


@pytest.fixture
def page(empty_db, actor, reg, qtbot, shown):
    rnd = make_round(empty_db)
    submit(empty_db, reg.task_a, rnd.id, progress="完成征迁30%")
    submit(empty_db, reg.task_b, rnd.id, progress="规划已批复")
    ctx = AppContext(empty_db, actor)
    page = ReviewPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    page.resize(1300, 700)
    page.show()
    _settle(page, qtbot)
    yield page
    # Gone before the database is: deleting the view changes its selection, and the detail
    # pane then reads the entry (on PostgreSQL, from a database already dropped).
    for _ in range(250):  # what is still being read comes in first (at most ~5 s)
        if not shiboken6.isValid(page) or not page.is_loading():
            break
        qtbot.wait(20)
    if shiboken6.isValid(page):  # (Qt may have deleted it meanwhile)
        page.close()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _settle(page, qtbot) -> None:
    """The lists are read in the worker: wait until what they show has come in."""
    qtbot.waitUntil(lambda: not page.is_loading())


def _answer_with(text: str):
    def answer(dialog) -> int:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # the comment is required
        dialog.text_edit.setPlainText(text)
        assert ok.isEnabled()
        ok.click()
        return dialog.result()

    return answer


def _state(db, subject) -> str:
    with db.session() as s:
        return find_entry(s, subject, MARCH.key).review_state


def _select(page, name: str) -> None:
    m = page.review_pane.model
    row = next(r for r in range(m.rowCount()) if m.row(r).subject_name == name)
    page.review_pane.view.selectRow(row)


def test_return_with_a_comment_reaches_the_reporters_inbox(page, reg, empty_db, shown, qtbot):
    assert page.review_pane.model.rowCount() == 2
    _select(page, "建设滨海新区")
    assert "规划已批复" in page.review_pane.detail.toPlainText()
    shown.answer = _answer_with("请补充投资完成情况")
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert _state(empty_db, reg.task_b) == "returned"
    _settle(page, qtbot)
    assert page.review_pane.model.rowCount() == 1  # only 已报送 is waiting
    # The reporter's inbox, for 滨海新区.
    page.tabs.setCurrentIndex(1)
    combo = page.inbox_unit_combo
    combo.setCurrentIndex(combo.findData(reg.unit_b))
    _settle(page, qtbot)
    inbox = page.inbox_pane.model
    assert inbox.rowCount() == 1
    assert inbox.row(0).review_comment == "请补充投资完成情况"
    assert page.tabs.tabText(1) == "退回待改(1)"
    assert "请补充投资完成情况" in page.inbox_pane.detail.toPlainText()
    # Fix and resend from the inbox: the entry form opens on the returned entry.
    shown.answer = None
    qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    form = shown.last
    assert "退回意见:请补充投资完成情况" in form.banner.text()
    form.fields["progress"].setPlainText("规划已批复,完成投资0.5亿元")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert _state(empty_db, reg.task_b) == "submitted"
    _settle(page, qtbot)
    assert inbox.rowCount() == 0
    form.close()


def test_a_cancelled_return_changes_nothing(page, reg, empty_db, shown, qtbot):
    _select(page, "建设滨海新区")
    shown.answer = lambda dialog: QDialog.DialogCode.Rejected
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert _state(empty_db, reg.task_b) == "submitted"


def test_approve_several_then_reopen_with_a_reason(page, reg, empty_db, shown, qtbot):
    page.review_pane.view.selectAll()
    assert page.approve_button.isEnabled()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert {_state(empty_db, reg.task_a), _state(empty_db, reg.task_b)} == {"approved"}
    combo = page.state_combo
    combo.setCurrentIndex(combo.findData("approved"))
    _settle(page, qtbot)
    assert page.review_pane.model.rowCount() == 2
    _select(page, "承接非首都功能")
    assert page.reopen_button.isEnabled() and not page.approve_button.isEnabled()
    shown.answer = _answer_with("数据口径有误")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert _state(empty_db, reg.task_a) == "returned"


def test_history_of_the_selected_entry(page, shown, qtbot):
    _select(page, "承接非首都功能")
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    history = shown.last
    assert history.model.rowCount() == 1
    assert history.model.index(0, 0).data() == "2024年3月"
    assert history.quarter_combo.currentText() == "2024年第一季度"
    assert "完成征迁30%" in history.quarter_text.toPlainText()


def test_review_opens_on_the_round_being_reported(empty_db, actor, reg, qtbot, monkeypatch):
    """A round for April opened early has nothing to review yet: March, being reported, is
    the one the page shows first."""
    from datetime import date

    from jjjdesk.domain.period import Period
    from jjjdesk.gui.rounds import common
    from jjjdesk.services import rounds

    march = make_round(empty_db)
    submit(empty_db, reg.task_a, march.id, progress="完成征迁30%")
    with empty_db.session() as s:
        rounds.create_round(session=s, actor=actor, period=Period.month(2024, 4),
                            deadline=date(2024, 5, 6))
    monkeypatch.setattr(common, "today", lambda: date(2024, 4, 2))
    page = ReviewPage()
    qtbot.addWidget(page)
    page.set_context(AppContext(empty_db, actor))
    page.show()
    _settle(page, qtbot)
    assert page.round_combo.currentData() == march.id
    assert page.review_pane.model.rowCount() == 1
