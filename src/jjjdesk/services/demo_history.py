"""A year of reporting for the demo registry, so a newcomer's first start tells a story.

Twelve monthly rounds before the current month and the quarterly rounds they span, with
entries whose completion and investment move over time (`demo.load_demo_progress`); the
older rounds are closed, last month's is still being reported (some units not yet, one
returned, a few drafts), and the current month's round is open. Lagging items raise problems
along the year; the early ones were settled (销号).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ProblemState, ReviewState
from jjjdesk.domain.models import ProgressEntry, RoundItem, RoundUnit, now
from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import audit, coop_units, problems, rounds
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.demo import load_demo_progress
from jjjdesk.services.permissions import require_registry_write

MONTHS = 12
DEADLINE_DAYS = 5  # a month's report is due five days after it ends


@dataclass(frozen=True)
class DemoHistory:
    rounds: int
    entries: int
    closed_problems: int


def _deadline(period: Period) -> date:
    return period.end + timedelta(days=DEADLINE_DAYS)


def load_demo_history(*, session: Session, actor: Actor, today: date | None = None,
                      seed: int = 2026) -> DemoHistory:
    """Rounds and entries for the demo registry up to `today` (see the module's docstring)."""
    require_registry_write(actor)
    today = today or date.today()
    current = Period.containing(PeriodKind.MONTH, today)
    months = [current]
    for _ in range(MONTHS):
        months.insert(0, months[0].previous())
    months.pop()  # the current month has no entries yet
    quarters = []
    for m in months:
        q = Period.containing(PeriodKind.QUARTER, m.start)
        if q.end <= months[-1].end and q not in quarters:
            quarters.append(q)
    entries = load_demo_progress(session=session, actor=actor, periods=months + quarters,
                                 seed=seed)
    made = []
    for period in sorted(months + quarters, key=lambda p: (p.end, p.kind != PeriodKind.MONTH)):
        made.append(rounds.create_round(session=session, actor=actor, period=period,
                                        deadline=_deadline(period)))
    for rnd in made:  # every item of the registry is in each round: its entries belong to it
        session.execute(update(ProgressEntry).where(
            col(ProgressEntry.period_key) == rnd.period_key).values(round_id=rnd.id))
    rng = random.Random(seed)
    latest = next(r for r in reversed(made) if r.period_key == months[-1].key)
    silent = _still_reporting(session, latest.id, months[-1], today, rng)
    for rnd in made:
        _demo_parts(session, actor, rnd.id, silent if rnd.id == latest.id else set(), rng)
    for rnd in made:
        _stamp_units(session, rnd.id, _deadline(Period.from_key(rnd.period_key)), today, rng)
    for rnd in made:
        if rnd.id != latest.id and _deadline(Period.from_key(rnd.period_key)) < today:
            rounds.set_round_state(session=session, actor=actor, round_id=rnd.id,
                                   state="closed")
    rounds.create_round(session=session, actor=actor, period=current,
                        deadline=_deadline(current))
    closed = _settle_early_problems(session, actor, months)
    audit.record(session=session, actor=actor, action="demo", entity="reporting_round",
                 entity_id=None, summary=summaries.DEMO_HISTORY(rounds=len(made) + 1),
                 changes={"rounds": len(made) + 1, "entries": entries, "closed": closed})
    return DemoHistory(len(made) + 1, entries, closed)


_PART_TEXTS = (
    "配合牵头单位开展{name}相关工作,本期完成调研对接{n}次。",
    "按照分工推进{name}中本单位承担的部分,已落实政策支持{n}项。",
    "会同牵头单位梳理{name}的问题清单,协调解决{n}个具体问题。",
    "围绕{name}做好要素保障,本期服务企业{n}家。",
)


def _demo_parts(session: Session, actor: Actor, round_id: int, silent: set[int],
                rng: random.Random) -> None:
    """Each 配合 / 共同牵头 unit's part in the round (the still-silent units' parts missing)."""
    from jjjdesk.domain.models import CoopPart
    from jjjdesk.services.subjects import subject_info

    names: dict = {}
    rows = []
    for item, unit_id, _role in coop_units.round_part_pairs(session, round_id):
        if unit_id in silent:
            continue
        ref = SubjectRef.of(item)
        if ref not in names:
            names[ref] = subject_info(session, ref).name
        text = rng.choice(_PART_TEXTS).format(name=names[ref], n=rng.randint(1, 6))
        rows.append({"round_id": round_id, "unit_id": unit_id, "progress": text,
                     "completion_pct": None, "source": "manual", "import_batch_id": None,
                     "reported_by": actor.name, "reported_at": now(), "version": 1,
                     **ref.columns})
    if rows:
        session.execute(insert(CoopPart), rows)
    session.flush()


def _still_reporting(session: Session, round_id: int, period: Period, today: date,
                     rng: random.Random) -> set[int]:
    """Last month's round as it stands today: a fifth of the units have not reported yet
    (their entries go), one unit's return was sent back, and a few entries are drafts."""
    units = sorted(set(session.exec(
        select(RoundItem.unit_id).where(RoundItem.round_id == round_id)).all()))
    rng.shuffle(units)
    silent = set(units[:max(1, len(units) // 5)])
    returned = units[len(silent)] if len(units) > len(silent) else None
    for entry in session.exec(select(ProgressEntry).where(
            ProgressEntry.period_key == period.key)):
        if entry.reporter_unit_id in silent:
            session.delete(entry)
        elif entry.reporter_unit_id == returned:
            entry.review_state = ReviewState.RETURNED.value
            entry.review_comment = "累计完成投资与上月不衔接,请核实后重新报送"
        elif rng.random() < 0.25:
            entry.review_state = ReviewState.SUBMITTED.value  # waiting for review
            entry.reviewed_by, entry.reviewed_at = "", None
    session.flush()
    return silent


def _still_open(session: Session, ref, text: str) -> bool:
    """An open problem of the item with this text: last month's, which must stay open."""
    from jjjdesk.domain.models import Problem

    key = problems.normalised(text)
    return any(problems.normalised(d) == key for d in session.exec(select(Problem.description)
               .where(*(getattr(Problem, k) == v for k, v in ref.columns.items()
                        if v is not None), col(Problem.state).in_(problems.OPEN_STATES))))


def _stamp_units(session: Session, round_id: int, deadline: date, today: date,
                 rng: random.Random) -> None:
    """Each unit's stored state from its entries, and when it reported: most in the last
    days before the deadline, one in eight a few days late."""
    for unit_id, state in sorted(rounds.refresh_round_states(session, round_id).items()):
        if state != "submitted":
            continue
        row = session.get(RoundUnit, (round_id, unit_id))
        assert row is not None  # the unit was just read from the round's units
        late = rng.random() < 0.125
        day = deadline + timedelta(days=rng.randint(1, 4)) if late else deadline - timedelta(
            days=rng.randint(0, 6))
        row.submitted_at = datetime.combine(min(day, today), time(16, 30), tzinfo=UTC)
        session.add(row)
    session.flush()


def _settle_early_problems(session: Session, actor: Actor, months: list[Period]) -> int:
    """Problems raised in the first half of the year were coordinated and closed (销号)."""
    first_half = {m.key for m in months[: len(months) // 2]}
    lagging = session.exec(select(ProgressEntry).where(
        col(ProgressEntry.period_key).in_(first_half), ProgressEntry.problems != "")
        .order_by(col(ProgressEntry.period_key), col(ProgressEntry.id))).all()
    from jjjdesk.services import subjects

    closed = 0
    seen: set[SubjectRef] = set()
    for entry in lagging:
        ref = SubjectRef.of(entry)
        if ref in seen or len(seen) >= 6 or _still_open(session, ref, entry.problems):
            continue
        seen.add(ref)
        for row in problems.raise_from_entry(session, actor, entry,
                                             subjects.subject_info(session, ref)):
            problems.set_problem_state(session=session, actor=actor, problem_id=row,
                                       state=ProblemState.CLOSED.value,
                                       note="经三地有关部门协调,已落实解决")
            closed += 1
    return closed
