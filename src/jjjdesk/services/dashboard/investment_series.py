"""Investment of the as-of year: completed per period and running, against the annual plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.models import KeyTask, ProgressEntry, Project
from jjjdesk.domain.period import Period
from jjjdesk.services.dashboard.filters import DashboardContext, DashboardFilter
from jjjdesk.services.lag import COUNTED_STATES


@dataclass(frozen=True)
class InvestmentSeries:
    year: int
    period_keys: list[str]
    period_labels: list[str]
    completed: list[float]  # this period, 亿元
    completed_cumulative: list[float]
    planned_cumulative: list[float]  # annual plan spread evenly over the year
    planned_annual: float


def _project_filter(stmt, f: DashboardFilter):
    """Entries narrowed to the projects in the filters (no join when there are none)."""
    if f.plan_id is None and f.category_id is None and f.unit_id is None:
        return stmt
    return _where_project(stmt.join(Project, Project.id == ProgressEntry.project_id), f)


def _where_project(stmt, f: DashboardFilter):
    if f.plan_id is not None or f.category_id is not None:
        stmt = stmt.outerjoin(KeyTask, KeyTask.id == Project.task_id)
    if f.plan_id is not None:
        stmt = stmt.where(KeyTask.plan_id == f.plan_id)
    if f.category_id is not None:
        stmt = stmt.where(KeyTask.category_id == f.category_id)
    if f.unit_id is not None:
        stmt = stmt.where(func.coalesce(Project.lead_unit_id, Project.district_id) == f.unit_id)
    return stmt


def investment(*, session: Session, ctx: DashboardContext) -> InvestmentSeries:
    """Completed (sum of 本期完成投资, running total by a window function) against the
    yearly plan (sum of 年度计划投资 spread evenly) for each period of the as-of year."""
    year = ctx.as_of.year
    first = Period.containing(ctx.kind, date(year, 1, 1))
    if first.start.year < year:  # ISO week 1 may start in December
        first = first.next()
    periods = [first]
    while periods[-1].key != ctx.as_of.key and periods[-1].end < ctx.as_of.end:
        periods.append(periods[-1].next())
    per_period = func.sum(ProgressEntry.invest_period)
    stmt = (
        select(
            ProgressEntry.period_key,
            per_period,
            func.sum(per_period).over(order_by=ProgressEntry.period_key),
        )
        .where(
            ProgressEntry.period_kind == ctx.kind,
            ProgressEntry.period_key >= first.key,
            ProgressEntry.period_key <= ctx.as_of.key,
            col(ProgressEntry.project_id).is_not(None),
            col(ProgressEntry.review_state).in_(COUNTED_STATES),
        )
        .group_by(ProgressEntry.period_key)
    )
    stmt = _project_filter(stmt, ctx.filters)
    done = {key: (float(v or 0), float(cum or 0)) for key, v, cum in session.exec(stmt)}
    planned = session.exec(
        _where_project(select(func.coalesce(func.sum(Project.annual_investment), 0.0)), ctx.filters)
    ).one()
    planned = float(planned or 0)
    days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    completed, cumulative, plan_cum, running = [], [], [], 0.0
    for p in periods:
        v, cum = done.get(p.key, (0.0, running))
        running = cum
        completed.append(round(v, 4))
        cumulative.append(round(cum, 4))
        share = min(1.0, ((min(p.end, date(year, 12, 31)) - date(year, 1, 1)).days + 1) / days)
        plan_cum.append(round(planned * share, 4))
    return InvestmentSeries(
        year,
        [p.key for p in periods],
        [p.label for p in periods],
        completed,
        cumulative,
        plan_cum,
        round(planned, 4),
    )
