"""The 等保 three in the app (issue 16): 系统管理员 manages accounts, 安全管理员 assigns roles
and units, 安全审计员 reads and exports the audit; each does exactly its work through the
services and is refused the rest in Chinese, as the server grants refuse it
(db/server_roles.py; tests/core/test_server_roles.py checks the database side).

Runs on SQLite files, and on PostgreSQL with JJJDESK_TEST_PG_URL (as the owner, so only the
app's rules are tested here).
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, User
from jjjdesk.domain.period import Period
from jjjdesk.excel.audit_sheet import export_audit
from jjjdesk.importing.batch import preview_import
from jjjdesk.services import (
    audit,
    audit_log,
    entries,
    entry_list,
    projects,
    rounds,
    settings,
    users,
)
from jjjdesk.services.permissions import PermissionDenied, may_open_page

ADMIN = Actor("adm", Role.ADMIN)
PASSWORD = "Duty#2024-ok"
_names = itertools.count()


@pytest.fixture
def office(empty_db):
    """A registry with an open round, an admin, a coordinator, a viewer and the three."""
    reg = build(empty_db)
    with empty_db.session() as s:
        rnd = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 3),
                                  deadline=date(2024, 4, 5))
    ids = {}
    with empty_db.session() as s:
        for name, role in (("adm", "admin"), ("co", "coordinator"), ("v1", "viewer"),
                           ("sys", "sysadmin"), ("sec", "secadmin"), ("aud", "auditor")):
            ids[name] = users.create_user(session=s, actor=ADMIN, username=name,
                                          password=PASSWORD, role=role).id
    return {"db": empty_db, "reg": reg, "round": rnd.id, "ids": ids}


def _user(s, name: str) -> User:
    return s.exec(select(User).where(User.username == name)).one()


def _toggle_active(name: str):
    def act(s, actor, office, tmp_path):
        user = _user(s, name)
        users.update_user(session=s, actor=actor, user_id=office["ids"][name],
                          values={"active": not user.active})
    return act


def _assign(name: str):
    def act(s, actor, office, tmp_path):
        user = _user(s, name)
        role = "coordinator" if user.role == "viewer" else "viewer"
        if name in ("sec", "sys", "aud"):
            role = "admin"  # a duty account's own role: never its own to give
        users.update_user(session=s, actor=actor, user_id=office["ids"][name],
                          values={"role": role})
    return act


def _reset(name: str):
    def act(s, actor, office, tmp_path):
        users.reset_password(session=s, actor=actor, user_id=office["ids"][name],
                             new_password="Reset#2024-x")
    return act


def _create(role: str, unit: bool = False):
    def act(s, actor, office, tmp_path):
        users.create_user(session=s, actor=actor, username=f"n{next(_names)}",
                          password=PASSWORD, role=role,
                          unit_id=office["reg"].unit_a if unit else None)
    return act


def _export(s, actor, office, tmp_path):
    export_audit(session=s, actor=actor, filters=audit.AuditFilter(),
                 path=tmp_path / f"a{next(_names)}.xlsx")


def _save_entry(s, actor, office, tmp_path):
    entries.save_entry(session=s, actor=actor, subject=office["reg"].task_a,
                       round_id=office["round"], values={"completion_pct": 20})


def _import(s, actor, office, tmp_path):
    preview_import(session=s, actor=actor, path=tmp_path / "return.xlsx")


#: Every action one of the three might try; each role's row says which are its work.
ACTIONS = {
    "list users": lambda s, a, o, t: users.list_users(session=s, actor=a),
    "add a viewer": _create("viewer"),
    "add a coordinator": _create("coordinator"),
    "add a reporter": _create("reporter", unit=True),
    "reset a coordinator's password": _reset("co"),
    "reset the admin's password": _reset("adm"),
    "reset the auditor's password": _reset("aud"),
    "disable a viewer": _toggle_active("v1"),
    "disable the admin": _toggle_active("adm"),
    "disable the secadmin": _toggle_active("sec"),
    "give a viewer a role": _assign("v1"),
    "give itself a role": None,  # filled per role below
    "read the audit": lambda s, a, o, t: audit_log.list_log(session=s, actor=a),
    "verify the audit": lambda s, a, o, t: audit_log.verify_log(session=s, actor=a),
    "export the audit": _export,
    "edit the registry": lambda s, a, o, t: projects.create_project(
        session=s, actor=a, values={"code": f"D-{next(_names)}", "name": "等保测试项目"}),
    "list entries": lambda s, a, o, t: entry_list.list_entries(session=s, actor=a),
    "save an entry": _save_entry,
    "import a return": _import,
    "open a round": lambda s, a, o, t: rounds.create_round(
        session=s, actor=a, period=Period.month(2024, 4), deadline=date(2024, 5, 6)),
    "set the password policy": lambda s, a, o, t: settings.set_setting(
        session=s, actor=a, key="password.max_age_days", value=90),
}

WORK = {
    "sys": {"list users", "add a viewer", "reset a coordinator's password",
            "disable a viewer"},
    "sec": {"list users", "give a viewer a role"},
    "aud": {"read the audit", "verify the audit", "export the audit"},
}
ROLES = {"sys": Role.SYSADMIN, "sec": Role.SECADMIN, "aud": Role.AUDITOR}
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("who", list(WORK))
def test_each_duty_role_does_exactly_its_work(office, tmp_path, who):
    actor = Actor(who, ROLES[who])
    done, refused, wrong = set(), {}, []
    for name, action in ACTIONS.items():
        action = action or _assign(who)
        try:
            with office["db"].session() as s:
                action(s, actor, office, tmp_path)
            done.add(name)
        except PermissionDenied as exc:
            refused[name] = str(exc)
        except Exception as exc:  # noqa: BLE001 - any other failure is a wrong answer
            wrong.append(f"{name}: {type(exc).__name__}: {exc}")
    assert wrong == []
    assert done == WORK[who]
    assert set(refused) == set(ACTIONS) - WORK[who]
    assert all(_CHINESE.search(text) for text in refused.values()), refused


def test_the_sysadmins_refusals_say_why(office):
    sysadmin = Actor("sys", Role.SYSADMIN)
    with pytest.raises(PermissionDenied, match="只能是只读用户"), office["db"].session() as s:
        users.create_user(session=s, actor=sysadmin, username="boss", password=PASSWORD,
                          role="admin")
    with pytest.raises(PermissionDenied, match="不能修改管理员、安全管理员或安全审计员"), \
            office["db"].session() as s:
        users.reset_password(session=s, actor=sysadmin, user_id=office["ids"]["sec"],
                             new_password="Reset#2024-x")
    with pytest.raises(PermissionDenied, match="安全管理员"), office["db"].session() as s:
        users.update_user(session=s, actor=sysadmin, user_id=office["ids"]["co"],
                          values={"role": "admin"})
    with pytest.raises(PermissionDenied, match="不能给自己分配"), office["db"].session() as s:
        users.update_user(session=s, actor=Actor("sec", Role.SECADMIN),
                          user_id=office["ids"]["sec"], values={"unit_id": None,
                                                                "role": "admin"})


def test_the_secadmins_assignment_takes_effect_and_is_audited(office):
    with office["db"].session() as s:
        users.update_user(session=s, actor=Actor("sec", Role.SECADMIN),
                          user_id=office["ids"]["v1"],
                          values={"role": "reporter", "unit_id": office["reg"].unit_a})
    with office["db"].session() as s:
        event = audit.list_events(session=s, entity="user", limit=1)[0]
        signed = users.authenticate(session=s, username="v1", password=PASSWORD)
    assert (signed.role, signed.unit_id) == (Role.REPORTER, office["reg"].unit_a)
    assert event.actor == "sec" and event.changes["fields"]["role"] == ["viewer", "reporter"]


def test_the_auditors_export_is_itself_audited(office, tmp_path):
    auditor = Actor("aud", Role.AUDITOR)
    target = tmp_path / "审计.xlsx"
    with office["db"].session() as s:
        before = audit.count_events(session=s)
        written = export_audit(session=s, actor=auditor,
                               filters=audit.AuditFilter(entity="user"), path=target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == written + 1 and written >= 6  # the six accounts' creations
    with office["db"].session() as s:
        last = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()  # type: ignore[union-attr]
        assert audit.count_events(session=s) == before + 1
        assert audit.verify_chain(session=s) == []
    assert (last.actor, last.action, last.entity) == ("aud", "export", "audit_event")
    assert last.summary == f"导出审计日志 {written} 条到 审计.xlsx"
    # and the log names it in words
    from jjjdesk.services.audit_text import action_label, describe_changes
    assert action_label("export") == "导出"
    assert "记录数:→ " + str(written) in describe_changes(audit._view(last).changes)


def test_a_refused_export_writes_no_file_and_no_row(office, tmp_path):
    target = tmp_path / "no.xlsx"
    with office["db"].session() as s:
        before = audit.count_events(session=s)
        with pytest.raises(PermissionDenied, match="导出审计日志"):
            export_audit(session=s, actor=Actor("sys", Role.SYSADMIN),
                         filters=audit.AuditFilter(), path=target)
    with office["db"].session() as s:
        assert audit.count_events(session=s) == before
    assert not target.exists()


@pytest.mark.parametrize(("role", "pages"), [
    (Role.SYSADMIN, {"users"}),
    (Role.SECADMIN, {"users"}),
    (Role.AUDITOR, {"audit"}),
])
def test_the_pages_of_a_duty_role_are_only_its_own(role, pages):
    keys = ["home", "tasks", "projects", "units", "rounds", "review", "problems", "search",
            "dashboard", "backups", "audit", "users", "extensions", "lights", "indicators"]
    actor = Actor("x", role)
    assert {k for k in keys if may_open_page(actor, k)} == pages
    admin = Actor("a", Role.ADMIN)
    assert all(may_open_page(admin, k) for k in keys)  # the admin keeps everything


def test_the_cli_adds_the_duty_roles_and_the_auditor_exports(empty_db, tmp_path, capsys,
                                                            monkeypatch):
    """On a SQLite file the CLI acts as the local administrator (server mode: as the login)."""
    import io
    import json

    from jjjdesk.cli.main import main as cli_main

    if not empty_db.url.startswith("sqlite"):
        pytest.skip("the owner of a server database is covered in test_server_roles.py")

    def cli(*argv: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return cli_main(["--db", empty_db.url, *argv])

    assert cli("user", "add", "shenji", "--role", "auditor", "--password-stdin",
               stdin=PASSWORD + "\n") == 0
    assert cli("user", "add", "xitong", "--role", "sysadmin", "--password-stdin",
               stdin=PASSWORD + "\n") == 0
    assert cli("user", "assign", "xitong", "--role", "secadmin") == 0
    capsys.readouterr()
    assert cli("user", "list", "--json") == 0
    listed = {u["username"]: u["role"] for u in json.loads(capsys.readouterr().out)}
    assert listed == {"shenji": "auditor", "xitong": "secadmin"}
    assert cli("user", "list") == 0
    assert "安全审计员" in capsys.readouterr().out
    target = tmp_path / "audit"
    assert cli("audit", "export", str(target)) == 0
    assert "已导出" in capsys.readouterr().out and (tmp_path / "audit.xlsx").exists()
    assert cli("audit", "list", "--json", "--limit", "1") == 0
    newest = json.loads(capsys.readouterr().out)[0]
    assert (newest["action"], newest["summary"][:6]) == ("导出", "导出审计日志")


def test_the_admin_is_refused_none_of_it(office, tmp_path):
    """Separation of duties adds roles; it takes nothing from the admin (single-PC mode's
    local admin included)."""
    from jjjdesk.errors import UserFacingError

    for actor in (ADMIN, Actor.local()):
        for name, action in ACTIONS.items():
            action = action or _assign("adm")
            try:
                with office["db"].session() as s:
                    action(s, actor, office, tmp_path)
            except PermissionDenied as exc:
                pytest.fail(f"{actor.name}: {name}: {exc}")
            except UserFacingError:
                pass  # e.g. no return file to import, the last admin kept: not a refusal
