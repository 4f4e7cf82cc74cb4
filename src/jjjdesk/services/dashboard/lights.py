"""Lights per category and the "时间过半、任务过半" pace, from one grouped query.

The rules of `jjjdesk.domain.lag.assess` are applied in a SQL ``CASE``, kept equal to the
Python rules by tests/core/test_dashboard_data.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, case, func, literal, or_
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light
from jjjdesk.domain.lag import expected_period
from jjjdesk.domain.models import (
    Category,
    KeyTask,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
    stored_id,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period
from jjjdesk.services.dashboard.filters import DashboardContext
from jjjdesk.services.lag import COUNTED_STATES, thresholds

LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREY, Light.GREEN, Light.NONE)
NO_CATEGORY = "未关联任务的项目"


@dataclass(frozen=True)
class CategoryLights:
    category_id: int | None
    label: str
    counts: dict[str, int]  # light code → subjects; every Light present
    total: int


@dataclass(frozen=True)
class CategoryPace:
    """Average elapsed share and completion of a category's subjects that report completion."""

    category_id: int | None
    label: str
    elapsed_pct: float
    completion_pct: float
    subjects: int


def _days(session: Session, a, b):
    """Days from date a to date b, on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(b) - func.julianday(a)
    return b - a


def _round1(x):
    return func.round(sa.cast(x, sa.Numeric), 1)


def _asked(session: Session, kind: str, due_key: str, subject: str):
    """(subject id, latest period a round of `kind` asked it for, that period's end), as
    `jjjdesk.services.lag` reads it: a light is grey only for such a period."""
    keys = session.exec(select(ReportingRound.period_key).distinct().where(
        ReportingRound.period_kind == kind, ReportingRound.period_key <= due_key)).all()
    if not keys:
        return None
    item = col(RoundItem.task_id) if subject == "task" else col(RoundItem.project_id)
    latest = (sa.select(item.label("sid"), func.max(col(ReportingRound.period_key)).label("ak"))
              .join(ReportingRound, col(ReportingRound.id) == col(RoundItem.round_id))
              .where(item.is_not(None), col(ReportingRound.period_kind) == kind,
                     col(ReportingRound.period_key) <= due_key)
              .group_by(item).subquery(f"asked_{subject}"))
    # A handful of round periods: their ends as a CASE, portable where VALUES lists are not.
    end = case({k: literal(Period.from_key(k).end, sa.Date) for k in keys}, value=latest.c.ak)
    return sa.select(latest.c.sid, latest.c.ak, end.label("pend")).subquery(f"owed_{subject}")


def _subject_rows(session: Session, ctx: DashboardContext):
    """(category, light, elapsed, completion) of every subject in the filters, as a subquery."""
    t = thresholds(session=session)
    kind, key = ctx.kind, ctx.as_of.key
    due = expected_period(kind, ctx.today, t.grace_days)
    f = ctx.filters
    parts = []
    unit: sa.SQLColumnExpression[int | None]
    base: sa.Select[*tuple[Any, ...]]
    for subject in ("task", "project"):
        if subject == "task":
            e_col = col(ProgressEntry.task_id)
            sid, plan, cat = col(KeyTask.id), col(KeyTask.plan_id), col(KeyTask.category_id)
            unit, start, end = (
                col(KeyTask.lead_unit_id), col(KeyTask.start_date), col(KeyTask.due_date)
            )
            base = sa.select(
                sid.label("sid"),
                plan.label("plan"),
                cat.label("cat"),
                unit.label("unit"),
                start.label("s"),
                end.label("e"),
            )
        else:
            e_col = col(ProgressEntry.project_id)
            unit = func.coalesce(col(Project.lead_unit_id), col(Project.district_id))
            base = sa.select(
                col(Project.id).label("sid"),
                col(KeyTask.plan_id).label("plan"),
                col(KeyTask.category_id).label("cat"),
                unit.label("unit"),
                col(Project.planned_start).label("s"),
                col(Project.planned_completion).label("e"),
            ).outerjoin(KeyTask, col(KeyTask.id) == col(Project.task_id))
            sid = col(Project.id)
        latest = (
            select(func.max(ProgressEntry.period_key))
            .where(
                e_col == sid,
                ProgressEntry.period_kind == kind,
                ProgressEntry.period_key <= key,
                col(ProgressEntry.review_state).in_(COUNTED_STATES),
            )
            .correlate_except(ProgressEntry)
            .scalar_subquery()
        )
        base = base.add_columns(latest.label("k"))
        owed = _asked(session, kind, due.key, subject)
        if owed is None:
            base = base.add_columns(sa.cast(sa.null(), sa.String).label("ak"),
                                    sa.cast(sa.null(), sa.Date).label("pend"))
        else:
            base = (base.outerjoin(owed, owed.c.sid == sid)
                    .add_columns(owed.c.ak.label("ak"), owed.c.pend.label("pend")))
        if f.plan_id is not None:
            base = base.where(col(KeyTask.plan_id) == f.plan_id)
        if f.category_id is not None:
            base = base.where(col(KeyTask.category_id) == f.category_id)
        if f.unit_id is not None:
            base = base.where(unit == f.unit_id)
        # Materialised so the correlated subquery runs once per subject, not once per use.
        subjects = base.cte(f"dash_{subject}").prefix_with("MATERIALIZED")
        entry = (
            select(
                e_col.label("sid"),
                ProgressEntry.period_key,
                ProgressEntry.completion_pct,
                ProgressEntry.assessment,
            )
            .where(ProgressEntry.period_kind == kind)
            .subquery()
        )
        parts.append(
            sa.select(
                subjects.c.cat,
                subjects.c.s,
                subjects.c.e,
                subjects.c.k,
                subjects.c.ak,
                subjects.c.pend,
                entry.c.completion_pct.label("pct"),
                entry.c.assessment.label("a"),
            )
            .select_from(subjects)
            .outerjoin(
                entry, and_(entry.c.sid == subjects.c.sid, entry.c.period_key == subjects.c.k)
            )
        )
    rows = sa.union_all(*parts).subquery("subj")
    today = literal(ctx.today, sa.Date)
    s, e, k, pct, a = rows.c.s, rows.c.e, rows.c.k, rows.c.pct, rows.c.a
    ak, pend = rows.c.ak, rows.c.pend
    length = _days(session, s, e)
    elapsed = case(
        (today >= e, literal(100.0)),
        (or_(today <= s, length <= 0), literal(0.0)),
        else_=_round1(100.0 * _days(session, s, today) / length),
    )
    gap = _round1(elapsed - pct)
    lagging = a == "lagging"
    done = or_(a == "done", pct >= 100)
    missing = and_(ak.is_not(None), pend >= s, or_(k.is_(None), k < ak))
    light = case(
        (or_(s.is_(None), e.is_(None)), literal(Light.NONE.value)),
        (and_(k.is_not(None), done), literal(Light.GREEN.value)),
        (missing, literal(Light.GREY.value)),
        (today < s, literal(Light.GREEN.value)),
        (today > e, literal(Light.RED.value)),
        (pct.is_(None), case((lagging, Light.YELLOW.value), else_=Light.GREEN.value)),
        (gap <= t.green_margin, case((lagging, Light.YELLOW.value), else_=Light.GREEN.value)),
        (gap >= t.red_gap, literal(Light.RED.value)),
        else_=literal(Light.YELLOW.value),
    )
    paced = and_(s.is_not(None), e.is_not(None), pct.is_not(None))
    return rows.c.cat, light, case((paced, elapsed)), case((paced, pct))


def _category_labels(session: Session) -> dict[int, str]:
    return {
        stored_id(cid): category_label(n, title)
        for cid, n, title in session.exec(
            select(col(Category.id), Category.number, Category.title)
        )
    }


def lights_and_pace(
    *, session: Session, ctx: DashboardContext
) -> tuple[list[CategoryLights], list[CategoryPace]]:
    cat, light, elapsed, pct = _subject_rows(session, ctx)
    inner = select(
        cat.label("cat"), light.label("light"), elapsed.label("el"), pct.label("pct")
    ).subquery()
    stmt = select(  # type: ignore[call-overload]  # sqlmodel types at most 4 columns
        inner.c.cat,
        inner.c.light,
        func.count(),
        func.avg(inner.c.el),
        func.avg(inner.c.pct),
        func.count(inner.c.pct),
    ).group_by(inner.c.cat, inner.c.light)
    labels = _category_labels(session)
    counts: dict[int | None, dict[str, int]] = {}
    sums: dict[int | None, list[float]] = {}
    for c, lt, n, avg_el, avg_pct, n_pct in session.exec(stmt):
        counts.setdefault(c, {x.value: 0 for x in Light})[lt] = n
        if n_pct:
            acc = sums.setdefault(c, [0.0, 0.0, 0])
            acc[0] += float(avg_el) * n_pct
            acc[1] += float(avg_pct) * n_pct
            acc[2] += n_pct
    order = sorted(counts, key=lambda c: (c is None, c or 0))
    lights = [
        CategoryLights(
            c, labels.get(c, NO_CATEGORY) if c else NO_CATEGORY, counts[c], sum(counts[c].values())
        )
        for c in order
    ]
    pace = [
        CategoryPace(
            c,
            labels.get(c, NO_CATEGORY) if c else NO_CATEGORY,
            round(sums[c][0] / sums[c][2], 1),
            round(sums[c][1] / sums[c][2], 1),
            int(sums[c][2]),
        )
        for c in order
        if c in sums
    ]
    return lights, pace
