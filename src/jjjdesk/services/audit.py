"""The audit log: every change with who, when, old → new and why, chained by hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import func, insert, text
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import AuditEvent, now, row_id
from jjjdesk.services.query import Page, PageRequest, SortKey, keyset

_CHAIN_LOCK = 0x6A6A6A  # "jjj": one advisory lock id for the audit chain


def _digest(prev_hash: str, event: AuditEvent | SimpleNamespace) -> str:
    body = json.dumps(
        [
            prev_hash,
            event.at.isoformat() if event.at else "",
            event.actor,
            event.action,
            event.entity,
            event.entity_id,
            event.summary,
            event.changes,
            event.reason,
            event.import_batch_id,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _server_now(session: Session) -> datetime:
    """The server's clock: in server mode the audit trigger refuses a time far from it
    (db/server_roles.py), so a workstation's wrong clock cannot date a row."""
    from datetime import UTC

    return session.execute(text("SELECT clock_timestamp()")).scalar_one().astimezone(UTC)


def _normalise_at(at: datetime) -> datetime:
    # SQLite hands timestamps back in UTC; hash the same instant either way.
    return at.replace(microsecond=0)


def lock_chain(session: Session) -> bool:
    """On PostgreSQL, queue for the audit chain now (held to the commit); True there. For a
    use case that must hold it before another lock (see `blobs.delete_unused`)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    return True


def _chain_head(session: Session) -> tuple[bool, str]:
    """(on PostgreSQL, the hash of the newest audit row): the previous link of the next row.

    The chain needs the true previous row: on PostgreSQL concurrent writers queue on an
    advisory lock; on SQLite the pending change is flushed first, which takes the file's
    single write lock before the previous row is read.
    """
    session.flush()
    on_server = lock_chain(session)
    # Only the head's hash: a server-mode login may read no more of the log than that.
    last = session.exec(select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1))
    return on_server, last.first() or ""


def record(
    *,
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    summary: str,
    changes: dict[str, Any],
    reason: str = "",
    import_batch_id: int | None = None,
) -> AuditEvent:
    """Append one audit row in the caller's transaction (chained by `_chain_head`)."""
    on_server, last_hash = _chain_head(session)
    event = AuditEvent(
        at=_normalise_at(_server_now(session) if on_server else now()),
        actor=actor.name,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary[:400],
        changes=json.dumps(changes, ensure_ascii=False, default=str, sort_keys=True),
        reason=reason[:400],
        import_batch_id=import_batch_id,
        prev_hash=last_hash,
    )
    event.hash = _digest(event.prev_hash, event)
    session.add(event)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Delivered to listeners only when this transaction commits.
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": "jjjdesk_changes", "payload": f"{entity}:{entity_id or ''}"},
        )
    return event


def record_many(*, session: Session, actor: Actor, events: list[dict[str, Any]]) -> None:
    """`record` for many rows at once (an import's new problems): one look at the chain's
    head, the rows chained in order, one flush. Each event: action, entity, entity_id,
    summary, changes."""
    if not events:
        return
    on_server, prev = _chain_head(session)
    at = _normalise_at(_server_now(session) if on_server else now())
    rows = []
    for e in events:
        # Core rows, not ORM objects: an import's thousands of new problems each have one
        row = {"at": at, "actor": actor.name, "action": e["action"], "entity": e["entity"],
               "entity_id": e["entity_id"], "summary": e["summary"][:400],
               "changes": json.dumps(e["changes"], ensure_ascii=False, default=str,
                                     sort_keys=True),
               "reason": "", "import_batch_id": None, "prev_hash": prev}
        row["hash"] = prev = _digest(prev, SimpleNamespace(**row))
        rows.append(row)
    session.execute(insert(AuditEvent.__table__), rows)  # type: ignore[attr-defined]
    if on_server:
        for entity in dict.fromkeys(e["entity"] for e in events):
            session.execute(text("SELECT pg_notify(:channel, :payload)"),
                            {"channel": "jjjdesk_changes", "payload": f"{entity}:"})


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: dict[str, Any]
    reason: str


def get_event(*, session: Session, event_id: int) -> AuditView | None:
    event = session.get(AuditEvent, event_id)
    return _view(event) if event else None


