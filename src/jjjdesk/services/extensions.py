"""延期申请: a unit asks to move an item's due date; the office approves or rejects it.

On approval the item's own date moves (key task `due_date`, project `planned_completion`), so
lights, pace, ledgers and the dashboard all judge by it through the one rule they share; the
request keeps the original date, the audit keeps both, and the light's reason says
"已批准延期至…(原定…)".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.enums import ExtensionState
from jjjdesk.domain.models import ExtensionRequest, KeyTask, Project, Unit, now, stored_id
from jjjdesk.domain.period import chinese_date
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.domain.text import clean
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import attachments, audit, records
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.entry_access import is_office, require_reviewer
from jjjdesk.services.permissions import Act, PermissionDenied, require
from jjjdesk.services.subjects import subject_info

ENTITY = "extension_request"
MAX_REASON = 2000


@dataclass(frozen=True)
class ExtensionView:
    id: int
    version: int
    subject: SubjectRef
    subject_title: str  # "重点任务 3.2 …"
    unit: str
    original_due: date | None
    requested_until: date
    reason: str
    state: str
    state_label: str
    requested_by: str
    requested_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str


def day_text(d: date | None) -> str:
    return chinese_date(d) if d else "未定"


def _due_of(row: KeyTask | Project) -> date | None:
    return row.due_date if isinstance(row, KeyTask) else row.planned_completion


def _subject_row(session: Session, ref: SubjectRef) -> KeyTask | Project:
    if ref.kind == "task":
        return records.get_or_fail(session, KeyTask, ref.id, "重点任务")
    return records.get_or_fail(session, Project, ref.id, "重点项目")


def _unit_of(row: KeyTask | Project) -> int | None:
    if isinstance(row, KeyTask):
        return row.lead_unit_id
    return row.lead_unit_id or row.district_id


def _view(session: Session, r: ExtensionRequest) -> ExtensionView:
    ref = SubjectRef.of(r)
    unit = session.get(Unit, r.unit_id) if r.unit_id is not None else None
    assert r.id is not None  # a stored request
    return ExtensionView(
        r.id, r.version, ref, subject_info(session, ref).title, unit.name if unit else "",
        r.original_due, r.requested_until, r.reason, r.state, ExtensionState(r.state).label,
        r.requested_by, r.requested_at, r.decided_by, r.decided_at, r.decision_note)


def request_extension(*, session: Session, actor: Actor, subject: SubjectRef, until: date,
                      reason: str, files: Sequence[Path | str] = ()) -> ExtensionView:
    """A unit (or the office on its behalf) asks to move the item's due date to `until`,
    with `files` as its 佐证材料 (a refused file refuses the whole request)."""
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能提出延期申请。")
    row = _subject_row(session, subject)
    unit_id = _unit_of(row)
    if not is_office(actor) and (actor.unit_id is None or actor.unit_id != unit_id):
        raise PermissionDenied("只能为本单位牵头的事项申请延期。")
    reason = clean(reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "请说明延期理由"
    elif len(reason) > MAX_REASON:
        errors["reason"] = f"延期理由不能超过 {MAX_REASON} 字"
    due = _due_of(row)
    if due is not None and until <= due:
        errors["until"] = f"申请延期至的日期应晚于现定完成时限 {day_text(due)}"
    start = row.start_date if isinstance(row, KeyTask) else row.planned_start
    if start is not None and until < start:
        errors["until"] = f"申请延期至的日期不能早于开始日期 {day_text(start)}"
    if errors:
        raise ValidationFailed(errors)
    pending = session.exec(select(ExtensionRequest.id).where(
        _of(subject), ExtensionRequest.state == ExtensionState.PENDING.value)).first()
    if pending is not None:
        raise UserFacingError(f"该事项已有待审批的延期申请(编号 {pending}),请等待审批结果")
    req = ExtensionRequest(
        task_id=subject.id if subject.kind == "task" else None,
        project_id=subject.id if subject.kind == "project" else None,
        unit_id=unit_id, original_due=due, requested_until=until, reason=reason,
        requested_by=actor.name)
    session.add(req)
    session.flush()
    view = _view(session, req)
    audit.record(session=session, actor=actor, action="create", entity=ENTITY, entity_id=req.id,
                 summary=summaries.EXTENSION_REQUEST(
                     title=view.subject_title, from_day=day_text(due), to_day=day_text(until)),
                 changes={"requested_until": str(until), "original_due": str(due or ""),
                          "reason": reason})
    if files:
        attachments.add_attachments(session=session, actor=actor, files=files,
                                    extension_id=req.id)
    return view


def _of(subject: SubjectRef):
    if subject.kind == "task":
        return ExtensionRequest.task_id == subject.id
    return ExtensionRequest.project_id == subject.id


def _decide(session: Session, actor: Actor, request_id: int, state: ExtensionState, note: str,
            expected_version: int | None) -> tuple[ExtensionRequest, str]:
    require_reviewer(actor)
    req = records.get_or_fail(session, ExtensionRequest, request_id, "延期申请")
    records.check_version(req, expected_version, "该延期申请")
    if req.state != ExtensionState.PENDING.value:
        raise UserFacingError(
            f"延期申请 {request_id} {ExtensionState(req.state).label},不能再次审批")
    note = clean(note or "").strip()
    if state is ExtensionState.REJECTED and not note:
        raise ValidationFailed({"note": "不批准时请说明理由"})
    records.bump_version(req)
    req.state, req.decided_by, req.decided_at, req.decision_note = (
        state.value, actor.name, now(), note)
    return req, note


def approve_extension(*, session: Session, actor: Actor, request_id: int, note: str = "",
                      expected_version: int | None = None) -> ExtensionView:
    """Approve: the item's due date becomes the requested one (audited with the old date)."""
    req, note = _decide(session, actor, request_id, ExtensionState.APPROVED, note,
                        expected_version)
    ref = SubjectRef.of(req)
    row = _subject_row(session, ref)
    field = "due_date" if isinstance(row, KeyTask) else "planned_completion"
    old = getattr(row, field)
    records.bump_version(row)
    setattr(row, field, req.requested_until)
    session.flush()
    view = _view(session, req)
    audit.record(session=session, actor=actor, action="update", entity=ENTITY, entity_id=req.id,
                 summary=summaries.EXTENSION_APPROVE(
                     title=view.subject_title, from_day=day_text(old),
                     to_day=day_text(req.requested_until)),
                 changes={"state": ["pending", "approved"],
                          field: [str(old or ""), str(req.requested_until)]},
                 reason=note)
    return view


