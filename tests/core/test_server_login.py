"""`jjjdesk-cli --db URL` in server mode acts as the login it connects with (issue 16): a
reporter's login may list its unit's entries but not the users, an admin's login may; the
owner acts as the administrator, named in the audit by its own login.

PostgreSQL only (JJJDESK_TEST_PG_URL); the office fixture comes from test_server_roles.
"""

from __future__ import annotations

import json

import pg_roles
import pytest
import test_server_roles as roles
from sqlalchemy.engine import make_url

from jjjdesk.db import server_roles
from jjjdesk.services import audit

ADMIN_PASSWORD = "Adm#2024-office"
NEW = "Mine#2024-unitA"
PASSWORD, _cli = roles.PASSWORD, roles._cli
office, prefix = roles.office, roles.prefix  # the fixtures, shared


def _login_url(db, login: str, password: str | None = PASSWORD) -> str:
    # _replace: `set(password=None)` would keep the owner's password
    url = make_url(db.url)._replace(username=login, password=password)
    return url.render_as_string(hide_password=False)


USERS_REFUSED = "错误:只有管理员、系统管理员或安全管理员可以查看用户账号。"


def _run(url: str, *argv: str, stdin: str = "") -> int:
    return pg_roles.run_cli(["--db", url, *argv], stdin)


def test_a_reporters_login_lists_its_entries_and_may_not_list_users(empty_db, office, capsys):
    url = _login_url(empty_db, office["login"])
    capsys.readouterr()
    assert _run(url, "user", "list") == 1
    assert capsys.readouterr().err.strip() == USERS_REFUSED
    assert _run(url, "entries", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    # Its own unit's entry only: the app asks as the reporter, and row security agrees.
    assert [row["id"] for row in listed] == [office["entry_a"]]


def test_the_password_may_come_from_stdin_or_pgpassword(empty_db, office, capsys,
                                                        monkeypatch):
    bare = _login_url(empty_db, office["login"], password=None)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    assert _run(bare, "--db-password-stdin", "entries", "list", "--json",
                stdin=PASSWORD + "\n") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [office["entry_a"]]
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    assert _run(bare, "entries", "list", "--json") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [office["entry_a"]]
    monkeypatch.setenv("PGPASSWORD", "wrong-Password#1")
    assert _run(bare, "entries", "list") == 1
    assert "用户名或密码错误" in capsys.readouterr().err


def test_an_admins_login_lists_users_and_the_owner_is_named_by_its_login(empty_db, office,
                                                                        capsys):
    assert _cli(empty_db, "user", "add", "chief", "--role", "admin",
                "--password-stdin", stdin=ADMIN_PASSWORD + "\n") == 0
    owner = make_url(empty_db.url).username
    with empty_db.session() as s:
        added = [e for e in audit.list_events(session=s) if e.summary == "新增用户 chief"]
    assert [e.actor for e in added] == [owner]  # not the OS account of whoever ran it
    admin_url = _login_url(empty_db, server_roles.login_role_name("chief", office["prefix"]),
                           ADMIN_PASSWORD)
    capsys.readouterr()
    assert _run(admin_url, "user", "list", "--json") == 0
    names = {row["username"] for row in json.loads(capsys.readouterr().out)}
    assert names == {"chief", office["user"]}
    # What an admin's login adds is audited in the admin's name.
    assert _run(admin_url, "user", "disable", office["user"]) == 0
    with empty_db.session() as s:
        disabled = [e for e in audit.list_events(session=s)
                    if e.summary == f"修改用户 {office['user']}"]
    assert [e.actor for e in disabled] == ["chief"]


def test_a_database_role_that_is_no_user_is_refused(empty_db, office, capsys):
    from sqlalchemy import create_engine, text

    stranger = f"{office['prefix']}_stranger"
    engine = create_engine(empty_db.url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{stranger}" LOGIN PASSWORD \'{PASSWORD}\''
                              f' IN ROLE "{office["prefix"]}_viewer"'))
    finally:
        engine.dispose()
    capsys.readouterr()
    assert _run(_login_url(empty_db, stranger), "entries", "list") == 1
    assert "既不是 jjjdesk 用户的本人账号,也不是数据库所有者" in capsys.readouterr().err


