"""用户管理: accounts, roles, units, reset passwords — shown to admins and to the 等保
系统管理员 (accounts, passwords) and 安全管理员 (roles, units); buttons follow the duty."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.models.paged_model import RecordRole
from jjjdesk.gui.models.users_model import UsersModel
from jjjdesk.gui.page_header import hint_box, title_bar
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.user_dialog import UserDialog


def run_dialog(dialog: QDialog) -> int:
    """Every dialog of this page goes through here, so tests can answer it."""
    return dialog.exec()


def ask_password(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok else None


class UsersPage(Page):
    PAGE_KEY = "users"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = UsersModel(self)
        self.view = QTableView(objectName="usersTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.hint_label = hint_box()
        self.add_button = QPushButton(self.tr("新增用户"), objectName="addButton")
        self.edit_button = QPushButton(self.tr("编辑"), objectName="editButton")
        self.reset_button = QPushButton(self.tr("重置密码"), objectName="resetButton")
        self.add_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        buttons = [self.add_button, self.edit_button, self.reset_button]
        layout = QVBoxLayout(self)
        layout.addLayout(title_bar(self.tr("用户管理"), buttons))
        layout.addWidget(self.hint_label)
        layout.addWidget(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_context(self, context) -> None:
        super().set_context(context)
        self.refresh()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("user", "unit"):
            self.refresh()

    def refresh(self) -> None:
        from jjjdesk.services import users

        if self.context is None or not self.visible_for(self.context.actor):
            self.model.set_rows([])
            return
        rows = self.context.read(users.list_users, actor=self.context.actor)
        self.model.set_rows(rows)
        if rows:
            self.hint_label.setText(
                self.tr(
                    "共 {0} 个账号。新用户首次登录须修改临时密码;"
                    "单位填报员只能填报本单位的事项,只读用户不能修改任何数据。"
                ).format(len(rows))
            )
        else:
            self.hint_label.setText(
                self.tr(
                    "本数据库尚无用户账号,当前以本机管理员身份使用。"
                    "如需多人使用,请先“新增用户”创建一个管理员账号;"
                    "有了账号之后,打开本数据库需要登录。"
                )
            )
        self._update_buttons()

    def _selected(self):
        index = self.view.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        from jjjdesk.services.permissions import Act, may

        chosen = self._selected() is not None
        actor = self.context.actor if self.context is not None else None

        def allowed(*acts: Act) -> bool:
            return actor is None or any(may(actor, act) for act in acts)

        self.add_button.setEnabled(allowed(Act.USER_CREATE))
        self.edit_button.setEnabled(chosen and allowed(Act.USER_EDIT, Act.USER_ASSIGN))
        self.reset_button.setEnabled(chosen and allowed(Act.USER_PASSWORD))

    def _units(self) -> list[tuple[int, str]]:
        from jjjdesk.services import units

        return self.context.read(units.unit_choices)

    # ---- actions -------------------------------------------------------------------------
    def new_record(self) -> None:
        from jjjdesk.services import users

        if self.context is None:
            return
        first = self.model.rowCount() == 0  # the first account must be able to manage the rest

        def submit(values):
            return self.context.write(users.create_user, entity="user", **values)

        dialog = UserDialog(self._units(), submit, admin_only=first, parent=self,
                            actor=self.context.actor)
        if run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_username(dialog.values().get("username", ""))

    def edit_selected(self) -> None:
        from jjjdesk.services import users

        user = self._selected()
        if self.context is None or user is None:
            return

        def submit(values):
            return self.context.write(
                users.update_user,
                entity="user",
                user_id=user.id,
                values=values,
                expected_version=user.version,
            )

        dialog = UserDialog(self._units(), submit, user=user, parent=self,
                            actor=self.context.actor)
        if run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_username(user.username)

    def reset_selected(self) -> None:
        from jjjdesk.services import users

        user = self._selected()
        if self.context is None or user is None:
            return
        password = ask_password(
            self,
            self.tr("重置密码"),
            self.tr("为“{0}”设置临时密码(至少 10 位,含大小写字母、数字、符号中的三类),"
                    "对方下次登录时须修改:").format(user.username),
        )
        if password is None:
            return
        try:
            self.context.write(
                users.reset_password, entity="user", user_id=user.id, new_password=password
            )
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc), self.tr("不能重置密码"))
            return
        self.refresh()
        self.select_username(user.username)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("已重置“{0}”的密码。").format(user.username), 5000
            )

    def select_username(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(RecordRole).username == username:
                self.view.setCurrentIndex(index)
                return
