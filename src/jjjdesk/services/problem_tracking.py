"""Problems tracked to the end: 交办 to a unit and person with a 办结时限, 协调/反馈 steps, 逾期."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ProblemActionKind, ProblemState
from jjjdesk.domain.models import Problem, ProblemAction, Unit
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records
from jjjdesk.services.entry_access import is_office, require_reviewer
from jjjdesk.services.permissions import Act, PermissionDenied, require
from jjjdesk.services.problems import (
    ENTITY,
    OPEN_STATES,
    ActionRow,
    ProblemRow,
    action_row,
    problem_rows,
    record_action,
)

PERSON_MAX = 100
#: The steps one may log by hand; 交办 and 销号 have their own services.
LOGGABLE = (ProblemActionKind.COORDINATE, ProblemActionKind.FEEDBACK)


def _require_open(problem: Problem, doing: str) -> None:
    if problem.state not in OPEN_STATES:
        label = ProblemState(problem.state).label
        raise UserFacingError(f"该问题已{label},不能再{doing};如需继续,请先重新打开。")


def assign_problem(*, session: Session, actor: Actor, problem_id: int, unit_id: int,
                   person: str = "", due: date, note: str = "",
                   expected_version: int | None = None) -> ProblemRow:
    """交办: set the 责任单位, 责任人 and 办结时限 of an open problem; logged and audited."""
    require_reviewer(actor)
    problem = records.get_or_fail(session, Problem, problem_id, "问题")
    records.check_version(problem, expected_version, "该问题")
    _require_open(problem, "交办")
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise ValidationFailed({"unit": f"责任单位(编号 {unit_id})不存在"})
    person = (person or "").strip()
    if len(person) > PERSON_MAX:
        raise ValidationFailed({"person": f"责任人不能超过 {PERSON_MAX} 个字"})
    if not isinstance(due, date):
        raise ValidationFailed({"due": "须给出办结时限(日期)"})
    diff = records.apply_changes(problem, {"owner_unit_id": unit.id,
                                           "responsible_person": person, "due_date": due})
    session.add(problem)
    session.flush()
    records.audit_update(session, actor, ENTITY, problem,
                         (summaries.PROBLEM_ASSIGN_PERSON if person else summaries.PROBLEM_ASSIGN)(
                             unit=unit.name, person=person, due=due.isoformat(),
                             text=problem.description[:60]), diff, reason=(note or "").strip())
    record_action(session, actor, problem, ProblemActionKind.ASSIGN, note)
    return problem_rows(session, [problem])[0]


def log_problem_action(*, session: Session, actor: Actor, problem_id: int, kind: str,
                       note: str) -> ActionRow:
    """Add a 协调 (office only) or 反馈 (the office, or the 责任单位's own reporter) step."""
    try:
        step = ProblemActionKind.from_text(kind)
    except ValueError:
        step = None
    if step is None or step not in LOGGABLE:
        raise ValidationFailed({"kind": f"“{kind}”不是可登记的办理环节,可选:协调、反馈"})
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能登记问题的办理情况。")
    problem = records.get_or_fail(session, Problem, problem_id, "问题")
    if not is_office(actor):
        if step is not ProblemActionKind.FEEDBACK:
            raise PermissionDenied("只有协同办工作人员或管理员可以登记协调情况。")
        if actor.unit_id is None or actor.unit_id != problem.owner_unit_id:
            raise PermissionDenied("只能对本单位负责的问题反馈办理情况。")
    _require_open(problem, step.label)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed({"note": f"{step.label}须说明情况"})
    action = record_action(session, actor, problem, step, note)
    records.audit_create(session, actor, "problem_action", action,
                         summaries.PROBLEM_STEP(step=step.label,
                                                 text=problem.description[:40], note=note[:60]))
    return action_row(action)


def get_problem(*, session: Session, problem_id: int) -> ProblemRow:
    return problem_rows(session, [records.get_or_fail(session, Problem, problem_id, "问题")])[0]


def problem_actions(*, session: Session, problem_id: int) -> list[ActionRow]:
    """A problem's history, oldest first."""
    records.get_or_fail(session, Problem, problem_id, "问题")
    found = session.exec(select(ProblemAction).where(ProblemAction.problem_id == problem_id)
                         .order_by(col(ProblemAction.at), col(ProblemAction.id)))
    return [action_row(a) for a in found]


def overdue_problems(*, session: Session, today: date) -> list[ProblemRow]:
    """逾期: open problems whose 办结时限 is before `today`, the most overdue first."""
    found = session.exec(select(Problem).where(
        col(Problem.state).in_(OPEN_STATES), col(Problem.due_date).is_not(None),
        col(Problem.due_date) < today).order_by(col(Problem.due_date), col(Problem.id)))
    return problem_rows(session, list(found))
