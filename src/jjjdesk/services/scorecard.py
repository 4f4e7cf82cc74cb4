"""红黑榜: a score per unit over one round or a span of rounds, from frozen (closed) rounds only.

Four parts, each 0–100, weighted by the domain settings ``scorecard.weight_*``:

- 按时报送 (on time): share of the unit's rounds it submitted by the deadline. The deadline
  moves to the next working day when it falls on a day off ("遇节假日顺延"); a later
  submission is late by the working days after it (the office's calendar with its own
  corrections). The time is the unit's last submission (RoundUnit.submitted_at), in the
  workstation's time zone; no submission at all counts as 未报送.
- 完整性 (completeness): share of the unit's round items reported (报送 or 已审核).
- 质量 (quality): share of the unit's entries in those rounds never returned by review
  (退回修改). A return is read from the audit log (the entry's review state going from
  已报送 to 退回), so it still counts after the unit fixed and re-sent the entry; an entry
  still 退回 without such a row (written by an older version) counts too. 重新打开 by the
  office after approval is not the unit's fault and does not count. Import diagnostics are
  not counted: they are kept per batch, not per unit.
- 进展 (progress): share of the unit's assessed items with a green light minus the share
  with a red one (never below 0), the lights judged as of each round's period
  (`lag.round_lights`, the rule the ledgers and the brief use). Items without a planned
  window are not assessed.

A part with nothing to judge (no entry, no assessed item) is left out and the other weights
share its place. The total is rounded to one decimal; equal totals share a rank
(1, 1, 3) and keep the order of the units' sort keys. Every point lost is explained in
words ("2024年3月月报迟交2个工作日,扣7.5分").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light, ReviewState, RoundState
from jjjdesk.domain.models import (
    AuditEvent,
    ProgressEntry,
    ReportingRound,
    RoundItem,
    RoundUnit,
    Unit,
    row_id,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.domain.workdays import Override, next_workday, workdays_between
from jjjdesk.errors import UserFacingError
from jjjdesk.services.audit import local_time
from jjjdesk.services.entries import ENTITY as ENTRY_ENTITY
from jjjdesk.services.lag import round_lights
from jjjdesk.services.settings import get_setting
from jjjdesk.services.workday_overrides import list_overrides

#: The parts of the score: (code, label, setting key).
PARTS: tuple[tuple[str, str, str], ...] = (
    ("on_time", "按时报送", "scorecard.weight_on_time"),
    ("completeness", "完整性", "scorecard.weight_completeness"),
    ("quality", "质量", "scorecard.weight_quality"),
    ("progress", "进展", "scorecard.weight_progress"),
)
REPORTED = (ReviewState.SUBMITTED.value, ReviewState.APPROVED.value)
LAST_TWICE = "连续两期末位"
LAST = "末位"
FIRST = "首位"
MISSING = "有未报送批次"


@dataclass(frozen=True)
class Weights:
    on_time: float
    completeness: float
    quality: float
    progress: float

    def of(self, part: str) -> float:
        return float(getattr(self, part))


@dataclass(frozen=True)
class UnitRound:
    """One unit in one closed round: the facts its score is made of."""

    round_id: int
    round_name: str
    period_key: str
    deadline: date
    submitted_on: date | None  # local date of the last submission
    late_workdays: int | None  # None: not submitted; 0: on time
    items: int
    reported: int
    entries: int
    returned: int
    green: int
    yellow: int
    red: int
    grey: int

    @property
    def on_time(self) -> bool:
        return self.late_workdays == 0

    @property
    def assessed(self) -> int:
        return self.green + self.yellow + self.red + self.grey


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    unit_name: str
    sort_key: str
    on_time: float | None
    completeness: float | None
    quality: float | None
    progress: float | None
    total: float
    rank: int
    previous_rank: int | None
    change: int | None  # places gained since the previous span (negative: fell)
    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    rounds: tuple[UnitRound, ...]

    def part(self, code: str) -> float | None:
        value: float | None = getattr(self, code)
        return value

    @property
    def change_label(self) -> str:
        """"↑2", "↓1", "持平", or "—" when the previous span did not rank the unit."""
        if self.change is None:
            return "—"
        if self.change > 0:
            return f"↑{self.change}"
        return f"↓{-self.change}" if self.change < 0 else "持平"


@dataclass(frozen=True)
class RoundRef:
    id: int
    name: str
    period_key: str
    deadline: date


@dataclass(frozen=True)
class Scorecard:
    label: str  # "2024年3月" or "2024年1月至2024年3月"
    rounds: tuple[RoundRef, ...]  # the closed rounds counted
    weights: Weights
    rows: tuple[UnitScore, ...]  # by rank
    previous_label: str = ""  # the span the rank changes compare with ("" when none)
    previous_rounds: int = 0
    ignored_open: tuple[str, ...] = field(default=())  # rounds in the span not yet closed

    def row(self, unit_id: int) -> UnitScore | None:
        return next((r for r in self.rows if r.unit_id == unit_id), None)


# ---------------------------------------------------------------------------- the span


@dataclass(frozen=True)
class _Span:
    first: Period
    last: Period

    @property
    def label(self) -> str:
        return self.first.label if self.first == self.last else (
            f"{self.first.label}至{self.last.label}")

    def periods(self) -> list[Period]:
        out, p = [self.first], self.first
        while p != self.last and len(out) < 1000:
            p = p.next()
            out.append(p)
        return out

    def before(self) -> _Span:
        """The span of the same length just before this one."""
        n = len(self.periods())
        last = self.first.previous()
        first = last
        for _ in range(n - 1):
            first = first.previous()
        return _Span(first, last)


def _period(value: Period | str) -> Period:
    if isinstance(value, Period):
        return value
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from None


def _span_rounds(session: Session, span: _Span) -> list[ReportingRound]:
    keys = [p.key for p in span.periods()]
    return list(session.exec(
        select(ReportingRound).where(col(ReportingRound.period_key).in_(keys),
                                     ReportingRound.period_kind == span.first.kind.value)
        .order_by(col(ReportingRound.period_key), col(ReportingRound.id))))


def weights(*, session: Session) -> Weights:
    values = {code: float(get_setting(session=session, key=key)) for code, _, key in PARTS}
    return Weights(**values)


# ---------------------------------------------------------------------------- the facts


def _returned_entries(session: Session, entry_ids: Sequence[int]) -> set[int]:
    """Entries the review ever sent back (已报送 → 退回), read from the audit log."""
    found: set[int] = set()
    ids = list(entry_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        stmt = select(AuditEvent.entity_id, AuditEvent.changes).where(
            AuditEvent.entity == ENTRY_ENTITY, AuditEvent.action == "update",
            col(AuditEvent.entity_id).in_(chunk),
            col(AuditEvent.changes).contains(ReviewState.RETURNED.value))
        for entity_id, changes in session.exec(stmt):
            try:
                state = json.loads(changes).get("fields", {}).get("review_state")
            except (ValueError, AttributeError):
                continue
            if (isinstance(state, list) and len(state) == 2
                    and state[0] == ReviewState.SUBMITTED.value
                    and state[1] == ReviewState.RETURNED.value and entity_id is not None):
                found.add(entity_id)
    return found


def _late_workdays(deadline: date, submitted: datetime | None,
                   overrides: dict[date, Override]) -> tuple[date | None, int | None]:
    if submitted is None:
        return None, None
    day = local_time(submitted).date()
    due = next_workday(deadline, overrides)
    return day, (0 if day <= due else workdays_between(due + timedelta(days=1), day, overrides))


def _round_facts(session: Session, rnd: ReportingRound, today: date,
                 overrides: dict[date, Override]) -> dict[int, UnitRound]:
    round_id = row_id(rnd)
    items: dict[SubjectRef, int] = {
        SubjectRef.of(item): item.unit_id
        for item in session.exec(select(RoundItem).where(RoundItem.round_id == round_id))}
    entries: dict[SubjectRef, tuple[int, str]] = {}
    for eid, task_id, project_id, state in session.exec(
            select(ProgressEntry.id, ProgressEntry.task_id, ProgressEntry.project_id,
                   ProgressEntry.review_state)
            .where(ProgressEntry.period_key == rnd.period_key)):
        ref = SubjectRef.task(task_id) if task_id is not None else SubjectRef.project(
            project_id or 0)
        if ref in items and eid is not None:
            entries[ref] = (eid, state)
    returned = _returned_entries(session, [eid for eid, _ in entries.values()])
    lights = {row.subject: row.light
              for row in round_lights(session=session, round_id=round_id, today=today)}
    per_unit: dict[int, dict[str, int]] = {}
    for ref, unit_id in items.items():
        tally = per_unit.setdefault(unit_id, dict.fromkeys(
            ("items", "reported", "entries", "returned", "green", "yellow", "red", "grey"), 0))
        tally["items"] += 1
        if ref in entries:
            eid, state = entries[ref]
            tally["entries"] += 1
            tally["reported"] += state in REPORTED
            tally["returned"] += eid in returned or state == ReviewState.RETURNED.value
        light = lights.get(ref, Light.NONE.value)
        if light != Light.NONE.value:
            tally[light] += 1
    out: dict[int, UnitRound] = {}
    for ru in session.exec(select(RoundUnit).where(RoundUnit.round_id == round_id)):
        day, late = _late_workdays(rnd.deadline, ru.submitted_at, overrides)
        tally = per_unit.get(ru.unit_id, dict.fromkeys(
            ("items", "reported", "entries", "returned", "green", "yellow", "red", "grey"), 0))
        out[ru.unit_id] = UnitRound(round_id, rnd.name, rnd.period_key, rnd.deadline, day, late,
                                    **tally)
    return out


# ---------------------------------------------------------------------------- the scores


def _pct(part: float, whole: float) -> float | None:
    return None if whole <= 0 else 100.0 * part / whole


def _parts(facts: Sequence[UnitRound]) -> dict[str, float | None]:
    assessed = sum(f.assessed for f in facts)
    progress = _pct(sum(f.green for f in facts) - sum(f.red for f in facts), assessed)
    return {
        "on_time": _pct(sum(f.on_time for f in facts), len(facts)),
        "completeness": _pct(sum(f.reported for f in facts), sum(f.items for f in facts)),
        "quality": _pct(sum(f.entries - f.returned for f in facts),
                        sum(f.entries for f in facts)),
        "progress": None if progress is None else max(0.0, progress),
    }


def _points(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value else "0"


def _reasons(facts: Sequence[UnitRound], parts: dict[str, float | None],
             share: dict[str, float]) -> list[str]:
    """Every point lost, in words, with what it cost the total."""
    out: list[str] = []
    n = len(facts)
    for f in facts:
        cost = share["on_time"] * 100 / n if n else 0
        if f.late_workdays is None:
            out.append(f"{f.round_name}未报送,扣{_points(cost)}分")
        elif f.late_workdays:
            out.append(f"{f.round_name}迟交{f.late_workdays}个工作日,扣{_points(cost)}分")
    items = sum(f.items for f in facts)
    for f in facts:
        missing = f.items - f.reported
        if missing and items:
            cost = share["completeness"] * 100 * missing / items
            out.append(f"{f.round_name}缺报{missing}项(应报{f.items}项),扣{_points(cost)}分")
    entries = sum(f.entries for f in facts)
    returned = sum(f.returned for f in facts)
    if returned and entries:
        cost = share["quality"] * 100 * returned / entries
        out.append(f"{returned}项被退回修改(共{entries}项填报),扣{_points(cost)}分")
    elif not entries:
        out.append("没有填报,质量不参与评分")
    progress = parts["progress"]
    if progress is None:
        out.append("没有参与红黄绿灯评价的事项,进展不参与评分")
    elif progress < 100:
        red, yellow = sum(f.red for f in facts), sum(f.yellow for f in facts)
        grey = sum(f.grey for f in facts)
        unit = "项次" if n > 1 else "项"  # an item counts once in each round
        words = [f"{label}{count}{unit}" for label, count in (
            ("红灯", red), ("黄灯", yellow), ("缺报灰灯", grey)) if count]
        cost = share["progress"] * (100 - progress)
        out.append(f"{'、'.join(words)}(参评{sum(f.assessed for f in facts)}{unit}),"
                   f"扣{_points(cost)}分")
    return out


@dataclass(frozen=True)
class _Scored:
    unit: Unit
    parts: dict[str, float | None]
    total: float
    reasons: list[str]
    facts: list[UnitRound]


def _score_units(session: Session, closed: Sequence[ReportingRound], today: date,
                 w: Weights) -> list[_Scored]:
    overrides = list_overrides(session=session)
    by_unit: dict[int, list[UnitRound]] = {}
    for rnd in closed:
        for unit_id, one in _round_facts(session, rnd, today, overrides).items():
            by_unit.setdefault(unit_id, []).append(one)
    units = {row_id(u): u for u in session.exec(
        select(Unit).where(col(Unit.id).in_(list(by_unit))))}
    out = []
    for unit_id, facts in by_unit.items():
        parts = _parts(facts)
        counted = {code: w.of(code) for code, _, _ in PARTS if parts[code] is not None}
        weight = sum(counted.values())
        share = {code: (counted.get(code, 0.0) / weight if weight else 0.0)
                 for code, _, _ in PARTS}
        total = sum(share[code] * (parts[code] or 0.0) for code, _, _ in PARTS)
        out.append(_Scored(units[unit_id], parts, round(total + 1e-9, 1),
                           _reasons(facts, parts, share), facts))
    return out


def _ranked(scored: list[_Scored]) -> list[tuple[int, _Scored]]:
    """Competition ranks (1, 1, 3) by total, ties in the units' sort-key order."""
    scored = sorted(scored, key=lambda s: (-s.total, s.unit.sort_key, row_id(s.unit)))
    out: list[tuple[int, _Scored]] = []
    for i, s in enumerate(scored):
        rank = out[-1][0] if out and out[-1][1].total == s.total else i + 1
        out.append((rank, s))
    return out


