"""Server mode guarded by PostgreSQL: a reporter's own login, used directly with psycopg
(not through our services), cannot do what the app would refuse (issue 16).

Runs on the PostgreSQL test server (JJJDESK_TEST_PG_URL, see scripts/pg_test_server.sh).
Roles are cluster-wide: every test uses its own role prefix and drops its roles at the end.
"""

from __future__ import annotations

import itertools
import os
from datetime import date

import pg_roles
import psycopg
import pytest
from progress_registry import COORDINATOR, build
from psycopg import errors as pg_errors
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jjjdesk.db import server_roles
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.services import audit, audit_log, entries, extensions, rounds, server_setup, users
from jjjdesk.services.permissions import PermissionDenied

PASSWORD = "Rep#2024-unitA"
MARCH = Period.month(2024, 3)
_ids = itertools.count()


def _pg_only(db) -> None:
    if not db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set JJJDESK_TEST_PG_URL (scripts/pg_test_server.sh)")


def _drop_roles(db, prefix: str) -> None:
    pg_roles.drop_roles(db.url, prefix)


@pytest.fixture
def prefix(empty_db):
    _pg_only(empty_db)
    name = f"jt{os.getpid()}x{next(_ids)}"
    try:
        yield name
    finally:
        empty_db.engine.dispose()
        _drop_roles(empty_db, name)


def _cli(db, *argv: str, stdin: str = "") -> int:
    return pg_roles.run_cli(["--db", db.url, *argv], stdin)


@pytest.fixture
def office(empty_db, prefix):
    """Two units with an entry each in an open March round; server init run twice; a
    reporter of unit A added through the CLI."""
    reg = build(empty_db)
    with empty_db.session() as s:
        rnd = rounds.create_round(session=s, actor=COORDINATOR, period=MARCH,
                                  deadline=date(2024, 4, 5))
    ids = {}
    for name, subject in (("a", reg.task_a), ("b", reg.task_b)):
        with empty_db.session() as s:
            saved = entries.save_entry(
                session=s, actor=COORDINATOR, subject=subject, round_id=rnd.id,
                values={"assessment": "正常推进", "completion_pct": 10, "progress": "起步"})
        ids[name] = saved.entry_id
    assert _cli(empty_db, "server", "init", "--role-prefix", prefix) == 0
    assert _cli(empty_db, "server", "init", "--role-prefix", prefix) == 0  # idempotent
    login = f"rep_a{next(_ids)}"
    assert _cli(empty_db, "user", "add", login, "--role", "reporter", "--unit", "市发展改革委",
                "--password-stdin", stdin=PASSWORD + "\n") == 0
    return {"reg": reg, "round": rnd.id, "entry_a": ids["a"], "entry_b": ids["b"],
            "user": login, "login": server_roles.login_role_name(login, prefix),
            "prefix": prefix}


def _conninfo(db, login: str, password: str = PASSWORD) -> str:
    url = make_url(db.url)
    return psycopg.conninfo.make_conninfo(
        host=url.host, port=url.port or 5432, dbname=url.database, user=login,
        password=password)


def _refused(conn, statement: str, params=None) -> None:
    with pytest.raises(pg_errors.InsufficientPrivilege):
        conn.execute(statement, params)
    conn.rollback()


def test_login_names_are_one_rule_in_python_and_in_sql(empty_db, prefix):
    with empty_db.session() as s:
        server_setup.init_server(session=s, prefix=prefix)
    names = ["alice", "a_1", "Alice", "张三", "a b", "a\n", "x" * 30, "x" * 31, "o'neil",
             '"; drop role postgres; --', "jjjdesk_admin"]
    with empty_db.engine.connect() as conn:
        for name in names:
            in_sql = conn.execute(text("SELECT jjjdesk_login_name(:u)"), {"u": name}).scalar()
            assert in_sql == server_roles.login_role_name(name, prefix), name
            assert len(in_sql.encode()) <= 63
    assert server_roles.login_role_name("alice", prefix) == f"{prefix}_u_alice"
    assert server_roles.login_role_name("张三", prefix).startswith(f"{prefix}_h_")
    assert server_roles.login_role_name("Alice") != server_roles.login_role_name("alice")


