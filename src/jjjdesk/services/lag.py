"""红黄绿灯 for every task and project, roll-ups per category, unit and plan, filter and sort."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light, ReviewState
from jjjdesk.domain.lag import SEVERITY, LagThresholds, assess, expected_period
from jjjdesk.domain.models import (
    Category,
    KeyTask,
    Plan,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
    Unit,
    row_id,
    stored_id,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.services.extensions import approved_extensions, extension_note
from jjjdesk.services.settings import get_setting

#: Entries that count as reported for the lights (drafts and returned entries do not).
COUNTED_STATES = (ReviewState.SUBMITTED.value, ReviewState.APPROVED.value)


@dataclass(frozen=True)
class SubjectLight:
    subject: SubjectRef
    code: str
    name: str
    plan_id: int | None
    category_id: int | None
    unit_id: int | None
    unit_name: str
    start: date | None
    end: date | None
    latest_period_key: str
    completion_pct: float | None
    elapsed_pct: float | None
    gap: float | None
    light: str
    light_label: str
    explanation: str
    change: str = ""  # against the previous round of the same kind (`light_changes`)


@dataclass(frozen=True)
class LightCount:
    key: int | None
    label: str
    counts: dict[str, int]  # light code → subjects; every Light present
    total: int


def thresholds(*, session: Session) -> LagThresholds:
    def get(key: str):
        return get_setting(session=session, key=key)

    return LagThresholds(green_margin=get("lag.green_margin"), red_gap=get("lag.red_gap"),
                         period_kind=get("lag.period_kind"), grace_days=get("lag.grace_days"))


def _latest(session: Session, kind: str, as_of_key: str, subject_kind: str) -> dict[int, tuple]:
    """Latest counted entry per subject, in one query.

    Each subject walks the unique (subject, period_key) index backwards from `as_of_key`
    (a correlated ``ORDER BY period_key DESC LIMIT 1``), so the cost follows the number of
    subjects, not of entries. A ``GROUP BY subject`` with ``MAX(period_key)`` was measured at
    about 4 s over 1,000,000 entries on SQLite: it must visit every row to filter on kind and
    review state. Keys of one period kind sort chronologically as text.
    """
    model = KeyTask if subject_kind == "task" else Project
    e = aliased(ProgressEntry)
    column = e.task_id if subject_kind == "task" else e.project_id
    latest_id = (
        select(e.id)
        .where(column == model.id, e.period_kind == kind, e.period_key <= as_of_key,
               col(e.review_state).in_(COUNTED_STATES))
        .order_by(col(e.period_key).desc()).limit(1)
        .correlate(model).scalar_subquery()
    )
    stmt = (select(col(model.id), ProgressEntry.period_key, ProgressEntry.completion_pct,
                   ProgressEntry.assessment)
            .select_from(model).join(ProgressEntry, col(ProgressEntry.id) == latest_id))
    return {stored_id(sid): (key, pct, assessment)
            for sid, key, pct, assessment in session.exec(stmt)}


def _round_periods(session: Session, kind: str, due_key: str) -> dict[SubjectRef, str]:
    """The latest period up to `due_key` in which a round of the lights' `kind` asked for each
    subject. A light is grey only for such a period: a month that had no round, or a round
    that did not list the item, was never owed a report."""
    stmt = (select(RoundItem.task_id, RoundItem.project_id,
                   func.max(col(ReportingRound.period_key)))
            .join(ReportingRound, col(ReportingRound.id) == col(RoundItem.round_id))
            .where(ReportingRound.period_kind == kind, ReportingRound.period_key <= due_key)
            .group_by(col(RoundItem.task_id), col(RoundItem.project_id)))
    return {SubjectRef.task(tid) if tid is not None else SubjectRef.project(stored_id(pid)):
            key for tid, pid, key in session.exec(stmt)}


def _owed(asked: str | None, start: date | None) -> Period | None:
    """The period whose report the subject owes (see `_round_periods`), if its window had
    begun by then."""
    if asked is None or start is None:
        return None
    period = Period.from_key(asked)
    return None if period.end < start else period


def _subjects(session: Session, kind: str | None, subtasks: bool):
    """(ref, code, name, plan, category, unit id, unit name, start, end) of every subject.

    Plain columns, not ORM objects: building thousands of entities costs more than the query.
    """
    out = []
    if kind in (None, "task"):
        parent = aliased(KeyTask)
        # sqlmodel's select() is typed for at most 4 columns.
        stmt = (select(KeyTask.id, KeyTask.number, parent.number, KeyTask.title,  # type: ignore[call-overload]
                       KeyTask.plan_id, KeyTask.category_id, KeyTask.lead_unit_id, Unit.name,
                       KeyTask.start_date, KeyTask.due_date)
                .outerjoin(parent, col(parent.id) == col(KeyTask.parent_id))
                .outerjoin(Unit, col(Unit.id) == col(KeyTask.lead_unit_id))
                .order_by(col(KeyTask.category_id),
                          func.coalesce(col(parent.number), col(KeyTask.number)),
                          col(KeyTask.parent_id).is_not(None), col(KeyTask.number)))
        if not subtasks:
            stmt = stmt.where(col(KeyTask.parent_id).is_(None))
        for tid, number, parent_number, title, plan, cat, uid, uname, start, end in (
                session.exec(stmt)):
            code = f"{parent_number}.{number}" if parent_number else str(number)
            out.append((SubjectRef.task(tid), code, title, plan, cat, uid, uname or "", start,
                        end))
    if kind in (None, "project"):
        unit_id = func.coalesce(col(Project.lead_unit_id), col(Project.district_id))
        stmt = (select(Project.id, Project.code, Project.name,  # type: ignore[call-overload]
                       KeyTask.plan_id, KeyTask.category_id, Unit.id, Unit.name,
                       Project.planned_start, Project.planned_completion)
                .outerjoin(KeyTask, col(KeyTask.id) == col(Project.task_id))
                .outerjoin(Unit, col(Unit.id) == unit_id).order_by(col(Project.code)))
        for pid, code, name, plan, cat, uid, uname, start, end in session.exec(stmt):
            out.append((SubjectRef.project(pid), code, name, plan, cat, uid, uname or "", start,
                        end))
    return out


def subject_lights(
    *, session: Session, today: date, kind: str | None = None, subtasks: bool = True,
    light: str | None = None, unit_id: int | None = None, category_id: int | None = None,
    plan_id: int | None = None, sort: str = "light", descending: bool = False,
    as_of: Period | None = None,
) -> list[SubjectLight]:
    """Every subject's light. `as_of` limits the entries to that period (a frozen round's view).

    sort: "light" (red, yellow, grey, green, none; then the largest gap), "gap", "code".
    """
    t = thresholds(session=session)
    as_of_key = (as_of or Period.containing(t.period_kind, today)).key
    latest = {
        k: _latest(session, t.period_kind, as_of_key, k) if kind in (None, k) else {}
        for k in ("task", "project")
    }
    due = expected_period(t.period_kind, today, t.grace_days)
    asked = _round_periods(session, t.period_kind, due.key)
    extended = approved_extensions(session)
    out: list[SubjectLight] = []
    for ref, code, name, plan, cat, uid, uname, start, end in _subjects(session, kind, subtasks):
        if (unit_id is not None and uid != unit_id) or (
                category_id is not None and cat != category_id) or (
                plan_id is not None and plan != plan_id):
            continue
        key, completion, assessment = latest[ref.kind].get(ref.id, (None, None, None))
        judged = assess(
            start=start, end=end, today=today, completion=completion, assessment=assessment,
            latest=_period(key) if key else None,
            expected=_owed(asked.get(ref), start), thresholds=t,
        )
        if light and judged.light != light:
            continue
        explanation = judged.explanation
        if ref in extended and extended[ref][0] == end:  # still the date the office granted
            explanation = "；".join(x for x in (explanation, extension_note(extended[ref])) if x)
        out.append(SubjectLight(ref, code, name, plan, cat, uid, uname, start, end, key or "",
                                completion, judged.elapsed_pct, judged.gap, judged.light.value,
                                judged.light.label, explanation))
    return _sorted(out, sort, descending)


def judgement_day(period: Period, grace_days: int, today: date | None = None) -> date:
    """The day a period is judged on: its reports are due, later ones are not (or `today`
    if earlier). The one rule for ledgers, briefs and `jjjdesk-cli lights`."""
    day = period.end + timedelta(days=grace_days + 1)
    return day if today is None else min(day, today)


def period_lights(*, session: Session, period: Period, today: date | None = None,
                  kind: str | None = None, light: str | None = None, sort: str = "light"
                  ) -> list[SubjectLight]:
    """Every subject's light as of `period` (see `judgement_day`), on entries up to it.

    Entries are of the lights' own period kind (months by default): a quarter counts the
    entries up to its last month.
    """
    t = thresholds(session=session)
    day = judgement_day(period, t.grace_days, today)
    last = Period.containing(t.period_kind, min(period.end, day))
    return subject_lights(session=session, today=day, as_of=last, kind=kind, light=light,
                          sort=sort)


def round_lights(*, session: Session, round_id: int, today: date | None = None,
                 kind: str | None = None, light: str | None = None) -> list[SubjectLight]:
    """The lights of a round's items, judged as of its period: what its ledger shows."""
    rnd = session.get(ReportingRound, round_id)
    if rnd is None:
        raise UserFacingError(f"没有编号为 {round_id} 的填报批次。")
    items = session.exec(select(RoundItem.task_id, RoundItem.project_id)
                         .where(RoundItem.round_id == round_id)).all()
    wanted = {SubjectRef.of(item) for item in items}
    rows = period_lights(session=session, period=Period.from_key(rnd.period_key), today=today,
                         kind=kind, light=light)
    return [r for r in rows if r.subject in wanted]


