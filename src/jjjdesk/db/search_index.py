"""Bulk writes to progress_entry keep the 搜索进展 index (SQLite FTS5, migration 0015)
current without its per-row triggers.

Fired inside a trigger, each FTS5 write flushes the index's pending terms (a statement
savepoint), so every imported row became a segment of its own to merge: 290 µs a row,
2.9 s of a 10,000-row import's commit at 1,000,000 entries, against 25 µs a row when the
same texts are indexed in one statement. `deferred` drops the triggers for one bulk write,
inside its transaction, and indexes the rows it names in a few statements; a failure rolls
the drop back with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from jjjdesk.db.bulk import chunks

#: As migration 0015 creates them (a test holds the two equal).
FIELDS = ("progress", "problems", "next_steps", "coordination", "review_comment")
_COLS = ", ".join(FIELDS)


def _texts(row: str) -> str:
    return ", ".join(f"{row}{f} || char(10)" for f in FIELDS)


TRIGGERS = {
    "entry_search_ai": "CREATE TRIGGER entry_search_ai AFTER INSERT ON progress_entry BEGIN"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_texts('new.')}); END",
    "entry_search_ad": "CREATE TRIGGER entry_search_ad AFTER DELETE ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_texts('old.')}); END",
    "entry_search_au": f"CREATE TRIGGER entry_search_au AFTER UPDATE OF id, {_COLS}"
    " ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_texts('old.')});"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_texts('new.')}); END",
}


class Deferred:
    """What a bulk write tells the index: rows to take out (before they change or go) and
    rows to put in (after they are written). A no-op where the triggers were not paused."""

    def __init__(self, session: Session | None):
        self.session = session

    def _run(self, sql: str, ids: Iterable[int]) -> None:
        if self.session is None:
            return
        for some in chunks(sorted(set(ids))):
            marks = ", ".join(str(int(i)) for i in some)
            self.session.connection().exec_driver_sql(
                sql + f" FROM progress_entry WHERE id IN ({marks})")

    def remove(self, ids: Iterable[int]) -> None:
        self._run(f"INSERT INTO entry_search(entry_search, rowid, {_COLS})"
                  f" SELECT 'delete', id, {_texts('')}", ids)

    def add(self, ids: Iterable[int]) -> None:
        self._run(f"INSERT INTO entry_search(rowid, {_COLS}) SELECT id, {_texts('')}", ids)


def _paused(session: Session) -> bool:
    """Whether the triggers can be dropped here: SQLite, the index there, and a transaction
    already open (a DROP outside one would stand even if the write then failed)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return False
    dbapi = conn.connection.dbapi_connection
    if not getattr(dbapi, "in_transaction", False):
        return False
    found = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
        "('entry_search_ai', 'entry_search_ad', 'entry_search_au')").all()
    return len(found) == len(TRIGGERS)


@contextmanager
def deferred(session: Session) -> Iterator[Deferred]:
    if not _paused(session):
        yield Deferred(None)  # PostgreSQL's indexes follow by themselves; triggers stay
        return
    conn = session.connection()
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    try:
        yield Deferred(session)
    finally:  # also on an exception: a caller that goes on and commits keeps its index
        for sql in TRIGGERS.values():
            conn.exec_driver_sql(sql)