def test_user_add_creates_a_scram_login_in_its_group(empty_db, office):
    with empty_db.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT r.rolcanlogin, r.rolsuper, r.rolcreaterole, a.rolpassword"
            " FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname = :n"),
            {"n": office["login"]}).one()
        groups = set(conn.execute(text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " JOIN pg_roles l ON l.oid = m.member WHERE l.rolname = :n"),
            {"n": office["login"]}).scalars())
        group_login = conn.execute(text(
            "SELECT bool_or(rolcanlogin) FROM pg_roles WHERE starts_with(rolname, :p)"
            " AND rolname NOT LIKE '%\\_u\\_%' AND rolname NOT LIKE '%\\_h\\_%'"),
            {"p": office["prefix"] + "_"}).scalar()
    can_login, superuser, createrole, verifier = row
    assert can_login and not superuser and not createrole
    assert verifier.startswith("SCRAM-SHA-256$")
    assert groups == {f"{office['prefix']}_reporter"}
    assert group_login is False  # group roles are NOLOGIN


def test_a_reporters_login_cannot_change_users_settings_or_the_audit(empty_db, office):
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        _refused(conn, "UPDATE app_user SET role = 'admin'")
        _refused(conn, "INSERT INTO app_user (username, role) VALUES ('evil', 'admin')")
        _refused(conn, "SELECT password_hash FROM app_user")
        _refused(conn, "UPDATE setting SET value = '1'")
        _refused(conn, "UPDATE key_task SET title = 'x'")
        _refused(conn, "UPDATE audit_event SET summary = 'nothing happened'")
        _refused(conn, "DELETE FROM audit_event")
        _refused(conn, "UPDATE setting SET value = '0'")  # reads the policy, never sets it
        _refused(conn, "TRUNCATE audit_event")
        _refused(conn, "SELECT summary, changes FROM audit_event")
        head = conn.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
        forged = ("INSERT INTO audit_event (at, actor, action, entity, entity_id, summary,"
                  " changes, reason, prev_hash, hash) VALUES (now(), %s, 'update', 'entry', 1,"
                  " 'forged', '{}', '', %s, 'x')")
        _refused(conn, forged, [COORDINATOR.name, head[0]])  # in someone else's name
        _refused(conn, forged, [office["user"], "0" * 64])  # not onto the chain's head
        _refused(conn, forged.replace("now()", "now() - interval '3 days'"),
                 [office["user"], head[0]])  # back-dated
        _refused(conn, forged.replace("now()", "date_trunc('second', now())"),
                 [office["user"], head[0]])  # all else right, but a hash of nothing
        _refused(conn, "INSERT INTO audit_event (id, actor, action, entity)"
                       " VALUES (999999, %s, 'x', 'x')", [office["user"]])
        # Nothing the app's own administrator could use either.
        _refused(conn, "SELECT jjjdesk_sync_login(%s)", [office["user"]])
        _refused(conn, "CREATE TABLE public.evil (id int)")
    with empty_db.session() as s:
        assert audit.verify_chain(session=s) == []
        assert users.list_users(session=s, actor=Actor("o", Role.ADMIN))[0].role == "reporter"


