"""Who is acting once a database is open: local admin, first admin, or a signed-in user.

A single-PC database without users runs as the PC's own admin (its users page offers to
add accounts); once it has users, or on a server, everyone signs in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from jjjdesk.domain.actor import Actor
from jjjdesk.gui.login_dialog import ChangePasswordDialog, FirstAdminDialog, LoginDialog

if TYPE_CHECKING:
    from jjjdesk.db.connection import ServerParams
    from jjjdesk.db.engine import Database
    from jjjdesk.paths import AppPaths
    from jjjdesk.services.users import SignIn

log = logging.getLogger(__name__)


def call_in_worker(fn: Callable[[], Any]) -> Any:
    """`fn()` in a worker thread while this thread keeps painting and answering (a local
    event loop): for a sign-in behind a modal dialog, which waits for its answer. Raises
    what `fn` raised."""
    from PySide6.QtCore import QEventLoop

    from jjjdesk.gui.worker import Worker

    loop, outcome = QEventLoop(), {}
    worker = Worker()

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    worker.submit(fn, lambda result: finish("result", result), lambda exc: finish("error", exc))
    if not outcome:  # results arrive as queued signals, so only inside the loop
        loop.exec()
    worker.wait()
    worker.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def run_dialog(dialog: QDialog) -> int:
    """Every sign-in dialog goes through here, so tests can answer it."""
    return dialog.exec()


def choose_actor(db: Database, local: Actor, parent: QWidget | None = None) -> Actor | None:
    """The acting user for `db`; None when the user cancelled signing in."""
    from jjjdesk.services import users

    with db.session() as s:
        has_users = users.has_users(session=s)
    if not has_users:
        if db.file is not None:
            return local
        return _first_admin(db, parent)
    return _login(db, parent)


def _first_admin(db: Database, parent: QWidget | None) -> Actor | None:
    from jjjdesk.services import users

    def create_now(username: str, password: str) -> Actor:
        with db.session() as s:
            users.create_first_admin(session=s, username=username, password=password)
        with db.session() as s:
            return users.authenticate(session=s, username=username, password=password)

    def create(username: str, password: str) -> Actor:  # argon2 twice: not on this thread
        return call_in_worker(lambda: create_now(username, password))

    dialog = FirstAdminDialog(create, db.location, parent)
    return dialog.actor if run_dialog(dialog) == QDialog.DialogCode.Accepted else None


def _login(db: Database, parent: QWidget | None) -> Actor | None:
    from jjjdesk.gui import settings
    from jjjdesk.services import users

    passwords: dict[str, str] = {}
    results: dict[str, users.SignIn] = {}

    def sign_in_now(username: str, password: str) -> users.SignIn:
        with db.session() as s:
            return users.sign_in(session=s, username=username, password=password)

    def authenticate(username: str, password: str) -> Actor:
        # argon2 (~0.1 s) and, on a server, round trips: in the worker
        result = call_in_worker(lambda: sign_in_now(username, password))
        passwords[username], results[username] = password, result
        return result.actor

    last = str(settings.qsettings().value("login/last_user", ""))
    dialog = LoginDialog(authenticate, db.location, last, parent)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    actor: Actor = dialog.actor
    s = settings.qsettings()
    s.setValue("login/last_user", actor.name)
    s.sync()
    result = results[actor.name]
    if result.must_change_password and not _change_password(
            db, actor.name, passwords[actor.name], parent, expired=result.expired):
        return None
    _NOTE[:] = [sign_in_note(result)]
    return actor


def sign_in_own_login(params: ServerParams, paths: AppPaths | None,
                      parent: QWidget | None = None) -> tuple[Database, Actor] | None:
    """Server mode after `server init`: 用户名 + 密码, the database opened as that user's own
    login (in the worker), the actor from the connection. None when cancelled."""
    from jjjdesk.gui import server_settings, settings
    from jjjdesk.services import server_login

    opened: dict[str, Any] = {}

    def authenticate(username: str, password: str) -> Actor:
        dialog.ok_button.setEnabled(False)  # one attempt at a time
        try:
            db, result = call_in_worker(
                lambda: server_login.open_as_login(params, username, password, paths,
                                                   server_settings.role_prefix()))
        finally:
            dialog.ok_button.setEnabled(True)
        opened.update(db=db, result=result, password=password)
        return result.actor

    last = str(settings.qsettings().value("login/last_user", ""))
    dialog = LoginDialog(authenticate, f"{params.host}:{params.port}/{params.database}", last,
                         parent)
    dialog.intro_label.setText(dialog.intro_label.text() + "\n" + dialog.tr(
        "请用本人的用户名和密码登录(服务器尚未执行 server init 时,"
        "请在“文件 → 连接服务器…”中选择“数据库账号”)。"))
    if run_dialog(dialog) != QDialog.DialogCode.Accepted or "db" not in opened:
        return None
    db, result, actor = opened["db"], opened["result"], dialog.actor
    s = settings.qsettings()
    s.setValue("login/last_user", actor.name)
    s.sync()
    if result.must_change_password:
        changed: dict[str, str] = {}
        if not _change_password(db, actor.name, opened["password"], parent,
                                expired=result.expired, off_thread=True, changed=changed):
            db.dispose()
            return None
        # The engine's URL holds the old password: its next connection would be refused.
        db.dispose()
        db = call_in_worker(lambda: server_login.reopen(
            params, actor.name, changed["new"], paths, server_settings.role_prefix()))
    note = sign_in_note(result.signed_in)
    if server_settings.forget_legacy_password():
        note += QCoreApplication.translate(
            "SignIn", "已删除本机保存的旧数据库密码(现在每人用本人账号登录)。")
    _NOTE[:] = [note]
    return db, actor


# 上次登录… of the sign-in just made, for the status bar (startup takes it once).
_NOTE: list[str] = []


def sign_in_note(result: SignIn) -> str:
    """"上次登录:2026-12-01 09:30", with the failures since, in the workstation's time."""
    from jjjdesk.services.audit import local_time

    def tr(text: str) -> str:
        return QCoreApplication.translate("SignIn", text)

    if result.previous_sign_in is None:
        text = tr("首次登录。")
    else:
        text = tr("上次登录:{0}。").format(
            local_time(result.previous_sign_in).strftime("%Y-%m-%d %H:%M"))
    if result.failed_since:
        text += tr("此后有 {0} 次登录失败,如非本人操作请联系管理员。").format(result.failed_since)
    return text


def take_sign_in_note() -> str:
    """The note of the latest sign-in, once ("" when none, e.g. single-PC without users)."""
    note = _NOTE[0] if _NOTE else ""
    _NOTE.clear()
    return note


def _change_password(db: Database, username: str, current: str, parent: QWidget | None,
                     expired: bool = False, off_thread: bool = False,
                     changed: dict[str, str] | None = None) -> bool:
    """`changed["new"]` is the new password, for a caller that must reconnect with it."""
    from jjjdesk.services import users

    def change_now(old: str, new: str) -> None:
        with db.session() as s:
            users.change_own_password(
                session=s, username=username, old_password=old, new_password=new
            )
        if changed is not None:
            changed["new"] = new

    def change(old: str, new: str) -> None:
        if off_thread:  # a server login: PostgreSQL checks the old password over the network
            call_in_worker(lambda: change_now(old, new))
        else:
            change_now(old, new)

    dialog = ChangePasswordDialog(change, username, forced=True, expired=expired, parent=parent)
    dialog.old_edit.setText(current)
    dialog.new_edit.setFocus()
    return run_dialog(dialog) == QDialog.DialogCode.Accepted


ChooseActor = Callable[["Database", Actor, QWidget | None], Actor | None]
