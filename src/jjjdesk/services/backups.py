"""Backups of the embedded database: on demand, on a schedule, before risky work; restore."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from jjjdesk.db import backup
from jjjdesk.db.engine import sqlite_file
from jjjdesk.domain.actor import Actor
from jjjdesk.errors import UserFacingError
from jjjdesk.paths import AppPaths
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import Act, require

log = logging.getLogger(__name__)

DEFAULT_KEEP = 20
SCHEDULE = timedelta(hours=24)
SERVER_MODE_MESSAGE = (
    "当前连接的是服务器数据库(PostgreSQL),备份由服务器管理员使用 pg_dump 完成,"
    "请参阅《服务器部署说明》。"
)


def _database_file(url: str) -> Path:
    file = sqlite_file(url)
    if file is None:
        raise UserFacingError(SERVER_MODE_MESSAGE)
    return file


def make_backup(
    *,
    url: str,
    paths: AppPaths,
    reason: str = "manual",
    keep: int = DEFAULT_KEEP,
    thorough: bool = True,
) -> Path:
    """Back up now and keep only the newest `keep` backups."""
    file = _database_file(url)
    made = backup.backup_sqlite(file, paths.backup_dir, reason, thorough)
    backup.prune_backups(paths.backup_dir, file, keep)
    log.info("backup (%s) written to %s", reason, made)
    return made


def backup_if_due(
    *, url: str, paths: AppPaths, now: datetime | None = None, keep: int = DEFAULT_KEEP,
    reason: str = "scheduled",
) -> Path | None:
    """The scheduled backup: one when the newest is older than a day (SQLite only)."""
    file = sqlite_file(url)
    if file is None or not file.exists():
        return None
    newest = [b for b in backup.list_backups(paths.backup_dir, file) if b.known_source]
    now = now or datetime.now()
    if newest and now - newest[0].created < SCHEDULE:
        return None
    return make_backup(url=url, paths=paths, reason=reason, keep=keep, thorough=False)


def list_backups(*, url: str, paths: AppPaths) -> list[backup.BackupInfo]:
    """This database's backups, newest first (never another database's)."""
    return backup.list_backups(paths.backup_dir, _database_file(url))


def latest_backup(*, url: str, paths: AppPaths) -> backup.BackupInfo | None:
    """The newest backup known to be this database's."""
    return next((b for b in list_backups(url=url, paths=paths) if b.known_source), None)


def restore_backup(*, url: str, paths: AppPaths, actor: Actor, source: Path,
                   from_other_database: bool = False) -> Path | None:
    """Restore `source` over the current database; the current state is backed up first.

    The caller must close its own connections first and reopen (and so migrate) afterwards.
    """
    require(actor, Act.BACKUP_RESTORE)
    safety = backup.restore_sqlite(source, _database_file(url), paths.backup_dir,
                                   from_other_database=from_other_database)
    log.warning(
        "database %s restored from %s by %s (safety copy %s)", url, source, actor.name, safety
    )
    _audit_restore(url, actor, source, safety)
    return safety


def _audit_restore(url: str, actor: Actor, source: Path, safety: Path | None) -> None:
    """恢复 in the restored database's own audit (audit_event is as in migration 0001, so a
    backup of any age takes the row). The restore has happened either way: a failure here
    is logged, not raised."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from jjjdesk.db.engine import make_engine
    from jjjdesk.services import audit

    summary = (summaries.RESTORE_KEPT(file=source.name, kept=safety.name) if safety
               else summaries.RESTORE(file=source.name))
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            audit.record(session=session, actor=actor, action="restore", entity="database",
                         entity_id=None, summary=summary, changes={})
            session.commit()
    except SQLAlchemyError as exc:
        log.warning("restore of %s not audited: %s", url, exc)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class CheckResult:
    file: Path
    problem: str | None  # None: SQLite's quick check passed
    newest_good: backup.BackupInfo | None  # the newest backup whose own check passes

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_database(*, url: str, paths: AppPaths) -> CheckResult:
    """`PRAGMA quick_check` of the database file, without opening it for writing; on damage,
    the newest of its backups that passes the same check (the one to restore)."""
    path = _database_file(url)
    if not path.is_file():
        raise UserFacingError(f"数据库文件不存在:{path}")
    problem = backup.integrity_problem(path, thorough=False)
    good = None
    if problem is not None:
        good = next((b for b in list_backups(url=url, paths=paths) if b.known_source
                     and backup.integrity_problem(b.path, thorough=False) is None), None)
    return CheckResult(path, problem, good)


def backup_at(*, url: str, paths: AppPaths, moment: datetime) -> backup.BackupInfo:
    """The newest backup of this database taken at or before `moment` (restore to a time)."""
    found = [b for b in list_backups(url=url, paths=paths) if b.known_source
             and b.created <= moment]
    if not found:
        raise UserFacingError(f"本数据库没有 {moment:%Y-%m-%d %H:%M} 或更早的备份。")
    return max(found, key=lambda b: b.created)


def clean_leftovers(*, paths: AppPaths) -> list[Path]:
    """At start: what killed runs left behind (temporary exports, half-written backups), and
    notes of this run's own temporary files from now on (`files.JOURNAL`)."""
    from jjjdesk import files

    files.JOURNAL = paths.temp_journal
    removed = files.clean_leftovers(paths.temp_journal) + backup.clean_partials(paths.backup_dir)
    for path in removed:
        log.info("removed leftover %s", path)
    return removed