@pytest.mark.parametrize("verb", ["list"])
def test_without_server_init_the_cli_acts_as_the_local_admin(empty_db, verb, capsys):
    # A SQLite file (or a server database without server init): as before.
    assert _cli(empty_db, "user", verb) == 0
    assert capsys.readouterr().out.strip() == "尚无用户。"


# ---- the services a signed-in login uses ------------------------------------------------------
def _as_login(db, office, password: str = PASSWORD):
    from jjjdesk.db.connection import ServerParams
    from jjjdesk.services import server_login

    server = ServerParams.from_url(db.url)
    return server_login.open_as_login(server, office["user"], password,
                                      prefix=office["prefix"])


def test_a_login_checks_and_changes_its_own_password_through_postgresql(empty_db, office):
    from jjjdesk.errors import UserFacingError
    from jjjdesk.services import server_login, users

    with pytest.raises(UserFacingError) as refused:
        _as_login(empty_db, office, "Wrong#2024-xx")
    assert str(refused.value) == server_login.REFUSED
    db, signed = _as_login(empty_db, office)
    try:
        assert signed.must_change_password and signed.actor.name == office["user"]
        with db.session() as s:  # the idle lock's check, by PostgreSQL
            users.verify_password(session=s, username=office["user"], password=PASSWORD)
        with pytest.raises(UserFacingError, match="用户名或密码错误"), db.session() as s:
            users.verify_password(session=s, username=office["user"], password="Nope#2024-x")
        with pytest.raises(UserFacingError, match="当前密码错误"), db.session() as s:
            users.change_own_password(session=s, username=office["user"],
                                      old_password="Nope#2024-x", new_password=NEW)
        with db.session() as s:
            users.change_own_password(session=s, username=office["user"],
                                      old_password=PASSWORD, new_password=NEW)
    finally:
        db.dispose()
    with pytest.raises(UserFacingError):
        _as_login(empty_db, office)  # the old password no longer opens the login
    db, signed = _as_login(empty_db, office, NEW)
    db.dispose()
    assert not signed.must_change_password
    with empty_db.session() as s:  # the owner's app sign-in follows the new password too
        assert users.sign_in(session=s, username=office["user"], password=NEW).actor.name \
            == office["user"]
        assert audit.verify_chain(session=s) == []


def test_a_lock_the_app_set_still_refuses_the_login(empty_db, office):
    from datetime import timedelta

    from sqlmodel import select

    from jjjdesk.domain.models import User, now
    from jjjdesk.errors import UserFacingError

    with empty_db.session() as s:
        user = s.exec(select(User).where(User.username == office["user"])).one()
        user.locked_until = now() + timedelta(minutes=15)
        s.add(user)
    with pytest.raises(UserFacingError, match="账号已锁定"):
        _as_login(empty_db, office)


def test_an_auditors_login_acts_as_the_auditor_in_the_cli(empty_db, office, capsys):
    login = roles._duty_login(empty_db, "auditor", f"aud{office['prefix']}")
    url = _login_url(empty_db, login)
    capsys.readouterr()
    assert _run(url, "user", "list") == 1  # refused by the auditor's rule, not a crash
    assert capsys.readouterr().err.strip() == USERS_REFUSED
    assert _run(url, "audit", "verify") == 0  # its own work


def test_a_disabled_or_unknown_user_gets_the_same_line_as_a_wrong_password(empty_db, office):
    from jjjdesk.db.connection import ServerParams
    from jjjdesk.errors import UserFacingError
    from jjjdesk.services import server_login

    assert _cli(empty_db, "user", "disable", office["user"]) == 0
    server = ServerParams.from_url(empty_db.url)
    for name in (office["user"], "nobody_here"):
        with pytest.raises(UserFacingError) as refused:
            server_login.open_as_login(server, name, PASSWORD, prefix=office["prefix"])
        assert str(refused.value) == server_login.REFUSED
