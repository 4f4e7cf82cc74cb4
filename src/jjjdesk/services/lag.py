"""红黄绿灯 for every task and project, roll-ups per category, unit and plan, filter and sort."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from jjjdesk.db.bulk import bulk_objects, fetch_rows
from jjjdesk.domain.enums import Light
from jjjdesk.domain.lag import SEVERITY, LagThresholds, assess, expected_period
from jjjdesk.domain.models import Category, Plan, ReportingRound, Unit, row_id
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.services import lag_sql
from jjjdesk.services.extensions import approved_extensions, extension_note
from jjjdesk.services.settings import get_setting

#: Entries that count as reported for the lights (drafts and returned entries do not).
COUNTED_STATES = lag_sql.COUNTED_STATES


class SubjectLight(NamedTuple):
    """One subject's light. A NamedTuple, not a frozen dataclass: as immutable, and built in a
    fifth of the time (a frozen dataclass's __init__ costs ~4 µs, 0.2 s at 50,000 subjects)."""

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


def _owed(asked: str | None, start: date | None) -> Period | None:
    """The period whose report the subject owes, if its window had begun by then: the latest
    period up to the due one in which a round of the lights' kind asked for it
    (`lag_sql.subject_facts`). A month that had no round, or a round that did not list the
    item, was never owed a report."""
    if asked is None or start is None:
        return None
    period = _period(asked)
    return None if period.end < start else period


def _facts(session: Session, kind: str | None, subtasks: bool, t: LagThresholds,
           as_of_key: str, due_key: str, **filters: int | None) -> list[tuple[str, tuple]]:
    """(subject kind, row of `lag_sql.subject_facts`) of every subject in the filters: tasks
    in category and number order, then projects by code. The driver's own tuples
    (`bulk.fetch_rows`): SQLAlchemy's rows cost 60–100 ms more at 50,000 subjects."""
    asked_keys = lag_sql.round_keys(session, t.period_kind, due_key)
    out: list[tuple[str, tuple]] = []
    for subject in ("task", "project"):
        if kind in (None, subject):
            stmt = lag_sql.subject_facts(subject=subject, kind=t.period_kind,
                                         as_of_key=as_of_key, due_key=due_key,
                                         asked_keys=asked_keys, subtasks=subtasks,
                                         lateral=lag_sql.uses_lateral(session), **filters)
            out += [(subject, row) for row in fetch_rows(session, stmt)]
    return out


@lru_cache(maxsize=8192)
def _iso_day(text: str) -> date:
    return date.fromisoformat(text)


def _day(value: date | str | None) -> date | None:
    """A date column from the driver: SQLite gives its text, PostgreSQL a date."""
    return _iso_day(value) if isinstance(value, str) else value


def subject_lights(
    *, session: Session, today: date, kind: str | None = None, subtasks: bool = True,
    light: str | None = None, unit_id: int | None = None, category_id: int | None = None,
    plan_id: int | None = None, sort: str = "light", descending: bool = False,
    as_of: Period | None = None, round_id: int | None = None,
) -> list[SubjectLight]:
    """Every subject's light (`round_id`: of that round's items). `as_of` limits the entries
    to that period (a frozen round's view).

    sort: "light" (red, yellow, grey, green, none; then the largest gap), "gap", "code".
    One query per subject kind fetches what the rule reads (`lag_sql.subject_facts`); the
    rule (`assess`) runs on its plain rows.
    """
    t = thresholds(session=session)
    as_of_key = (as_of or Period.containing(t.period_kind, today)).key
    due = expected_period(t.period_kind, today, t.grace_days)
    with bulk_objects():  # 50,000 rows of new objects: no cyclic GC walks meanwhile (0.2 s)
        facts = _facts(session, kind, subtasks, t, as_of_key, due.key, unit_id=unit_id,
                       category_id=category_id, plan_id=plan_id, round_id=round_id)
        out = _judge(facts, today, t, light, approved_extensions(session))
    return _sorted(out, sort, descending)


def _judge(facts: list[tuple[str, tuple]], today: date, t: LagThresholds, light: str | None,
           extended: dict[SubjectRef, tuple[date, date | None]]) -> list[SubjectLight]:
    """The rule (`assess`) on each row of facts, with its reason and any granted extension."""
    out: list[SubjectLight] = []
    make_ref = {"task": SubjectRef.task, "project": SubjectRef.project}
    for subject, (sid, code, num, pnum, _parent, name, plan, cat, uid, uname, start, end, key,
                  completion, assessment, asked) in facts:
        ref = make_ref[subject](sid)
        start, end = _day(start), _day(end)
        if subject == "task":
            code = f"{pnum}.{num}" if pnum else str(num)
        judged = assess(
            start=start, end=end, today=today, completion=completion, assessment=assessment,
            latest=_period(key) if key else None,
            expected=_owed(asked, start), thresholds=t,
        )
        if light and judged.light != light:
            continue
        explanation = judged.explanation
        if ref in extended and extended[ref][0] == end:  # still the date the office granted
            explanation = "；".join(x for x in (explanation, extension_note(extended[ref])) if x)
        out.append(SubjectLight(ref, code, name, plan, cat, uid, uname or "", start, end,
                                key or "", completion, judged.elapsed_pct, judged.gap,
                                *_CODES[judged.light], explanation))
    return out


def judgement_day(period: Period, grace_days: int, today: date | None = None) -> date:
    """The day a period is judged on: its reports are due, later ones are not (or `today`
    if earlier). The one rule for ledgers, briefs and `jjjdesk-cli lights`."""
    day = period.end + timedelta(days=grace_days + 1)
    return day if today is None else min(day, today)


def _judged_as_of(period: Period, t: LagThresholds, today: date | None) -> tuple[date, Period]:
    """The day a period is judged on (`judgement_day`) and the last period of the lights' kind
    whose entries count then: a quarter counts the entries up to its last month."""
    day = judgement_day(period, t.grace_days, today)
    return day, Period.containing(t.period_kind, min(period.end, day))


def period_lights(*, session: Session, period: Period, today: date | None = None,
                  kind: str | None = None, light: str | None = None, sort: str = "light"
                  ) -> list[SubjectLight]:
    """Every subject's light as of `period` (see `judgement_day`), on entries up to it.

    Entries are of the lights' own period kind (months by default): a quarter counts the
    entries up to its last month.
    """
    day, last = _judged_as_of(period, thresholds(session=session), today)
    return subject_lights(session=session, today=day, as_of=last, kind=kind, light=light,
                          sort=sort)


def round_lights(*, session: Session, round_id: int, today: date | None = None,
                 kind: str | None = None, light: str | None = None) -> list[SubjectLight]:
    """The lights of a round's items, judged as of its period: what its ledger shows."""
    rnd = session.get(ReportingRound, round_id)
    if rnd is None:
        raise UserFacingError(f"没有编号为 {round_id} 的填报批次。")
    day, last = _judged_as_of(Period.from_key(rnd.period_key), thresholds(session=session),
                              today)
    return subject_lights(session=session, today=day, as_of=last, kind=kind, light=light,
                          round_id=round_id)


def _round_light_codes(session: Session, rnd: ReportingRound, t: LagThresholds,
                       today: date | None) -> dict[SubjectRef, str]:
    """The light code of each of a round's items, judged as `round_lights` judges them, by the
    SQL rule (`lag_sql.light_case`, held equal to `assess` by tests/core/test_lag_sql.py): an
    earlier round's changes need the colour only, not the words, so no row is built."""
    day, last = _judged_as_of(Period.from_key(rnd.period_key), t, today)
    judged = lag_sql.judged_select(session, kind=t.period_kind, as_of_key=last.key, today=day,
                                   t=t, round_id=rnd.id).subquery()
    stmt = select(judged.c.subject, judged.c.sid, judged.c.light)
    return {SubjectRef(kind, sid): light for kind, sid, light in fetch_rows(session, stmt)}


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
    t = thresholds(session=session)
    history = [_round_light_codes(session, b, t, today) for b in _rounds_before(session, rnd,
                                                                                 depth)]
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
    rows = [r._replace(change=changes.get(r.subject, "")) for r in judged
            if (kind is None or r.subject.kind == kind) and (light is None or r.light == light)
            and (unit_id is None or r.unit_id == unit_id)
            and (category_id is None or r.category_id == category_id)]
    return _sorted(rows, sort, False)


#: Light → (code, label) and code → severity, looked up once per subject (an enum's properties
#: cost a microsecond each, 50 ms at 50,000 subjects).
_CODES = {light: (light.value, light.label) for light in Light}
_SEVERITY = {light.value: rank for light, rank in SEVERITY.items()}


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
        key = lambda r: (_SEVERITY[r.light], -(r.gap or 0), r.code)  # noqa: E731
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