def list_events(
    *, session: Session, entity: str | None = None, entity_id: int | None = None, limit: int = 200
) -> list[AuditView]:
    stmt = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if entity:
        stmt = stmt.where(AuditEvent.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(AuditEvent.entity_id == entity_id)
    return [_view(e) for e in session.exec(stmt)]


def count_events(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(AuditEvent)).one()


def verify_chain(*, session: Session) -> list[int]:
    """Ids of audit rows whose hash no longer matches: edits made behind the app's back."""
    return [event_id for event_id, intact, _ in chain_links(session=session) if not intact]


def chain_links(*, session: Session) -> Iterator[tuple[int, bool, str]]:
    """Every audit row in id order: its id, whether its stored links hold (its prev_hash is
    the previous row's stored hash and its hash the digest of its content), and the chain
    hash recomputed from the first row over the contents alone. A table writer can make
    every stored link hold again; the recomputed hash is what a signed checkpoint pins
    (services/audit_anchor.py)."""
    prev = ""  # the previous row's stored hash
    chained = ""  # the previous row's recomputed hash
    # Plain rows in batches, not ORM objects: verify_chain over 300,000 events took 14.6 s
    # and 800 MB as objects, 7.5 s and 150 MB so (bench/bench_audit_anchor.py; the digests'
    # JSON is most of what is left).
    columns = AuditEvent.__table__.columns  # type: ignore[attr-defined]
    stmt = select(*columns).order_by(col(AuditEvent.id)).execution_options(yield_per=5000)
    for row in session.execute(stmt):
        event = cast(AuditEvent, row)  # the row has every attribute `_digest` reads
        expected = _digest(prev, event)
        # One digest per row while the stored chain agrees with the recomputed one.
        chained = expected if chained == prev else _digest(chained, event)
        yield row_id(event), event.prev_hash == prev and event.hash == expected, chained
        prev = event.hash


def _view(event: AuditEvent) -> AuditView:
    return AuditView(
        id=row_id(event),
        at=event.at,
        actor=event.actor,
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        summary=event.summary,
        changes=json.loads(event.changes or "{}"),
        reason=event.reason,
    )


# ---- the audit page: filtered, paged from SQL ------------------------------------------------
@dataclass(frozen=True)
class AuditFilter:
    """What the audit page shows; every field None/"" means "any"."""

    actor: str = ""
    unit_id: int | None = None  # by the unit's users, on its entries, or the unit itself
    entity: str = ""
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive


def _utc(moment: datetime) -> datetime:
    """Bounds as aware UTC (naive means UTC), the way `at` is stored on both databases."""
    from datetime import UTC

    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_time(moment: datetime) -> datetime:
    """A stored timestamp in the workstation's time zone (SQLite hands back naive UTC)."""
    from datetime import UTC

    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone()


def _filtered(stmt, flt: AuditFilter):
    from sqlalchemy import and_, or_

    from jjjdesk.domain.models import ProgressEntry, User

    if flt.actor:
        stmt = stmt.where(AuditEvent.actor == flt.actor)
    if flt.entity:
        stmt = stmt.where(AuditEvent.entity == flt.entity)
    if flt.start is not None:
        stmt = stmt.where(AuditEvent.at >= _utc(flt.start))
    if flt.end is not None:
        stmt = stmt.where(AuditEvent.at < _utc(flt.end))
    if flt.unit_id is not None:
        unit_users = select(User.username).where(User.unit_id == flt.unit_id)
        unit_entries = select(ProgressEntry.id).where(ProgressEntry.reporter_unit_id == flt.unit_id)
        stmt = stmt.where(
            or_(
                col(AuditEvent.actor).in_(unit_users),
                and_(
                    col(AuditEvent.entity) == "entry", col(AuditEvent.entity_id).in_(unit_entries)
                ),
                and_(col(AuditEvent.entity) == "unit", col(AuditEvent.entity_id) == flt.unit_id),
            )
        )
    return stmt


def count_filtered(*, session: Session, filters: AuditFilter) -> int:
    # count(*), not count(id): SQLite counts * from the smallest index (1 ms for 300,000 rows)
    return session.exec(_filtered(select(func.count()).select_from(AuditEvent), filters)).one()


def query_events(
    *, session: Session, filters: AuditFilter, offset: int = 0, limit: int = 200
) -> list[AuditView]:
    """One page of matching events, newest first (the id index keeps the order cheap)."""
    stmt = _filtered(select(AuditEvent), filters).order_by(col(AuditEvent.id).desc())
    return [_view(e) for e in session.exec(stmt.offset(offset).limit(limit))]


def page_events(*, session: Session, filters: AuditFilter, request: PageRequest) -> Page:
    """One keyset page of matching events, newest first: a range of the id index."""
    page = keyset(session, _filtered(select(AuditEvent), filters),
                  (SortKey(col(AuditEvent.id)),), descending=True, request=request)
    return Page([_view(r[0]) for r in page.rows], page.keys)


def actor_choices(*, session: Session) -> list[str]:
    """Every name that appears in the log, for the page's user filter."""
    return _distinct(session, "actor")


def entity_choices(*, session: Session) -> list[str]:
    return _distinct(session, "entity")


def _distinct(session: Session, column: str) -> list[str]:
    """The distinct values of an indexed column, one index seek per value (a skip scan):
    DISTINCT read all 300,000 index entries, ~35 ms per filter (bench/bench_lists.py)."""
    assert column in ("actor", "entity")  # a fixed name, never user input
    sql = text(
        f"WITH RECURSIVE found(v) AS (SELECT min({column}) FROM audit_event "
        f"UNION ALL SELECT (SELECT min({column}) FROM audit_event WHERE {column} > found.v) "
        "FROM found WHERE found.v IS NOT NULL) SELECT v FROM found WHERE v IS NOT NULL")
    return [row[0] for row in session.execute(sql)]
