"""Lights per category and the "时间过半、任务过半" pace, from one grouped query.

The rules of `jjjdesk.domain.lag.assess` are applied in a SQL ``CASE`` (`lag_sql.light_case`)
to the facts every light reads (`lag_sql.subject_facts`), kept equal to the Python rules
subject by subject by tests/core/test_lag_sql.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light
from jjjdesk.domain.models import Category, stored_id
from jjjdesk.domain.numerals import category_label
from jjjdesk.services import lag_sql
from jjjdesk.services.dashboard.filters import DashboardContext
from jjjdesk.services.lag import thresholds

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


def _subject_rows(session: Session, ctx: DashboardContext):
    """(category, light, elapsed, completion) of every subject in the filters: the facts of
    `lag_sql.subject_facts` (the lists' query) judged by `lag_sql.light_case`."""
    f = ctx.filters
    rows = lag_sql.judged_select(session, kind=ctx.kind, as_of_key=ctx.as_of.key,
                                 today=ctx.today, t=thresholds(session=session),
                                 plan_id=f.plan_id, category_id=f.category_id,
                                 unit_id=f.unit_id).subquery("judged")
    s, e, pct = rows.c.s, rows.c.e, rows.c.pct
    paced = and_(s.is_not(None), e.is_not(None), pct.is_not(None))
    return rows.c.cat, rows.c.light, case((paced, rows.c.elapsed)), case((paced, pct))


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
