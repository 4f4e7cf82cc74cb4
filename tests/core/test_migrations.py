"""Opening databases: fresh, older (backed up, then upgraded), newer (refused), foreign."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import select

from jjjdesk.db import migrate
from jjjdesk.db.engine import make_engine
from jjjdesk.db.open import open_database
from jjjdesk.domain.models import Unit
from jjjdesk.errors import DatabaseTooNewError, UserFacingError
from jjjdesk.paths import AppPaths

ALL_REVISIONS = [
    rev.revision
    for rev in reversed(
        list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())
    )
]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_fresh_database_gets_the_whole_schema(blank_url, isolated_paths: AppPaths):
    db = open_database(blank_url, isolated_paths)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    from sqlalchemy import inspect

    tables = set(inspect(db.engine).get_table_names())
    db.dispose()
    assert {"unit", "project", "key_task", "progress_entry", "audit_event"} <= tables
    assert not isolated_paths.backup_dir.exists(), "nothing to back up in a new database"


@pytest.mark.sqlite_only
def test_sqlite_is_configured_for_safety(empty_db):
    with empty_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@pytest.mark.parametrize("revision", ALL_REVISIONS)
def test_database_of_every_schema_upgrades_keeping_its_data(
    revision: str, blank_url, isolated_paths: AppPaths
):
    engine = make_engine(blank_url)
    migrate.upgrade(engine, None, target=revision)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO unit (name, kind, contact_person, contact_phone, note, sort_key,"
                " search_text, is_demo, version, created_at, updated_at) VALUES"
                " ('滨海新区', 'district', '', '', '', 'bin hai xin qu', '', false, 1,"
                " '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00')"
            )
        )
    engine.dispose()

    db = open_database(blank_url, isolated_paths)
    with db.session() as s:
        assert [u.name for u in s.exec(select(Unit))] == ["滨海新区"]
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    db.dispose()
    if not blank_url.startswith("sqlite"):
        return  # server databases are backed up by the office's server routine
    backups = sorted(isolated_paths.backup_dir.glob("*/*.sqlite3"))
    if revision == migrate.head_revision():
        assert backups == []
    else:
        assert len(backups) == 1, "an older file is backed up before it is upgraded"
        assert sqlite3.connect(backups[0]).execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.sqlite_only
def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path, isolated_paths):
    path = tmp_path / "future.sqlite3"
    open_database(f"sqlite:///{path}", isolated_paths).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="更新版本"):
        open_database(f"sqlite:///{path}", isolated_paths)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_refused(tmp_path, isolated_paths):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是 jjjdesk 数据库"):
        open_database(f"sqlite:///{path}", isolated_paths)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


@pytest.mark.sqlite_only
def test_another_programs_sqlite_file_is_refused(tmp_path, isolated_paths):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(UserFacingError, match="不是 jjjdesk 数据库"):
        open_database(f"sqlite:///{path}", isolated_paths)
    assert _tables(path) == {"contacts"}


def test_newer_schema_is_refused_on_any_backend(blank_url, isolated_paths):
    open_database(blank_url, isolated_paths).dispose()
    engine = make_engine(blank_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNewError, match="更新版本"):
        open_database(blank_url, isolated_paths)


def test_migrations_build_exactly_the_schema_the_models_declare(empty_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with empty_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "include_name": migrate.include_name})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_fast_schema_check_knows_the_newest_migration():
    from jjjdesk.db.schema_version import HEAD

    assert migrate.head_revision() == HEAD, "update jjjdesk.db.schema_version.HEAD"
