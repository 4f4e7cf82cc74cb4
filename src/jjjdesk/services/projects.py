"""重点项目: create, edit, delete, and the paged, filtered, sorted list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ProjectKind, Stage
from jjjdesk.domain.inputs import ProjectInput, validate_input
from jjjdesk.domain.models import KeyTask, ProgressEntry, Project, Unit, row_id
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.domain.text import search_text, sort_key
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import coop_units, records
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.project_row import ProjectRow
from jjjdesk.services.query import (
    ListQuery,
    Page,
    PageRequest,
    SortKey,
    WriteResult,
    keyset,
    like_pattern,
)

ENTITY = "project"
_TEXT_FIELDS = {"industry_chain", "description"}
_UNIT_LISTS = {"co_lead_unit_ids", "cooperating_unit_ids"}


def _unit_lists(session: Session, project_id: int) -> dict[str, list[int]]:
    ref = SubjectRef.project(project_id)
    return {"co_lead_unit_ids": coop_units.units_of_role(session, ref, "lead"),
            "cooperating_unit_ids": coop_units.units_of_role(session, ref, "coop")}


def _set_unit_lists(session: Session, project_id: int, data: ProjectInput
                    ) -> dict[str, list[Any]]:
    """Store the project's 共同牵头 and 配合 units; {field: [old, new]} of those that changed."""
    old = _unit_lists(session, project_id)
    new = {"co_lead_unit_ids": sorted(set(data.co_lead_unit_ids)),
           "cooperating_unit_ids": sorted(set(data.cooperating_unit_ids))}
    if old == new:
        return {}
    coop_units.set_roles(session, SubjectRef.project(project_id), new["co_lead_unit_ids"],
                         new["cooperating_unit_ids"])
    return {k: [old[k], new[k]] for k in new if old[k] != new[k]}


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    version: int
    code: str
    name: str
    district_id: int | None
    lead_unit_id: int | None
    industry_chain: str
    kind: str
    total_investment: float | None
    annual_investment: float | None
    stage: str
    planned_start: date | None
    planned_completion: date | None
    task_id: int | None
    description: str
    is_demo: bool
    co_lead_unit_ids: list[int] = field(default_factory=list)
    cooperating_unit_ids: list[int] = field(default_factory=list)


def _keys(project: Project) -> None:
    project.sort_key = sort_key(project.name)
    project.search_text = search_text(project.name, project.code, project.industry_chain)


def _check(session: Session, data: ProjectInput, project_id: int | None) -> None:
    errors: dict[str, str] = {}
    if session.exec(
        select(Project.id).where(Project.code == data.code, Project.id != project_id)
    ).first():
        errors["code"] = f"项目编号“{data.code}”已被使用"
    for name, unit_id in (("district_id", data.district_id), ("lead_unit_id", data.lead_unit_id)):
        if unit_id is not None and session.get(Unit, unit_id) is None:
            errors[name] = "所选单位不存在"
    if data.task_id is not None and session.get(KeyTask, data.task_id) is None:
        errors["task_id"] = "所选任务不存在"
    coop_units.check_units(session, data.lead_unit_id or data.district_id,
                           data.co_lead_unit_ids, data.cooperating_unit_ids, errors)
    if errors:
        raise ValidationFailed(errors)


def _values(data: ProjectInput) -> dict[str, Any]:
    values = data.model_dump(exclude=_UNIT_LISTS) | {"kind": data.kind.value,
                                                     "stage": data.stage.value}
    return records.none_to_blank(values, _TEXT_FIELDS)


def create_project(*, session: Session, actor: Actor, values: dict[str, Any]) -> WriteResult:
    require_registry_write(actor)
    data = validate_input(ProjectInput, values)
    _check(session, data, None)
    project = Project(**_values(data))
    _keys(project)
    session.add(project)
    session.flush()
    lists = _set_unit_lists(session, row_id(project), data)
    event = records.audit_create(session, actor, ENTITY, project,
                                 summaries.PROJECT_CREATE(name=project.name),
                                 {k: v[1] for k, v in lists.items()} or None)
    return WriteResult(row_id(project), project.version, event)


