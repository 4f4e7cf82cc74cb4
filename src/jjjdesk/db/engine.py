"""Engine and sessions from a URL; SQLite configured once on every connection."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

BUSY_TIMEOUT_MS = 10_000


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, None for other databases or memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers go on while one writer commits; NORMAL is safe with WAL.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 64 MB of page cache (the default is 2 MB): the dashboard's covering indexes over a
    # million entries are ~40 MB and are read on every refresh (bench/bench_dashboard.py).
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def on_read_only_location(file: Path) -> bool:
    """A file SQLite could not write: a read-only medium or folder, or a file without write
    permission (WAL needs to create files beside the database)."""
    return file.exists() and not (os.access(file, os.W_OK) and os.access(file.parent, os.W_OK))


def read_only_uri(file: Path) -> str:
    """How to read a database nobody can write. `mode=ro` alone fails on a read-only medium
    ("unable to open database file": WAL wants a -shm file); `immutable` reads it as it is,
    unless a -wal beside it still holds changes, which only `mode=ro` reads."""
    wal = file.with_name(file.name + "-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    return f"file:{file}?mode=ro" + ("" if has_log else "&immutable=1")


def reading_uri(file: Path) -> str:
    """A URI that only reads `file`, wherever it lies (for checks and copies)."""
    return read_only_uri(file) if on_read_only_location(file) else f"file:{file}?mode=ro"


def _configure_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(url: str, read_only: bool = False) -> Engine:
    path = sqlite_file(url)
    if path is not None and read_only:
        uri = read_only_uri(path)
        engine = create_engine(
            "sqlite://", poolclass=QueuePool,
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False,
                                            timeout=BUSY_TIMEOUT_MS / 1000))
        event.listen(engine, "connect", _configure_read_only)
        return engine
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    from jjjdesk.db import tls

    # The sslmode spelled out: libpq's own default would fall back to plaintext unannounced.
    return create_engine(tls.with_default_mode(url), pool_pre_ping=True)


@dataclass
class Database:
    """An open, migrated database."""

    url: str
    engine: Engine
    read_only: bool = False  # a SQLite file on a read-only medium: shown, never edited
    encryption: str | None = None  # a server's: "TLSv1.3", "" when plaintext; None for a file

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.url)

    @property
    def location(self) -> str:
        """Where the data lives, for the status bar (password hidden)."""
        if self.file is not None:
            return str(self.file)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
