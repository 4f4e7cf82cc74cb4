"""Server mode in the GUI: login, users page, conflicts, audit page, connection dialog."""

from __future__ import annotations

import os
import socket

import keyring
import pytest
from keyring.backends import fail
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog

from jjjdesk.db import errors
from jjjdesk.db.connection import ServerParams
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.gui import server_settings, sign_in
from jjjdesk.gui.conflict_dialog import ConflictDialog
from jjjdesk.gui.connect_dialog import ConnectDialog
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.login_dialog import LoginDialog
from jjjdesk.services import projects, units, users

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def with_admin(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    return demo_db


# ---- login ----------------------------------------------------------------------------------
def test_login_wrong_password_then_success(with_admin, qtbot, monkeypatch):
    seen: list[LoginDialog] = []

    def answer(dialog):
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.username_edit.setText("admin")
        dialog.password_edit.setText("wrong-one")
        dialog.ok_button.click()
        assert dialog.error_label.text() == "用户名或密码错误。"
        assert dialog.error_label.isVisibleTo(dialog) and dialog.result() == 0
        assert dialog.password_edit.text() == ""  # cleared for the next try
        dialog.password_edit.setText("Admin#2024")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(sign_in, "run_dialog", answer)
    actor = sign_in.choose_actor(with_admin, Actor.local())
    assert actor == Actor("admin", Role.ADMIN, None)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted


def test_temporary_password_must_be_changed(with_admin, qtbot, monkeypatch):
    with with_admin.session() as s:
        users.create_user(
            session=s, actor=ADMIN, username="lw", password="Temp#12345", role="coordinator"
        )

    def answer(dialog):
        qtbot.addWidget(dialog)
        if isinstance(dialog, LoginDialog):
            dialog.username_edit.setText("lw")
            dialog.password_edit.setText("Temp#12345")
        else:  # the change-password dialog, current password prefilled
            assert dialog.old_edit.text() == "Temp#12345"
            dialog.new_edit.setText("Mine#67890")
            dialog.again_edit.setText("Mine#67890x")
            dialog.ok_button.click()
            assert "不一致" in dialog.error_label.text()
            dialog.again_edit.setText("Mine#67890")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(sign_in, "run_dialog", answer)
    assert sign_in.choose_actor(with_admin, Actor.local()).name == "lw"
    with with_admin.session() as s:
        assert not users.must_change_password(session=s, username="lw")


def test_without_users_single_pc_is_local_admin_and_a_server_asks_for_the_first_admin(
    demo_db, qtbot, monkeypatch
):
    from jjjdesk.gui.login_dialog import FirstAdminDialog

    local = Actor.local()
    if demo_db.file is not None:
        monkeypatch.setattr(sign_in, "run_dialog", lambda d: pytest.fail("no dialog expected"))
        assert sign_in.choose_actor(demo_db, local) is local
        return

    def create(dialog):
        qtbot.addWidget(dialog)
        assert isinstance(dialog, FirstAdminDialog)
        dialog.password_edit.setText("Chief#2024")
        dialog.again_edit.setText("Chief#2024")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(sign_in, "run_dialog", create)
    assert sign_in.choose_actor(demo_db, local) == Actor("admin", Role.ADMIN, None)


# ---- users page -------------------------------------------------------------------------------
def test_users_page_hidden_for_non_admins_and_adds_and_resets(window, qtbot, monkeypatch):
    from jjjdesk.gui.pages import users_page
    from jjjdesk.gui.pages.users_page import UsersPage

    page = next(p for p in window.pages if isinstance(p, UsersPage))
    row = window.pages.index(page)
    assert window.nav_list.item(row).isHidden()  # the fixture's actor is a coordinator

    window.context.actor = Actor("本机", Role.ADMIN)
    window.attach(window.context)
    assert not window.nav_list.item(row).isHidden()
    window.show_page(row)
    assert "尚无用户账号" in page.hint_label.text()

    def fill_first(dialog):
        qtbot.addWidget(dialog)
        assert [dialog.role_combo.itemData(i) for i in range(dialog.role_combo.count())] == [
            "admin"
        ]  # the first account must be an admin
        dialog.username_edit.setText("chief")
        dialog.password_edit.setText("Chief#2024")
        dialog.buttons = None
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(users_page, "run_dialog", fill_first)
    page.add_button.click()
    assert page.model.rowCount() == 1

    with window.context.db.session() as s:
        wuqing = units.find_unit_by_name(session=s, name="武清区")

    def fill_reporter(dialog):
        qtbot.addWidget(dialog)
        dialog.username_edit.setText("wq")
        dialog.password_edit.setText("short")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("reporter"))
        dialog._accept()
        assert "至少 10 位" in dialog.error_label.text() and dialog.result() == 0
        dialog.password_edit.setText("Temp#12345")
        dialog._accept()
        assert "绑定一个单位" in dialog.error_label.text()
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(wuqing))
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(users_page, "run_dialog", fill_reporter)
    page.add_button.click()
    assert [page.model.index(r, 0).data() for r in range(2)] == ["chief", "wq"]
    assert page.model.index(1, 3).data() == "武清区"
    assert page.view.currentIndex().row() == 1 and page.reset_button.isEnabled()

    monkeypatch.setattr(users_page, "ask_password", lambda *a: "Reset#2024")
    page.reset_button.click()
    with window.context.db.session() as s:
        assert users.authenticate(session=s, username="wq", password="Reset#2024")
        assert users.must_change_password(session=s, username="wq")


