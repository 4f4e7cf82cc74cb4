"""File bytes stored by SHA-256 in chunk rows: written once per content, read one chunk at a
time, so neither side ever holds a whole file (a 50 MB 佐证材料) in memory or in one value."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.orm import Session

from jjjdesk.domain.models import AttachmentChunk, AttachmentContent, now

_CONTENT = AttachmentContent.__table__  # type: ignore[attr-defined]  # SQLModel's stub lacks it
_CHUNK = AttachmentChunk.__table__  # type: ignore[attr-defined]


def claim_content(session: Session, sha256: str, size: int, chunk_count: int) -> bool:
    """Insert the content row unless it exists; True when this transaction must write the
    chunks. ON CONFLICT DO NOTHING rather than look-then-insert: on PostgreSQL a second
    workstation adding the same new file waits for the first and then finds it stored (or,
    if the first rolled back, stores it itself) instead of failing on the primary key."""
    # SQL text, not the dialects' insert().on_conflict_do_nothing(): with SQLAlchemy 2.1 and
    # psycopg that statement's rowcount is -1, so "did I insert?" could not be told.
    # Not RETURNING either: a reporter's row policy hides a content no attachment names yet.
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
