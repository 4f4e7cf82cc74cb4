"""目标指标: baseline, target, values per period, and their edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import Direction
from jjjdesk.domain.inputs import IndicatorInput, validate_input
from jjjdesk.domain.models import Indicator, IndicatorValue, KeyTask, Plan, Unit, row_id
from jjjdesk.domain.period import Period
from jjjdesk.domain.text import search_text, sort_key
from jjjdesk.errors import ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.query import (
    ListQuery,
    Page,
    PageRequest,
    SortKey,
    WriteResult,
    keyset,
    like_pattern,
)

ENTITY = "indicator"


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    name: str
    measure: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    latest_period: str
    latest_value: float | None
    share_of_target: float | None
    direction_label: str
    lead_unit: str
    task_number: int | None
    is_demo: bool


@dataclass(frozen=True)
class IndicatorDetail:
    id: int
    version: int
    plan_id: int
    task_id: int | None
    lead_unit_id: int | None
    name: str
    measure: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    direction: str
    note: str
    is_demo: bool


def share_of_target(
    baseline: float | None, latest: float | None, target: float | None, direction: str
) -> float | None:
    """How far the latest value has come from baseline to target (1.0 = reached).

    Without a baseline the share is latest/target (or target/latest for a falling indicator).
    """
    if latest is None or target is None:
        return None
    if baseline is not None and baseline != target:
        return (latest - baseline) / (target - baseline)
    if direction == Direction.DOWN:
        return target / latest if latest else None
    return latest / target if target else None


def _keys(row: Indicator) -> None:
    row.sort_key = sort_key(row.name)
    row.search_text = search_text(row.name, row.measure)


def _check(session: Session, data: IndicatorInput, indicator_id: int | None) -> None:
    errors: dict[str, str] = {}
    if session.exec(
        select(Indicator.id).where(Indicator.name == data.name, Indicator.id != indicator_id)
    ).first():
        errors["name"] = f"已有同名指标“{data.name}”"
    if session.get(Plan, data.plan_id) is None:
        errors["plan_id"] = "所选方案不存在"
    if data.task_id is not None and session.get(KeyTask, data.task_id) is None:
        errors["task_id"] = "所选任务不存在"
    if data.lead_unit_id is not None and session.get(Unit, data.lead_unit_id) is None:
        errors["lead_unit_id"] = "所选单位不存在"
    if errors:
        raise ValidationFailed(errors)


def _values(data: IndicatorInput) -> dict[str, Any]:
    values = data.model_dump() | {"direction": data.direction.value}
    return records.none_to_blank(values, {"measure", "note"})


def create_indicator(*, session: Session, actor: Actor, values: dict[str, Any]) -> WriteResult:
    require_registry_write(actor)
    data = validate_input(IndicatorInput, values)
    _check(session, data, None)
    row = Indicator(**_values(data))
    _keys(row)
    session.add(row)
    session.flush()
    event = records.audit_create(session, actor, ENTITY, row,
                                 summaries.INDICATOR_CREATE(name=row.name))
    return WriteResult(row_id(row), row.version, event)


def update_indicator(
    *, session: Session, actor: Actor, indicator_id: int, values: dict[str, Any],
    expected_version: int | None = None,
) -> WriteResult:
    require_registry_write(actor)
    row = records.get_or_fail(session, Indicator, indicator_id, "指标")
    records.check_version(row, expected_version, f"指标“{row.name}”")
    current = {k: getattr(row, k) for k in IndicatorInput.model_fields}
    data = validate_input(IndicatorInput, current | values)
    _check(session, data, indicator_id)
    diff = records.apply_changes(row, _values(data))
    _keys(row)
    event = records.audit_update(session, actor, ENTITY, row,
                                 summaries.INDICATOR_UPDATE(name=row.name), diff)
    return WriteResult(row_id(row), row.version, event)


def delete_indicator(*, session: Session, actor: Actor, indicator_id: int) -> WriteResult:
    require_registry_write(actor)
    row = records.get_or_fail(session, Indicator, indicator_id, "指标")
    values = [
        records.snapshot(v)
        for v in session.exec(select(IndicatorValue).where(IndicatorValue.indicator_id == row.id))
    ]
    event = records.audit_delete(
        session, actor, ENTITY, row, summaries.INDICATOR_DELETE(name=row.name), {"values": values}
    )
    session.delete(row)
    session.flush()
    return WriteResult(indicator_id, row.version, event)


def restore_indicator(session: Session, data: dict[str, Any]) -> None:
    session.add(Indicator(**records.from_jsonable(Indicator, data)))
    session.flush()
    for value in data.get("values", []):
        session.add(IndicatorValue(**records.from_jsonable(IndicatorValue, value)))
    session.flush()


def set_indicator_value(
    *, session: Session, actor: Actor, indicator_id: int, period: Period, value: float,
    source: str = "",
) -> WriteResult:
    require_registry_write(actor)
    indicator = records.get_or_fail(session, Indicator, indicator_id, "指标")
    row = session.exec(
        select(IndicatorValue).where(
            IndicatorValue.indicator_id == indicator_id, IndicatorValue.period_key == period.key
        )
    ).first()
    summary = summaries.INDICATOR_VALUE(name=indicator.name, period=period.label,
                                        value=f"{value:g}")
    event: int | None
    if row is None:
        row = IndicatorValue(
            indicator_id=indicator_id, period_key=period.key, value=value, source=source
        )
        session.add(row)
        session.flush()
        event = records.audit_create(session, actor, "indicator_value", row, summary)
    else:
        diff = records.apply_changes(row, {"value": value, "source": source})
        event = records.audit_update(session, actor, "indicator_value", row, summary, diff)
    return WriteResult(row_id(row), row.version, event)


def get_indicator(*, session: Session, indicator_id: int) -> IndicatorDetail:
    r = records.get_or_fail(session, Indicator, indicator_id, "指标")
    return IndicatorDetail(**{f: getattr(r, f) for f in IndicatorDetail.__dataclass_fields__})


_SORTS: dict[str, Mapped[Any]] = {
    "name": col(Indicator.sort_key),
    "measure": col(Indicator.measure),
    "baseline_value": col(Indicator.baseline_value),
    "target_value": col(Indicator.target_value),
    "target_year": col(Indicator.target_year),
}
_NULLABLE_SORTS = frozenset({"baseline_value", "target_value", "target_year"})


def _filtered(stmt, query: ListQuery):
    stmt = stmt.outerjoin(KeyTask, KeyTask.id == Indicator.task_id)
    if query.text:
        stmt = stmt.where(col(Indicator.search_text).like(like_pattern(query.text), escape="\\"))
    if query.unit_id is not None:
        stmt = stmt.where(Indicator.lead_unit_id == query.unit_id)
    if query.category_id is not None:
        stmt = stmt.where(KeyTask.category_id == query.category_id)
    return stmt


def count_indicators(*, session: Session, query: ListQuery) -> int:
    return session.exec(_filtered(select(func.count(col(Indicator.id))), query)).one()


def list_indicators(
    *, session: Session, query: ListQuery, offset: int = 0, limit: int = 200
) -> list[IndicatorRow]:
    order = _SORTS.get(query.sort, col(Indicator.id))
    stmt = _filtered(select(Indicator, KeyTask.number, Unit.name), query).outerjoin(
        Unit, Unit.id == Indicator.lead_unit_id
    )
    stmt = stmt.order_by(order.desc() if query.descending else order, col(Indicator.id))
    return _indicator_rows(session, session.exec(stmt.offset(offset).limit(limit)).all())


def page_indicators(*, session: Session, query: ListQuery, request: PageRequest) -> Page:
    """One keyset page of the list in the order the query names (id breaks ties)."""
    order = _SORTS.get(query.sort, col(Indicator.id))
    keys = (SortKey(order, nullable=query.sort in _NULLABLE_SORTS), SortKey(col(Indicator.id)))
    stmt = _filtered(select(Indicator, KeyTask.number, Unit.name), query).outerjoin(
        Unit, Unit.id == Indicator.lead_unit_id
    )
    page = keyset(session, stmt, keys, descending=query.descending, request=request)
    return Page(_indicator_rows(session, page.rows), page.keys)


def _indicator_rows(session: Session, rows) -> list[IndicatorRow]:
    latest = _latest_values(session, [r[0].id for r in rows])
    out = []
    for ind, task_number, unit_name in rows:
        period_key, value = latest.get(ind.id, ("", None))
        out.append(
            IndicatorRow(
                id=ind.id, name=ind.name, measure=ind.measure,
                baseline_year=ind.baseline_year, baseline_value=ind.baseline_value,
                target_year=ind.target_year, target_value=ind.target_value,
                latest_period=Period.from_key(period_key).label if period_key else "",
                latest_value=value,
                share_of_target=share_of_target(
                    ind.baseline_value, value, ind.target_value, ind.direction
                ),
                direction_label=Direction(ind.direction).label,
                lead_unit=unit_name or "", task_number=task_number, is_demo=ind.is_demo,
            )
        )
    return out


def _latest_values(session: Session, ids: list[int]) -> dict[int, tuple[str, float]]:
    """Latest value per indicator; period keys of one kind sort in time order."""
    latest: dict[int, tuple[str, float]] = {}
    rows = session.exec(
        select(IndicatorValue.indicator_id, IndicatorValue.period_key, IndicatorValue.value)
        .where(col(IndicatorValue.indicator_id).in_(ids))
    ).all()
    for indicator_id, key, value in rows:
        start = Period.from_key(key).end
        best = latest.get(indicator_id)
        if best is None or Period.from_key(best[0]).end < start:
            latest[indicator_id] = (key, value)
    return latest


def list_values(*, session: Session, indicator_id: int) -> list[tuple[str, float, str]]:
    rows = session.exec(
        select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)
    ).all()
    rows = sorted(rows, key=lambda v: Period.from_key(v.period_key).end)
    return [(Period.from_key(v.period_key).label, v.value, v.source) for v in rows]
