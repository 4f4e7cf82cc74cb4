"""Write a registry import's preview in one transaction: plan, categories and units before the
tasks that name them, tasks before projects; every row and link logged for exact undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlmodel import Session, SQLModel

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import (
    Category,
    Indicator,
    KeyTask,
    Plan,
    Project,
    TaskUnit,
    Unit,
    UnitAlias,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.text import match_key
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.importing.changelog import ChangeLog, Watch, row_image, table
from jjjdesk.importing.registry.pending import Pending
from jjjdesk.importing.views import ImportPreview
from jjjdesk.progress import Ticker
from jjjdesk.services import audit, indicators, projects, tasks, units
from jjjdesk.services import audit_summaries as summaries

#: The records a registry import creates and updates through their services.
_Record = Unit | KeyTask | Project | Indicator


def commit_registry(
    session: Session,
    actor: Actor,
    preview: ImportPreview,
    batch_id: int,
    changes: ChangeLog,
    ticker: Ticker,
) -> tuple[int, int]:
    """Write the preview's rows in order (a plan, categories and units before the tasks that
    name them, tasks before projects); every row changed, links included, is logged for undo."""
    created = updated = 0
    made: dict[tuple[str, str], int] = {}  # (kind, key) of a `Pending` → the new id

    def resolve(value: Any) -> Any:
        if isinstance(value, Pending):
            return made[(value.kind, value.key)]
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    services: dict[
        str, tuple[type[_Record], Callable[..., Any], Callable[[int, dict[str, Any]], Any]]
    ] = {
        "unit": (
            Unit,
            units.create_unit,
            lambda i, v: units.update_unit(session=session, actor=actor, unit_id=i, values=v),
        ),
        "task": (
            KeyTask,
            tasks.create_task,
            lambda i, v: tasks.update_task(session=session, actor=actor, task_id=i, values=v),
        ),
        "project": (
            Project,
            projects.create_project,
            lambda i, v: projects.update_project(
                session=session, actor=actor, project_id=i, values=v
            ),
        ),
        "indicator": (
            Indicator,
            indicators.create_indicator,
            lambda i, v: indicators.update_indicator(
                session=session, actor=actor, indicator_id=i, values=v
            ),
        ),
    }
    links: dict[str, tuple[type[SQLModel], str]] = {
        "unit": (UnitAlias, "unit_id"),
        "task": (TaskUnit, "task_id"),
    }
    for w in preview.writes:
        values = {k: resolve(v) for k, v in w.values.items()}
        if w.model in ("plan", "category"):
            made[(w.model, w.extra["key"])] = create_plan_part(
                session, actor, w.model, values, changes
            )
            created += 1
            ticker.step()
            continue
        model, create, update_ = services[w.model]
        link = links.get(w.model)
        try:
            if w.row_id is None:
                result = create(session=session, actor=actor, values=values)
                image = row_image(model, session.get(model, result.id))
                changes.add(model, "create", None, image)
                created += 1
                key = match_key(values["name"]) if w.model == "unit" else w.extra.get("key", "")
                made[(w.model, key)] = result.id
                if link is not None:
                    watch = Watch(session, link[0], table(link[0]).c[link[1]] == result.id)
                    watch.before = {}
                    watch.log(changes)
            else:
                # session.get types a union of classes as their base, which has no version
                row = cast("_Record | None", session.get(model, w.row_id))
                if row is None or row.version != w.version:
                    raise ConflictError(
                        f"工作表“{w.sheet}”第{w.row}行对应的记录在预览之后被修改,请重新预览。"
                    )
                before = row_image(model, row)
                link_watch = (
                    None
                    if link is None
                    else Watch(session, link[0], table(link[0]).c[link[1]] == w.row_id)
                )
                update_(w.row_id, values)
                session.flush()
                after = row_image(model, session.get(model, w.row_id))
                if after != before:
                    changes.add(model, "update", before, after)
                    updated += 1
                if link_watch is not None:
                    link_watch.log(changes)
        except ValidationFailed as exc:
            raise UserFacingError(f"工作表“{w.sheet}”第{w.row}行:{exc}") from None
        ticker.step()
    return created, updated


def create_plan_part(
    session: Session, actor: Actor, kind: str, values: dict[str, Any], changes: ChangeLog
) -> int:
    """A plan or category named by the ledger and not in the database yet (no service
    creates them elsewhere: only the demo and this import do)."""
    model: type[Plan] | type[Category] = Plan if kind == "plan" else Category
    record = model(**values)
    session.add(record)
    session.flush()
    changes.add(model, "create", None, row_image(model, record))
    summary = (
        summaries.REGISTRY_PLAN(name=record.name)
        if isinstance(record, Plan)  # kind == "plan"
        else summaries.REGISTRY_CATEGORY(category=category_label(record.number, record.title))
    )
    audit.record(
        session=session,
        actor=actor,
        action="create",
        entity=kind,
        entity_id=record.id,
        summary=summary,
        changes={"after": values},
        reason="导入",
    )
    assert record.id is not None  # flushed above
    return record.id