def test_a_reporters_login_sees_and_writes_only_its_units_entries(empty_db, office):
    own, other = office["entry_a"], office["entry_b"]
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        seen = {r[0] for r in conn.execute("SELECT id FROM progress_entry")}
        assert seen == {own}
        assert conn.execute("SELECT count(*) FROM progress_entry WHERE id = %s",
                            [other]).fetchone()[0] == 0
        cur = conn.execute("UPDATE progress_entry SET progress = 'hacked' WHERE id = %s",
                           [other])
        assert cur.rowcount == 0
        cur = conn.execute("UPDATE progress_entry SET progress = '本单位推进' WHERE id = %s",
                           [own])
        assert cur.rowcount == 1
        conn.commit()
        # Moving its entry to another unit, approving itself, or adding one for unit B: refused.
        _refused(conn, "UPDATE progress_entry SET reporter_unit_id = %s WHERE id = %s",
                 [office["reg"].unit_b, own])
        _refused(conn, "UPDATE progress_entry SET review_state = 'approved' WHERE id = %s",
                 [own])
        _refused(conn, "INSERT INTO progress_entry (project_id, period_kind, period_key,"
                       " reporter_unit_id, assessment, progress, problems, next_steps,"
                       " coordination, reporter, reviewed_by, cumulative_reason, review_state,"
                       " review_comment, source, source_sheet, is_demo, version, created_at,"
                       " updated_at) VALUES (%s, 'month', '2024-03', %s, 'on_track', '', '',"
                       " '', '', '', '', '', 'draft', '', 'manual', '', false, 1, now(), now())",
                 [office["reg"].project_a.id, office["reg"].unit_b])
        _refused(conn, "DELETE FROM progress_entry WHERE id = %s", [own])  # no DELETE grant
    with empty_db.session() as s:
        a = entries.get_entry_form(session=s, actor=COORDINATOR, subject=office["reg"].task_a,
                                   period="2024-03").entry
        b = entries.get_entry_form(session=s, actor=COORDINATOR, subject=office["reg"].task_b,
                                   period="2024-03").entry
    assert a.progress == "本单位推进" and b.progress == "起步"


def test_the_app_signed_in_as_the_login_works_and_acts_as_that_user(empty_db, office,
                                                                    isolated_paths):
    url = make_url(empty_db.url).set(username=office["login"], password=PASSWORD)
    db = open_database(url.render_as_string(hide_password=False), isolated_paths)
    try:
        with db.session() as s:
            first = users.sign_in_as_connection(session=s)
        with db.session() as s:
            again = users.sign_in_as_connection(session=s)
        assert first.previous_sign_in is None and first.must_change_password
        assert again.previous_sign_in is not None and again.actor == first.actor
        with db.session() as s:
            actor = users.connection_actor(session=s)
            assert actor == first.actor
            assert (actor.name, actor.role, actor.unit_id) == (
                office["user"], Role.REPORTER, office["reg"].unit_a)
            entries.save_entry(session=s, actor=actor, subject=office["reg"].task_a,
                               round_id=office["round"],
                               values={"completion_pct": 40, "problems": "用地指标不足"})
        with db.session() as s:
            entries.submit_entry(session=s, actor=actor, entry_id=office["entry_a"])
        with db.session() as s, pytest.raises(PermissionDenied):
            users.list_users(session=s, actor=actor)
    finally:
        db.dispose()
    with empty_db.session() as s:
        assert audit.verify_chain(session=s) == []
        mine = [e for e in audit.list_events(session=s) if e.actor == office["user"]]
    with pytest.raises(UserFacingError, match="不是已启用的 jjjdesk 用户"), \
            empty_db.session() as s:
        users.sign_in_as_connection(session=s)  # the owner is nobody's login
    assert mine  # the rows the trigger let through name the login's user
    assert [e.action for e in mine].count("login") == 2
    # The CLI connected as the login acts as that reporter, not as an administrator.
    assert _cli(db, "user", "list") == 1


def test_disabling_a_user_disables_its_login(empty_db, office):
    assert _cli(empty_db, "server", "init", "--role-prefix", office["prefix"]) == 0
    psycopg.connect(_conninfo(empty_db, office["login"])).close()  # init kept the password
    assert _cli(empty_db, "user", "disable", office["user"]) == 0
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_conninfo(empty_db, office["login"])).close()
    assert _cli(empty_db, "user", "enable", office["user"]) == 0
    psycopg.connect(_conninfo(empty_db, office["login"])).close()


def test_server_init_is_refused_on_a_sqlite_file(empty_db):
    if empty_db.url.startswith("postgresql"):
        pytest.skip("the SQLite side of server init")
    with empty_db.session() as s, pytest.raises(UserFacingError, match="PostgreSQL"):
        server_setup.init_server(session=s)
    with empty_db.session() as s:
        assert users.login_name(session=s, username="x") is None
        assert users.connection_actor(session=s) is None


