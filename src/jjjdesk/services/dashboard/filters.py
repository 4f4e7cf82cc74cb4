"""The overview's filters, the as-of period they resolve to, and the choices of their combos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.models import Category, Plan, ProgressEntry, Unit
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period
from jjjdesk.services.lag import thresholds


@dataclass(frozen=True)
class DashboardFilter:
    plan_id: int | None = None
    category_id: int | None = None
    unit_id: int | None = None
    period_key: str | None = None  # as of this period (None: the current one)


@dataclass(frozen=True)
class DashboardContext:
    filters: DashboardFilter
    today: date  # the day the lights are judged on
    as_of: Period
    kind: str


def dashboard_context(
    *, session: Session, today: date, filters: DashboardFilter
) -> DashboardContext:
    """The lights of a past period are judged on its last day, with that period's entries."""
    kind = thresholds(session=session).period_kind
    if filters.period_key:
        as_of = Period.from_key(filters.period_key)
        return DashboardContext(filters, min(today, as_of.end), as_of, as_of.kind.value)
    return DashboardContext(filters, today, Period.containing(kind, today), kind)


def filter_choices(*, session: Session) -> dict[str, list[tuple[object, str]]]:
    """Choices of the filter combos: plans, categories, units and recent periods."""
    plans: list[tuple[object, str]] = [
        (pid, short or name)
        for pid, name, short in session.exec(
            select(Plan.id, Plan.name, Plan.short_name).order_by(col(Plan.id))
        )
    ]
    cats: list[tuple[object, str]] = [
        (cid, category_label(n, title))
        for cid, n, title in session.exec(
            select(Category.id, Category.number, Category.title).order_by(
                col(Category.plan_id), col(Category.number)
            )
        )
    ]
    units: list[tuple[object, str]] = [
        (uid, name)
        for uid, name in session.exec(
            select(Unit.id, Unit.name).order_by(col(Unit.sort_key), col(Unit.id))
        )
    ]
    kind = thresholds(session=session).period_kind
    newest = session.exec(
        select(func.max(ProgressEntry.period_key)).where(ProgressEntry.period_kind == kind)
    ).one()
    periods: list[tuple[object, str]] = []
    if newest:
        p = Period.from_key(newest)
        for _ in range(24):
            periods.append((p.key, p.label))
            p = p.previous()
    return {"plan": plans, "category": cats, "unit": units, "period": periods}
