"""Server mode after `server init` in the GUI (issue 16): the connect dialog keeps no
password, the sign-in connects as the user's own login, a refusal is one Chinese line.

PostgreSQL only (JJJDESK_TEST_PG_URL). Roles are cluster-wide: a prefix of its own per test.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import replace

import pg_roles
import psycopg
import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import select

from jjjdesk.db import server_roles
from jjjdesk.db.connection import ServerParams
from jjjdesk.domain.actor import Role
from jjjdesk.domain.models import Unit, User
from jjjdesk.gui import connect_dialog, server_settings, settings, sign_in
from jjjdesk.gui.connect_dialog import ConnectDialog
from jjjdesk.gui.login_dialog import LoginDialog
from jjjdesk.services import server_login

PASSWORD = "Rep#2024-unitA"
NEW_PASSWORD = "Mine#2024-unitA"
_ids = itertools.count()


def _cli(url: str, *argv: str, stdin: str = "") -> int:
    return pg_roles.run_cli(["--db", url, *argv], stdin)


@pytest.fixture
def server(demo_db):
    """The demo registry after `server init`, with a reporter added by the owner; the
    workstation's settings name the server (本人账号) and nothing else."""
    if not demo_db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set JJJDESK_TEST_PG_URL (scripts/pg_test_server.sh)")
    prefix = f"jg{os.getpid()}x{next(_ids)}"
    try:
        assert _cli(demo_db.url, "server", "init", "--role-prefix", prefix) == 0
        with demo_db.session() as s:
            unit = s.exec(select(Unit).order_by(Unit.id)).first()
        assert _cli(demo_db.url, "user", "add", "rep", "--role", "reporter", "--unit",
                    unit.name, "--password-stdin", stdin=PASSWORD + "\n") == 0
        owner = ServerParams.from_url(demo_db.url)
        params = ServerParams(host=owner.host, port=owner.port, database=owner.database)
        server_settings.save(params, server_settings.OWN, prefix)
        yield {"params": params, "prefix": prefix, "unit": unit.id, "owner": owner,
               "login": server_roles.login_role_name("rep", prefix), "db": demo_db}
    finally:
        demo_db.engine.dispose()
        pg_roles.drop_roles(demo_db.url, prefix)


def _settings_text() -> str:
    settings.qsettings().sync()
    return settings.settings_file().read_text(encoding="utf-8")


def test_a_reporter_signs_in_as_its_own_login_and_nothing_secret_is_stored(
        server, memory_keyring, qtbot, monkeypatch, isolated_paths):
    owner = server["owner"]
    # An earlier version saved the owner's account and its password in the keyring.
    settings.qsettings().setValue("server/user", owner.user)
    account = f"{owner.user}@{owner.host}:{owner.port}/{owner.database}"
    memory_keyring.store[("jjjdesk", account)] = owner.password
    seen: list[str] = []

    def answer(dialog):
        qtbot.addWidget(dialog)
        if isinstance(dialog, LoginDialog):
            dialog.username_edit.setText("rep")
            dialog.password_edit.setText("Wrong#2024-x")
            dialog.ok_button.click()
            seen.append(dialog.error_label.text())
            dialog.username_edit.setText("nobody")
            dialog.password_edit.setText(PASSWORD)
            dialog.ok_button.click()
            seen.append(dialog.error_label.text())
            assert dialog.result() == 0
            dialog.username_edit.setText("rep")
            dialog.password_edit.setText(PASSWORD)
        else:  # 修改密码: the temporary password of `user add`, changed as the login itself
            assert dialog.old_edit.text() == PASSWORD
            dialog.new_edit.setText(NEW_PASSWORD)
            dialog.again_edit.setText(NEW_PASSWORD)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(sign_in, "run_dialog", answer)
    signed = sign_in.sign_in_own_login(server_settings.load(), isolated_paths)
    assert signed is not None
    db, actor = signed
    try:
        assert seen == [server_login.REFUSED, server_login.REFUSED]
        assert (actor.name, actor.role, actor.unit_id) == ("rep", Role.REPORTER, server["unit"])
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == server["login"]
    finally:
        db.dispose()
    # The new password is the login's (PostgreSQL checks it); the temporary one is gone.
    url = make_url(server["db"].url)
    info = dict(host=url.host, port=url.port, dbname=url.database, user=server["login"])
    psycopg.connect(**info, password=NEW_PASSWORD).close()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(**info, password=PASSWORD).close()
    with server["db"].session() as s:
        assert not s.exec(select(User.must_change_password)
                          .where(User.username == "rep")).one()
    # No password anywhere on the workstation; the old one went, and the note says so.
    assert memory_keyring.store == {}
    stored = _settings_text()
    for secret in (PASSWORD, NEW_PASSWORD, owner.password):
        assert secret not in stored
    assert "已删除本机保存的旧数据库密码" in sign_in.take_sign_in_note()


