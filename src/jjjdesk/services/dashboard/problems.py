"""Open problems and coordination needs of the overview, oldest raised first."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import ProblemKind, ProblemState
from jjjdesk.domain.models import KeyTask, Problem, Project, Unit
from jjjdesk.domain.period import Period
from jjjdesk.services.dashboard.filters import DashboardContext
from jjjdesk.services.problems import OPEN_STATES

PROBLEM_LIMIT = 200


@dataclass(frozen=True)
class OpenProblem:
    id: int
    kind_label: str
    description: str
    owner_unit_id: int | None
    owner_unit: str
    subject_label: str
    raised_label: str
    state_label: str


def open_problems(
    *, session: Session, ctx: DashboardContext, limit: int = PROBLEM_LIMIT
) -> tuple[list[OpenProblem], int]:
    """Open problems and coordination needs, oldest raised first, and how many there are."""
    f = ctx.filters
    task = sa.orm.aliased(KeyTask)
    ptask = sa.orm.aliased(KeyTask)
    stmt = (
        # sqlmodel's select() is typed for at most 4 columns.
        select(  # type: ignore[call-overload]
            Problem, Unit.name, task.number, task.title, Project.code, Project.name
        )
        .outerjoin(Unit, Unit.id == Problem.owner_unit_id)
        .outerjoin(task, task.id == Problem.task_id)
        .outerjoin(Project, Project.id == Problem.project_id)
        .outerjoin(ptask, ptask.id == Project.task_id)
        .where(col(Problem.state).in_(OPEN_STATES))
    )
    if f.unit_id is not None:
        stmt = stmt.where(Problem.owner_unit_id == f.unit_id)
    if f.plan_id is not None:
        stmt = stmt.where(func.coalesce(task.plan_id, ptask.plan_id) == f.plan_id)
    if f.category_id is not None:
        stmt = stmt.where(func.coalesce(task.category_id, ptask.category_id) == f.category_id)
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    stmt = stmt.order_by(Problem.raised_period_key, col(Problem.created_at), col(Problem.id))
    out = []
    for p, unit, t_no, t_title, p_code, p_name in session.exec(stmt.limit(limit)):
        subject = f"任务{t_no} {t_title}" if t_title else f"{p_code} {p_name}" if p_name else ""
        raised = Period.from_key(p.raised_period_key).label if p.raised_period_key else ""
        out.append(
            OpenProblem(
                p.id,
                ProblemKind(p.kind).label,
                p.description,
                p.owner_unit_id,
                unit or "",
                subject,
                raised,
                ProblemState(p.state).label,
            )
        )
    return out, total
