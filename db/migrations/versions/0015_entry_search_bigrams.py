"""progress_entry search index: 2-character terms through the trigram index, newest first

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

SQLite: the FTS5 trigram table of 0007 becomes contentless and indexes each text with a
line break appended, so that every occurrence of a 2-character term begins a trigram (also at
the end of a text): a 2-character term is then the OR of the indexed trigrams it begins,
listed by the fts5vocab table `entry_search_vocab` (see services/entry_search.py). Before,
such terms scanned the table with LIKE (~1.2 s at 1,000,000 entries). Contentless, because
the indexed text is not the stored one; the delete trigger gives FTS5 the old text again.
Built here from the stored entries in steps, each logged; then merged into one segment.
PostgreSQL: nothing changes (pg_trgm, migration 0007).

As in 0007: a batch migration that copies and drops progress_entry drops these triggers; it
must create them again (SQLITE_TRIGGERS) and rebuild the index (`build`).
"""

from __future__ import annotations

import logging

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

log = logging.getLogger("jjjdesk.db.migrate")

# As `jjjdesk.services.entry_search.SEARCH_FIELDS` at this revision.
FIELDS = ("progress", "problems", "next_steps", "coordination", "review_comment")
END = "char(10)"  # as entry_search.END: appended to each indexed text
BUILD_STEP = 100_000  # entries indexed per logged step
_COLS = ", ".join(FIELDS)


def _texts(row: str) -> str:
    return ", ".join(f"{row}{f} || {END}" for f in FIELDS)


SQLITE_TRIGGERS = [
    "CREATE TRIGGER entry_search_ai AFTER INSERT ON progress_entry BEGIN"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_texts('new.')}); END",
    "CREATE TRIGGER entry_search_ad AFTER DELETE ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_texts('old.')}); END",
    # Only a change of the text (or of the id) touches the index.
    f"CREATE TRIGGER entry_search_au AFTER UPDATE OF id, {_COLS} ON progress_entry BEGIN"
    f" INSERT INTO entry_search(entry_search, rowid, {_COLS})"
    f" VALUES ('delete', old.id, {_texts('old.')});"
    f" INSERT INTO entry_search(rowid, {_COLS}) VALUES (new.id, {_texts('new.')}); END",
]
_DROP = [
    "DROP TRIGGER IF EXISTS entry_search_ai",
    "DROP TRIGGER IF EXISTS entry_search_ad",
    "DROP TRIGGER IF EXISTS entry_search_au",
    "DROP TABLE IF EXISTS entry_search_vocab",
    "DROP TABLE IF EXISTS entry_search",
]
# Migration 0007's index, for the downgrade.
_0007_TABLE = (f"CREATE VIRTUAL TABLE entry_search USING fts5({_COLS}, content='progress_entry',"
               " content_rowid='id', tokenize='trigram')")
_0007_TRIGGERS = [sql.replace(f" || {END}", "") for sql in SQLITE_TRIGGERS]


def build(conn) -> None:
    """Index every stored entry, logging each step (a million entries take about a minute)."""
    count, top = conn.exec_driver_sql("SELECT count(*), max(id) FROM progress_entry").one()
    log.info("building the progress search index over %s entries", count)
    done = 0
    for low in range(0, (top or 0) + 1, BUILD_STEP):
        done += conn.exec_driver_sql(
            f"INSERT INTO entry_search(rowid, {_COLS}) SELECT id, {_texts('')}"
            " FROM progress_entry WHERE id >= ? AND id < ?", (low, low + BUILD_STEP)).rowcount
        log.info("progress search index: %s of %s entries", done, count)
    conn.exec_driver_sql("INSERT INTO entry_search(entry_search) VALUES ('optimize')")
    log.info("progress search index built")


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for sql in _DROP:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE entry_search USING fts5({_COLS}, content='',"
                         " tokenize='trigram')")
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE entry_search_vocab USING fts5vocab(entry_search, 'row')")
    for sql in SQLITE_TRIGGERS:
        conn.exec_driver_sql(sql)
    build(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for sql in _DROP:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(_0007_TABLE)
    for sql in _0007_TRIGGERS:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql("INSERT INTO entry_search(entry_search) VALUES ('rebuild')")
