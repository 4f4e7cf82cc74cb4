"""本期工作台: what needs doing now, in numbers that each open the list they count.

The round it speaks of is the open round being reported: of the open rounds whose period has
begun, the one with entries and the earliest deadline (else the earliest deadline). Every
number comes from the service its list uses (the board, the review queue, the round's lights,
the problem list, the extension requests), so the home page and the pages agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, func, or_, select

from jjjdesk.domain.enums import ExtensionState, ProblemKind, RoundState, UnitReturnState
from jjjdesk.domain.models import ExtensionRequest, KeyTask, ProgressEntry, Project, ReportingRound
from jjjdesk.domain.period import Period
from jjjdesk.domain.workdays import workdays_between
from jjjdesk.services import board, lag, problems, rounds
from jjjdesk.services.settings import get_setting
from jjjdesk.services.workday_overrides import list_overrides

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Workbench:
    round: rounds.RoundView | None
    days_left: int | None  # calendar days to the deadline (negative: past it)
    workdays_left: int | None  # working days from tomorrow to the deadline, inclusive
    not_reported: int  # 未报 (deadline not passed)
    overdue: int  # 逾期
    returned: int  # 退回
    to_review: int  # entries 已报送 waiting for review
    red: int  # red lights among the round's items
    new_red: int  # red now, not red in the previous round of the same kind
    coordination: int  # open 需协调事项
    overdue_problems: int  # open problems past their 办结时限
    due_soon: int  # tasks and projects due within DUE_SOON_DAYS, not yet done
    pending_extensions: int
    closing_soon: tuple[board.DueRow, ...] = ()  # 临期: units not in, open rounds due soon
    remind_within: int = 3  # the working days 临期 looks ahead (setting remind.within_workdays)


def current_round(session: Session, today: date) -> ReportingRound | None:
    open_rounds = session.exec(select(ReportingRound).where(
        ReportingRound.state == RoundState.OPEN.value)).all()
    started = [r for r in open_rounds if Period.from_key(r.period_key).start <= today] or list(
        open_rounds)
    if not started:
        return None
    with_entries = set(session.exec(select(ProgressEntry.period_key).where(
        col(ProgressEntry.period_key).in_([r.period_key for r in started])).distinct()).all())
    ranked = sorted(started, key=lambda r: (r.period_key not in with_entries, r.deadline, r.id))
    return ranked[0]


def default_as_of(*, session: Session, today: date | None = None) -> int | None:
    """The round the lights are judged by unless the user chooses: the one being reported,
    else the latest round whose period has entries; None when there is no round."""
    today = today or date.today()
    rnd = current_round(session, today)
    if rnd is not None:
        return rnd.id
    keys = set(session.exec(select(ProgressEntry.period_key).distinct()).all())
    for r in session.exec(select(ReportingRound).order_by(
            col(ReportingRound.period_key).desc(), col(ReportingRound.id).desc())):
        if r.period_key in keys:
            return r.id
    return None


def _previous_round(session: Session, rnd: ReportingRound) -> ReportingRound | None:
    return session.exec(select(ReportingRound).where(
        ReportingRound.period_kind == rnd.period_kind,
        ReportingRound.period_key < rnd.period_key).order_by(
        col(ReportingRound.period_key).desc(), col(ReportingRound.id).desc())).first()


def _due_soon(session: Session, today: date) -> int:
    until = today + timedelta(days=DUE_SOON_DAYS)
    tasks = session.exec(select(func.count()).select_from(KeyTask).where(
        col(KeyTask.due_date) >= today, col(KeyTask.due_date) <= until)).one()
    done = {"completed", "in_production", "operating"}
    projects = session.exec(select(func.count()).select_from(Project).where(
        col(Project.planned_completion) >= today, col(Project.planned_completion) <= until,
        or_(col(Project.stage).is_(None), col(Project.stage).not_in(done)))).one()
    return int(tasks) + int(projects)


def workbench(*, session: Session, today: date) -> Workbench:
    rnd = current_round(session, today)
    counts = {s.value: 0 for s in UnitReturnState}
    to_review = red = new_red = 0
    days_left = workdays_left = None
    view = None
    if rnd is not None and rnd.id is not None:
        brd = board.round_board(session=session, round_id=rnd.id, today=today)
        view, counts = brd.round, brd.counts
        days_left = (rnd.deadline - today).days
        overrides = list_overrides(session=session)
        workdays_left = (workdays_between(today + timedelta(days=1), rnd.deadline, overrides)
                         if rnd.deadline > today else -workdays_between(
                             rnd.deadline + timedelta(days=1), today, overrides)
                         if rnd.deadline < today else 0)
        to_review = int(session.exec(select(func.count()).select_from(ProgressEntry).where(
            ProgressEntry.round_id == rnd.id,
            ProgressEntry.review_state == "submitted")).one())
        now_red = {r.subject for r in lag.round_lights(session=session, round_id=rnd.id,
                                                       today=today) if r.light == "red"}
        red = len(now_red)
        before = _previous_round(session, rnd)
        if before is not None and before.id is not None:
            was_red = {r.subject for r in lag.round_lights(session=session, round_id=before.id,
                                                           today=today) if r.light == "red"}
            new_red = len(now_red - was_red)
        else:
            new_red = red
    open_problems = problems.list_problems(session=session, state=problems.OPEN_STATES,
                                           limit=100_000)
    coordination = sum(p.kind == ProblemKind.COORDINATION.value for p in open_problems)
    overdue_problems = sum(p.is_overdue(today) for p in open_problems)
    pending = int(session.exec(select(func.count()).select_from(ExtensionRequest).where(
        ExtensionRequest.state == ExtensionState.PENDING.value)).one())
    within = int(get_setting(session=session, key="remind.within_workdays"))
    return Workbench(
        view, days_left, workdays_left, counts[UnitReturnState.PENDING.value],
        counts[UnitReturnState.OVERDUE.value], counts[UnitReturnState.RETURNED.value],
        to_review, red, new_red, coordination, overdue_problems, _due_soon(session, today),
        pending, tuple(board.due_within(session=session, today=today, within=within)), within)