def _duty_login(empty_db, role: str, name: str) -> str:
    """A 等保 account written behind the app (as psql would): its app_user row and its login."""
    with empty_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO app_user (username, display_name, role, password_hash,"
                          " active, must_change_password, version, created_at, updated_at)"
                          " VALUES (:u, :u, :r, '', true, false, 1, now(), now())"),
                     {"u": name, "r": role})
        server_roles.sync_login(conn, name)
        server_roles.set_login_password(conn, name, PASSWORD)
        return conn.execute(text("SELECT jjjdesk_login_name(:u)"), {"u": name}).scalar()


def test_each_duty_role_does_only_its_own_work(empty_db, office):
    n = next(_ids)
    sysadmin = _duty_login(empty_db, "sysadmin", f"sys{n}")
    secadmin = _duty_login(empty_db, "secadmin", f"sec{n}")
    auditor = _duty_login(empty_db, "auditor", f"aud{n}")
    with empty_db.session() as s:
        users.create_user(session=s, actor=Actor("owner", Role.ADMIN), username=f"adm{n}",
                          password="Admin#2024x", role="admin")
    add = ("INSERT INTO app_user (username, display_name, role, password_hash, active,"
           " must_change_password, version, created_at, updated_at)"
           " VALUES (%s, '', %s, '', true, true, 1, now(), now())")
    with psycopg.connect(_conninfo(empty_db, sysadmin)) as conn:
        conn.execute(add, [f"new{n}", "viewer"])  # accounts: yes, as a viewer
        conn.commit()
        _refused(conn, add, [f"boss{n}", "admin"])  # but never an admin
        _refused(conn, "UPDATE app_user SET role = 'coordinator' WHERE username = %s",
                 [f"new{n}"])  # roles are the secadmin's
        assert conn.execute("UPDATE app_user SET active = false WHERE username = %s",
                            [f"adm{n}"]).rowcount == 0  # an admin is out of its reach
        assert conn.execute("UPDATE app_user SET active = false WHERE username = %s",
                            [f"aud{n}"]).rowcount == 0  # nor is the auditor
        for other in (f"adm{n}", f"sec{n}", f"aud{n}"):  # no takeover by password
            _refused(conn, "SELECT jjjdesk_set_login_password(%s, 'SCRAM-SHA-256$4096:x')",
                     [other])
        conn.execute("SELECT jjjdesk_set_login_password(%s, 'SCRAM-SHA-256$4096:x')",
                     [office["user"]])  # an ordinary account's: its job
        conn.rollback()
        _refused(conn, "SELECT id FROM progress_entry")
        _refused(conn, "SELECT summary FROM audit_event")
    with psycopg.connect(_conninfo(empty_db, secadmin)) as conn:
        assert conn.execute("UPDATE app_user SET role = 'coordinator' WHERE username = %s",
                            [f"new{n}"]).rowcount == 1
        conn.commit()
        assert conn.execute("UPDATE app_user SET role = 'admin' WHERE username = %s",
                            [f"sec{n}"]).rowcount == 0  # never its own
        _refused(conn, "UPDATE app_user SET active = false WHERE username = %s", [f"new{n}"])
        _refused(conn, "INSERT INTO app_user (username) VALUES ('x')")
        _refused(conn, "SELECT id FROM progress_entry")
    with psycopg.connect(_conninfo(empty_db, auditor)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_event WHERE summary <> ''"
                            ).fetchone()[0] > 0  # reads the whole audit
        _refused(conn, "SELECT id FROM progress_entry")
        _refused(conn, "UPDATE app_user SET role = 'admin'")
        _refused(conn, "DELETE FROM audit_event")
        _refused(conn, "UPDATE setting SET value = '0'")  # reads the policy, never sets it


