"""Audit-row undo: revert one registry change by applying the inverse of its audit row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import AuditEvent, Indicator, IndicatorValue, KeyTask, Project, Unit
from jjjdesk.errors import UserFacingError
from jjjdesk.services import audit, indicators, projects, records, tasks, units
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import require_registry_write

_MODELS: dict[str, type[SQLModel]] = {
    "unit": Unit,
    "task": KeyTask,
    "project": Project,
    "indicator": Indicator,
    "indicator_value": IndicatorValue,
}

_DELETE: dict[str, Callable[..., Any]] = {
    "unit": lambda s, a, i: units.delete_unit(session=s, actor=a, unit_id=i),
    "task": lambda s, a, i: tasks.delete_task(session=s, actor=a, task_id=i),
    "project": lambda s, a, i: projects.delete_project(session=s, actor=a, project_id=i),
    "indicator": lambda s, a, i: indicators.delete_indicator(session=s, actor=a, indicator_id=i),
}

_RESTORE: dict[str, Callable[[Session, dict[str, Any]], None]] = {
    "unit": units.restore_unit,
    "task": tasks.restore_task,
    "project": projects.restore_project,
    "indicator": indicators.restore_indicator,
}

_UPDATE: dict[str, Callable[..., Any]] = {
    "unit": lambda s, a, i, v: units.update_unit(session=s, actor=a, unit_id=i, values=v),
    "task": lambda s, a, i, v: tasks.update_task(session=s, actor=a, task_id=i, values=v),
    "project": lambda s, a, i, v: projects.update_project(
        session=s, actor=a, project_id=i, values=v
    ),
    "indicator": lambda s, a, i, v: indicators.update_indicator(
        session=s, actor=a, indicator_id=i, values=v
    ),
}


def revert_event(*, session: Session, actor: Actor, event_id: int) -> str:
    """Undo the change an audit row describes; returns what was undone, for the status bar.

    Refused when the record changed again since (the inverse would overwrite that change).
    """
    require_registry_write(actor)
    event = session.get(AuditEvent, event_id)
    if event is None or event.entity not in _RESTORE:
        raise UserFacingError("没有可撤销的修改。")
    view = audit.get_event(session=session, event_id=event_id)
    assert view is not None  # the event was found just above
    changes = view.changes
    model = _MODELS[event.entity]
    if event.action == "create":
        row = session.get(model, event.entity_id)
        if row is None:
            raise UserFacingError("该记录已被删除,无需撤销。")
        # Compare content, not the version: an edit that was itself undone leaves the
        # record as created but with a higher version, and the creation may then be undone.
        current = records.snapshot(row)
        edited = [k for k, v in changes["after"].items()
                  if k in current and k not in records.BOOKKEEPING and current[k] != v]
        if edited:
            raise UserFacingError("该记录在新增后又被修改过,不能直接撤销新增。")
        _DELETE[event.entity](session, actor, event.entity_id)
    elif event.action == "update":
        row = session.get(model, event.entity_id)
        if row is None:
            raise UserFacingError("该记录已被删除,不能撤销这次修改。")
        old = {field: pair[0] for field, pair in changes["fields"].items()}
        current = {field: records.to_jsonable(getattr(row, field, None)) for field in old}
        newer = {f for f, pair in changes["fields"].items()
                 if hasattr(row, f) and current[f] != pair[1]}
        if newer:
            raise UserFacingError("该记录之后又被修改过,不能撤销这次修改。")
        _UPDATE[event.entity](session, actor, event.entity_id, old)
    elif event.action == "delete":
        if session.get(model, event.entity_id) is not None:
            raise UserFacingError("该记录已存在,无需恢复。")
        _RESTORE[event.entity](session, changes["before"])
    else:
        raise UserFacingError("这类修改不能撤销。")
    audit.record(
        session=session, actor=actor, action="undo", entity=event.entity,
        entity_id=event.entity_id, summary=summaries.UNDO(summary=event.summary),
        changes={"undone_event": event_id}, reason="撤销",
    )
    return event.summary
