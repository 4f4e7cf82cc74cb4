"""文件 → 连接服务器…: the office PostgreSQL server, tested in the worker before use.

No password is ever stored (issue 16): with 本人账号 (the server has had `server init`) the
dialog saves only where the server is, and each user signs in with the user's own login at
start-up; with 数据库账号 (the owner, or a server without `server init`) the password is asked
at every start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.db import errors, tls
from jjjdesk.db.connection import DEFAULT_PORT, TEST_TIMEOUT_S, ServerInfo, ServerParams
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs, server_settings
from jjjdesk.gui.worker import Worker

OK_STYLE = "color: #1b5e20;"
WARN_STYLE = "color: #b45309;"


class ConnectDialog(QDialog):
    """Host, port, database, encryption, how to sign in; 测试连接 never blocks the window."""

    def __init__(self, params: ServerParams | None = None, parent: QWidget | None = None,
                 mode: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接服务器"))
        self.setMinimumWidth(440)
        self.worker = Worker(self)
        self.deleted_password = False  # an old saved password went when this was saved
        self.host_edit = QLineEdit(objectName="hostEdit")
        self.host_edit.setPlaceholderText(self.tr("例如 192.168.1.20 或 db.xtb.local"))
        self.port_spin = QSpinBox(objectName="portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit(objectName="databaseEdit")
        self.mode_combo = QComboBox(objectName="signInModeCombo")
        self.mode_combo.addItem(self.tr("本人账号(每人用自己的用户名和密码登录)"),
                                server_settings.OWN)
        self.mode_combo.addItem(self.tr("数据库账号(数据库所有者,或未执行 server init 的服务器)"),
                                server_settings.DATABASE)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.user_edit = QLineEdit(objectName="userEdit")
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode_combo = QComboBox(objectName="sslmodeCombo")
        for label, mode_ in (
            (self.tr("优先加密(服务器不支持时不加密)"), tls.PREFER),
            (self.tr("必须加密"), tls.REQUIRE),
            (self.tr("验证证书(最安全)"), tls.VERIFY_FULL),
        ):
            self.sslmode_combo.addItem(label, mode_)
        self.ca_edit = QLineEdit(objectName="caEdit")
        self.ca_edit.setPlaceholderText(self.tr("本单位 CA 证书文件(.crt / .pem),向管理员索取"))
        self.ca_button = QPushButton(self.tr("选择…"), objectName="caButton")
        self.ca_button.clicked.connect(self._choose_ca)
        self.ca_edit.textEdited.connect(self._ca_typed)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        self.prefix_edit = QLineEdit(objectName="rolePrefixEdit")
        self.prefix_edit.setPlaceholderText(self.tr("jjjdesk(服务器上第二个台账数据库另有前缀时填写)"))
        self.mode_note = QLabel(objectName="signInModeNote")
        self.mode_note.setWordWrap(True)
        self.mode_note.setStyleSheet("color: #6b7280;")

        form = QFormLayout()
        form.addRow(self.tr("服务器地址:"), self.host_edit)
        form.addRow(self.tr("端口:"), self.port_spin)
        form.addRow(self.tr("数据库:"), self.database_edit)
        form.addRow(self.tr("加密连接:"), self.sslmode_combo)
        form.addRow(self.tr("CA 证书文件:"), ca_row)
        form.addRow(self.tr("登录方式:"), self.mode_combo)
        form.addRow(self.tr("角色前缀:"), self.prefix_edit)
        form.addRow(self.tr("数据库用户名:"), self.user_edit)
        form.addRow(self.tr("密码:"), self.password_edit)
        form.addRow("", self.mode_note)
        self.form = form

        self.status_label = QLabel(objectName="statusLabel")
        self.status_label.setWordWrap(True)
        self.test_button = QPushButton(self.tr("测试连接"), objectName="testButton")
        self.test_button.clicked.connect(self.test)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("连接"))
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "连接本单位的 PostgreSQL 服务器,各工作站共用一个台账数据库。"
                "服务器由管理员按《服务器部署说明》设置。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.set_params(params or ServerParams())
        self.prefix_edit.setText("" if server_settings.role_prefix() == "jjjdesk"
                                 else server_settings.role_prefix())
        # A dialog opened on a named account (the owner's URL, say) is about that account.
        named = params is not None and bool(params.user)
        self.set_mode(mode or (server_settings.DATABASE if named
                               else server_settings.sign_in_mode()))

    @property
    def mode(self) -> str:
        return str(self.mode_combo.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(mode)))
        self._mode_changed()

    def _mode_changed(self) -> None:
        database = self.mode == server_settings.DATABASE
        for edit in (self.user_edit, self.password_edit):
            self.form.setRowVisible(edit, database)
        self.form.setRowVisible(self.prefix_edit, not database)
        self.mode_note.setText(
            self.tr("数据库账号的密码不保存在本机,每次启动时输入。") if database else
            self.tr("本机只保存服务器地址,不保存任何密码;启动时输入本人的用户名和密码登录。"))

    def set_params(self, params: ServerParams) -> None:
        self.host_edit.setText(params.host)
        self.port_spin.setValue(params.port or DEFAULT_PORT)
        self.database_edit.setText(params.database)
        self.user_edit.setText(params.user)
        self.password_edit.setText(params.password)
        self.ca_edit.setText(params.sslrootcert)
        self._select_mode(params.effective_sslmode)
        first_empty = next(
            (
                e
                for e in (self.host_edit, self.database_edit, self.user_edit, self.password_edit)
                if not e.text()
            ),
            self.host_edit,
        )
        first_empty.setFocus()

    def params(self) -> ServerParams:
        """The server; with 本人账号 no account (each user signs in as the user's own)."""
        database = self.mode == server_settings.DATABASE
        return ServerParams(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip() if database else "",
            password=self.password_edit.text() if database else "",
            sslmode=str(self.sslmode_combo.currentData()),
            sslrootcert=self.ca_edit.text().strip(),
        )

    def _select_mode(self, mode: str) -> None:
        index = self.sslmode_combo.findData(mode)
        if index < 0:  # a libpq mode the dialog does not offer (verify-ca, disable…): kept
            self.sslmode_combo.addItem(mode, mode)
            index = self.sslmode_combo.count() - 1
        self.sslmode_combo.setCurrentIndex(index)

    def _ca_typed(self, text: str) -> None:
        # The first character of a path typed by hand: a CA means verify-full, as when chosen.
        if len(text.strip()) == 1:
            self._select_mode(tls.VERIFY_FULL)

    def _choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择 CA 证书文件"), self.ca_edit.text(),
            self.tr("证书文件 (*.crt *.pem *.cer);;所有文件 (*)"),
        )
        if path:
            self.ca_edit.setText(path)
            # A CA is given to be used: verify the server with it (the default for a CA).
            self._select_mode(tls.VERIFY_FULL)

    # ---- test ----------------------------------------------------------------------------
    def test(self) -> None:
        from jjjdesk.db.connection import check_connection

        params = self.params()
        if self.mode == server_settings.OWN:
            # No account to test with: a login that cannot exist shows the server answers
            # (and, with 必须加密 or 验证证书, that TLS was agreed before it refused).
            from dataclasses import replace

            params = replace(params, user=PROBE_LOGIN, password=PROBE_LOGIN)
        self.test_button.setEnabled(False)
        self._show(self.tr("正在连接 {0}:{1}…").format(params.host, params.port), "")
        self.worker.submit(
            lambda: check_connection(params, TEST_TIMEOUT_S), self._tested, self._test_failed
        )

    def _tested(self, info: ServerInfo) -> None:
        self.test_button.setEnabled(True)
        text = self.tr("连接成功(PostgreSQL {0})。").format(info.version)
        if info.encryption:
            text += self.tr("已加密({0})。").format(info.encryption)
        else:
            text += self.tr("注意:连接未加密,密码和数据以明文在网络上传输。")
        if not info.has_schema:
            text += self.tr("数据库尚未建表,连接后将自动创建。")
        self._show(text, OK_STYLE if info.encryption else WARN_STYLE)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        if not isinstance(exc, UserFacingError):
            raise exc
        if self.mode == server_settings.OWN and str(exc) == errors.WRONG_PASSWORD:
            encrypted = self.params().effective_sslmode != tls.PREFER
            self._show(self.tr("服务器可以连接(已加密)。启动时用本人的用户名和密码登录。")
                       if encrypted else
                       self.tr("服务器可以连接。启动时用本人的用户名和密码登录。"), OK_STYLE)
            return
        self._show(str(exc), dialogs.ERROR_STYLE)

    def _show(self, text: str, style: str) -> None:
        self.status_label.setStyleSheet(style)
        self.status_label.setText(text)

    # ---- accept --------------------------------------------------------------------------
    def _accept(self) -> None:
        params = self.params()
        missing = [label for label in params.missing()
                   if label != "用户名" or self.mode == server_settings.DATABASE]
        if missing:
            self._show(self.tr("请填写:{0}").format("、".join(missing)), dialogs.ERROR_STYLE)
            return
        prefix = self.prefix_edit.text().strip()
        if prefix:
            from jjjdesk.db.server_roles import check_prefix

            try:
                check_prefix(prefix)
            except ValueError:
                self._show(self.tr(
                    "角色前缀只能由小写字母、数字和下划线组成,以字母开头,至多 20 个字符。"),
                    dialogs.ERROR_STYLE)
                return
        self.deleted_password = server_settings.save(params, self.mode, prefix)
        self.accept()

    def done(self, result: int) -> None:
        self.worker.wait(1000 * (TEST_TIMEOUT_S + 1))
        super().done(result)


