"""Each database's identity: a UUID stored inside it, so its backups are told from others'.

Kept in the `setting` table (key `database.id`, a JSON string like every setting), read with
plain sqlite3 for files (backups are files) and through the engine when a database opens.
Copies and restores carry it along, which is what binds a backup to its database.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from jjjdesk.db.engine import reading_uri

KEY = "database.id"


def ensure_identity(engine: Engine) -> str:
    """The database's identity, created at its first opening by this version."""
    with engine.begin() as conn:
        return ensure_identity_on(conn)


def ensure_identity_on(conn: Connection) -> str:
    """`ensure_identity` in the caller's transaction (a server database gets its identity at
    `server init`, which runs as the owner: its logins may not write settings)."""
    stored = conn.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": KEY}).scalar()
    if stored:
        return json.loads(stored)
    made = str(uuid.uuid4())
    conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                 {"k": KEY, "v": json.dumps(made)})
    return made


def file_identity(path: Path) -> str | None:
    """The identity inside a SQLite file; None for a file from before identities (or not ours)."""
    try:
        conn = sqlite3.connect(reading_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (KEY,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    try:
        return json.loads(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def set_file_identity(path: Path, identity: str) -> None:
    """Write `identity` into a SQLite file (after restoring another database's backup into it,
    so the two databases never share one identity)."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        with conn:
            conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (KEY, json.dumps(identity)))
    finally:
        conn.close()
