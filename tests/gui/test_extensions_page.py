"""延期申请 page: a unit asks through the dialog, the office approves, the item's date moves."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from rounds_helpers import COORDINATOR, Shown, build

from jjjdesk.domain.models import KeyTask
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.extensions_page import ExtensionsPage
from jjjdesk.gui.rounds.extension_dialog import ExtensionDecisionDialog, ExtensionRequestDialog


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def shown(monkeypatch, qtbot):
    return Shown(monkeypatch, qtbot)


def _page(ctx, qtbot):
    page = ExtensionsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    page.resize(1300, 500)
    page.show()
    return page


def test_a_reporter_asks_and_the_office_approves(empty_db, reg, qtbot, shown):
    reporter = AppContext(empty_db, reg.reporter(reg.unit_a))
    page = _page(reporter, qtbot)
    assert page.approve_button.isHidden() and page.reject_button.isHidden()

    def ask(dialog: ExtensionRequestDialog) -> int:
        titles = [dialog.subject_combo.itemText(i) for i in range(dialog.subject_combo.count())]
        assert titles == ["重点任务 1 承接非首都功能", "重点项目 P-001 津兴城际铁路",
                          "重点项目 P-002 无计划的项目"]  # unit A's items only
        assert dialog.due_label.text() == "2024年12月31日"
        dialog.until_edit.setDate(QDate(2025, 6, 30))
        dialog.save()  # no reason yet: refused, the dialog stays
        assert dialog.error_label.text() == "请说明延期理由" and dialog.saved is None
        dialog.reason_edit.setPlainText("征地拆迁推迟")
        dialog.save()
        return dialog.result()

    shown.answer = ask
    page.request_button.click()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "待审批"
    assert page.model.index(0, 4).data() == "2025-06-30"

    office = _page(AppContext(empty_db, COORDINATOR), qtbot)
    office.view.selectRow(0)
    assert office.approve_button.isEnabled() and office.reject_button.isEnabled()

    def approve(dialog: ExtensionDecisionDialog) -> int:
        dialog.note_edit.setPlainText("同意")
        dialog.save()
        return dialog.result()

    shown.answer = approve
    office.approve_button.click()
    assert office.model.index(0, 0).data() == "已批准"
    office.view.selectRow(0)
    assert not office.approve_button.isEnabled()
    with empty_db.session() as s:
        assert s.get(KeyTask, reg.task_a.id).due_date == date(2025, 6, 30)


def test_rejecting_needs_a_reason(empty_db, reg, qtbot, shown):
    from jjjdesk.services import extensions

    with empty_db.session() as s:
        extensions.request_extension(session=s, actor=COORDINATOR, subject=reg.task_b,
                                     until=date(2025, 3, 31), reason="配套资金未到位")
    page = _page(AppContext(empty_db, COORDINATOR), qtbot)
    page.view.selectRow(0)

    def reject(dialog: ExtensionDecisionDialog) -> int:
        dialog.save()
        assert dialog.error_label.text() == "不批准时请说明理由"
        dialog.note_edit.setPlainText("理由不充分")
        dialog.save()
        return dialog.result()

    shown.answer = reject
    page.reject_button.click()
    assert page.model.index(0, 0).data() == "未批准"
    assert page.model.index(0, 9).data() == "理由不充分"
