"""填报批次: open a round for a period with its scope (units and their items), list, close."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ReviewState, RoundState, UnitReturnState
from jjjdesk.domain.models import (
    KeyTask,
    ProgressEntry,
    Project,
    ProjectUnit,
    ReportingRound,
    RoundItem,
    RoundUnit,
    TaskUnit,
    Unit,
    now,
    row_id,
)
from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import coop_units, records
from jjjdesk.services.permissions import require_registry_write

ENTITY = "round"
_SUFFIX = {PeriodKind.WEEK: "周报", PeriodKind.MONTH: "月报", PeriodKind.QUARTER: "季报",
           PeriodKind.YEAR: "年报"}


@dataclass(frozen=True)
class RoundScope:
    """Which units report on what. `items` chosen by hand override the filters.

    By filter: every task (top-level, and sub-tasks if asked) and project whose lead unit
    (or a 配合 / 共同牵头 unit) is in `unit_ids` (all units when empty), narrowed by category
    and project kind.
    A task reports through its lead unit; a project through its lead unit, else its district.
    The items' 配合 and 共同牵头 units join the round too, to report their part (`coop_part`).
    """

    unit_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    include_tasks: bool = True
    include_subtasks: bool = False
    include_projects: bool = True
    project_kinds: tuple[str, ...] = ()
    items: tuple[SubjectRef, ...] = ()


@dataclass(frozen=True)
class RoundView:
    id: int
    version: int
    name: str
    period_key: str
    period_label: str
    period_kind: str
    deadline: date
    state: str
    state_label: str
    unit_count: int
    item_count: int
    submitted_units: int
    created_by: str
    created_at: datetime
    skipped: tuple[str, ...] = field(default=())

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)


def default_name(period: Period) -> str:
    """"2024年3月月报", "2024年第一季度季报", "2024年第12周周报"."""
    return f"{period.label}{_SUFFIX[period.kind]}"


def _scope_items(session: Session, scope: RoundScope
                 ) -> tuple[list[tuple[int, SubjectRef]], list[str]]:
    """(unit_id, subject) pairs in registry order, and the names of subjects without a unit."""
    pairs: list[tuple[int, SubjectRef]] = []
    skipped: list[str] = []
    if scope.items:
        for ref in scope.items:
            if ref.kind == "task":
                task = records.get_or_fail(session, KeyTask, ref.id, "重点任务")
                unit_id, name = task.lead_unit_id, task.title
            else:
                project = records.get_or_fail(session, Project, ref.id, "重点项目")
                unit_id, name = project.lead_unit_id or project.district_id, project.name
            if unit_id is None:
                skipped.append(name)
            else:
                pairs.append((unit_id, ref))
        return pairs, skipped
    units = set(scope.unit_ids)
    # An item whose 配合 / 共同牵头 unit is chosen is in scope too (its lead reports it).
    task_parts: dict[int, set[int]] = {}
    project_parts: dict[int, set[int]] = {}
    if units:
        for tid, uid in session.exec(select(TaskUnit.task_id, TaskUnit.unit_id)
                                     .where(col(TaskUnit.unit_id).in_(units))):
            task_parts.setdefault(tid, set()).add(uid)
        for pid, uid in session.exec(select(ProjectUnit.project_id, ProjectUnit.unit_id)
                                     .where(col(ProjectUnit.unit_id).in_(units))):
            project_parts.setdefault(pid, set()).add(uid)
    if scope.include_tasks:
        stmt = select(KeyTask).order_by(col(KeyTask.category_id),
                                        col(KeyTask.parent_id).is_not(None),
                                        col(KeyTask.number), col(KeyTask.id))
        if not scope.include_subtasks:
            stmt = stmt.where(col(KeyTask.parent_id).is_(None))
        if scope.category_ids:
            stmt = stmt.where(col(KeyTask.category_id).in_(scope.category_ids))
        for task in session.exec(stmt):
            if task.lead_unit_id is None:
                skipped.append(task.title)
            elif not units or task.lead_unit_id in units or row_id(task) in task_parts:
                pairs.append((task.lead_unit_id, SubjectRef.task(row_id(task))))
    if scope.include_projects:
        pstmt = select(Project).order_by(col(Project.code))
        if scope.project_kinds:
            pstmt = pstmt.where(col(Project.kind).in_(scope.project_kinds))
        if scope.category_ids:
            pstmt = pstmt.join(KeyTask, col(KeyTask.id) == col(Project.task_id)).where(
                col(KeyTask.category_id).in_(scope.category_ids))
        for project in session.exec(pstmt):
            unit_id = project.lead_unit_id or project.district_id
            if unit_id is None:
                skipped.append(project.name)
            elif not units or unit_id in units or row_id(project) in project_parts:
                pairs.append((unit_id, SubjectRef.project(row_id(project))))
    return pairs, skipped


def create_round(
    *, session: Session, actor: Actor, period: Period | str, deadline: date,
    name: str | None = None, scope: RoundScope = RoundScope(), note: str = "",
) -> RoundView:
    """Open a round; every unit with at least one item in scope joins it as 未报."""
    require_registry_write(actor)
    period = period if isinstance(period, Period) else Period.parse(period)
    name = (name or "").strip() or default_name(period)
    errors: dict[str, str] = {}
    if deadline < period.start:
        errors["deadline"] = f"截止日期不能早于报告期开始({period.start:%Y-%m-%d})"
    if session.exec(select(ReportingRound.id).where(
            ReportingRound.period_key == period.key, ReportingRound.name == name)).first():
        errors["name"] = f"已有同名填报批次“{name}”"
    if errors:
        raise ValidationFailed(errors)
    pairs, skipped = _scope_items(session, scope)
    if not pairs:
        raise UserFacingError("所选范围内没有需要填报的任务或项目,未创建填报批次。")
    rnd = ReportingRound(name=name, period_kind=period.kind.value, period_key=period.key,
                         deadline=deadline, note=note, created_by=actor.name)
    session.add(rnd)
    session.flush()
    seen: set[SubjectRef] = set()
    unit_order: list[int] = []
    for order, (unit_id, ref) in enumerate(pairs):
        if ref in seen:
            continue
        seen.add(ref)
        if unit_id not in unit_order:
            unit_order.append(unit_id)
        session.add(RoundItem(round_id=row_id(rnd), unit_id=unit_id, sort_order=order,
                              **ref.columns))
    session.flush()
    # 配合 and 共同牵头 units report their part of the items in scope: asked too, even a unit
    # with no item of its own.
    for unit_id in coop_units.round_part_units(session, row_id(rnd)):
        if unit_id not in unit_order:
            unit_order.append(unit_id)
    for unit_id in unit_order:
        session.add(RoundUnit(round_id=row_id(rnd), unit_id=unit_id))
    session.flush()
    records.audit_create(session, actor, ENTITY, rnd, summaries.ROUND_CREATE(name=name),
                         extra={"units": len(unit_order), "items": len(seen)})
    return _view(session, rnd, tuple(skipped))


def get_round(*, session: Session, round_id: int) -> RoundView:
    return _view(session, records.get_or_fail(session, ReportingRound, round_id, "填报批次"))


def list_rounds(*, session: Session, state: str | None = None, period_kind: str | None = None,
                ) -> list[RoundView]:
    """Newest period first."""
    stmt = select(ReportingRound).order_by(col(ReportingRound.deadline).desc(),
                                           col(ReportingRound.id).desc())
    if state:
        stmt = stmt.where(ReportingRound.state == state)
    if period_kind:
        stmt = stmt.where(ReportingRound.period_kind == period_kind)
    return [_view(session, r) for r in session.exec(stmt)]


def set_round_state(*, session: Session, actor: Actor, round_id: int, state: str,
                    reason: str = "", expected_version: int | None = None) -> RoundView:
    """Close (freeze) or reopen a round."""
    require_registry_write(actor)
    state = RoundState(state)
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    records.check_version(rnd, expected_version, f"填报批次“{rnd.name}”")
    if state is RoundState.OPEN and not reason.strip():
        raise ValidationFailed({"reason": "重新开放已关闭的批次须说明理由"})
    diff = records.apply_changes(rnd, {"state": state.value})
    said = summaries.ROUND_CLOSE if state is RoundState.CLOSED else summaries.ROUND_REOPEN
    records.audit_update(session, actor, ENTITY, rnd, said(name=rnd.name), diff,
                         reason=reason)
    return _view(session, rnd)


def require_open(rnd: ReportingRound) -> None:
    if rnd.state != RoundState.OPEN:
        raise UserFacingError(f"填报批次“{rnd.name}”已关闭,不能再修改其中的填报。")


def round_subjects(session: Session, round_id: int, unit_id: int | None = None
                   ) -> list[RoundItem]:
    stmt = select(RoundItem).where(RoundItem.round_id == round_id).order_by(
        col(RoundItem.sort_order), col(RoundItem.id))
    if unit_id is not None:
        stmt = stmt.where(RoundItem.unit_id == unit_id)
    return list(session.exec(stmt))


def find_item(session: Session, round_id: int, ref: SubjectRef) -> RoundItem | None:
    column = RoundItem.task_id if ref.kind == "task" else RoundItem.project_id
    return session.exec(select(RoundItem).where(RoundItem.round_id == round_id,
                                                column == ref.id)).first()


def _unit_states(session: Session, rnd: ReportingRound, unit_id: int | None = None
                 ) -> dict[int, list[str | None]]:
    """Per unit of the round, the review state of each item it owes (None: no entry yet):
    its own items' entries for the round's period, then its parts (a part has no review of
    its own: reported is sent). Two joins and the parts, however many units."""
    round_id = row_id(rnd)
    out: dict[int, list[str | None]] = {}
    for subject in (RoundItem.task_id, RoundItem.project_id):
        entry_subject = (ProgressEntry.task_id if subject is RoundItem.task_id
                         else ProgressEntry.project_id)
        stmt = (select(RoundItem.unit_id, ProgressEntry.review_state).select_from(RoundItem)
                .outerjoin(ProgressEntry, and_(col(entry_subject) == col(subject),
                                               col(ProgressEntry.period_key) == rnd.period_key))
                .where(RoundItem.round_id == round_id, col(subject).is_not(None)))
        if unit_id is not None:
            stmt = stmt.where(RoundItem.unit_id == unit_id)
        for uid, state in session.exec(stmt):
            if uid is not None:
                out.setdefault(uid, []).append(state)
    parts = coop_units.parts_of(session, round_id, unit_id)
    for item, uid, _role in coop_units.round_part_pairs(session, round_id, unit_id):
        out.setdefault(uid, []).append(
            ReviewState.SUBMITTED if (SubjectRef.of(item), uid) in parts else None)
    return out


def _return_state(states: list[str | None]) -> UnitReturnState:
    """退回 if any is returned, 已报 when all are sent (报送 or 已审核), else 未报."""
    if ReviewState.RETURNED in states:
        return UnitReturnState.RETURNED
    if states and all(s in (ReviewState.SUBMITTED, ReviewState.APPROVED) for s in states):
        return UnitReturnState.SUBMITTED
    return UnitReturnState.PENDING


def _store_state(session: Session, row: RoundUnit, state: UnitReturnState,
                 submitted: bool) -> None:
    if row.state != state:
        row.state = state.value
        records.bump_version(row)
    if submitted:
        row.submitted_at = now()
    session.add(row)


def refresh_unit_state(session: Session, round_id: int, unit_id: int,
                       submitted: bool = False) -> str:
    """Derive a unit's stored state from its entries and parts (`_return_state`).
    `submitted` stamps the unit's last submission time."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    state = _return_state(_unit_states(session, rnd, unit_id).get(unit_id, []))
    row = session.get(RoundUnit, (round_id, unit_id))
    if row is not None:
        _store_state(session, row, state, submitted)
        session.flush()
    return state.value


