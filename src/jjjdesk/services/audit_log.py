"""The audit log as its readers see it (审计日志 page, `audit list/verify/export`): every read
asks services/permissions.py first, and an export is itself audited (导出审计日志).

services/audit.py stays the mechanism (chain, record, queries) that other services call
inside their own work, e.g. undo looking up its event; these are the use cases a person
starts, so they carry the actor.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from jjjdesk.domain.actor import Actor
from jjjdesk.services import audit
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.audit import AuditFilter, AuditView
from jjjdesk.services.permissions import Act, require
from jjjdesk.services.query import Page, PageRequest


def require_reader(actor: Actor) -> None:
    """For reads done by another service (audit_anchor.verify): the same rule first."""
    require(actor, Act.AUDIT_READ)


def list_log(*, session: Session, actor: Actor, limit: int = 50) -> list[AuditView]:
    require(actor, Act.AUDIT_READ)
    return audit.list_events(session=session, limit=limit)


def verify_log(*, session: Session, actor: Actor) -> tuple[list[int], int]:
    """(ids of rows changed behind the app's back, how many rows there are)."""
    require(actor, Act.AUDIT_READ)
    return audit.verify_chain(session=session), audit.count_events(session=session)


def count_log(*, session: Session, actor: Actor, filters: AuditFilter) -> int:
    require(actor, Act.AUDIT_READ)
    return audit.count_filtered(session=session, filters=filters)


def page_log(*, session: Session, actor: Actor, filters: AuditFilter,
             request: PageRequest) -> Page:
    require(actor, Act.AUDIT_READ)
    return audit.page_events(session=session, filters=filters, request=request)


def count_all(*, session: Session, actor: Actor) -> int:
    require(actor, Act.AUDIT_READ)
    return audit.count_events(session=session)


def filter_choices(*, session: Session, actor: Actor) -> tuple[list[str], list[str]]:
    """(actors, record types) the page's filters offer."""
    require(actor, Act.AUDIT_READ)
    return audit.actor_choices(session=session), audit.entity_choices(session=session)


def require_export(actor: Actor) -> None:
    require(actor, Act.AUDIT_EXPORT)


def note_export(*, session: Session, actor: Actor, filters: AuditFilter, path: Path | str,
                count: int) -> int:
    """Record 导出审计日志 (who, how many rows, which filters, which file) after the rows
    were read: the export is in the log it exported from the next row on."""
    require(actor, Act.AUDIT_EXPORT)
    shown = {k: str(v) for k, v in vars(filters).items() if v not in (None, "")}
    return audit.record(
        session=session, actor=actor, action="export", entity="audit_event", entity_id=None,
        summary=summaries.AUDIT_EXPORT(count=count, file=Path(path).name),
        changes={"filters": shown, "rows": count},
    ).id or 0