def update_project(
    *,
    session: Session,
    actor: Actor,
    project_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> WriteResult:
    require_registry_write(actor)
    project = records.get_or_fail(session, Project, project_id, "项目")
    records.check_version(project, expected_version, f"项目“{project.name}”")
    current = {k: getattr(project, k) for k in ProjectInput.model_fields if k not in _UNIT_LISTS}
    current |= _unit_lists(session, project_id)
    data = validate_input(ProjectInput, current | values)
    _check(session, data, project_id)
    diff = records.apply_changes(project, _values(data))
    lists = _set_unit_lists(session, project_id, data)
    if lists and not diff:
        records.bump_version(project)
    diff |= lists
    _keys(project)
    event = records.audit_update(session, actor, ENTITY, project,
                                 summaries.PROJECT_UPDATE(name=project.name), diff)
    return WriteResult(row_id(project), project.version, event)


def delete_project(*, session: Session, actor: Actor, project_id: int) -> WriteResult:
    require_registry_write(actor)
    project = records.get_or_fail(session, Project, project_id, "项目")
    entries = session.exec(
        select(func.count())
        .select_from(ProgressEntry)
        .where(ProgressEntry.project_id == project_id)
    ).one()
    if entries:
        raise UserFacingError(
            f"项目“{project.name}”已有 {entries} 条进展填报,不能删除;"
            "如项目已终止,请修改其阶段或备注。"
        )
    event = records.audit_delete(session, actor, ENTITY, project,
                                 summaries.PROJECT_DELETE(name=project.name))
    session.delete(project)
    session.flush()
    return WriteResult(project_id, project.version, event)


def restore_project(session: Session, data: dict[str, Any]) -> None:
    session.add(Project(**records.from_jsonable(Project, data)))
    session.flush()


def get_project(*, session: Session, project_id: int) -> ProjectDetail:
    p = records.get_or_fail(session, Project, project_id, "项目")
    values: dict[str, Any] = {f: getattr(p, f) for f in ProjectDetail.__dataclass_fields__
                              if f not in _UNIT_LISTS}
    return ProjectDetail(**(values | _unit_lists(session, row_id(p))))


_District = aliased(Unit)
_Lead = aliased(Unit)

_SORTS: dict[str, Mapped[Any]] = {
    "code": col(Project.code),
    "name": col(Project.sort_key),
    "district": col(_District.sort_key),
    "lead_unit": col(_Lead.sort_key),
    "industry_chain": col(Project.industry_chain),
    "kind": col(Project.kind),
    "stage": col(Project.stage),
    "total_investment": col(Project.total_investment),
    "annual_investment": col(Project.annual_investment),
    "planned_start": col(Project.planned_start),
    "planned_completion": col(Project.planned_completion),
    "task": col(KeyTask.number),
}
# Columns that may be empty, or come through an outer join.
_NULLABLE_SORTS = frozenset({"district", "lead_unit", "total_investment", "annual_investment",
                             "planned_start", "planned_completion", "task"})


def _filtered(stmt, query: ListQuery, joins: bool = True):
    # Each join is to a primary key, so it never changes how many rows match; a bare count
    # can skip them (bench/bench_startup.py: ~10–20 ms on every count of 10,000 projects).
    if joins or query.text or query.category_id is not None:
        stmt = (
            stmt.outerjoin(_District, _District.id == Project.district_id)
            .outerjoin(_Lead, _Lead.id == Project.lead_unit_id)
            .outerjoin(KeyTask, KeyTask.id == Project.task_id)
        )
    if query.text:
        pattern = like_pattern(query.text)
        stmt = stmt.where(
            or_(
                col(Project.search_text).like(pattern, escape="\\"),
                col(_District.search_text).like(pattern, escape="\\"),
                col(_Lead.search_text).like(pattern, escape="\\"),
            )
        )
    if query.unit_id is not None:
        stmt = stmt.where(
            or_(col(Project.lead_unit_id) == query.unit_id,
                col(Project.district_id) == query.unit_id)
        )
    if query.category_id is not None:
        stmt = stmt.where(KeyTask.category_id == query.category_id)
    if query.stage:
        stmt = stmt.where(Project.stage == query.stage)
    if query.kind:
        stmt = stmt.where(Project.kind == query.kind)
    return stmt


def count_projects(*, session: Session, query: ListQuery) -> int:
    return session.exec(_filtered(select(func.count(col(Project.id))), query, joins=False)).one()


def list_projects(
    *, session: Session, query: ListQuery, offset: int = 0, limit: int = 200
) -> list[ProjectRow]:
    """All of a list at once (CLI, exports); the GUI pages with `page_projects`."""
    order = _SORTS.get(query.sort, col(Project.code))
    stmt = _filtered(select(Project, _District.name, _Lead.name, KeyTask.number), query)
    stmt = stmt.order_by(order.desc() if query.descending else order, col(Project.id))
    return _project_rows(session.exec(stmt.offset(offset).limit(limit)).all())


def page_projects(*, session: Session, query: ListQuery, request: PageRequest) -> Page:
    """One keyset page of the list in the order the query names (id breaks ties)."""
    order = _SORTS.get(query.sort, col(Project.code))
    keys = (SortKey(order, nullable=query.sort in _NULLABLE_SORTS), SortKey(col(Project.id)))
    stmt = _filtered(select(Project, _District.name, _Lead.name, KeyTask.number), query)
    page = keyset(session, stmt, keys, descending=query.descending, request=request)
    return Page(_project_rows(page.rows), page.keys)


def _project_rows(rows) -> list[ProjectRow]:
    return [
        ProjectRow(
            id=p.id,
            code=p.code,
            name=p.name,
            district=district or "",
            lead_unit=lead or "",
            industry_chain=p.industry_chain,
            kind_label=ProjectKind(p.kind).label,
            stage_label=Stage(p.stage).label,
            total_investment=p.total_investment,
            annual_investment=p.annual_investment,
            planned_start=p.planned_start,
            planned_completion=p.planned_completion,
            task_number=task_number,
            is_demo=p.is_demo,
        )
        for p, district, lead, task_number in rows
    ]


def next_project_code(*, session: Session, year: int) -> str:
    """A free code in the office's pattern, JJJ-<year>-NNN."""
    prefix = f"JJJ-{year}-"
    codes = session.exec(select(Project.code).where(col(Project.code).startswith(prefix))).all()
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"
