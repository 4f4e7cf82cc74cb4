"""总览 (the leaders' dashboard): every aggregate of the overview as SQL, returned as plain data.

Lights per category and the "时间过半、任务过半" pace come from one grouped query that
applies the rules of `jjjdesk.domain.lag.assess` in a SQL ``CASE`` (kept equal to the Python
rules by tests/core/test_dashboard_data.py); investment is a windowed running sum per period;
the reporting rate is the submission board of the round. Nothing here loops over entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy import and_, case, func, literal, or_
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light, ProblemKind, ProblemState, ReviewState
from jjjdesk.domain.lag import expected_period
from jjjdesk.domain.models import (
    Category,
    Indicator,
    IndicatorValue,
    KeyTask,
    Plan,
    Problem,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
    RoundUnit,
    Unit,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period
from jjjdesk.services import board
from jjjdesk.services.indicators import share_of_target
from jjjdesk.services.lag import COUNTED_STATES, thresholds
from jjjdesk.services.problems import OPEN_STATES

LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREY, Light.GREEN, Light.NONE)
NO_CATEGORY = "未关联任务的项目"
PROBLEM_LIMIT = 200


@dataclass(frozen=True)
class DashboardFilter:
    plan_id: int | None = None
    category_id: int | None = None
    unit_id: int | None = None
    period_key: str | None = None  # as of this period (None: the current one)


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


@dataclass(frozen=True)
class InvestmentSeries:
    year: int
    period_keys: list[str]
    period_labels: list[str]
    completed: list[float]  # this period, 亿元
    completed_cumulative: list[float]
    planned_cumulative: list[float]  # annual plan spread evenly over the year
    planned_annual: float


@dataclass(frozen=True)
class UnitRate:
    unit_id: int
    unit_name: str
    submitted: int
    total: int
    state_label: str

    @property
    def rate(self) -> float:
        return self.submitted / self.total if self.total else 0.0


@dataclass(frozen=True)
class RoundRates:
    round_id: int
    round_name: str
    deadline: date
    rows: list[UnitRate]  # highest rate first


@dataclass(frozen=True)
class OpenProblem:
    id: int
    kind_label: str
    description: str
    owner_unit_id: int | None
    owner_unit: str
    subject_label: str
    raised_label: str
    state_label: str


@dataclass(frozen=True)
class DashboardData:
    filters: DashboardFilter
    as_of_label: str
    today: date
    subjects: int  # tasks and projects in the registry (0: a new registry)
    lights: list[CategoryLights]
    pace: list[CategoryPace]
    indicators: list[IndicatorProgress]
    investment: InvestmentSeries
    reporting: RoundRates | None
    problems: list[OpenProblem]
    open_problems: int

    @property
    def is_empty(self) -> bool:
        return self.subjects == 0


@dataclass(frozen=True)
class _Context:
    filters: DashboardFilter
    today: date  # the day the lights are judged on
    as_of: Period
    kind: str


def dashboard_context(*, session: Session, today: date, filters: DashboardFilter) -> _Context:
    """The lights of a past period are judged on its last day, with that period's entries."""
    kind = thresholds(session=session).period_kind
    if filters.period_key:
        as_of = Period.from_key(filters.period_key)
        return _Context(filters, min(today, as_of.end), as_of, as_of.kind.value)
    return _Context(filters, today, Period.containing(kind, today), kind)