# ---- conflicts ------------------------------------------------------------------------------
def _projects_page(window):
    from jjjdesk.gui.pages.projects_page import ProjectsPage

    return next(p for p in window.pages if isinstance(p, ProjectsPage))


def test_conflict_dialog_shows_theirs_and_mine(window, qtbot, monkeypatch):
    from jjjdesk.gui import conflict_dialog

    page = _projects_page(window)
    form = page.form
    first_id = page.model.record(0).id
    form.load(first_id)
    original = form.fields["name"].text()
    # Someone else saves the project meanwhile (another workstation).
    other = Actor("同事", Role.COORDINATOR)
    with window.context.db.session() as s:
        projects.update_project(
            session=s, actor=other, project_id=first_id, values={"name": "他人改的名称"}
        )
    form.fields["name"].setText("我改的名称")
    shown: list[ConflictDialog] = []

    def choose(dialog, choice):
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return choice

    monkeypatch.setattr(conflict_dialog, "run_conflict", lambda d: choose(d, 0))
    assert form.save() is False
    dialog = shown[-1]
    cells = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert ("他人改的名称", "我改的名称") in cells.values()
    assert len(dialog.differing) == 1
    assert form.fields["name"].text() == "我改的名称" and form.is_dirty()  # input kept
    assert "已被他人修改" in form.error_banner.text()

    monkeypatch.setattr(
        conflict_dialog, "run_conflict", lambda d: choose(d, ConflictDialog.KEEP_MINE)
    )
    assert form.save() is True
    with window.context.db.session() as s:
        assert projects.get_project(session=s, project_id=first_id).name == "我改的名称"
    assert original != "我改的名称"

    with window.context.db.session() as s:
        projects.update_project(
            session=s, actor=other, project_id=first_id, values={"name": "又被改了"}
        )
    form.fields["name"].setText("我的第二次修改")
    monkeypatch.setattr(
        conflict_dialog, "run_conflict", lambda d: choose(d, ConflictDialog.TAKE_THEIRS)
    )
    assert form.save() is False
    assert form.fields["name"].text() == "又被改了" and not form.is_dirty()


def test_a_failed_save_keeps_the_input(window, monkeypatch):
    from sqlalchemy.exc import OperationalError

    page = _projects_page(window)
    form = page.form
    form.load(page.model.record(0).id)
    form.fields["name"].setText("断网时的输入")

    def cut(*_a, **_k):
        raise OperationalError("UPDATE", {}, Exception("server closed the connection"))

    monkeypatch.setattr(window.context, "write", cut)
    assert form.save() is False
    assert form.error_banner.text() == errors.CONNECTION_LOST
    assert form.fields["name"].text() == "断网时的输入" and form.is_dirty()
    page.refresh()  # a refresh (another workstation's change) does not load over it
    assert form.fields["name"].text() == "断网时的输入"


# ---- change watcher -------------------------------------------------------------------------
def test_watcher_reports_other_workstations_changes(demo_db, qtbot):
    from jjjdesk.gui.change_watcher import ChangeWatcher

    context = AppContext(demo_db, Actor("me", Role.COORDINATOR))
    watcher = ChangeWatcher(context)
    watcher.start()
    try:
        qtbot.waitUntil(lambda: watcher.last_seen is not None, timeout=5000)
        with qtbot.waitSignal(watcher.changed, timeout=10000) as got:
            with demo_db.session() as s:
                projects.create_project(
                    session=s,
                    actor=Actor("other", Role.COORDINATOR),
                    values={"code": "W-1", "name": "别处新增"},
                )
            if not watcher.listening:
                watcher.poll()
        assert got.args == ["project"]
    finally:
        watcher.stop()


