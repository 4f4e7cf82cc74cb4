"""File bytes stored by SHA-256 in chunk rows: written once per content, read one chunk at a
time, so neither side ever holds a whole file (a 50 MB 佐证材料) in memory or in one value."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from jjjdesk.domain.models import AttachmentChunk, AttachmentContent, now

_CONTENT = AttachmentContent.__table__
_CHUNK = AttachmentChunk.__table__


def claim_content(session: Session, sha256: str, size: int, chunk_count: int) -> bool:
    """Insert the content row unless it exists; True when this transaction must write the
    chunks. ON CONFLICT DO NOTHING rather than look-then-insert: on PostgreSQL a second
    workstation adding the same new file waits for the first and then finds it stored (or,
    if the first rolled back, stores it itself) instead of failing on the primary key."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(_CONTENT).values(
        sha256=sha256, size=size, chunk_count=chunk_count, created_at=now()
    ).on_conflict_do_nothing(index_elements=["sha256"])
    return session.execute(stmt).rowcount == 1


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
