"""Noticing other workstations' changes: the newest audit row is the change counter.

Every write appends an audit row, so "has anything changed since I last looked?" is one
indexed query on any database (the light poll used on SQLite). On PostgreSQL the audit
service also NOTIFYs the channel below, so listeners hear of a change at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.models import AuditEvent

CHANNEL = "jjjdesk_changes"


@dataclass(frozen=True)
class Change:
    event_id: int
    entity: str
    entity_id: int | None
    actor: str


def latest_change(*, session: Session) -> int:
    return session.exec(select(func.max(col(AuditEvent.id)))).one() or 0


def changes_since(*, session: Session, event_id: int, limit: int = 500) -> list[Change]:
    rows = session.exec(
        select(AuditEvent.id, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.actor)
        .where(col(AuditEvent.id) > event_id)
        .order_by(col(AuditEvent.id))
        .limit(limit)
    ).all()
    return [Change(*row) for row in rows]