LAGGING = ("red", "yellow")


def _rounds_before(session: Session, rnd: ReportingRound, depth: int) -> list[ReportingRound]:
    return list(session.exec(select(ReportingRound).where(
        ReportingRound.period_kind == rnd.period_kind,
        col(ReportingRound.period_key) < rnd.period_key).order_by(
        col(ReportingRound.period_key).desc(), col(ReportingRound.id).desc()).limit(depth)))


def light_changes(*, session: Session, round_id: int, today: date | None = None,
                  depth: int = 6, current: list[SubjectLight] | None = None
                  ) -> dict[SubjectRef, str]:
    """Each item's light against the previous round of the same kind, in words: 新增红灯,
    转绿, 红转黄, 转黄, 连续N期滞后 (red or yellow in N rounds running, up to `depth` + 1);
    "" when nothing is worth saying. Rounds are judged as their ledgers judge them; `current`:
    the round's own `round_lights`, when the caller has them already."""
    rnd = session.get(ReportingRound, round_id)
    if rnd is None:
        raise UserFacingError(f"没有编号为 {round_id} 的填报批次。")
    if current is None:
        current = round_lights(session=session, round_id=round_id, today=today)
    now = {r.subject: r.light for r in current}
    history = [{r.subject: r.light for r in round_lights(session=session, round_id=b.id,
                                                         today=today)}
               for b in _rounds_before(session, rnd, depth) if b.id is not None]
    out: dict[SubjectRef, str] = {}
    for ref, light in now.items():
        before = history[0].get(ref) if history else None
        parts = []
        if before is not None:
            if light == "red" and before != "red":
                parts.append("新增红灯")
            elif light == "green" and before in LAGGING:
                parts.append("转绿")
            elif light == "yellow" and before == "red":
                parts.append("红转黄")
            elif light == "yellow" and before == "green":
                parts.append("转黄")
        if light in LAGGING:
            running = 1
            for past in history:
                if past.get(ref) not in LAGGING:
                    break
                running += 1
            if running >= 2:
                parts.append(f"连续{running}期滞后")
        out[ref] = ",".join(parts)
    return out


