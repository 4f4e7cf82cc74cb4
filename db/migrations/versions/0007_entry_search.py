"""progress_entry: a full-text index of the five text fields, for 搜索进展

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

SQLite: an FTS5 table with the trigram tokenizer over progress_entry (external content, so
the text is not stored twice), kept current by triggers and filled here from existing rows.
Trigram finds terms of 3+ characters only; shorter ones are searched with LIKE on the table.
PostgreSQL: pg_trgm GIN indexes that speed up ILIKE, if the extension can be created.

A later batch migration of progress_entry on SQLite copies and drops the table, which drops
these triggers: such a migration must create them again (and rebuild the index).
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

log = logging.getLogger("jjjdesk.db.migrate")

# As `jjjdesk.services.entry_search.SEARCH_FIELDS` at this revision.
FIELDS = ("progress", "problems", "next_steps", "coordination", "review_comment")
_COLS = ", ".join(FIELDS)
_NEW = ", ".join(f"new.{f}" for f in FIELDS)
_OLD = ", ".join(f"old.{f}" for f in FIELDS)

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE entry_search USING fts5({_COLS}, content='progress_entry',"
    " content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER entry_search_ai AFTER INSERT ON progress_entry BEGIN"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    "CREATE TRIGGER entry_search_ad AFTER DELETE ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_OLD}); END",
    # Only a change of the text (or of the id) touches the index; saving lights, states and
    # figures does not.
    f"CREATE TRIGGER entry_search_au AFTER UPDATE OF id, {_COLS} ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_OLD});"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS entry_search_ai",
    "DROP TRIGGER IF EXISTS entry_search_ad",
    "DROP TRIGGER IF EXISTS entry_search_au",
    "DROP TABLE IF EXISTS entry_search",
]


def _pg_index(field: str) -> str:
    return f"ix_progress_entry_{field}_trgm"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for sql in SQLITE_UP:
            conn.exec_driver_sql(sql)
        count = conn.exec_driver_sql("SELECT count(*) FROM progress_entry").scalar()
        log.info("building the progress search index over %s entries", count)
        conn.exec_driver_sql("INSERT INTO entry_search(entry_search) VALUES ('rebuild')")
        log.info("progress search index built")
        return
    if conn.dialect.name != "postgresql":
        return
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as exc:
        log.warning("pg_trgm not available (%s); progress search will scan the table",
                    str(exc).splitlines()[0])
        return
    for field in FIELDS:
        log.info("building the progress search index of %s", field)
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {_pg_index(field)} ON progress_entry"
                             f" USING gin ({field} gin_trgm_ops)")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for sql in SQLITE_DOWN:
            conn.exec_driver_sql(sql)
    elif conn.dialect.name == "postgresql":
        for field in FIELDS:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {_pg_index(field)}")
