"""Open a database for use: engine from URL, schema migrated, friendly errors."""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from jjjdesk.db import errors, schema_version
from jjjdesk.db.engine import (
    Database,
    make_engine,
    on_read_only_location,
    reading_uri,
    sqlite_file,
)
from jjjdesk.errors import UserFacingError
from jjjdesk.paths import AppPaths

log = logging.getLogger(__name__)


def open_database(url: str, paths: AppPaths | None = None, create: bool = True) -> Database:
    """`create=False` (every CLI command but init): a missing or empty file is refused."""
    paths = paths or AppPaths.default()
    file = sqlite_file(url)
    if file is not None:
        _check_present(file, create)
    read_only = file is not None and on_read_only_location(file)
    if file is not None and file.exists():
        _check_sqlite_file(file)
    engine = make_engine(url, read_only=read_only)
    try:
        if not schema_version.is_current(engine):
            if read_only:
                raise UserFacingError(
                    f"该数据库由旧版本创建,需要升级,但它位于只读位置,无法升级。"
                    f"请把文件复制到可写的文件夹后再打开:{file}")
            from jjjdesk.db import migrate  # Alembic only when there is work for it

            migrate.upgrade(engine, paths.backup_dir)
        if file is not None and not read_only:
            _identify(engine, file)
        encryption = None if file is not None else _encryption(engine)
    except DatabaseError as exc:  # locked, read-only, and a file damaged where migrating reads
        engine.dispose()
        log.exception("cannot open %s", make_url(url).render_as_string(hide_password=True))
        message = errors.describe(exc, make_url(url).database or "")
        raise UserFacingError(message or errors.OTHER) from exc
    except BaseException:
        engine.dispose()
        raise
    _configure_mappers()
    if read_only:
        log.warning("%s is on a read-only location: opened read-only", file)
    return Database(url=url, engine=engine, read_only=read_only, encryption=encryption)


def _encryption(engine) -> str:
    """Whether the server connection is encrypted (every pooled one has the same settings)."""
    from jjjdesk.db import tls

    with engine.connect() as conn:
        encryption = tls.encryption_of(tuple(conn.exec_driver_sql(tls.ENCRYPTION_SQL).one()))
    if not encryption:
        log.warning("the connection to %s is not encrypted",
                    engine.url.render_as_string(hide_password=True))
    return encryption


def _identify(engine, file) -> None:
    """Give a file its identity (binds its backups to it); a read-only file keeps none."""
    from jjjdesk.db.identity import ensure_identity

    try:
        ensure_identity(engine)
    except OperationalError as exc:
        if errors.describe(exc) != errors.READ_ONLY:
            raise
        log.warning("read-only database %s has no identity yet", file)


def _configure_mappers() -> None:
    # Here, in the worker that opens the database, rather than at the first ORM query
    # (~40 ms), which may be a click on the GUI thread or the start of an import.
    from sqlalchemy.orm import configure_mappers

    import jjjdesk.domain.models  # noqa: F401 - every mapper is registered

    configure_mappers()


def _check_present(file, create: bool) -> None:
    # Checked before the engine exists: making one creates the folders and the file.
    if file.is_dir():
        raise UserFacingError(f"这是一个文件夹,不是数据库文件,未做任何修改:{file}")
    if create:
        return
    if not file.exists():
        raise UserFacingError(f"数据库文件不存在(新建请用 init 命令),未做任何修改:{file}")
    if file.stat().st_size == 0:
        raise UserFacingError(f"数据库文件是空的(0 字节),未做任何修改:{file}")


def _check_sqlite_file(file) -> None:
    try:
        with open(file, "rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise UserFacingError(f"没有权限读取数据库文件:{file}") from exc
    if header and header != b"SQLite format 3\x00":
        raise UserFacingError(f"该文件不是 jjjdesk 数据库,未做任何修改:{file}")
    try:
        conn = sqlite3.connect(reading_uri(file), uri=True)
        conn.execute("PRAGMA schema_version").fetchone()
        conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("cannot read %s: %s", file, exc)  # sqlite3's English stays in the log
        raise UserFacingError(f"数据库文件已损坏或无法读取,未做任何修改:{file}") from exc