def _closed(rows: Sequence[ReportingRound]) -> list[ReportingRound]:
    return [r for r in rows if r.state == RoundState.CLOSED.value]


def _ranks_of(session: Session, span: _Span, today: date, w: Weights
              ) -> tuple[dict[int, int], int, int]:
    """The previous span's ranks per unit, its last rank, and how many rounds it had."""
    closed = _closed(_span_rounds(session, span))
    if not closed:
        return {}, 0, 0
    ranked = _ranked(_score_units(session, closed, today, w))
    ranks = {row_id(s.unit): rank for rank, s in ranked}
    return ranks, max(ranks.values()), len(closed)


def scorecard(*, session: Session, today: date, round_ids: Sequence[int] = (),
              first: Period | str | None = None, last: Period | str | None = None
              ) -> Scorecard:
    """The 红黑榜 of the given rounds, or of every round of the span `first`..`last` (periods
    of one kind; `last` defaults to `first`). Only closed rounds count; the rank changes
    compare with the span of the same length and kind just before.

    Raises UserFacingError when nothing closed is left to score.
    """
    w = weights(session=session)
    if sum(w.of(code) for code, _, _ in PARTS) <= 0:
        raise UserFacingError("红黑榜各项权重之和为0,请先在设置中调整权重。")
    if round_ids:
        chosen = [session.get(ReportingRound, rid) for rid in round_ids]
        missing = [str(rid) for rid, r in zip(round_ids, chosen, strict=True) if r is None]
        if missing:
            raise UserFacingError(f"没有编号为 {'、'.join(missing)} 的填报批次。")
        rows = [r for r in chosen if r is not None]
        periods = sorted({Period.from_key(r.period_key) for r in rows}, key=Period.sort_key)
        kinds = {p.kind for p in periods}
        span = _Span(periods[0], periods[-1]) if len(kinds) == 1 else None
        label = "、".join(r.name for r in rows) if len(rows) <= 3 else (
            f"{rows[0].name}等{len(rows)}个批次")
    elif first is not None:
        lo, hi = _period(first), _period(last if last is not None else first)
        if lo.kind != hi.kind:
            raise UserFacingError(f"起止期次须为同一类:{lo.label} 与 {hi.label}")
        if hi.sort_key() < lo.sort_key():
            lo, hi = hi, lo
        span = _Span(lo, hi)
        rows = _span_rounds(session, span)
        label = span.label
    else:
        raise UserFacingError("请指定填报批次,或起止期次。")
    closed = _closed(rows)
    ignored = tuple(r.name for r in rows if r.state != RoundState.CLOSED.value)
    if not closed:
        rule = "红黑榜只统计已关闭(冻结)的批次,请先关闭批次再生成。"
        if round_ids:
            raise UserFacingError(f"所选批次“{'、'.join(ignored)}”尚未关闭。{rule}")
        extra = f"(尚未关闭:{'、'.join(ignored)})" if ignored else ""
        raise UserFacingError(f"{label}没有已关闭的填报批次{extra}。{rule}")
    previous: dict[int, int] = {}
    previous_last = previous_rounds = 0
    previous_label = ""
    if span is not None:
        before = span.before()
        previous, previous_last, previous_rounds = _ranks_of(session, before, today, w)
        previous_label = before.label if previous_rounds else ""
    ranked = _ranked(_score_units(session, closed, today, w))
    last_rank = max(rank for rank, _ in ranked)
    out: list[UnitScore] = []
    for rank, s in ranked:
        unit, parts, facts = s.unit, s.parts, s.facts
        uid = row_id(unit)
        before_rank = previous.get(uid)
        flags: list[str] = []
        if last_rank > 1 and rank == last_rank:  # all tied: nobody is first or last
            was_last = previous_last > 1 and before_rank == previous_last
            flags.append(LAST_TWICE if was_last else LAST)
        if last_rank > 1 and rank == 1:
            flags.append(FIRST)
        if any(f.late_workdays is None for f in facts):
            flags.append(MISSING)
        shown = {k: None if v is None else round(v + 1e-9, 1) for k, v in parts.items()}
        out.append(UnitScore(
            uid, unit.name, unit.sort_key, shown["on_time"], shown["completeness"],
            shown["quality"], shown["progress"], s.total, rank, before_rank,
            None if before_rank is None else before_rank - rank, tuple(flags), tuple(s.reasons),
            tuple(sorted(facts, key=lambda f: (f.period_key, f.round_id)))))
    refs = tuple(RoundRef(row_id(r), r.name, r.period_key, r.deadline) for r in closed)
    return Scorecard(label, refs, w, tuple(out), previous_label, previous_rounds, ignored)


def round_label(card: Scorecard) -> str:
    """"2024年3月(1个已关闭批次)" for titles and headers."""
    return f"{card.label}({len(card.rounds)}个已关闭批次)"