def test_the_server_digest_is_the_apps_digest(empty_db, prefix):
    from datetime import UTC, datetime

    from jjjdesk.domain.models import AuditEvent
    from jjjdesk.services.audit import _digest

    with empty_db.session() as s:
        server_setup.init_server(session=s, prefix=prefix)
    tricky = ['say "hi"\\', "line\nnext\ttab\r", "\x01\x1f\x7f", "滨海新区 ✓ 😀", "\u2028",
              "{}", ""]
    with empty_db.engine.connect() as conn:
        for i, value in enumerate(tricky):
            event = AuditEvent(at=datetime(2024, 3, 1, 8, 0, i, tzinfo=UTC), actor=value,
                               action="update", entity="entry", entity_id=i or None,
                               summary=value, changes=value, reason=value,
                               import_batch_id=i if i % 2 else None, prev_hash="ab" * 32)
            in_sql = conn.execute(text(
                "SELECT jjjdesk_audit_digest(ROW(NULL, :at, :actor, :action, :entity, :eid,"
                " :summary, :changes, :reason, :batch, :prev, '')::audit_event)"), {
                    "at": event.at, "actor": event.actor, "action": event.action,
                    "entity": event.entity, "eid": event.entity_id, "summary": event.summary,
                    "changes": event.changes, "reason": event.reason,
                    "batch": event.import_batch_id, "prev": event.prev_hash}).scalar()
            assert in_sql == _digest(event.prev_hash, event), repr(value)


def test_every_table_of_the_schema_has_its_grants_decided():
    """A table a migration adds is granted to nobody until it is listed (fail closed), so a
    list kept by hand must not fall behind the models unnoticed."""
    from sqlmodel import SQLModel

    import jjjdesk.domain.models  # noqa: F401 - every table is registered

    assert set(SQLModel.metadata.tables) - set(server_roles.GRANTS) == set()
    assert set(server_roles.RLS_TABLES) <= set(server_roles.GRANTS)
    for policy in server_roles.POLICIES:
        assert policy.table in server_roles.RLS_TABLES
        assert set(policy.groups) <= set(server_roles.GRANTS[policy.table]), policy.name


def test_user_add_and_disable_without_server_init(empty_db, capsys):
    """A SQLite file (or a server database before `server init`): app users only, as before."""
    build(empty_db)
    assert _cli(empty_db, "user", "add", "wang", "--role", "reporter", "--unit", "滨海新区",
                "--password-stdin", stdin=PASSWORD + "\n") == 0
    assert "数据库登录名" not in capsys.readouterr().out
    assert _cli(empty_db, "user", "add", "li", "--role", "reporter", "--password-stdin",
                stdin=PASSWORD + "\n") == 1
    assert "必须绑定一个单位" in capsys.readouterr().err
    assert _cli(empty_db, "user", "add", "zhao", "--role", "viewer", "--unit", "没有这个单位",
                "--password-stdin", stdin=PASSWORD + "\n") == 1
    assert _cli(empty_db, "user", "disable", "wang") == 0
    with empty_db.session() as s:
        [wang] = users.list_users(session=s, actor=Actor("o", Role.ADMIN))
        assert (wang.username, wang.active, wang.must_change_password) == ("wang", False, True)
        with pytest.raises(UserFacingError, match="停用"):
            users.authenticate(session=s, username="wang", password=PASSWORD)


def test_two_workstations_signed_in_as_logins_append_to_the_audit_at_once(
        empty_db, office, isolated_paths):
    """The second writer waits on the chain's lock, then the trigger must see the first
    writer's row as the head (a stale snapshot would refuse a legitimate row)."""
    import threading

    url = make_url(empty_db.url).set(username=office["login"], password=PASSWORD)
    db = open_database(url.render_as_string(hide_password=False), isolated_paths)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with db.session() as s:
                audit.record(session=s, actor=users.connection_actor(session=s),
                             action="update", entity="entry", entity_id=2, summary="二",
                             changes={})
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    try:
        with db.session() as s:
            actor = users.connection_actor(session=s)
            audit.record(session=s, actor=actor, action="update", entity="entry",
                         entity_id=1, summary="一", changes={})
            other = threading.Thread(target=second)
            other.start()
            other.join(1.0)
            assert other.is_alive()  # queued on the lock while this transaction is open
        other.join(10)
    finally:
        db.dispose()
    assert errors == []
    with empty_db.session() as s:
        assert audit.verify_chain(session=s) == []
        assert [e.summary for e in audit.list_events(session=s, limit=2)] == ["二", "一"]