# ---- audit page ----------------------------------------------------------------------------
def test_audit_page_filters_and_exports_what_it_shows(window, qtbot, tmp_path, monkeypatch):
    from jjjdesk.gui.pages import audit_page
    from jjjdesk.gui.pages.audit_page import AuditPage

    with window.context.db.session() as s:
        for n in range(3):
            projects.create_project(
                session=s,
                actor=Actor("小李", Role.COORDINATOR),
                values={"code": f"X-{n}", "name": f"=cmd|{n}"},
            )
    window.context.changed.emit("project")
    page = next(p for p in window.pages if isinstance(p, AuditPage))
    window.show_page(window.pages.index(page))

    def settle() -> None:  # the page reads in the worker
        qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)

    settle()
    all_rows = page.model.total
    assert all_rows > 3
    page.actor_combo.setCurrentIndex(page.actor_combo.findData("小李"))
    settle()
    assert page.model.total == 3 and page.model.rowCount() == 3
    assert page.model.index(0, 1).data() == "小李"
    assert page.model.index(0, 2).data() == "新增"
    assert "名称:→ =cmd|2" in page.model.index(0, 5).data()
    assert page.count_label.text() == f"共 3 条 / 全部 {all_rows} 条"
    assert (
        not page.model.flags(page.model.index(0, 0))
        & page.model.flags(page.model.index(0, 0)).ItemIsEditable
    )
    assert page.entity_combo.findData("registry") > 0  # the demo load's row
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("registry"))
    settle()
    assert page.model.total == 0
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("project"))
    settle()
    assert page.model.total == 3

    target = tmp_path / "审计.xlsx"
    monkeypatch.setattr(audit_page, "ask_save_path", lambda *a: str(target))
    page.export_button.click()
    qtbot.waitUntil(lambda: not page.worker.is_busy(), timeout=10000)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "用户", "操作") and len(rows) == 4
    assert {r[1] for r in rows[1:]} == {"小李"}
    cell = sheet.cell(row=2, column=6)
    assert cell.data_type == "s"  # text, never a formula
    assert "=cmd|2" in sheet.cell(row=2, column=7).value


# ---- connection dialog and saved server ---------------------------------------------------
def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_in_dialog(qtbot, params: ServerParams) -> str:
    dialog = ConnectDialog(params)
    qtbot.addWidget(dialog)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    return dialog.status_label.text()


def test_connect_dialog_against_a_closed_port(qtbot):
    text = _test_in_dialog(qtbot, ServerParams("127.0.0.1", _closed_port(), "jjjdesk", "u", "p"))
    assert text == errors.SERVER_DOWN


@pytest.mark.skipif(not os.environ.get("JJJDESK_TEST_PG_URL"), reason="needs the PG server")
def test_connect_dialog_against_the_real_server(qtbot, demo_db):
    text = _test_in_dialog(qtbot, ServerParams.from_url(demo_db.url))
    assert text.startswith("连接成功(PostgreSQL 15")


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


PARAMS = ServerParams("10.1.2.3", 5432, "jjjdesk", "xtb", "Secret#1",
                      sslmode="verify-full", sslrootcert="/etc/jjjdesk/ca.crt")


def test_saving_the_server_deletes_a_password_an_earlier_version_kept(memory_keyring, qtbot):
    # An earlier version saved the database account and kept its password in the keyring.
    s = server_settings.settings.qsettings()
    for key, value in (("enabled", True), ("host", PARAMS.host), ("port", PARAMS.port),
                       ("database", PARAMS.database), ("user", PARAMS.user)):
        s.setValue(f"server/{key}", value)
    memory_keyring.store[("jjjdesk", "xtb@10.1.2.3:5432/jjjdesk")] = "Secret#1"
    assert server_settings.load().password == ""  # never read for start-up
    dialog = ConnectDialog(server_settings.load())
    qtbot.addWidget(dialog)
    assert dialog.mode == server_settings.OWN  # the default once the server had server init
    dialog.set_params(PARAMS)
    dialog.buttons.accepted.emit()
    assert dialog.deleted_password and memory_keyring.store == {}
    assert server_settings.load() == ServerParams(**{**PARAMS.__dict__, "user": "",
                                                     "password": ""})
    assert "Secret#1" not in server_settings.settings.settings_file().read_text()
    server_settings.forget()
    assert server_settings.load() is None


def test_a_database_account_is_asked_its_password_at_every_start(no_keyring, qtbot,
                                                                  monkeypatch):
    from jjjdesk.gui import connect_dialog

    dialog = ConnectDialog(PARAMS)
    qtbot.addWidget(dialog)
    assert dialog.mode == server_settings.DATABASE  # opened on a named account
    dialog.buttons.accepted.emit()
    assert server_settings.load() == ServerParams(**{**PARAMS.__dict__, "password": ""})
    assert "Secret#1" not in server_settings.settings.settings_file().read_text()

    # At the next start the app asks for the password instead of failing.
    def type_password(d):
        qtbot.addWidget(d)
        assert d.host_edit.text() == "10.1.2.3" and "不保存密码" in d.status_label.text()
        d.password_edit.setText("Secret#1")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(connect_dialog, "run_connect", type_password)
    assert connect_dialog.saved_server() == PARAMS.url()
