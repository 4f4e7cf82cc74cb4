"""批次计划: rounds that open themselves, and 催报记录 with their stage (no Qt).

`run_due` creates the current period's round of every active schedule once: a second call,
a restart or a second workstation on the same database finds the round (the unique
(period_key, name) of reporting_round makes the losing INSERT roll back to a savepoint).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import ReminderLog, ReportingRound, RoundSchedule, row_id
from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.domain.workdays import add_workdays, nth_workday_of_month, workdays_between
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records, rounds
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.workday_overrides import list_overrides

ENTITY = "round_schedule"
KINDS = {"week": "周跟进", "month": "月报告", "quarter": "季调度"}
STAGES = {"none": "未到提醒期", "first": "临期提醒", "due": "今日截止", "overdue": "逾期催报",
          "done": "已报送"}
CHANNELS = {"copy": "复制催报", "notice": "导出通知单", "cli": "命令行"}


@dataclass(frozen=True)
class ScheduleView:
    id: int
    version: int
    name: str
    schedule_kind: str
    kind_label: str
    deadline_offset: int
    unit_ids: tuple[int, ...]
    paused: bool
    last_period_key: str


def _view(row: RoundSchedule) -> ScheduleView:
    scope = json.loads(row.scope or "{}")
    return ScheduleView(id=row_id(row), version=row.version, name=row.name,
                        schedule_kind=row.schedule_kind, kind_label=KINDS[row.schedule_kind],
                        deadline_offset=row.deadline_offset,
                        unit_ids=tuple(scope.get("unit_ids", ())), paused=row.paused,
                        last_period_key=row.last_period_key)


def _scope_json(scope: rounds.RoundScope) -> str:
    data = asdict(scope)
    data.pop("items", None)  # hand-picked items belong to one round, not a schedule
    return json.dumps(data, ensure_ascii=False)


def add_schedule(*, session: Session, actor: Actor, kind: str, deadline_offset: int = 5,
                 name: str = "", scope: rounds.RoundScope | None = None) -> ScheduleView:
    require_registry_write(actor)
    if kind not in KINDS:
        raise ValidationFailed({"schedule_kind": f"未知的计划类型 {kind}"})
    if deadline_offset < (1 if kind == "month" else 0):
        raise ValidationFailed({"deadline_offset": "截止工作日数不正确"})
    row = RoundSchedule(name=name.strip() or KINDS[kind], schedule_kind=kind,
                        deadline_offset=deadline_offset,
                        scope=_scope_json(scope or rounds.RoundScope()),
                        created_by=actor.name)
    session.add(row)
    session.flush()
    records.audit_create(session, actor, ENTITY, row, summaries.SCHEDULE_CREATE(name=row.name))
    return _view(row)


def list_schedules(*, session: Session) -> list[ScheduleView]:
    return [_view(r) for r in session.exec(select(RoundSchedule).order_by(col(RoundSchedule.id)))]


def update_schedule(*, session: Session, actor: Actor, schedule_id: int,
                    expected_version: int | None = None, **values) -> ScheduleView:
    """Pause/resume (paused=...), rename, change the offset or the scope."""
    require_registry_write(actor)
    row = records.get_or_fail(session, RoundSchedule, schedule_id, "批次计划")
    records.check_version(row, expected_version, f"批次计划“{row.name}”")
    if isinstance(values.get("scope"), rounds.RoundScope):
        values["scope"] = _scope_json(values["scope"])
    diff = records.apply_changes(row, values)
    if diff:
        said = summaries.SCHEDULE_UPDATE
        if set(values) == {"paused"}:
            said = summaries.SCHEDULE_PAUSE if values["paused"] else summaries.SCHEDULE_RESUME
        records.audit_update(session, actor, ENTITY, row, said(name=row.name), diff)
    return _view(row)


def period_and_deadline(session: Session, row: RoundSchedule, today: date
                        ) -> tuple[Period, date]:
    """The schedule's period that contains `today` and its deadline (working days)."""
    overrides = list_overrides(session=session)
    kind = {"week": PeriodKind.WEEK, "month": PeriodKind.MONTH,
            "quarter": PeriodKind.QUARTER}[row.schedule_kind]
    period = Period.containing(kind, today)
    if row.schedule_kind == "week":
        deadline = add_workdays(period.start, row.deadline_offset, overrides)
    elif row.schedule_kind == "month":
        nxt = period.next()
        deadline = nth_workday_of_month(nxt.start.year, nxt.start.month, row.deadline_offset,
                                        overrides)
    else:
        deadline = add_workdays(period.end, row.deadline_offset, overrides)
    return period, deadline


AUTO_PREFIX = "由批次计划"
AUTO_NOTE = AUTO_PREFIX + "“{0}”自动创建"


def _period_has_round(session: Session, period_key: str, name: str) -> bool:
    """This schedule's round exists, or one the office made by hand for the period (the demo's
    or last month's habit): a schedule never doubles it. Another schedule's round does not
    count (two schedules may split the items of one period)."""
    for rnd_name, note in session.exec(select(ReportingRound.name, ReportingRound.note).where(
            ReportingRound.period_key == period_key)):
        if rnd_name == name or not (note or "").startswith(AUTO_PREFIX):
            return True
    return False


