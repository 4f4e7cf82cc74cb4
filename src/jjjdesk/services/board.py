"""The submission board of a round (未报/已报/逾期/退回 per unit) and 催报 notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ReviewState, UnitReturnState
from jjjdesk.domain.models import (
    ProgressEntry,
    ReminderLog,
    ReportingRound,
    RoundItem,
    RoundUnit,
    Unit,
    row_id,
)
from jjjdesk.domain.workdays import workdays_between
from jjjdesk.services import audit, coop_units, records, rounds
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.workday_overrides import list_overrides


@dataclass(frozen=True)
class BoardRow:
    unit_id: int
    unit_name: str
    state: str
    state_label: str
    filled: int
    submitted: int
    total: int
    last_submitted_at: datetime | None
    reminded_at: datetime | None
    contact_person: str
    contact_phone: str
    reminder_count: int = 0  # 催报记录 of this unit in this round
    late_workdays: int | None = None  # how late its return came (0: on time); None: not in
    parts: int = 0  # of `total`: 配合 / 共同牵头 parts asked of the unit
    parts_reported: int = 0


@dataclass(frozen=True)
class Board:
    round: rounds.RoundView
    rows: list[BoardRow]
    counts: dict[str, int]  # state code → units; every UnitReturnState present


def local_day(stamp: datetime) -> date:
    """The calendar day of a stored time where the user is (stored times are UTC)."""
    return audit.local_time(stamp).date()


def late_workdays(deadline: date, day: date, overrides) -> int:
    """Working days after the deadline up to `day` (0 on or before the deadline)."""
    return workdays_between(deadline + timedelta(days=1), day, overrides) if day > deadline else 0


def return_state(total: int, sent: int, returned: int, deadline: date, today: date
                 ) -> UnitReturnState:
    """From the entries themselves, so rows written by an import count at once."""
    if returned:
        return UnitReturnState.RETURNED
    if total and sent == total:
        return UnitReturnState.SUBMITTED
    return UnitReturnState.OVERDUE if today > deadline else UnitReturnState.PENDING


def round_board(*, session: Session, round_id: int, today: date) -> Board:
    """One row per unit in scope; item counts come from one grouped query."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    entry_join = and_(
        col(ProgressEntry.period_key) == rnd.period_key,
        or_(
            and_(col(RoundItem.task_id).is_not(None),
                 col(ProgressEntry.task_id) == col(RoundItem.task_id)),
            and_(col(RoundItem.project_id).is_not(None),
                 col(ProgressEntry.project_id) == col(RoundItem.project_id)),
        ),
    )
    sent = col(ProgressEntry.review_state).in_([ReviewState.SUBMITTED, ReviewState.APPROVED])
    back = col(ProgressEntry.review_state) == ReviewState.RETURNED
    counts_q = (
        select(  # type: ignore[call-overload]  # sqlmodel types at most 4 columns
            RoundItem.unit_id, func.count(col(RoundItem.id)), func.count(col(ProgressEntry.id)),
            func.sum(case((sent, 1), else_=0)), func.sum(case((back, 1), else_=0)))
        .select_from(RoundItem).outerjoin(ProgressEntry, entry_join)
        .where(RoundItem.round_id == round_id).group_by(col(RoundItem.unit_id))
    )
    counts = {unit_id: (total, filled, int(done or 0), int(returned or 0))
              for unit_id, total, filled, done, returned in session.exec(counts_q)}
    # 配合 / 共同牵头 parts count per unit beside its own items; a part reported is sent.
    part_counts = coop_units.part_counts(session, round_id)
    for unit_id, (asked, reported) in part_counts.items():
        total, filled, done, returned = counts.get(unit_id, (0, 0, 0, 0))
        counts[unit_id] = (total + asked, filled + reported, done + reported, returned)
    units_q = (
        select(RoundUnit, Unit).join(Unit, col(Unit.id) == col(RoundUnit.unit_id))
        .where(RoundUnit.round_id == round_id).order_by(col(Unit.sort_key), col(Unit.id))
    )
    reminders = dict(session.exec(
        select(ReminderLog.unit_id, func.count(col(ReminderLog.id)))
        .where(ReminderLog.round_id == round_id).group_by(col(ReminderLog.unit_id))).all())
    overrides = list_overrides(session=session)
    rows: list[BoardRow] = []
    tally = {s.value: 0 for s in UnitReturnState}
    for ru, unit in session.exec(units_q):
        total, filled, done, returned = counts.get(unit.id, (0, 0, 0, 0))
        state = return_state(total, done, returned, rnd.deadline, today)
        tally[state.value] += 1
        late = None
        if state == UnitReturnState.SUBMITTED and ru.submitted_at is not None:
            late = late_workdays(rnd.deadline, local_day(ru.submitted_at), overrides)
        rows.append(BoardRow(row_id(unit), unit.name, state.value, state.label, filled, done, total,
                             ru.submitted_at, ru.reminded_at, unit.contact_person,
                             unit.contact_phone, int(reminders.get(row_id(unit), 0)), late,
                             *part_counts.get(row_id(unit), (0, 0))))
    return Board(rounds.get_round(session=session, round_id=round_id), rows, tally)