# ---- lights and pace ------------------------------------------------------------------------
def _days(session: Session, a, b):
    """Days from date a to date b, on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(b) - func.julianday(a)
    return b - a


def _round1(x):
    return func.round(sa.cast(x, sa.Numeric), 1)


def _subject_rows(session: Session, ctx: _Context):
    """(category, light, elapsed, completion) of every subject in the filters, as a subquery."""
    t = thresholds(session=session)
    kind, key = ctx.kind, ctx.as_of.key
    due = expected_period(kind, ctx.today, t.grace_days)
    f = ctx.filters
    parts = []
    for subject in ("task", "project"):
        if subject == "task":
            e_col = ProgressEntry.task_id
            sid, plan, cat = KeyTask.id, KeyTask.plan_id, KeyTask.category_id
            unit, start, end = KeyTask.lead_unit_id, KeyTask.start_date, KeyTask.due_date
            base = select(
                sid.label("sid"),
                plan.label("plan"),
                cat.label("cat"),
                unit.label("unit"),
                start.label("s"),
                end.label("e"),
            )
        else:
            e_col = ProgressEntry.project_id
            unit = func.coalesce(Project.lead_unit_id, Project.district_id)
            base = select(
                Project.id.label("sid"),
                KeyTask.plan_id.label("plan"),
                KeyTask.category_id.label("cat"),
                unit.label("unit"),
                Project.planned_start.label("s"),
                Project.planned_completion.label("e"),
            ).outerjoin(KeyTask, KeyTask.id == Project.task_id)
            sid = Project.id
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
        if f.plan_id is not None:
            base = base.where(KeyTask.plan_id == f.plan_id)
        if f.category_id is not None:
            base = base.where(KeyTask.category_id == f.category_id)
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
            select(
                subjects.c.cat,
                subjects.c.s,
                subjects.c.e,
                subjects.c.k,
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
    length = _days(session, s, e)
    elapsed = case(
        (today >= e, literal(100.0)),
        (or_(today <= s, length <= 0), literal(0.0)),
        else_=_round1(100.0 * _days(session, s, today) / length),
    )
    gap = _round1(elapsed - pct)
    lagging = a == "lagging"
    done = or_(a == "done", pct >= 100)
    missing = and_(literal(due.end, sa.Date) >= s, or_(k.is_(None), k < due.key))
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
        cid: category_label(n, title)
        for cid, n, title in session.exec(select(Category.id, Category.number, Category.title))
    }


def lights_and_pace(
    *, session: Session, ctx: _Context
) -> tuple[list[CategoryLights], list[CategoryPace]]:
    cat, light, elapsed, pct = _subject_rows(session, ctx)
    inner = select(
        cat.label("cat"), light.label("light"), elapsed.label("el"), pct.label("pct")
    ).subquery()
    stmt = select(
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


# ---- investment ------------------------------------------------------------------------------
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


def investment(*, session: Session, ctx: _Context) -> InvestmentSeries:
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


# ---- indicators --------------------------------------------------------------------------
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


def indicator_progress(*, session: Session, ctx: _Context) -> list[IndicatorProgress]:
    f = ctx.filters
    stmt = select(Indicator).outerjoin(KeyTask, KeyTask.id == Indicator.task_id)
    if f.plan_id is not None:
        stmt = stmt.where(Indicator.plan_id == f.plan_id)
    if f.category_id is not None:
        stmt = stmt.where(KeyTask.category_id == f.category_id)
    if f.unit_id is not None:
        stmt = stmt.where(Indicator.lead_unit_id == f.unit_id)
    indicators = list(session.exec(stmt.order_by(Indicator.sort_key, Indicator.id)))
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
        vals = sorted(values.get(ind.id, []), key=lambda pv: pv[0].sort_key())
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
                ind.id,
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


# ---- reporting and problems ----------------------------------------------------------------
def current_round_id(*, session: Session, period_key: str | None = None) -> int | None:
    """The round of the chosen period, else the newest open round, else the newest one."""
    order = (col(ReportingRound.deadline).desc(), col(ReportingRound.id).desc())
    if period_key:
        found = session.exec(
            select(ReportingRound.id)
            .where(ReportingRound.period_key == period_key)
            .order_by(*order)
        ).first()
        if found is not None:
            return found
    found = session.exec(
        select(ReportingRound.id).where(ReportingRound.state == "open").order_by(*order)
    ).first()
    return (
        found
        if found is not None
        else session.exec(select(ReportingRound.id).order_by(*order)).first()
    )


def reporting_rates(*, session: Session, ctx: _Context) -> RoundRates | None:
    """Items submitted per unit of the round, in one grouped query.

    The board's own query (`board.round_board`) joins entries with an ``OR`` of task and
    project, which SQLite answers by scanning (~280 ms for 10,000 items); two left joins,
    each on its own index, give the same counts in a few milliseconds.
    """
    round_id = current_round_id(session=session, period_key=ctx.filters.period_key)
    if round_id is None:
        return None
    rnd = session.get(ReportingRound, round_id)
    et = sa.orm.aliased(ProgressEntry)
    ep = sa.orm.aliased(ProgressEntry)
    state = func.coalesce(et.review_state, ep.review_state)
    sent = case((state.in_(COUNTED_STATES), 1), else_=0)
    back = case((state == ReviewState.RETURNED.value, 1), else_=0)
    counts_q = (
        select(RoundItem.unit_id, func.count(RoundItem.id), func.sum(sent), func.sum(back))
        .outerjoin(et, and_(et.task_id == RoundItem.task_id, et.period_key == rnd.period_key))
        .outerjoin(
            ep,
            and_(
                ep.project_id == RoundItem.project_id,
                ep.period_kind == rnd.period_kind,
                ep.period_key == rnd.period_key,
            ),
        )
        .where(RoundItem.round_id == round_id)
        .group_by(RoundItem.unit_id)
    )
    if ctx.filters.unit_id is not None:
        counts_q = counts_q.where(RoundItem.unit_id == ctx.filters.unit_id)
    counts = {
        u: (total, int(done or 0), int(returned or 0))
        for u, total, done, returned in session.exec(counts_q)
    }
    names = dict(
        session.exec(
            select(Unit.id, Unit.name)
            .join(RoundUnit, RoundUnit.unit_id == Unit.id)
            .where(RoundUnit.round_id == round_id)
        ).all()
    )
    rows = []
    for unit_id, (total, done, returned) in counts.items():
        # the board's own rule (未报/已报/逾期/退回), so the two never disagree
        state_ = board._state(total, done, returned, rnd.deadline, ctx.today)
        rows.append(UnitRate(unit_id, names.get(unit_id, ""), done, total, state_.label))
    rows.sort(key=lambda r: (-r.rate, -r.total, r.unit_name))
    return RoundRates(round_id, rnd.name, rnd.deadline, rows)


def open_problems(
    *, session: Session, ctx: _Context, limit: int = PROBLEM_LIMIT
) -> tuple[list[OpenProblem], int]:
    """Open problems and coordination needs, oldest raised first, and how many there are."""
    f = ctx.filters
    task = sa.orm.aliased(KeyTask)
    ptask = sa.orm.aliased(KeyTask)
    stmt = (
        select(Problem, Unit.name, task.number, task.title, Project.code, Project.name)
        .outerjoin(Unit, Unit.id == Problem.owner_unit_id)
        .outerjoin(task, task.id == Problem.task_id)
        .outerjoin(Project, Project.id == Problem.project_id)
        .outerjoin(ptask, ptask.id == Project.task_id)
        .where(col(Problem.state).in_(OPEN_STATES))
    )
    if f.unit_id is not None:
        stmt = stmt.where(Problem.owner_unit_id == f.unit_id)
    if f.plan_id is not None:
        stmt = stmt.where(func.coalesce(task.plan_id, ptask.plan_id) == f.plan_id)
    if f.category_id is not None:
        stmt = stmt.where(func.coalesce(task.category_id, ptask.category_id) == f.category_id)
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    stmt = stmt.order_by(Problem.raised_period_key, col(Problem.created_at), col(Problem.id))
    out = []
    for p, unit, t_no, t_title, p_code, p_name in session.exec(stmt.limit(limit)):
        subject = f"任务{t_no} {t_title}" if t_title else f"{p_code} {p_name}" if p_name else ""
        raised = Period.from_key(p.raised_period_key).label if p.raised_period_key else ""
        out.append(
            OpenProblem(
                p.id,
                ProblemKind(p.kind).label,
                p.description,
                p.owner_unit_id,
                unit or "",
                subject,
                raised,
                ProblemState(p.state).label,
            )
        )
    return out, total


# ---- the whole overview ----------------------------------------------------------------------
def subject_count(*, session: Session) -> int:
    tasks = session.exec(select(func.count(KeyTask.id))).one()
    return tasks + session.exec(select(func.count(Project.id))).one()


def load_dashboard(
    *, session: Session, today: date, filters: DashboardFilter = DashboardFilter()
) -> DashboardData:
    """Everything the 总览 page shows, in one read transaction."""
    ctx = dashboard_context(session=session, today=today, filters=filters)
    lights, pace = lights_and_pace(session=session, ctx=ctx)
    problems, total = open_problems(session=session, ctx=ctx)
    return DashboardData(
        filters=filters,
        as_of_label=ctx.as_of.label,
        today=ctx.today,
        subjects=subject_count(session=session),
        lights=lights,
        pace=pace,
        indicators=indicator_progress(session=session, ctx=ctx),
        investment=investment(session=session, ctx=ctx),
        reporting=reporting_rates(session=session, ctx=ctx),
        problems=problems,
        open_problems=total,
    )


def filter_choices(*, session: Session) -> dict[str, list[tuple[object, str]]]:
    """Choices of the filter combos: plans, categories, units and recent periods."""
    plans = [
        (pid, short or name)
        for pid, name, short in session.exec(
            select(Plan.id, Plan.name, Plan.short_name).order_by(Plan.id)
        )
    ]
    cats = [
        (cid, category_label(n, title))
        for cid, n, title in session.exec(
            select(Category.id, Category.number, Category.title).order_by(
                Category.plan_id, Category.number
            )
        )
    ]
    units = [
        (uid, name)
        for uid, name in session.exec(select(Unit.id, Unit.name).order_by(Unit.sort_key, Unit.id))
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
