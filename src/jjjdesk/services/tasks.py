"""重点任务 and 分解任务: the plan → category → task → sub-task tree, and its edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.inputs import TaskInput, validate_input
from jjjdesk.domain.models import (
    Category,
    Indicator,
    KeyTask,
    Plan,
    ProgressEntry,
    Project,
    TaskUnit,
    Unit,
    row_id,
    stored_id,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.domain.text import search_text, sort_key
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import coop_units, records
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.query import ListQuery, WriteResult, like_pattern

ENTITY = "task"


@dataclass
class TaskNode:
    id: int
    number: int
    code: str
    title: str
    lead_unit: str
    cooperating_units: str
    start_date: date | None
    due_date: date | None
    project_count: int
    is_demo: bool
    subtasks: list[TaskNode] = field(default_factory=list)


@dataclass
class CategoryNode:
    id: int
    number: int
    title: str
    tasks: list[TaskNode] = field(default_factory=list)


@dataclass
class PlanNode:
    id: int
    name: str
    start_year: int
    end_year: int
    categories: list[CategoryNode] = field(default_factory=list)

    @property
    def task_count(self) -> int:
        return sum(len(c.tasks) for c in self.categories)


@dataclass(frozen=True)
class TaskDetail:
    id: int
    version: int
    plan_id: int
    category_id: int
    parent_id: int | None
    number: int
    title: str
    content: str
    lead_unit_id: int | None
    cooperating_unit_ids: list[int]
    start_date: date | None
    due_date: date | None
    is_demo: bool
    co_lead_unit_ids: list[int] = field(default_factory=list)


def _keys(task: KeyTask) -> None:
    task.sort_key = sort_key(task.title)
    task.search_text = search_text(task.title, task.content)


def _check(session: Session, data: TaskInput, task_id: int | None) -> TaskInput:
    errors: dict[str, str] = {}
    category = session.get(Category, data.category_id)
    if category is None:
        errors["category_id"] = "所选类别不存在"
    elif data.plan_id is None:
        data = data.model_copy(update={"plan_id": category.plan_id})
    if data.parent_id is not None:
        parent = session.get(KeyTask, data.parent_id)
        if parent is None:
            errors["parent_id"] = "上级任务不存在"
        elif parent.parent_id is not None:
            errors["parent_id"] = "分解任务下不能再分解"
        elif task_id is not None and parent.id == task_id:
            errors["parent_id"] = "任务不能是自己的上级"
        elif category is not None and parent.category_id != category.id:
            data = data.model_copy(update={"category_id": parent.category_id})
    siblings = select(KeyTask.id).where(
        KeyTask.number == data.number,
        KeyTask.id != task_id,
        KeyTask.plan_id == data.plan_id,
    )
    siblings = siblings.where(
        KeyTask.parent_id == data.parent_id
        if data.parent_id is not None
        else col(KeyTask.parent_id).is_(None)
    )
    if data.plan_id is not None and session.exec(siblings).first():
        errors["number"] = f"序号 {data.number} 已被使用"
    if data.lead_unit_id is not None and session.get(Unit, data.lead_unit_id) is None:
        errors["lead_unit_id"] = "所选单位不存在"
    coop_units.check_units(session, data.lead_unit_id, data.co_lead_unit_ids,
                           data.cooperating_unit_ids, errors)
    if errors:
        raise ValidationFailed(errors)
    return data


def _values(data: TaskInput) -> dict[str, Any]:
    values = data.model_dump(exclude={"cooperating_unit_ids", "co_lead_unit_ids"})
    return records.none_to_blank(values, {"content"})


def _set_cooperating(session: Session, task_id: int, unit_ids: list[int],
                     co_leads: list[int] | None = None) -> None:
    """配合 units (and 共同牵头 ones; None: keep those the task has)."""
    ref = SubjectRef.task(task_id)
    if co_leads is None:
        co_leads = coop_units.units_of_role(session, ref, "lead")
    coop_units.set_roles(session, ref, co_leads, unit_ids)


def _cooperating(session: Session, task_id: int) -> list[int]:
    return coop_units.units_of_role(session, SubjectRef.task(task_id), "coop")


def _co_leads(session: Session, task_id: int) -> list[int]:
    return coop_units.units_of_role(session, SubjectRef.task(task_id), "lead")


def create_task(*, session: Session, actor: Actor, values: dict[str, Any]) -> WriteResult:
    require_registry_write(actor)
    data = _check(session, validate_input(TaskInput, values), None)
    task = KeyTask(**_values(data))
    _keys(task)
    session.add(task)
    session.flush()
    _set_cooperating(session, row_id(task), data.cooperating_unit_ids, data.co_lead_unit_ids)
    event = records.audit_create(
        session, actor, ENTITY, task, summaries.TASK_CREATE(title=task.title),
        {"cooperating_unit_ids": sorted(set(data.cooperating_unit_ids)),
         "co_lead_unit_ids": sorted(set(data.co_lead_unit_ids))},
    )
    return WriteResult(row_id(task), task.version, event)


def update_task(
    *, session: Session, actor: Actor, task_id: int, values: dict[str, Any],
    expected_version: int | None = None,
) -> WriteResult:
    require_registry_write(actor)
    task = records.get_or_fail(session, KeyTask, task_id, "任务")
    records.check_version(task, expected_version, f"任务“{task.title}”")
    current = {k: getattr(task, k) for k in TaskInput.model_fields if hasattr(task, k)}
    old_units, old_leads = _cooperating(session, task_id), _co_leads(session, task_id)
    current["cooperating_unit_ids"], current["co_lead_unit_ids"] = old_units, old_leads
    data = _check(session, validate_input(TaskInput, current | values), task_id)
    diff = records.apply_changes(task, _values(data))
    new_units = sorted(set(data.cooperating_unit_ids))
    new_leads = sorted(set(data.co_lead_unit_ids))
    if (new_units, new_leads) != (old_units, old_leads):
        _set_cooperating(session, task_id, new_units, new_leads)
        had_changes = bool(diff)
        if new_units != old_units:
            diff["cooperating_unit_ids"] = [old_units, new_units]
        if new_leads != old_leads:
            diff["co_lead_unit_ids"] = [old_leads, new_leads]
        if not had_changes:
            records.bump_version(task)
    _keys(task)
    event = records.audit_update(session, actor, ENTITY, task,
                                 summaries.TASK_UPDATE(title=task.title), diff)
    return WriteResult(row_id(task), task.version, event)


def delete_task(*, session: Session, actor: Actor, task_id: int) -> WriteResult:
    require_registry_write(actor)
    task = records.get_or_fail(session, KeyTask, task_id, "任务")

    def count(model, column) -> int:
        return session.exec(select(func.count()).select_from(model).where(column == task_id)).one()

    uses = {
        "分解任务": count(KeyTask, KeyTask.parent_id),
        "进展填报": count(ProgressEntry, ProgressEntry.task_id),
    }
    if any(uses.values()):
        listed = "、".join(f"{n} 条{what}" for what, n in uses.items() if n)
        raise UserFacingError(f"任务“{task.title}”下还有 {listed},不能删除。")
    extra = {"cooperating_unit_ids": _cooperating(session, task_id),
             "co_lead_unit_ids": _co_leads(session, task_id)}
    event = records.audit_delete(session, actor, ENTITY, task,
                                 summaries.TASK_DELETE(title=task.title), extra)
    # Projects and indicators keep existing; their link to the task is cleared (SET NULL).
    for model in (Project, Indicator):
        for row in session.exec(select(model).where(model.task_id == task_id)):
            row.task_id = None
    session.delete(task)
    session.flush()
    return WriteResult(task_id, task.version, event)


def restore_task(session: Session, data: dict[str, Any]) -> None:
    units = data.get("cooperating_unit_ids", [])
    task = KeyTask(**records.from_jsonable(KeyTask, data))
    session.add(task)
    session.flush()
    _set_cooperating(session, row_id(task), units, data.get("co_lead_unit_ids", []))


def next_task_number(
    *, session: Session, parent_id: int | None = None, category_id: int | None = None
) -> int:
    """The 序号 a new task takes: after its siblings (tasks run 1…25 across a plan's
    categories; 分解任务 are numbered under their task)."""
    stmt = select(func.max(KeyTask.number))
    if parent_id is not None:
        stmt = stmt.where(KeyTask.parent_id == parent_id)
    else:
        stmt = stmt.where(col(KeyTask.parent_id).is_(None))
        category = session.get(Category, category_id) if category_id is not None else None
        if category is not None:
            stmt = stmt.where(KeyTask.plan_id == category.plan_id)
    return (session.exec(stmt).one() or 0) + 1


def get_task(*, session: Session, task_id: int) -> TaskDetail:
    t = records.get_or_fail(session, KeyTask, task_id, "任务")
    return TaskDetail(
        id=task_id, version=t.version, plan_id=t.plan_id, category_id=t.category_id,
        parent_id=t.parent_id, number=t.number, title=t.title, content=t.content,
        lead_unit_id=t.lead_unit_id, cooperating_unit_ids=_cooperating(session, task_id),
        co_lead_unit_ids=_co_leads(session, task_id),
        start_date=t.start_date, due_date=t.due_date, is_demo=t.is_demo,
    )


def task_tree(*, session: Session, query: ListQuery | None = None) -> list[PlanNode]:
    """Plans with their categories, tasks and sub-tasks; filtered tasks keep their parents."""
    query = query or ListQuery()
    units: dict[int | None, str] = dict(session.exec(select(Unit.id, Unit.name)).all())
    coop: dict[int, list[int]] = {}  # 配合 and 共同牵头: a unit filter finds both
    co_leads: dict[int, list[int]] = {}
    for task_id, unit_id, role in session.exec(select(TaskUnit.task_id, TaskUnit.unit_id,
                                                      TaskUnit.role)):
        coop.setdefault(task_id, []).append(unit_id)
        if role == "lead":
            co_leads.setdefault(task_id, []).append(unit_id)
    projects = dict(
        session.exec(
            select(Project.task_id, func.count()).where(col(Project.task_id).is_not(None))
            .group_by(col(Project.task_id))
        ).all()
    )
    matches: set[int | None] | None = None
    if query.text:
        pattern = like_pattern(query.text)
        matches = set(
            session.exec(
                select(col(KeyTask.id)).where(col(KeyTask.search_text).like(pattern, escape="\\"))
            ).all()
        )
    tasks = session.exec(select(KeyTask).order_by(col(KeyTask.number), col(KeyTask.id))).all()

    def node(t: KeyTask, parent_code: str = "") -> TaskNode:
        code = f"{parent_code}.{t.number}" if parent_code else str(t.number)
        return TaskNode(
            id=row_id(t), number=t.number, code=code, title=t.title,
            lead_unit="、".join(n for n in (units.get(t.lead_unit_id, ""), *(
                units.get(u, "") for u in sorted(co_leads.get(row_id(t), [])))) if n),
            cooperating_units="、".join(units[u] for u in coop.get(row_id(t), [])
                                       if u in units and u not in co_leads.get(row_id(t), [])),
            start_date=t.start_date, due_date=t.due_date,
            project_count=projects.get(t.id, 0), is_demo=t.is_demo,
        )

    def unit_ok(t: KeyTask) -> bool:
        return query.unit_id is None or query.unit_id == t.lead_unit_id or (
            query.unit_id in coop.get(row_id(t), [])
        )

    def text_ok(t: KeyTask) -> bool:
        return matches is None or t.id in matches

    children: dict[int, list[KeyTask]] = {}
    for t in tasks:
        if t.parent_id is not None:
            children.setdefault(t.parent_id, []).append(t)

    by_category: dict[int, list[TaskNode]] = {}
    for t in tasks:
        if t.parent_id is not None:
            continue
        if query.category_id is not None and t.category_id != query.category_id:
            continue
        parent = node(t)
        subs = children.get(row_id(t), [])
        parent_hit = unit_ok(t) and text_ok(t)
        kept = [s for s in subs if parent_hit or (unit_ok(s) and text_ok(s))]
        if not parent_hit and not kept:
            continue
        parent.subtasks = [node(s, parent.code) for s in kept]
        by_category.setdefault(t.category_id, []).append(parent)

    plans = []
    for plan in session.exec(select(Plan).order_by(col(Plan.start_year), col(Plan.id))):
        plan_node = PlanNode(row_id(plan), plan.name, plan.start_year, plan.end_year)
        for cat in session.exec(
            select(Category).where(Category.plan_id == plan.id).order_by(col(Category.number))
        ):
            found = by_category.get(row_id(cat), [])
            filtered_out = not found and (query.text or query.unit_id is not None)
            if not filtered_out and query.category_id in (None, cat.id):
                plan_node.categories.append(CategoryNode(row_id(cat), cat.number, cat.title, found))
        plans.append(plan_node)
    return plans


def category_choices(*, session: Session) -> list[tuple[int, str]]:
    rows = session.exec(
        select(Category.id, Category.number, Category.title, Plan.short_name)
        .join(Plan, col(Plan.id) == col(Category.plan_id))
        .order_by(col(Plan.id), col(Category.number))
    ).all()
    return [(stored_id(cid), category_label(n, title)) for cid, n, title, _plan in rows]


def task_choices(*, session: Session) -> list[tuple[int, str]]:
    rows = session.exec(
        select(KeyTask.id, KeyTask.number, KeyTask.title)
        .where(col(KeyTask.parent_id).is_(None))
        .order_by(col(KeyTask.plan_id), col(KeyTask.number))
    ).all()
    return [(stored_id(tid), f"{n}. {title}") for tid, n, title in rows]


def plan_choices(*, session: Session) -> list[tuple[int, str]]:
    return [(row_id(p), p.name) for p in session.exec(select(Plan).order_by(col(Plan.id)))]


def count_tasks(*, session: Session) -> int:
    return session.exec(
        select(func.count()).select_from(KeyTask).where(col(KeyTask.parent_id).is_(None))
    ).one()


