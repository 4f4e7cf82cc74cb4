"""The 等保 roles in the window: the user dialog offers them and locks what is not the
user's duty; an auditor's window shows the 审计日志 (with its export) and no registry page."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent
from jjjdesk.gui.pages import catalog
from jjjdesk.gui.user_dialog import UserDialog

UNITS = [(1, "市发展改革委")]


def _texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_admins_dialog_offers_the_three_duty_roles(qtbot):
    dialog = UserDialog(UNITS, lambda values: None, actor=Actor("a", Role.ADMIN))
    qtbot.addWidget(dialog)
    assert _texts(dialog.role_combo) == ["管理员", "协同办工作人员", "单位填报员", "只读(领导)",
                                         "系统管理员", "安全管理员", "安全审计员"]
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("auditor"))
    dialog.username_edit.setText("shenji")
    assert dialog.values()["role"] == "auditor"
    assert not dialog.unit_combo.isEnabled()  # only a reporter has a unit


def test_a_sysadmin_adds_viewers_only_and_cannot_assign(qtbot):
    dialog = UserDialog(UNITS, lambda values: None, actor=Actor("s", Role.SYSADMIN))
    qtbot.addWidget(dialog)
    assert _texts(dialog.role_combo) == ["只读(领导)"]
    assert not dialog.role_combo.isEnabled() and not dialog.unit_combo.isEnabled()


class _Row:
    id, version, username, display_name = 7, 1, "wang", "王"
    role, unit_id, active = "viewer", None, True


def test_a_secadmin_edits_role_and_unit_but_not_the_account(qtbot):
    dialog = UserDialog(UNITS, lambda values: None, user=_Row(),
                        actor=Actor("sec", Role.SECADMIN))
    qtbot.addWidget(dialog)
    assert dialog.role_combo.isEnabled()
    assert dialog.name_edit.isReadOnly() and not dialog.active_check.isEnabled()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("reporter"))
    assert dialog.unit_combo.isEnabled()


def test_a_refusal_from_the_service_stays_in_the_dialog(qtbot):
    from jjjdesk.services.permissions import PermissionDenied

    def submit(values):
        raise PermissionDenied("系统管理员新增的账号只能是只读用户(不绑定单位)")

    dialog = UserDialog(UNITS, submit, actor=Actor("s", Role.SYSADMIN))
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.error_label.text().startswith("系统管理员新增的账号只能是只读用户")
    assert dialog.result() == 0


@pytest.mark.parametrize("actor", [Actor("aud", Role.AUDITOR)])
def test_an_auditors_window_shows_the_audit_and_no_registry_page(window, qtbot, tmp_path,
                                                                monkeypatch):
    from jjjdesk.gui.pages import audit_page
    from jjjdesk.gui.pages.audit_page import AuditPage

    shown = {e.key for row, e in enumerate(catalog.PAGES)
             if not window.nav_list.item(row).isHidden()}
    assert shown == {"audit"}
    assert window.page_stack.currentIndex() == catalog.index_of("audit")
    assert window.counts_label.text() == ""  # no registry counts either
    from PySide6.QtWidgets import QMenu

    assert not window.findChild(QMenu, "importMenu").menuAction().isVisible()
    assert not window.findChild(QMenu, "exportMenu").menuAction().isVisible()
    page = next(p for p in window.pages if isinstance(p, AuditPage))
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.total > 0, timeout=10000)
    assert page.export_button.isEnabled()
    target = tmp_path / "审计.xlsx"
    monkeypatch.setattr(audit_page, "ask_save_path", lambda *a: str(target))
    page.export_button.click()
    qtbot.waitUntil(lambda: not page.worker.is_busy(), timeout=10000)
    assert target.exists()
    with window.context.db.session() as s:
        last = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()  # type: ignore[union-attr]
    assert (last.actor, last.action) == ("aud", "export")
    assert last.summary.startswith("导出审计日志")


@pytest.mark.parametrize("actor", [Actor("sec", Role.SECADMIN)])
def test_a_secadmins_window_shows_the_users_page_only(window):
    page = window.pages[catalog.index_of("users")]
    assert page.add_button.isEnabled() is False  # accounts are the 系统管理员's
    assert page.model.rowCount() == 0  # the demo has no accounts yet
    shown = {e.key for row, e in enumerate(catalog.PAGES)
             if not window.nav_list.item(row).isHidden()}
    assert shown == {"users"}
