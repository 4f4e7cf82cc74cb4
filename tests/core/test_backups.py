"""Backups: round trip, safety copy before restore, pruning, schedule, damaged files."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from jjjdesk.db.backup import integrity_problem, list_backups
from jjjdesk.db.engine import sqlite_file
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, Project
from jjjdesk.errors import UserFacingError
from jjjdesk.services import backups, projects
from jjjdesk.services.permissions import PermissionDenied

pytestmark = pytest.mark.sqlite_only  # the embedded database's file backups

ADMIN = Actor(name="管理员", role=Role.ADMIN)


def _names(db) -> set[str]:
    with db.session() as s:
        return set(s.exec(select(Project.name)).all())


def test_restore_brings_back_the_backed_up_state_and_keeps_a_safety_copy(
    demo_db, actor, isolated_paths
):
    made = backups.make_backup(url=demo_db.url, paths=isolated_paths)
    assert integrity_problem(made) is None
    with demo_db.session() as s:
        projects.create_project(
            session=s, actor=actor, values={"code": "B-1", "name": "备份后新增"}
        )
    assert "备份后新增" in _names(demo_db)
    demo_db.dispose()

    safety = backups.restore_backup(url=demo_db.url, paths=isolated_paths, actor=ADMIN, source=made)
    reopened = open_database(demo_db.url, isolated_paths)
    assert "备份后新增" not in _names(reopened)
    with reopened.session() as s:  # the restored database's own audit says who restored it
        (event,) = s.exec(select(AuditEvent).where(AuditEvent.action == "restore")).all()
    assert (event.actor, event.entity) == ("管理员", "database")
    assert event.summary == f"从备份 {made.name} 恢复数据库(恢复前的数据库已另存为 {safety.name})"
    reopened.dispose()

    rescued = open_database(f"sqlite:///{safety}", isolated_paths)
    assert "备份后新增" in _names(rescued), "restore first backs up the current state"
    rescued.dispose()


def test_only_the_newest_backups_are_kept(demo_db, isolated_paths):
    for _ in range(5):
        backups.make_backup(url=demo_db.url, paths=isolated_paths, keep=3)
    assert len(list_backups(isolated_paths.backup_dir, sqlite_file(demo_db.url))) == 3


def test_scheduled_backup_runs_once_a_day(demo_db, isolated_paths):
    first = backups.backup_if_due(url=demo_db.url, paths=isolated_paths)
    assert first is not None
    assert backups.backup_if_due(url=demo_db.url, paths=isolated_paths) is None
    tomorrow = datetime.now() + timedelta(hours=25)
    assert backups.backup_if_due(url=demo_db.url, paths=isolated_paths, now=tomorrow)


def test_a_damaged_backup_is_refused_and_nothing_changes(demo_db, isolated_paths, tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = _names(demo_db)
    demo_db.dispose()
    with pytest.raises(UserFacingError, match="损坏"):
        backups.restore_backup(url=demo_db.url, paths=isolated_paths, actor=ADMIN, source=broken)
    reopened = open_database(demo_db.url, isolated_paths)
    assert _names(reopened) == before
    reopened.dispose()


def test_only_an_admin_restores(demo_db, isolated_paths):
    made = backups.make_backup(url=demo_db.url, paths=isolated_paths)
    with pytest.raises(PermissionDenied):
        backups.restore_backup(
            url=demo_db.url, paths=isolated_paths, actor=Actor("甲", Role.COORDINATOR), source=made
        )


def test_server_databases_point_to_the_server_routine(isolated_paths):
    with pytest.raises(UserFacingError, match="pg_dump"):
        backups.make_backup(url="postgresql+psycopg://u:p@127.0.0.1/x", paths=isolated_paths)
