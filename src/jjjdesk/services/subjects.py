"""What the progress services need to know about a task or project (name, lead unit, window)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from jjjdesk.domain.models import KeyTask, Project, Unit
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import records


@dataclass(frozen=True)
class SubjectInfo:
    ref: SubjectRef
    code: str
    name: str
    lead_unit_id: int | None
    lead_unit: str
    total_investment: float | None
    start: date | None
    end: date | None

    @property
    def title(self) -> str:
        """"重点任务 3.2 …" / "重点项目 JJJ-2023-001 …"."""
        return f"{self.ref.kind_label} {self.code} {self.name}"


def task_code(session: Session, task: KeyTask) -> str:
    if task.parent_id is None:
        return str(task.number)
    parent = session.get(KeyTask, task.parent_id)
    return f"{parent.number}.{task.number}" if parent else str(task.number)


def subject_info(session: Session, ref: SubjectRef) -> SubjectInfo:
    if ref.kind == "task":
        task = records.get_or_fail(session, KeyTask, ref.id, "重点任务")
        lead = session.get(Unit, task.lead_unit_id) if task.lead_unit_id else None
        return SubjectInfo(ref, task_code(session, task), task.title, task.lead_unit_id,
                           lead.name if lead else "", None, task.start_date, task.due_date)
    project = records.get_or_fail(session, Project, ref.id, "重点项目")
    unit_id = project.lead_unit_id or project.district_id
    lead = session.get(Unit, unit_id) if unit_id else None
    return SubjectInfo(ref, project.code, project.name, unit_id, lead.name if lead else "",
                       project.total_investment, project.planned_start,
                       project.planned_completion)