def run_due(*, session: Session, actor: Actor, today: date) -> list[rounds.RoundView]:
    """Create the current period's round of every active schedule that has none yet."""
    made: list[rounds.RoundView] = []
    for row in session.exec(select(RoundSchedule).where(col(RoundSchedule.paused).is_(False))
                            .order_by(col(RoundSchedule.id))).all():
        period, deadline = period_and_deadline(session, row, today)
        if row.last_period_key == period.key:
            continue
        name = f"{period.label}{row.name}"
        if _period_has_round(session, period.key, name):
            row.last_period_key = period.key
            session.add(row)
            continue
        data = json.loads(row.scope or "{}")
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                  for k, v in data.items()}
        scope = rounds.RoundScope(**fields)
        try:
            with session.begin_nested():
                view = rounds.create_round(session=session, actor=actor, period=period,
                                           deadline=deadline, name=name, scope=scope,
                                           note=AUTO_NOTE.format(row.name))
        except (IntegrityError, ValidationFailed):
            continue  # another workstation made it first
        except UserFacingError:
            continue  # nothing in scope this period
        row.last_period_key = period.key
        session.add(row)
        made.append(view)
    session.flush()
    return made


def tick(*, session: Session, actor: Actor, read_only: bool, today: date
         ) -> tuple[list[rounds.RoundView], list]:
    """What a running app does now and then: the office's window creates the due rounds
    (`run_due`); every window learns the units due within the 临期 setting — the office all
    of them, a reporting unit only itself. Returns (rounds made, board.DueRow list)."""
    from jjjdesk.services import board
    from jjjdesk.services.entry_access import is_office
    from jjjdesk.services.permissions import Act, may, may_write_registry
    from jjjdesk.services.settings import get_setting

    if not may(actor, Act.OFFICE_READ):  # the 等保 roles: no rounds to see (nor grants)
        return [], []
    made = []
    if may_write_registry(actor) and not read_only:
        made = run_due(session=session, actor=actor, today=today)
    within = int(get_setting(session=session, key="remind.within_workdays"))
    due = board.due_within(session=session, today=today, within=within)
    if not is_office(actor):
        due = [row for row in due if row.unit_id == actor.unit_id]
    return made, due


# -- 催报 ---------------------------------------------------------------------------

def reminder_stage(*, deadline: date, today: date, within: int = 3, submitted: bool = False,
                   session: Session | None = None) -> str:
    """first (within N working days before), due (on the day), overdue (after), else none."""
    if submitted:
        return "done"
    if today > deadline:
        return "overdue"
    if today == deadline:
        return "due"
    overrides = list_overrides(session=session) if session is not None else None
    left = workdays_between(today, deadline, overrides) - 1
    return "first" if left <= within else "none"


def record_reminders(*, session: Session, actor: Actor, round_id: int,
                     unit_ids: list[int], channel: str, today: date) -> int:
    if channel not in CHANNELS:
        raise ValidationFailed({"channel": f"未知的催报方式 {channel}"})
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    stage = reminder_stage(deadline=rnd.deadline, today=today, session=session)
    for unit_id in unit_ids:
        session.add(ReminderLog(round_id=round_id, unit_id=unit_id,
                                stage="first" if stage == "none" else stage,
                                channel=channel, sent_by=actor.name))
    session.flush()
    return len(unit_ids)


@dataclass(frozen=True)
class ReminderRow:
    unit_id: int
    unit_name: str
    stage: str
    stage_label: str
    count: int
    late_workdays: int | None  # of the return; None while not in
    history: tuple[tuple[datetime, str, str], ...]  # (time, stage label, channel label)


def round_reminders(*, session: Session, round_id: int, today: date) -> list[ReminderRow]:
    from jjjdesk.domain.models import RoundUnit
    from jjjdesk.services import board

    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    overrides = list_overrides(session=session)
    out = []
    for ru in session.exec(select(RoundUnit).where(RoundUnit.round_id == round_id)):
        logs = session.exec(select(ReminderLog).where(
            ReminderLog.round_id == round_id, ReminderLog.unit_id == ru.unit_id)
            .order_by(col(ReminderLog.sent_at), col(ReminderLog.id))).all()
        late = None
        if ru.submitted_at is not None and ru.state == "submitted":
            late = board.late_workdays(rnd.deadline, board.local_day(ru.submitted_at), overrides)
        stage = reminder_stage(deadline=rnd.deadline, today=today,
                               submitted=ru.state == "submitted", session=session)
        out.append(ReminderRow(
            unit_id=ru.unit_id, unit_name=rounds.unit_name(session, ru.unit_id), stage=stage,
            stage_label=STAGES[stage], count=len(logs), late_workdays=late,
            history=tuple((g.sent_at, STAGES.get(g.stage, g.stage),
                           CHANNELS.get(g.channel, g.channel)) for g in logs)))
    return out
