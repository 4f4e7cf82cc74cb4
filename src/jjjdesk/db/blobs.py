"""File bytes stored by SHA-256 in chunk rows: written once per content, read one chunk at a
time, so neither side ever holds a whole file (a 50 MB 佐证材料) in memory or in one value."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, delete, exists, insert, select, text
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from jjjdesk.domain.models import AttachmentChunk, AttachmentContent, now

_CONTENT = AttachmentContent.__table__  # type: ignore[attr-defined]  # SQLModel's stub lacks it
_CHUNK = AttachmentChunk.__table__  # type: ignore[attr-defined]
#: On PostgreSQL every transaction that stores or reuses a content holds this advisory lock
#: shared from `claim_content` to its commit; `delete_unused` needs it alone, so it never
#: removes a content that an attachment being added is about to name.
CONTENT_LOCK = 0x6A6A6B


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def claim_content(session: Session, sha256: str, size: int, chunk_count: int) -> bool:
    """Insert the content row unless it exists; True when this transaction must write the
    chunks. ON CONFLICT DO NOTHING rather than look-then-insert: on PostgreSQL a second
    workstation adding the same new file waits for the first and then finds it stored (or,
    if the first rolled back, stores it itself) instead of failing on the primary key."""
    # SQL text, not the dialects' insert().on_conflict_do_nothing(): with SQLAlchemy 2.1 and
    # psycopg that statement's rowcount is -1, so "did I insert?" could not be told.
    # Not RETURNING either: a reporter's row policy hides a content no attachment names yet.
    if _on_server(session):
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"),
                        {"key": CONTENT_LOCK})
    stmt = text(
        "INSERT INTO attachment_content (sha256, size, chunk_count, created_at)"
        " VALUES (:sha256, :size, :chunk_count, :created_at) ON CONFLICT (sha256) DO NOTHING"
    ).bindparams(bindparam("created_at", type_=_CONTENT.c.created_at.type))
    done = session.execute(stmt, {"sha256": sha256, "size": size, "chunk_count": chunk_count,
                                  "created_at": now()})
    return done.rowcount == 1  # type: ignore[attr-defined]  # a CursorResult for DML


def write_chunks(session: Session, sha256: str, chunks: Iterable[bytes]) -> int:
    """Insert the chunks in order, one statement each (Core, not ORM objects, so no chunk
    stays referenced by the session); returns how many."""
    seq = -1
    for seq, data in enumerate(chunks):
        session.execute(insert(_CHUNK), {"sha256": sha256, "seq": seq, "data": data})
    return seq + 1


def content_of(session: Session, sha256: str) -> AttachmentContent | None:
    return session.get(AttachmentContent, sha256)


class DamagedContent(Exception):
    """Stored chunks missing or not hashing to their key."""


def read_chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """The stored bytes chunk by chunk, checked against their SHA-256 at the end.

    One query per chunk: psycopg's default cursor would fetch every row of one query into
    memory at once."""
    content = session.get(AttachmentContent, sha256)
    if content is None:
        raise DamagedContent(sha256)
    digest = hashlib.sha256()
    size = 0
    query = select(_CHUNK.c.data).where(_CHUNK.c.sha256 == sha256,
                                        _CHUNK.c.seq == bindparam("seq"))
    for seq in range(content.chunk_count):
        data = session.execute(query, {"seq": seq}).scalar_one_or_none()
        if data is None:
            raise DamagedContent(sha256)
        data = bytes(data)
        digest.update(data)
        size += len(data)
        yield data
        del data
    if size != content.size or digest.hexdigest() != sha256:
        raise DamagedContent(sha256)


# ---- contents no attachment uses ---------------------------------------------------------------
@dataclass(frozen=True)
class StoredContent:
    sha256: str
    size: int
    chunk_count: int


def _unused():
    """No row of any table with a foreign key to the content (`attachment` today; a table
    added later that names contents counts without a change here) refers to it."""
    conditions = []
    for table in SQLModel.metadata.sorted_tables:
        if table is _CHUNK:
            continue
        for fk in table.foreign_keys:
            if fk.column.table is _CONTENT:
                conditions.append(~exists().where(fk.parent == _CONTENT.c.sha256))
    return and_(*conditions)


def unused_contents(session: Session) -> list[StoredContent]:
    rows = session.execute(select(_CONTENT.c.sha256, _CONTENT.c.size, _CONTENT.c.chunk_count)
                           .where(_unused()).order_by(_CONTENT.c.created_at))
    return [StoredContent(*r) for r in rows]


def delete_unused(session: Session) -> list[StoredContent] | None:
    """Delete the contents no attachment uses (their chunks go with them, ON DELETE CASCADE);
    returns those deleted, or None on PostgreSQL while another transaction is adding files.

    PostgreSQL: CONTENT_LOCK is tried, never waited for. A caller that audits must hold the
    audit chain's lock before (`audit.lock_chain`): an add takes the two in the other order
    (the content when it claims, the chain when it audits), and a cleanup that waited for
    one while holding the other could deadlock with it.
    SQLite: the DELETE takes the file's single write lock and checks again under it; what
    is gone is read back inside that transaction."""
    if _on_server(session):
        got = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"),
                              {"key": CONTENT_LOCK}).scalar()
        if not got:
            return None
    found = unused_contents(session)
    gone: list[StoredContent] = []
    for start in range(0, len(found), 500):
        batch = found[start:start + 500]
        keys = [c.sha256 for c in batch]
        session.execute(delete(_CONTENT).where(_CONTENT.c.sha256.in_(keys), _unused()))
        kept = set(session.execute(select(_CONTENT.c.sha256)
                                   .where(_CONTENT.c.sha256.in_(keys))).scalars())
        gone += [c for c in batch if c.sha256 not in kept]
    return gone
