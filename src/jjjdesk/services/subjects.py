"""What the progress services need to know about a task or project (name, lead unit, window)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.models import KeyTask, Project, Unit, stored_id
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import NotFoundError
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


def find_subject(session: Session, *, task: str | None = None, project: str | None = None
                 ) -> SubjectRef:
    """A key task by its number as the registry writes it ("3", "3.2"), or a project by code."""
    if project is not None:
        found = session.exec(select(Project.id).where(
            func.upper(Project.code) == project.strip().upper())).first()
        if found is None:
            raise NotFoundError(f"台账中没有编号为“{project}”的重点项目。")
        return SubjectRef.project(found)
    text = (task or "").strip()
    parts = text.split(".")
    if not text or len(parts) > 2 or not all(p.isdigit() for p in parts):
        raise NotFoundError(f"重点任务编号应为 3 或 3.2 的形式:“{task}”")
    tops = session.exec(select(KeyTask).where(col(KeyTask.parent_id).is_(None),
                                              KeyTask.number == int(parts[0]))).all()
    if len(tops) > 1:
        raise NotFoundError(f"有 {len(tops)} 个行动方案都有第 {parts[0]} 项重点任务,"
                            "请在图形界面中选择")
    top = tops[0] if tops else None
    if top is not None and len(parts) == 2:
        top = session.exec(select(KeyTask).where(KeyTask.parent_id == top.id,
                                                 KeyTask.number == int(parts[1]))).first()
    if top is None or top.id is None:
        raise NotFoundError(f"台账中没有编号为“{text}”的重点任务。")
    return SubjectRef.task(top.id)


def subject_titles(session: Session, refs: set[SubjectRef]) -> dict[SubjectRef, str]:
    """Titles of many subjects in two queries (a list page names up to 200 of them)."""
    task_ids = {r.id for r in refs if r.kind == "task"}
    project_ids = {r.id for r in refs if r.kind == "project"}
    titles: dict[SubjectRef, str] = {}
    if task_ids:
        for task_id, title in session.exec(
                select(KeyTask.id, KeyTask.title).where(col(KeyTask.id).in_(task_ids))):
            titles[SubjectRef.task(stored_id(task_id))] = title
    if project_ids:
        for project_id, name in session.exec(
                select(Project.id, Project.name).where(col(Project.id).in_(project_ids))):
            titles[SubjectRef.project(stored_id(project_id))] = name
    return titles
