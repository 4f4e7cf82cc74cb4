"""Bring a database to the app's schema: back up first, refuse one newer than the app."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from jjjdesk.db.backup import backup_sqlite
from jjjdesk.db.engine import sqlite_file
from jjjdesk.errors import DatabaseTooNewError, UserFacingError
from jjjdesk.resources import migrations_dir

log = logging.getLogger(__name__)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def include_name(name: str | None, type_: str, _parents: dict) -> bool:
    """Whether schema comparison looks at an object: not the progress search index (migration
    0007), which no model declares (an FTS5 table and its shadow tables, pg_trgm indexes)."""
    if type_ == "table" and name and name.startswith("entry_search"):
        return False
    return not (type_ == "index" and name and name.endswith("_trgm"))


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, backup_dir: Path | None, target: str = "head") -> Path | None:
    """Migrate to `target`; returns the backup made first, if any."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseTooNewError(
            "该数据库由更新版本的 jjjdesk 创建(结构版本 "
            f"{current}),当前程序无法打开。请升级 jjjdesk 后再试。"
        )
    if current is None and _has_foreign_tables(engine):
        raise UserFacingError("该文件不是 jjjdesk 数据库,未做任何修改。")
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    backup = None
    file = sqlite_file(str(engine.url))
    if current is not None and file is not None and backup_dir is not None:
        backup = backup_sqlite(file, backup_dir, f"before-upgrade-{current}")
        log.info("backed up %s to %s before upgrading", file, backup)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # Batch migrations copy and drop tables; with foreign keys on, the drop would
            # cascade into child rows. The pragma only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        command.upgrade(alembic_config(conn), target)
        conn.commit()
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    log.info("database upgraded from %s to %s", current, wanted)
    return backup


def _has_foreign_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})