def test_a_reporters_login_asks_extensions_for_its_unit_only_and_cannot_decide(empty_db,
                                                                               office):
    reg = office["reg"]
    ask = ("INSERT INTO extension_request (task_id, unit_id, original_due, requested_until,"
           " reason, state, requested_by, requested_at, decided_by, decision_note, version)"
           " VALUES (%s, %s, '2024-12-31', '2025-06-30', '顺延', %s, '', now(), '', '', 1)"
           " RETURNING id")
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        own = conn.execute(ask, [reg.task_a.id, reg.unit_a, "pending"]).fetchone()[0]
        conn.commit()
        _refused(conn, ask, [reg.task_b.id, reg.unit_b, "pending"])  # another unit's item
        _refused(conn, ask, [reg.task_a.id, reg.unit_a, "approved"])  # self-approved
        _refused(conn, "UPDATE extension_request SET state = 'approved' WHERE id = %s", [own])
        assert [r[0] for r in conn.execute("SELECT id FROM extension_request")] == [own]
    with empty_db.session() as s:
        assert [v.state for v in extensions.list_extensions(session=s)] == ["pending"]


def test_a_reporters_login_reaches_only_its_units_attachments(empty_db, office, tmp_path,
                                                                isolated_paths):
    """佐证材料 in server mode: the app signed in as the reporter adds and removes files of
    its own entry; with psql the login sees no other unit's attachment nor its bytes, cannot
    attach to another unit's entry, in another's name, nor delete or rewrite any row."""
    from jjjdesk.services import attachments

    own_file, other_file = tmp_path / "本单位.pdf", tmp_path / "乙单位.pdf"
    own_file.write_bytes(b"%PDF-1.7 own " * 1000)
    other_file.write_bytes(b"%PDF-1.7 other " * 1000)
    with empty_db.session() as s:
        [other] = attachments.add_attachments(session=s, actor=COORDINATOR,
                                              files=[other_file], entry_id=office["entry_b"])
    url = make_url(empty_db.url).set(username=office["login"], password=PASSWORD)
    db = open_database(url.render_as_string(hide_password=False), isolated_paths)
    try:
        with db.session() as s:
            actor = users.sign_in_as_connection(session=s).actor
        with db.session() as s:
            [mine] = attachments.add_attachments(session=s, actor=actor, files=[own_file],
                                                 entry_id=office["entry_a"])
        with db.session() as s:  # the same bytes as unit B's file: stored once, no error
            [dup] = attachments.add_attachments(session=s, actor=actor, files=[other_file],
                                                entry_id=office["entry_a"])
        with db.session() as s:
            attachments.save_attachment(session=s, actor=actor, attachment_id=mine.id,
                                        out=tmp_path / "back.pdf")
            attachments.delete_attachment(session=s, actor=actor, attachment_id=dup.id)
    finally:
        db.dispose()
    assert (tmp_path / "back.pdf").read_bytes() == own_file.read_bytes()
    assert dup.sha256 == other.sha256
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        seen = {r[0] for r in conn.execute("SELECT id FROM attachment")}
        assert seen == {mine.id, dup.id}
        # Unit B's bytes are readable only through the reporter's own attachment of them.
        assert conn.execute("SELECT count(DISTINCT sha256) FROM attachment_chunk"
                            ).fetchone()[0] == 2
        cur = conn.execute("UPDATE attachment SET deleted_by = 'x' WHERE id = %s", [other.id])
        assert cur.rowcount == 0
        conn.commit()
        _refused(conn, "UPDATE attachment SET file_name = 'x' WHERE id = %s", [mine.id])
        _refused(conn, "DELETE FROM attachment WHERE id = %s", [mine.id])
        _refused(conn, "DELETE FROM attachment_chunk")
        _refused(conn, "UPDATE attachment_chunk SET data = 'x'")
        insert = ("INSERT INTO attachment (content_sha256, file_name, media_type, size,"
                  " uploader, entry_id, created_at, deleted_by) VALUES (%s, 'x.pdf',"
                  " 'application/pdf', 1, %s, %s, now(), '')")
        with pytest.raises(pg_errors.InsufficientPrivilege):  # another unit's entry
            conn.execute(insert, [mine.sha256, office["user"], office["entry_b"]])
        conn.rollback()
        with pytest.raises(pg_errors.InsufficientPrivilege):  # in someone else's name
            conn.execute(insert, [mine.sha256, "协同办小王", office["entry_a"]])
        conn.rollback()
    with empty_db.session() as s:
        assert audit.verify_chain(session=s) == []
        rows = attachments.list_attachments(session=s, actor=COORDINATOR,
                                            entry_id=office["entry_a"], include_deleted=True)
    assert [(r.uploader, r.is_deleted) for r in rows] == [(office["user"], False),
                                                          (office["user"], True)]