def _md(d: date, today: date) -> str:
    return f"{d.month}月{d.day}日" if d.year == today.year else f"{d.year}年{d.month}月{d.day}日"


def _contact(row: BoardRow) -> str:
    parts = [f"联系人:{row.contact_person}" if row.contact_person else "",
             f"电话:{row.contact_phone}" if row.contact_phone else ""]
    parts = [p for p in parts if p]
    return f"({','.join(parts)})" if parts else "(未登记联系人)"


def missing_units(board: Board) -> list[BoardRow]:
    return [r for r in board.rows if r.state != UnitReturnState.SUBMITTED]


def reminder_text(*, session: Session, round_id: int, today: date) -> str:
    """A notice to copy into a message: units still missing, with contacts and progress."""
    board = round_board(session=session, round_id=round_id, today=today)
    rnd = board.round
    head = f"截至{_md(today, today)},"
    late = [r for r in board.rows if r.state in (UnitReturnState.PENDING, UnitReturnState.OVERDUE)]
    returned = [r for r in board.rows if r.state == UnitReturnState.RETURNED]
    if not late and not returned:
        return f"{head}所有单位均已报送{rnd.name}。"
    lines: list[str] = []
    if late:
        when = "已逾期" if today > rnd.deadline else "截止"
        lines.append(f"{head}以下单位尚未报送{rnd.name}({when}{_md(rnd.deadline, today)}):")
        lines += [f"{i}. {r.unit_name}{_contact(r)},已填{r.filled}/{r.total}项"
                  for i, r in enumerate(late, 1)]
    if returned:
        lines.append(("" if late else head)
                     + f"以下单位的{rnd.name}已退回修改,请尽快修改后重新报送:")
        lines += [f"{i}. {r.unit_name}{_contact(r)}" for i, r in enumerate(returned, 1)]
    lines.append("请抓紧报送。" if today <= rnd.deadline else "请于收到通知后尽快报送。")
    return "\n".join(lines)


def remind(*, session: Session, actor: Actor, round_id: int, today: date,
           channel: str = "copy") -> str:
    """催报: the notice text, and the missing units marked as reminded."""
    text = reminder_text(session=session, round_id=round_id, today=today)
    mark_reminded(session=session, actor=actor, round_id=round_id, today=today, channel=channel)
    return text


def mark_reminded(*, session: Session, actor: Actor, round_id: int, today: date,
                  channel: str) -> int:
    """The units still missing marked as reminded today through `channel` (audited and kept
    in 催报记录 with the stage: before, on or after the deadline); returns how many."""
    from jjjdesk.services import schedules
    require_registry_write(actor)
    board = round_board(session=session, round_id=round_id, today=today)
    missing = [r.unit_id for r in missing_units(board)]
    rounds.touch_reminded(session, round_id, missing)
    schedules.record_reminders(session=session, actor=actor, round_id=round_id,
                               unit_ids=missing, channel=channel, today=today)
    audit.record(
        session=session, actor=actor, action="remind", entity=rounds.ENTITY, entity_id=round_id,
        summary=summaries.REMIND(round=board.round.name, count=len(missing),
                                channel=schedules.CHANNELS[channel]),
        changes={"units": missing, "channel": channel},
    )
    return len(missing)


@dataclass(frozen=True)
class DueRow:
    round_id: int
    round_name: str
    deadline: date
    workdays_left: int  # working days after today up to the deadline; 0: due today
    unit_id: int
    unit_name: str
    state_label: str
    filled: int
    total: int
    contact: str


def due_within(*, session: Session, today: date, within: int) -> list[DueRow]:
    """临期: units of open rounds due within `within` working days (today counts as 0) that
    have not submitted yet, soonest first."""
    from jjjdesk.domain.enums import RoundState

    overrides = list_overrides(session=session)
    out: list[DueRow] = []
    open_rounds = session.exec(select(ReportingRound).where(
        ReportingRound.state == RoundState.OPEN.value, col(ReportingRound.deadline) >= today))
    for rnd in open_rounds:
        left = workdays_between(today + timedelta(days=1), rnd.deadline, overrides) if (
            rnd.deadline > today) else 0
        if left > within or rnd.id is None:
            continue
        for row in missing_units(round_board(session=session, round_id=rnd.id, today=today)):
            out.append(DueRow(rnd.id, rnd.name, rnd.deadline, left, row.unit_id, row.unit_name,
                              row.state_label, row.filled, row.total,
                              " ".join(x for x in (row.contact_person, row.contact_phone) if x)))
    out.sort(key=lambda r: (r.deadline, r.round_id, r.unit_name))
    return out


def due_by_round(rows: list[DueRow]) -> list[list[DueRow]]:
    """`due_within`'s rows per round, soonest round first (the order they came in)."""
    groups: dict[int, list[DueRow]] = {}
    for row in rows:
        groups.setdefault(row.round_id, []).append(row)
    return list(groups.values())