def test_the_connect_dialog_saves_the_server_and_no_password(server, memory_keyring, qtbot,
                                                             monkeypatch):
    dialog = ConnectDialog(server["params"])
    qtbot.addWidget(dialog)
    assert dialog.mode == server_settings.OWN
    assert not dialog.password_edit.isVisibleTo(dialog) or dialog.isHidden()
    dialog.set_mode(server_settings.DATABASE)  # the owner, explicitly
    dialog.user_edit.setText(server["owner"].user)
    dialog.password_edit.setText(server["owner"].password)
    dialog.buttons.accepted.emit()
    assert memory_keyring.store == {}
    saved = settings.qsettings()
    keys = saved.allKeys()
    assert "server/user" in keys and not any("pass" in key.lower() for key in keys)
    # (the test server's password is its user's name: the name alone may be saved)
    assert [k for k in keys if k != "server/user"
            and str(saved.value(k)) == server["owner"].password] == []
    # At the next start the owner's password is asked again, never read from anywhere.
    asked: list[str] = []

    def type_password(d):
        qtbot.addWidget(d)
        asked.append(d.password_edit.text())
        d.password_edit.setText(server["owner"].password)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(connect_dialog, "run_connect", type_password)
    url = connect_dialog.saved_server()
    assert asked == [""] and make_url(url).username == server["owner"].user
    # Back to 本人账号: the account name goes as well.
    dialog = ConnectDialog(server_settings.load())
    qtbot.addWidget(dialog)
    dialog.set_mode(server_settings.OWN)
    dialog.buttons.accepted.emit()
    expected = replace(server["params"], sslmode="prefer")  # the dialog's choice, spelled out
    assert server_settings.load() == expected
    assert connect_dialog.saved_server() == expected


def test_at_start_up_the_window_opens_as_the_signed_in_login(server, qtbot, monkeypatch,
                                                            isolated_paths):
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.gui.startup import Startup

    def answer(dialog):
        qtbot.addWidget(dialog)
        if isinstance(dialog, LoginDialog):
            dialog.username_edit.setText("rep")
            dialog.password_edit.setText(PASSWORD)
        else:
            dialog.new_edit.setText(NEW_PASSWORD)
            dialog.again_edit.setText(NEW_PASSWORD)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(sign_in, "run_dialog", answer)
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, isolated_paths, None, load_demo=False)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20_000)
    context = window.context
    try:
        assert (context.actor.name, context.actor.role) == ("rep", Role.REPORTER)
        with context.db.engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == server["login"]
        assert "首次登录" in window.statusBar().currentMessage()
    finally:
        startup.worker.wait(10_000)
        window.attach(None)


def test_test_connection_with_own_accounts_needs_no_password(server, qtbot):
    dialog = ConnectDialog(server["params"])
    qtbot.addWidget(dialog)
    assert dialog.mode == server_settings.OWN
    dialog.test_button.click()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=15_000)
    # The server refused a login that cannot exist: it answers, and nothing was typed.
    assert dialog.status_label.text() == "服务器可以连接。启动时用本人的用户名和密码登录。"
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(1)  # nothing listens there
    dialog.test_button.click()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=15_000)
    assert dialog.status_label.text().startswith("无法连接数据库服务器")