def test_a_reporters_login_attaches_to_its_units_pending_extensions_only(empty_db, office,
                                                                        tmp_path):
    """佐证材料 of 延期申请 in server mode: with psql the reporter's login sees the files of its
    unit's requests only, and adds to them only while they are pending."""
    from jjjdesk.services import attachments

    reg = office["reg"]
    letter = tmp_path / "申请函.pdf"
    letter.write_bytes(b"%PDF-1.7 letter " * 500)
    with empty_db.session() as s:
        own = extensions.request_extension(session=s, actor=COORDINATOR, subject=reg.task_a,
                                           until=date(2025, 6, 30), reason="顺延",
                                           files=[letter])
        other = extensions.request_extension(session=s, actor=COORDINATOR,
                                             subject=reg.task_b, until=date(2025, 6, 30),
                                             reason="顺延", files=[letter])
        [mine] = attachments.list_attachments(session=s, actor=COORDINATOR,
                                              extension_id=own.id)
    insert = ("INSERT INTO attachment (content_sha256, file_name, media_type, size, uploader,"
              " extension_id, created_at, deleted_by) VALUES (%s, 'x.pdf', 'application/pdf',"
              " 1, %s, %s, now(), '')")
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM attachment")] == [mine.id]
        conn.execute(insert, [mine.sha256, office["user"], own.id])
        conn.commit()
        with pytest.raises(pg_errors.InsufficientPrivilege):  # another unit's request
            conn.execute(insert, [mine.sha256, office["user"], other.id])
        conn.rollback()
    with empty_db.session() as s:
        extensions.approve_extension(session=s, actor=COORDINATOR, request_id=own.id)
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):  # decided: files as they were
            conn.execute(insert, [mine.sha256, office["user"], own.id])
        conn.rollback()
        cur = conn.execute("UPDATE attachment SET deleted_at = now(), deleted_by = %s"
                           " WHERE id = %s", [office["user"], mine.id])
        assert cur.rowcount == 0
        conn.commit()


def test_a_cooperating_units_login_writes_only_its_own_part_and_reads_the_leads_entry(
        empty_db, office):
    from jjjdesk.domain.models import TaskUnit

    reg = office["reg"]
    with empty_db.session() as s:  # unit A cooperates on unit B's task
        s.add(TaskUnit(task_id=reg.task_b.id, unit_id=reg.unit_a, role="coop"))
    insert = ("INSERT INTO coop_part (round_id, task_id, unit_id, progress, source,"
              " reported_by, reported_at, version) VALUES (%s, %s, %s, %s, 'manual', 'x',"
              " now(), 1)")
    with psycopg.connect(_conninfo(empty_db, office["login"])) as conn:
        seen = {r[0] for r in conn.execute("SELECT id FROM progress_entry")}
        assert seen == {office["entry_a"], office["entry_b"]}  # the lead's entry, to read
        cur = conn.execute("UPDATE progress_entry SET progress = 'hacked' WHERE id = %s",
                           [office["entry_b"]])
        assert cur.rowcount == 0
        conn.execute(insert, [office["round"], reg.task_b.id, reg.unit_a, "本单位配合部分"])
        conn.commit()
        _refused(conn, insert, [office["round"], reg.task_b.id, reg.unit_b, "冒名"])
        _refused(conn, "UPDATE coop_part SET unit_id = %s", [reg.unit_b])
        _refused(conn, "DELETE FROM coop_part")  # no DELETE grant
    with empty_db.session() as s:
        from jjjdesk.services import coop_parts

        [part] = [p for p in coop_parts.entry_parts(session=s, subject=reg.task_b,
                                                    period_key="2024-03") if p.reported]
    assert (part.unit_id, part.progress) == (reg.unit_a, "本单位配合部分")


