"""What the light rule reads, per subject, in one SQL pass; and the rule itself as a SQL CASE.

`subject_facts` is the one query behind every light: `services.lag` applies the Python rule
(`jjjdesk.domain.lag.assess`, which also words the reason) to its plain rows, and the 总览
applies `light_case`, the same rule written in SQL so that it can count lights without
fetching a row per subject. STYLE 19: the two are kept equal subject by subject by
tests/core/test_lag_sql.py; change them together.

Cost follows the subjects, never the entries (issue 22): a subject's latest counted entry is
one backward probe of the (project, kind, period) covering index (on SQLite a second probe of
the same page reads its completion and self-assessment), and the round that asked for it a
probe of `uq_round_item_*` per round after its latest report (usually none).
tests/core/test_query_plans.py holds these plans; bench/bench_lights.py times them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, case, func, literal, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from jjjdesk.domain.enums import Assessment, Light, ReviewState
from jjjdesk.domain.lag import LagThresholds, expected_period
from jjjdesk.domain.models import KeyTask, ProgressEntry, Project, ReportingRound, RoundItem, Unit
from jjjdesk.domain.period import Period

#: Entries that count as reported for the lights (drafts and returned entries do not).
COUNTED_STATES = (ReviewState.SUBMITTED.value, ReviewState.APPROVED.value)

#: The columns of `subject_facts`, in order.
FACT_COLUMNS = ("sid", "code", "num", "pnum", "parent", "name", "plan", "cat", "unit", "uname",
                "s", "e", "k", "pct", "a", "ak")


def uses_lateral(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def round_keys(session: Session, kind: str, due_key: str) -> list[str]:
    """The periods of `kind` up to `due_key` that had a round: a handful, read once."""
    return list(session.connection().execute(
        sa.select(col(ReportingRound.period_key)).distinct().where(
            col(ReportingRound.period_kind) == kind, col(ReportingRound.period_key) <= due_key)
    ).scalars())


def subject_facts(
    *, subject: str, kind: str, as_of_key: str, due_key: str, asked_keys: list[str],
    plan_id: int | None = None, category_id: int | None = None, unit_id: int | None = None,
    subtasks: bool = True, round_id: int | None = None, lateral: bool = False,
) -> sa.Select[*tuple[Any, ...]]:
    """One row per task (`subject` "task") or project of the filters (`round_id`: only the
    items of that round), in the lists' order:

    sid, code (projects), num / pnum / parent (tasks: number, parent's number, parent id),
    name, plan, cat, unit (id), uname, s / e (window), k / pct / a (the latest counted entry
    of `kind` up to `as_of_key`: period key, completion, self-assessment) and ak (the latest
    period up to `due_key` after k in which a round asked for the subject).

    `lateral`: the database has LATERAL joins (PostgreSQL; see `uses_lateral`).

    ak is the period a light may be grey for (the latest a round asked the subject for),
    looked for only after the latest report: an earlier one is owed nothing (the rule greys
    only `k < ak`), so a subject that reports probes no round at all.
    """
    e = aliased(ProgressEntry)
    base: sa.Select[*tuple[Any, ...]]
    unit: sa.SQLColumnExpression[int | None]
    if subject == "task":
        parent = aliased(KeyTask)
        sid, start, end = col(KeyTask.id), col(KeyTask.start_date), col(KeyTask.due_date)
        unit = col(KeyTask.lead_unit_id)
        plan, cat = col(KeyTask.plan_id), col(KeyTask.category_id)
        entry_of, item_of = col(e.task_id), col(RoundItem.task_id)
        base = sa.select(sid.label("sid"), sa.cast(sa.null(), sa.String).label("code"),
                         col(KeyTask.number).label("num"), col(parent.number).label("pnum"),
                         col(KeyTask.parent_id).label("parent"), col(KeyTask.title).label("name"),
                         ).outerjoin(parent, col(parent.id) == col(KeyTask.parent_id))
        if not subtasks:
            base = base.where(col(KeyTask.parent_id).is_(None))
    else:
        sid, start, end = (col(Project.id), col(Project.planned_start),
                           col(Project.planned_completion))
        unit = func.coalesce(col(Project.lead_unit_id), col(Project.district_id))
        plan, cat = col(KeyTask.plan_id), col(KeyTask.category_id)
        entry_of, item_of = col(e.project_id), col(RoundItem.project_id)
        base = sa.select(sid.label("sid"), col(Project.code).label("code"),
                         sa.cast(sa.null(), sa.Integer).label("num"),
                         sa.cast(sa.null(), sa.Integer).label("pnum"),
                         sa.cast(sa.null(), sa.Integer).label("parent"),
                         col(Project.name).label("name"),
                         ).outerjoin(KeyTask, col(KeyTask.id) == col(Project.task_id))
    latest_of: sa.Select[*tuple[Any, ...]] = sa.select(
        col(e.period_key).label("k"), col(e.completion_pct).label("pct"),
        col(e.assessment).label("a")).where(
        entry_of == sid, col(e.period_kind) == kind, col(e.period_key) <= as_of_key,
        col(e.review_state).in_(COUNTED_STATES)).order_by(col(e.period_key).desc()).limit(1)
    k: Any
    pct: Any
    a: Any
    if lateral:
        # PostgreSQL: one backward probe per subject. With the SQLite form below its planner
        # chose, at 50,000 projects, to hash every month entry against the subjects (3.3 s).
        latest = latest_of.lateral("latest")
        k, pct, a = latest.c.k, latest.c.pct, latest.c.a
        base = base.outerjoin(latest, sa.true())
    else:
        # SQLite has no LATERAL: the probe gives the key, and the join reads the completion and
        # self-assessment from the index page the probe has just read.
        pe = aliased(ProgressEntry)
        pe_of = col(pe.task_id if subject == "task" else pe.project_id)
        k, pct, a = col(pe.period_key), col(pe.completion_pct), col(pe.assessment)
        base = base.outerjoin(pe, and_(pe_of == sid, col(pe.period_kind) == kind,
                                       k == latest_of.with_only_columns(col(e.period_key))
                                       .scalar_subquery()))
    base = (base.add_columns(plan.label("plan"), cat.label("cat"), unit.label("unit"),
                             col(Unit.name).label("uname"), start.label("s"), end.label("e"),
                             k.label("k"), pct.label("pct"), a.label("a"))
            .outerjoin(Unit, col(Unit.id) == unit))
    if asked_keys:
        r = aliased(ReportingRound)
        listed = (sa.exists().where(col(RoundItem.round_id) == col(r.id), item_of == sid)
                  .correlate_except(RoundItem))
        base = base.add_columns(sa.select(col(r.period_key)).where(
            col(r.period_kind) == kind, col(r.period_key) <= due_key,
            col(r.period_key) > func.coalesce(k, ""), listed)
            .order_by(col(r.period_key).desc()).limit(1).scalar_subquery().label("ak"))
    else:
        base = base.add_columns(sa.cast(sa.null(), sa.String).label("ak"))
    if plan_id is not None:
        base = base.where(plan == plan_id)
    if category_id is not None:
        base = base.where(cat == category_id)
    if unit_id is not None:
        base = base.where(unit == unit_id)
    if round_id is not None:
        base = base.where(sa.exists().where(col(RoundItem.round_id) == round_id,
                                            item_of == sid).correlate_except(RoundItem))
    if subject == "task":
        return base.order_by(col(KeyTask.category_id),
                             func.coalesce(col(parent.number), col(KeyTask.number)),
                             col(KeyTask.parent_id).is_not(None), col(KeyTask.number))
    return base.order_by(col(Project.code))


def days_between(session: Session, a, b):
    """Days from date a to date b, on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(b) - func.julianday(a)
    return b - a


def _round1(x):
    return func.round(sa.cast(x, sa.Numeric), 1)


def light_case(session: Session, rows, today: date, t: LagThresholds, asked_keys: list[str]):
    """`jjjdesk.domain.lag.assess` in SQL over the columns of `subject_facts` (s, e, k, pct,
    a, ak of `rows`; `asked_keys` from `round_keys`): (light, elapsed share). Its branches, in
    the same order:

    no window → none; the last report says done → green; a due report missing → grey;
    window not begun → green; past the due date → red; no completion → green, or yellow if
    self-assessed 滞后; otherwise by the gap, a self-assessed 滞后 never better than yellow.
    """
    at = literal(today, sa.Date)
    s, e, k, pct, a = rows.c.s, rows.c.e, rows.c.k, rows.c.pct, rows.c.a
    ak = rows.c.ak
    # A handful of round periods: their ends as a CASE, portable where VALUES lists are not.
    pend = case({key: literal(Period.from_key(key).end, sa.Date) for key in asked_keys},
                value=ak) if asked_keys else sa.cast(sa.null(), sa.Date)
    length = days_between(session, s, e)
    elapsed = case(
        (at < s, literal(0.0)),  # not begun, as `assess` says first (also when e < s)
        (at >= e, literal(100.0)),
        (or_(at <= s, length <= 0), literal(0.0)),
        else_=_round1(100.0 * days_between(session, s, at) / length),
    )
    gap = _round1(elapsed - pct)
    lagging = a == Assessment.LAGGING.value
    done = or_(a == Assessment.DONE.value, pct >= 100)
    # pend: the owed period ended on or after the window began (`services.lag._owed`);
    # k < ak compares keys of one period kind, which sort chronologically.
    missing = and_(ak.is_not(None), pend >= s, or_(k.is_(None), k < ak))
    light = case(
        (or_(s.is_(None), e.is_(None)), literal(Light.NONE.value)),
        (and_(k.is_not(None), done), literal(Light.GREEN.value)),
        (missing, literal(Light.GREY.value)),
        (at < s, literal(Light.GREEN.value)),
        (at > e, literal(Light.RED.value)),
        (pct.is_(None), case((lagging, Light.YELLOW.value), else_=Light.GREEN.value)),
        (gap <= t.green_margin, case((lagging, Light.YELLOW.value), else_=Light.GREEN.value)),
        (gap >= t.red_gap, literal(Light.RED.value)),
        else_=literal(Light.YELLOW.value),
    )
    return light, elapsed


def judged_select(
    session: Session, *, kind: str, as_of_key: str, today: date, t: LagThresholds,
    plan_id: int | None = None, category_id: int | None = None, unit_id: int | None = None,
    round_id: int | None = None,
) -> sa.Select[*tuple[Any, ...]]:
    """(subject kind, sid, cat, s, e, pct, light, elapsed) of every subject in the filters,
    judged in SQL as `services.lag.subject_lights` judges them in Python on the same day."""
    due = expected_period(kind, today, t.grace_days)
    asked_keys = round_keys(session, kind, due.key)
    parts = [subject_facts(subject=subject, kind=kind, as_of_key=as_of_key, due_key=due.key,
                           asked_keys=asked_keys, plan_id=plan_id, category_id=category_id,
                           unit_id=unit_id, round_id=round_id,
                           lateral=uses_lateral(session)).order_by(None)
             .add_columns(literal(subject).label("subject")) for subject in ("task", "project")]
    rows = sa.union_all(*parts).subquery("facts")
    light, elapsed = light_case(session, rows, today, t, asked_keys)
    c = rows.c
    return sa.select(c.subject, c.sid, c.cat, c.s, c.e, c.pct, light.label("light"),
                     elapsed.label("elapsed"))
