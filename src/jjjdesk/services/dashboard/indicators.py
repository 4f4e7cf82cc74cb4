"""Indicators of the overview: latest value, share of target and the trend at the target year."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from jjjdesk.domain.models import Indicator, IndicatorValue, KeyTask, row_id
from jjjdesk.domain.period import Period
from jjjdesk.services.dashboard.filters import DashboardContext
from jjjdesk.services.indicators import share_of_target


@dataclass(frozen=True)
class IndicatorProgress:
    id: int
    name: str
    measure: str
    direction: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    latest_label: str
    latest_value: float | None
    share: float | None  # 1.0 = target reached
    projected_value: float | None  # where the linear trend of the values is at the target year
    values: list[tuple[str, float]] = field(default_factory=list)  # (period label, value)


def _trend(points: list[tuple[float, float]], at: float) -> float | None:
    """Least-squares line through (year, value) points, evaluated at `at`."""
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return round(my + slope * (at - mx), 4)


def _year_fraction(p: Period) -> float:
    end = p.end
    return end.year + (end.timetuple().tm_yday / 366)


def indicator_progress(
    *, session: Session, ctx: DashboardContext
) -> list[IndicatorProgress]:
    f = ctx.filters
    stmt = select(Indicator).outerjoin(KeyTask, col(KeyTask.id) == col(Indicator.task_id))
    if f.plan_id is not None:
        stmt = stmt.where(Indicator.plan_id == f.plan_id)
    if f.category_id is not None:
        stmt = stmt.where(KeyTask.category_id == f.category_id)
    if f.unit_id is not None:
        stmt = stmt.where(Indicator.lead_unit_id == f.unit_id)
    indicators = list(session.exec(stmt.order_by(col(Indicator.sort_key), col(Indicator.id))))
    values: dict[int, list[tuple[Period, float]]] = {}
    rows = session.exec(
        select(IndicatorValue.indicator_id, IndicatorValue.period_key, IndicatorValue.value).where(
            col(IndicatorValue.indicator_id).in_([i.id for i in indicators])
        )
    )
    for iid, key, value in rows:
        p = Period.from_key(key)
        if p.start <= ctx.as_of.end:
            values.setdefault(iid, []).append((p, value))
    out = []
    for ind in indicators:
        vals = sorted(values.get(row_id(ind), []), key=lambda pv: pv[0].sort_key())
        latest = vals[-1] if vals else None
        points = [(_year_fraction(p), v) for p, v in vals]
        if (
            ind.baseline_year is not None
            and ind.baseline_value is not None
            and not any(p.year == ind.baseline_year for p, _ in vals)
        ):
            points.insert(0, (ind.baseline_year + 1.0, ind.baseline_value))
        projected = _trend(points, ind.target_year + 1.0) if ind.target_year else None
        out.append(
            IndicatorProgress(
                row_id(ind),
                ind.name,
                ind.measure,
                ind.direction,
                ind.baseline_year,
                ind.baseline_value,
                ind.target_year,
                ind.target_value,
                latest[0].label if latest else "",
                latest[1] if latest else None,
                share_of_target(
                    ind.baseline_value,
                    latest[1] if latest else None,
                    ind.target_value,
                    ind.direction,
                ),
                projected,
                [(p.label, v) for p, v in vals],
            )
        )
    return out
