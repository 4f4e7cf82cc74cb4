"""Add or edit one user account (role, unit, active); the admin page opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.actor import ROLE_LABELS, Actor, Role
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.gui import dialogs

ROLE_TEXTS = ROLE_LABELS  # translated in the "roles" context of gui/labels.py


class UserDialog(QDialog):
    """`submit(values) -> Any` calls the service; a refused value stays in the dialog."""

    def __init__(
        self,
        units: list[tuple[int, str]],
        submit: Callable[[dict[str, Any]], Any],
        user: Any = None,
        admin_only: bool = False,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ):
        super().__init__(parent)
        self._submit = submit
        self.editing = user is not None
        self.setWindowTitle(self.tr("编辑用户") if self.editing else self.tr("新增用户"))
        self.setMinimumWidth(420)
        self.username_edit = QLineEdit(objectName="usernameEdit")
        self.name_edit = QLineEdit(objectName="displayNameEdit")
        self.role_combo = QComboBox(objectName="roleCombo")
        for role in self._offered_roles(actor, admin_only):
            self.role_combo.addItem(self.tr(ROLE_TEXTS[role]), role.value)
        self.unit_combo = QComboBox(objectName="unitCombo")
        self.unit_combo.addItem(self.tr("(不绑定单位)"), None)
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.active_check = QCheckBox(self.tr("启用(可以登录)"), objectName="activeCheck")
        self.active_check.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("用户名:"), self.username_edit)
        form.addRow(self.tr("姓名:"), self.name_edit)
        form.addRow(self.tr("角色:"), self.role_combo)
        form.addRow(self.tr("所属单位:"), self.unit_combo)
        if not self.editing:
            form.addRow(self.tr("临时密码:"), self.password_edit)
        else:
            form.addRow("", self.active_check)
        self.hint_label = QLabel(objectName="hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #6b7280;")
        self.hint_label.setText(
            self.tr(
                "单位填报员必须绑定单位,只能填报本单位的事项。"
                "新用户首次登录时须修改临时密码(至少 10 位,含大小写字母、数字、符号中的三类)。"
            )
        )
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        if user is not None:
            self.username_edit.setText(user.username)
            self.username_edit.setReadOnly(True)
            self.name_edit.setText(user.display_name)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(user.role)))
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(user.unit_id)))
            self.active_check.setChecked(user.active)
        self._role_changed()
        self._limit_to_duty(actor)

    def _offered_roles(self, actor: Actor | None, admin_only: bool) -> list[Role]:
        """The roles this user may give: a 系统管理员 creates viewers only (the services
        refuse the rest too); an edit keeps the account's own role listed."""
        from jjjdesk.services.permissions import SYSADMIN_CREATES

        if admin_only:
            return [Role.ADMIN]
        if actor is not None and Role(actor.role) == Role.SYSADMIN and not self.editing:
            return [SYSADMIN_CREATES]
        return list(ROLE_TEXTS)

    def _limit_to_duty(self, actor: Actor | None) -> None:
        """Lock the fields outside this user's duty: name and 启用 are the 系统管理员's,
        role and unit the 安全管理员's (services/permissions.py decides; this only shows it)."""
        from jjjdesk.services.permissions import Act, may

        if actor is None:
            return
        if not may(actor, Act.USER_ASSIGN) or (
                self.editing and Role(actor.role) != Role.ADMIN
                and actor.name == self.username_edit.text()):
            self.role_combo.setEnabled(False)
            self.unit_combo.setEnabled(False)
        if self.editing and not may(actor, Act.USER_EDIT):
            self.name_edit.setReadOnly(True)
            self.active_check.setEnabled(False)

    def _role_changed(self) -> None:
        reporter = self.role_combo.currentData() == Role.REPORTER.value
        self.unit_combo.setEnabled(reporter and self.role_combo.isEnabled())
        if not reporter:
            self.unit_combo.setCurrentIndex(0)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "display_name": self.name_edit.text().strip(),
            "role": self.role_combo.currentData(),
            "unit_id": self.unit_combo.currentData(),
        }
        if self.editing:
            values["active"] = self.active_check.isChecked()
        else:
            values["username"] = self.username_edit.text().strip()
            values["password"] = self.password_edit.text()
        return values

    def _accept(self) -> None:
        try:
            self._submit(self.values())
        except ValidationFailed as exc:
            self._error(";".join(exc.errors.values()))
            return
        except UserFacingError as exc:
            self._error(str(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