def reject_extension(*, session: Session, actor: Actor, request_id: int, note: str,
                     expected_version: int | None = None) -> ExtensionView:
    req, note = _decide(session, actor, request_id, ExtensionState.REJECTED, note,
                        expected_version)
    session.flush()
    view = _view(session, req)
    audit.record(session=session, actor=actor, action="update", entity=ENTITY, entity_id=req.id,
                 summary=summaries.EXTENSION_REJECT(title=view.subject_title),
                 changes={"state": ["pending", "rejected"]}, reason=note)
    return view


def list_extensions(*, session: Session, actor: Actor | None = None, state: str | None = None,
                    subject: SubjectRef | None = None) -> list[ExtensionView]:
    """Newest first; a reporter sees its own unit's requests only."""
    stmt = select(ExtensionRequest).order_by(col(ExtensionRequest.requested_at).desc(),
                                             col(ExtensionRequest.id).desc())
    if state:
        stmt = stmt.where(ExtensionRequest.state == state)
    if subject is not None:
        stmt = stmt.where(_of(subject))
    if actor is not None:
        require(actor, Act.OFFICE_READ)
    if actor is not None and actor.role == Role.REPORTER:
        stmt = stmt.where(ExtensionRequest.unit_id == actor.unit_id)
    return [_view(session, r) for r in session.exec(stmt)]


def approved_extensions(session: Session, refs: Iterable[SubjectRef] | None = None
                        ) -> dict[SubjectRef, tuple[date, date | None]]:
    """subject → (extended until, original date) of its latest approved request."""
    stmt = select(col(ExtensionRequest.task_id), col(ExtensionRequest.project_id),
                  col(ExtensionRequest.requested_until), col(ExtensionRequest.original_due)).where(
        ExtensionRequest.state == ExtensionState.APPROVED.value).order_by(
        col(ExtensionRequest.decided_at), col(ExtensionRequest.id))
    wanted = set(refs) if refs is not None else None
    out: dict[SubjectRef, tuple[date, date | None]] = {}
    first_due: dict[SubjectRef, date | None] = {}
    for task_id, project_id, until, original in session.exec(stmt):
        # A request is about a task or else a project: without a task, project_id is set.
        ref = (SubjectRef.task(task_id) if task_id is not None
               else SubjectRef.project(stored_id(project_id)))
        if wanted is not None and ref not in wanted:
            continue
        first_due.setdefault(ref, original)  # the date before the first extension
        out[ref] = (until, first_due[ref])
    return out


def extension_note(extended: tuple[date, date | None]) -> str:
    until, original = extended
    return f"已批准延期至{day_text(until)}(原定{day_text(original)})"


def subject_choices(*, session: Session, actor: Actor) -> list[tuple[SubjectRef, str]]:
    """The items `actor` may ask to extend: its unit's as a reporter, all for the office."""
    unit = None if is_office(actor) else actor.unit_id
    out: list[tuple[SubjectRef, str]] = []
    tasks = {t.id: t for t in session.exec(select(KeyTask))}
    for t in sorted(tasks.values(), key=lambda t: (t.plan_id, t.category_id or 0,
                                                   tasks[t.parent_id].number if t.parent_id
                                                   in tasks else t.number,
                                                   t.parent_id is not None, t.number)):
        if unit is not None and t.lead_unit_id != unit:
            continue
        parent = tasks.get(t.parent_id) if t.parent_id else None
        code = f"{parent.number}.{t.number}" if parent else str(t.number)
        assert t.id is not None
        out.append((SubjectRef.task(t.id), f"重点任务 {code} {t.title}"))
    for p in session.exec(select(Project).order_by(Project.code)):
        if unit is not None and (p.lead_unit_id or p.district_id) != unit:
            continue
        assert p.id is not None
        out.append((SubjectRef.project(p.id), f"重点项目 {p.code} {p.name}"))
    return out


def current_due(*, session: Session, subject: SubjectRef) -> date | None:
    return _due_of(_subject_row(session, subject))
