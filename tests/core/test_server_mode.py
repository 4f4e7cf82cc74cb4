"""Shared-office behaviour: conflicts between sessions, reconnects, connection checks, CLI."""

from __future__ import annotations

import socket

import pytest
from progress_registry import COORDINATOR, build
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jjjdesk.db import errors
from jjjdesk.db.connection import ServerParams, check_connection
from jjjdesk.errors import ConflictError, UserFacingError
from jjjdesk.services import entries, projects, users


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_sessions_editing_the_same_entry_second_gets_conflict(empty_db):
    reg = build(empty_db)
    b = reg.reporter(reg.unit_b)
    with empty_db.session() as s:
        saved = entries.save_entry(
            session=s,
            actor=COORDINATOR,
            subject=reg.task_b,
            period="2024-03",
            values={"completion_pct": 10, "assessment": "正常推进"},
        )
    version = saved.version
    # Both read version `version`; the first save wins, the second is refused.
    with empty_db.session() as first, empty_db.session() as second:
        entries.save_entry(
            session=first,
            actor=COORDINATOR,
            subject=reg.task_b,
            period="2024-03",
            values={"completion_pct": 20},
            expected_version=version,
        )
        first.commit()
        with pytest.raises(ConflictError):
            entries.save_entry(
                session=second,
                actor=COORDINATOR,
                subject=reg.task_b,
                period="2024-03",
                values={"completion_pct": 30},
                expected_version=version,
            )
    with empty_db.session() as s:
        form = entries.get_entry_form(session=s, actor=b, subject=reg.task_b, period="2024-03")
    assert form.entry.completion_pct == 20 and form.entry.version == version + 1


def test_reconnect_after_the_server_drops_the_connection(demo_db):
    if not demo_db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: a SQLite file has no server to lose")
    with demo_db.session() as s:
        before = projects.count_projects(session=s, query=projects.ListQuery())
    admin = make_url(demo_db.url).database
    from sqlalchemy import create_engine

    killer = create_engine(demo_db.url, isolation_level="AUTOCOMMIT")
    try:
        with killer.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": admin},
            ).scalar()
    finally:
        killer.dispose()
    assert killed >= 1  # the pooled connection of demo_db is gone
    # pool_pre_ping notices the dead connection and opens a new one: the next read works.
    with demo_db.session() as s:
        assert projects.count_projects(session=s, query=projects.ListQuery()) == before


def test_a_dead_connection_reads_as_a_clear_message(demo_db):
    if not demo_db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError) as caught, demo_db.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        conn.execute(text("SELECT 1"))
    assert errors.describe(caught.value) == errors.CONNECTION_LOST


def test_closed_port_says_the_server_is_down():
    params = ServerParams("127.0.0.1", _closed_port(), "jjjdesk", "someone", "pw")
    with pytest.raises(UserFacingError) as caught:
        check_connection(params, timeout=3)
    assert str(caught.value) == errors.SERVER_DOWN


def test_missing_fields_are_named():
    with pytest.raises(UserFacingError, match="服务器地址、用户名"):
        check_connection(ServerParams("", 5432, "jjjdesk", "", ""))


@pytest.fixture
def pg_params(demo_db) -> ServerParams:
    if not demo_db.url.startswith("postgresql"):
        pytest.skip("needs the PostgreSQL test server (JJJDESK_TEST_PG_URL)")
    return ServerParams.from_url(demo_db.url)


def test_real_server_answers_and_wrong_password_and_database_are_explained(pg_params):
    info = check_connection(pg_params)
    assert info.has_schema and info.version[:2].isdigit()
    wrong = ServerParams(**{**pg_params.__dict__, "password": "not-the-password"})
    with pytest.raises(UserFacingError) as caught:
        check_connection(wrong)
    assert str(caught.value) == errors.WRONG_PASSWORD
    missing = ServerParams(**{**pg_params.__dict__, "database": "no_such_db_here"})
    with pytest.raises(UserFacingError, match="没有数据库“no_such_db_here”"):
        check_connection(missing)


def test_params_round_trip_through_a_url():
    params = ServerParams("10.0.0.5", 5433, "台账", "xtb", "p@ss:w/rd")
    assert ServerParams.from_url(params.url()) == params
    assert params.url().startswith("postgresql+psycopg://")


def test_cli_creates_the_first_admin_once(blank_url, monkeypatch, capsys):
    from jjjdesk.cli.main import main
    from jjjdesk.db.open import open_database

    monkeypatch.setenv("JJJDESK_ADMIN_PASSWORD", "Admin#2024")
    assert main(["--db", blank_url, "init"]) == 0  # only init creates a database file
    assert main(["--db", blank_url, "user", "create-admin", "chief"]) == 0
    assert "已创建管理员“chief”" in capsys.readouterr().out
    assert main(["--db", blank_url, "user", "create-admin", "again"]) == 1
    assert "已有用户" in capsys.readouterr().err
    assert main(["--db", blank_url, "user", "list"]) == 0
    assert "chief\t管理员" in capsys.readouterr().out
    db = open_database(blank_url)
    try:
        with db.session() as s:
            assert users.authenticate(session=s, username="chief", password="Admin#2024")
    finally:
        db.dispose()
