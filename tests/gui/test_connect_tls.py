"""The connect dialog's 加密连接 and CA 证书文件: the URL it builds, the saved settings, and
测试连接 against the TLS test server (the `tls_pg` fixture); the status bar's encryption."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog
from sqlalchemy.engine import make_url
from tls_server import PASSWORD, USER

from jjjdesk.db import tls
from jjjdesk.db.connection import ServerParams
from jjjdesk.gui import server_settings
from jjjdesk.gui.connect_dialog import ConnectDialog


def _dialog(qtbot, params: ServerParams | None = None) -> ConnectDialog:
    dialog = ConnectDialog(params)
    qtbot.addWidget(dialog)
    return dialog


def test_choosing_a_ca_file_selects_verify_full_and_goes_into_the_url(qtbot, monkeypatch,
                                                                       tmp_path):
    ca = tmp_path / "协同办 CA.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog = _dialog(qtbot, ServerParams("db.xtb.local", 5432, "jjjdesk", "xtb", "pw"))
    # Another computer, no CA yet: the dialog starts at 必须加密, never at plaintext.
    assert dialog.sslmode_combo.currentText() == "必须加密"
    assert [dialog.sslmode_combo.itemData(i) for i in range(3)] == list(tls.MODES)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ca), ""))
    dialog.ca_button.click()
    assert dialog.ca_edit.text() == str(ca)
    assert dialog.sslmode_combo.currentText() == "验证证书(最安全)"
    query = make_url(dialog.params().url()).query
    assert query == {"sslmode": "verify-full", "sslrootcert": str(ca)}


def test_typing_a_ca_path_selects_verify_full_too(qtbot):
    dialog = _dialog(qtbot, ServerParams("db.xtb.local", 5432, "jjjdesk", "xtb", "pw"))
    qtbot.keyClicks(dialog.ca_edit, "/etc/jjjdesk/ca.crt")
    assert dialog.params().sslmode == "verify-full"
    assert dialog.params().sslrootcert == "/etc/jjjdesk/ca.crt"


def test_the_chosen_mode_is_saved_and_shown_again(qtbot):
    dialog = _dialog(qtbot, ServerParams("10.1.2.3", 5432, "jjjdesk", "xtb", "pw"))
    dialog.sslmode_combo.setCurrentIndex(dialog.sslmode_combo.findData(tls.PREFER))
    dialog.ca_edit.setText("/etc/jjjdesk/ca.crt")
    dialog.buttons.accepted.emit()
    saved = server_settings.load()
    assert saved is not None
    assert (saved.sslmode, saved.sslrootcert) == ("prefer", "/etc/jjjdesk/ca.crt")
    again = _dialog(qtbot, saved)
    assert again.sslmode_combo.currentText() == "优先加密(服务器不支持时不加密)"
    assert again.ca_edit.text() == "/etc/jjjdesk/ca.crt"


def _tested(qtbot, dialog: ConnectDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    return dialog.status_label.text()


def test_test_connection_says_encrypted_or_refuses_the_wrong_ca(qtbot, tls_pg):
    good = ServerParams("localhost", tls_pg.port, "postgres", USER, PASSWORD,
                        sslmode="verify-full", sslrootcert=str(tls_pg.ca_file))
    text = _tested(qtbot, _dialog(qtbot, good))
    assert text.startswith("连接成功(PostgreSQL ") and "已加密(TLSv1." in text
    wrong = ServerParams(**{**good.__dict__, "sslrootcert": str(tls_pg.other_ca_file)})
    assert _tested(qtbot, _dialog(qtbot, wrong)) == tls.UNTRUSTED


def test_the_status_bar_says_whether_the_server_connection_is_encrypted(window):
    label = window.encryption_label
    if window.context.db.encryption is None:  # a file on this PC: nothing to say
        assert label.isHidden()
    else:  # the suite's PostgreSQL server runs without SSL
        assert label.isVisibleTo(window) and label.text() == "连接未加密"
    window._show_encryption("TLSv1.3")
    assert label.isVisibleTo(window) and label.text() == "已加密(TLSv1.3)"