def test_each_duty_roles_app_work_is_what_its_login_may_do(empty_db, office, isolated_paths,
                                                          tmp_path):
    """The app's rule table (services/permissions.py) and the grants agree: each of the three,
    signed in with its own login, does its work through the services (the database lets
    it), and the app refuses in Chinese what the database refuses too."""
    from jjjdesk.excel.audit_sheet import export_audit
    from jjjdesk.services import projects

    n = next(_ids)
    for role in ("sysadmin", "secadmin", "auditor"):
        _duty_login(empty_db, role, f"{role[:3]}{n}")
    with empty_db.session() as s:
        users.create_user(session=s, actor=Actor("owner", Role.ADMIN), username=f"adm{n}",
                          password="Admin#2024x", role="admin")

    def signed_in(role: str):
        login = server_roles.login_role_name(f"{role[:3]}{n}", office["prefix"])
        url = make_url(empty_db.url).set(username=login, password=PASSWORD)
        return open_database(url.render_as_string(hide_password=False), isolated_paths)

    db = signed_in("sysadmin")
    try:
        with db.session() as s:
            actor = users.connection_actor(session=s)
            assert actor is not None and actor.role == Role.SYSADMIN
            users.create_user(session=s, actor=actor, username=f"new{n}", password=PASSWORD,
                              role="viewer")
            users.reset_password(session=s, actor=actor,
                                 user_id=users.find_user_id(session=s, username=office["user"]),
                                 new_password="Reset#2024-x")
            assert {u.username for u in users.list_users(session=s, actor=actor)} >= {
                f"new{n}", office["user"]}
        with db.session() as s, pytest.raises(PermissionDenied, match="不能修改管理员"):
            users.reset_password(session=s, actor=actor,
                                 user_id=users.find_user_id(session=s, username=f"adm{n}"),
                                 new_password="Reset#2024-x")
        with db.session() as s, pytest.raises(PermissionDenied, match="台账"):
            projects.create_project(session=s, actor=actor, values={"code": "Z", "name": "z"})
    finally:
        db.dispose()
    db = signed_in("secadmin")
    try:
        with db.session() as s:
            actor = users.connection_actor(session=s)
            users.update_user(session=s, actor=actor,
                              user_id=users.find_user_id(session=s, username=f"new{n}"),
                              values={"role": "coordinator"})
        with db.session() as s, pytest.raises(PermissionDenied, match="系统管理员"):
            users.update_user(session=s, actor=actor,
                              user_id=users.find_user_id(session=s, username=f"new{n}"),
                              values={"active": False})
    finally:
        db.dispose()
    db = signed_in("auditor")
    try:
        with db.session() as s:
            actor = users.connection_actor(session=s)
            broken, total = audit_log.verify_log(session=s, actor=actor)
            written = export_audit(session=s, actor=actor, filters=audit.AuditFilter(),
                                   path=tmp_path / "audit.xlsx")
        assert broken == [] and written == total
        with db.session() as s:  # the window's idle lock and round check run for it too
            from jjjdesk.services import schedules, settings

            assert settings.get_setting(session=s, key="session.idle_lock_minutes") >= 0
            assert schedules.tick(session=s, actor=actor, read_only=False,
                                  today=date(2024, 4, 1)) == ([], [])
        with db.session() as s, pytest.raises(PermissionDenied, match="查看台账"):
            from jjjdesk.services import entry_list

            entry_list.list_entries(session=s, actor=actor)
    finally:
        db.dispose()
    with empty_db.session() as s:
        assert _role_of(s, f"new{n}") == "coordinator"
        last = audit.list_events(session=s, limit=1)[0]
        assert audit.verify_chain(session=s) == []
    assert (last.action, last.actor) == ("export", f"aud{n}")


def _role_of(s, username: str) -> str:
    return s.execute(text("SELECT role FROM app_user WHERE username = :u"),
                     {"u": username}).scalar_one()