def lights_as_of(*, session: Session, today: date, round_id: int | None = None,
                 kind: str | None = None, light: str | None = None, unit_id: int | None = None,
                 category_id: int | None = None, sort: str = "light") -> list[SubjectLight]:
    """The lights page's rows: a round's items judged as of its period (what its ledger,
    brief and `jjjdesk-cli lights --round` show), or every subject as of `today`."""
    if round_id is None:
        return subject_lights(session=session, today=today, kind=kind, light=light,
                              unit_id=unit_id, category_id=category_id, sort=sort)
    judged = round_lights(session=session, round_id=round_id, today=today)
    changes = light_changes(session=session, round_id=round_id, today=today, current=judged)
    rows = [replace(r, change=changes.get(r.subject, "")) for r in judged
            if (kind is None or r.subject.kind == kind) and (light is None or r.light == light)
            and (unit_id is None or r.unit_id == unit_id)
            and (category_id is None or r.category_id == category_id)]
    return _sorted(rows, sort, False)


@lru_cache(maxsize=4096)
def _period(key: str) -> Period:
    return Period.from_key(key)


def _sorted(rows: list[SubjectLight], sort: str, descending: bool) -> list[SubjectLight]:
    key: Callable[[SubjectLight], tuple[Any, ...]]
    if sort == "gap":
        key = lambda r: (r.gap is None, -(r.gap or 0))  # noqa: E731
    elif sort == "code":
        key = lambda r: (r.subject.kind, r.code)  # noqa: E731
    else:
        key = lambda r: (SEVERITY[Light(r.light)], -(r.gap or 0), r.code)  # noqa: E731
    rows.sort(key=key, reverse=descending)
    return rows


def light_rollup(*, session: Session, today: date, by: str = "category",
                 kind: str | None = None, subtasks: bool = True, as_of: Period | None = None,
                 ) -> list[LightCount]:
    """Counts per light for each category, unit or plan ("时间过半、任务过半" at a glance)."""
    rows = subject_lights(session=session, today=today, kind=kind, subtasks=subtasks,
                          sort="code", as_of=as_of)
    attr = {"category": "category_id", "unit": "unit_id", "plan": "plan_id"}[by]
    labels = _labels(session, by)
    groups: dict[int | None, dict[str, int]] = {}
    for r in rows:
        counts = groups.setdefault(getattr(r, attr), {light.value: 0 for light in Light})
        counts[r.light] += 1
    none_label = {"category": "未关联任务的项目", "unit": "未指定单位", "plan": "未关联方案"}[by]
    out = [LightCount(k, labels.get(k, none_label) if k is not None else none_label, c,
                      sum(c.values())) for k, c in groups.items()]
    out.sort(key=lambda g: (g.key is None, labels.get(g.key or 0, "") if by == "unit" else 0,
                            g.key or 0))
    return out


def _labels(session: Session, by: str) -> dict[int, str]:
    if by == "category":
        return {row_id(c): category_label(c.number, c.title)
                for c in session.exec(select(Category))}
    if by == "plan":
        return {row_id(p): p.short_name or p.name for p in session.exec(select(Plan))}
    return {row_id(u): u.name for u in session.exec(select(Unit))}


def light_of(*, session: Session, subject: SubjectRef, today: date) -> SubjectLight | None:
    rows = subject_lights(session=session, today=today, kind=subject.kind)
    return next((r for r in rows if r.subject == subject), None)