def refresh_round_states(session: Session, round_id: int) -> dict[int, str]:
    """`refresh_unit_state` for every unit of the round at once (a whole round loaded)."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    owed = _unit_states(session, rnd)
    out = {}
    for row in session.exec(select(RoundUnit).where(RoundUnit.round_id == round_id)):
        state = _return_state(owed.get(row.unit_id, []))
        _store_state(session, row, state, submitted=False)
        out[row.unit_id] = state.value
    session.flush()
    return out


def touch_reminded(session: Session, round_id: int, unit_ids: Iterable[int]) -> None:
    for unit_id in unit_ids:
        row = session.get(RoundUnit, (round_id, unit_id))
        if row is not None:
            row.reminded_at = now()
            session.add(row)
    session.flush()


def _view(session: Session, rnd: ReportingRound, skipped: tuple[str, ...] = ()) -> RoundView:
    units = session.exec(select(func.count(), func.sum(
        case((col(RoundUnit.state) == "submitted", 1), else_=0))).where(
        RoundUnit.round_id == rnd.id)).one()
    items = session.exec(select(func.count()).select_from(RoundItem).where(
        RoundItem.round_id == rnd.id)).one()
    period = Period.from_key(rnd.period_key)
    return RoundView(
        id=row_id(rnd), version=rnd.version, name=rnd.name, period_key=rnd.period_key,
        period_label=period.label, period_kind=rnd.period_kind, deadline=rnd.deadline,
        state=rnd.state, state_label=RoundState(rnd.state).label, unit_count=units[0],
        item_count=items, submitted_units=int(units[1] or 0), created_by=rnd.created_by,
        created_at=rnd.created_at, skipped=skipped,
    )


def unit_name(session: Session, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    return unit.name if unit else f"单位{unit_id}"