#: The login 测试连接 uses with 本人账号: never a role (logins are `<prefix>_u_…`/`_h_…`).
PROBE_LOGIN = "jjjdesk_connection_probe"


def run_connect(dialog: ConnectDialog) -> int:
    """Every connection dialog goes through here, so tests can answer it."""
    return dialog.exec()


def ask_server(parent: QWidget | None = None) -> ServerParams | str | None:
    """文件 → 连接服务器…: the server to sign in to with one's own login (ServerParams), or
    a database account's URL to open; None when cancelled."""
    dialog = ConnectDialog(server_settings.load(), parent)
    if run_connect(dialog) != QDialog.DialogCode.Accepted:
        return None
    return _chosen(dialog)


def _chosen(dialog: ConnectDialog) -> ServerParams | str:
    if dialog.mode == server_settings.OWN:
        return dialog.params()
    return dialog.params().url()


def saved_server(parent: QWidget | None = None) -> ServerParams | str | None:
    """At start-up: the saved server as `ask_server` gives it; a database account's password
    is asked every time (none is stored). None: single-PC mode, or cancelled."""
    params = server_settings.load()
    if params is None:
        return None
    if server_settings.sign_in_mode() == server_settings.OWN:
        return params
    dialog = ConnectDialog(params, parent, server_settings.DATABASE)
    dialog.status_label.setText(dialog.tr("请输入数据库密码(本机不保存密码)。"))
    if run_connect(dialog) != QDialog.DialogCode.Accepted:
        return None
    return _chosen(dialog)
