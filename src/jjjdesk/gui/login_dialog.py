"""Sign-in dialogs: 登录, 修改密码 (first sign-in or after a reset), 创建管理员 (first run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.gui import dialogs


class _CredentialDialog(QDialog):
    """A form of line edits, an intro, a red message line and OK/Cancel."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro, objectName="introLabel")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.form_layout = QFormLayout()
        layout.addLayout(self.form_layout)
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _line(self, label: str, name: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit(objectName=name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form_layout.addRow(label, edit)
        return edit

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _submit(self) -> None:
        raise NotImplementedError

    def _run(self, fn: Callable[[], Any]) -> Any:
        """Call a service; a known error stays in the dialog, which stays open."""
        try:
            return fn()
        except ValidationFailed as exc:
            self.show_error(";".join(exc.errors.values()))
        except UserFacingError as exc:
            self.show_error(str(exc))
        return None


class LoginDialog(_CredentialDialog):
    """`authenticate` is (username, password) → Actor, raising UserFacingError when wrong."""

    def __init__(
        self,
        authenticate: Callable[[str, str], Any],
        location: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(
            self.tr("登录"),
            self.tr("请登录京津冀协同发展台账。\n数据库:{0}").format(location)
            if location
            else self.tr("请登录京津冀协同发展台账。"),
            self.tr("登录"),
            parent,
        )
        self._authenticate = authenticate
        self.actor: Any = None
        self.username_edit = self._line(self.tr("用户名:"), "usernameEdit")
        self.password_edit = self._line(self.tr("密码:"), "passwordEdit", secret=True)
        self.username_edit.setText(username)
        (self.password_edit if username else self.username_edit).setFocus()

    def _submit(self) -> None:
        name = self.username_edit.text().strip()
        if not name or not self.password_edit.text():
            self.show_error(self.tr("请输入用户名和密码。"))
            return
        actor = self._run(lambda: self._authenticate(name, self.password_edit.text()))
        if actor is None:
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.actor = actor
        self.accept()


class ChangePasswordDialog(_CredentialDialog):
    """`change` is (old, new) → None; used when the password was set by an admin."""

    def __init__(
        self,
        change: Callable[[str, str], None],
        username: str,
        forced: bool = True,
        parent: QWidget | None = None,
        expired: bool = False,
    ):
        intro = (
            self.tr("“{0}”的密码已超过有效期,请先设置新密码"
                    "(至少 10 位,含大小写字母、数字、符号中的三类)。")
            if expired
            else self.tr("“{0}”的密码是管理员设置的临时密码,请先设置您自己的密码"
                         "(至少 10 位,含大小写字母、数字、符号中的三类)。")
            if forced
            else self.tr("修改“{0}”的密码(至少 10 位,含大小写字母、数字、符号中的三类)。")
        ).format(username)
        super().__init__(self.tr("修改密码"), intro, self.tr("修改密码"), parent)
        self._change = change
        self.old_edit = self._line(self.tr("当前密码:"), "oldPasswordEdit", secret=True)
        self.new_edit = self._line(self.tr("新密码:"), "newPasswordEdit", secret=True)
        self.again_edit = self._line(self.tr("再次输入:"), "againPasswordEdit", secret=True)

    def _submit(self) -> None:
        if self.new_edit.text() != self.again_edit.text():
            self.show_error(self.tr("两次输入的新密码不一致。"))
            return
        done = self._run(lambda: self._change(self.old_edit.text(), self.new_edit.text()) or True)
        if done:
            self.accept()


class FirstAdminDialog(_CredentialDialog):
    """A shared database without users: whoever sets it up creates the first admin."""

    def __init__(
        self, create: Callable[[str, str], Any], location: str = "", parent: QWidget | None = None
    ):
        super().__init__(
            self.tr("创建管理员"),
            self.tr(
                "服务器数据库 {0} 还没有用户。请创建第一个管理员账号,之后用它登录并添加其他用户。"
            ).format(location),
            self.tr("创建并登录"),
            parent,
        )
        self._create = create
        self.actor: Any = None
        self.username_edit = self._line(self.tr("管理员用户名:"), "usernameEdit")
        self.password_edit = self._line(self.tr("密码:"), "passwordEdit", secret=True)
        self.again_edit = self._line(self.tr("再次输入:"), "againPasswordEdit", secret=True)
        self.username_edit.setText("admin")

    def _submit(self) -> None:
        name = self.username_edit.text().strip()
        if not name:
            self.show_error(self.tr("请输入用户名。"))
            return
        if self.password_edit.text() != self.again_edit.text():
            self.show_error(self.tr("两次输入的密码不一致。"))
            return
        actor = self._run(lambda: self._create(name, self.password_edit.text()))
        if actor is not None:
            self.actor = actor
            self.accept()
