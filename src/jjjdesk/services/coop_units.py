"""Further units of an item (配合, 共同牵头) and which round items a unit takes part in."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from jjjdesk.domain.models import UNIT_ROLES, CoopPart, ProjectUnit, RoundItem, TaskUnit
from jjjdesk.domain.subject import SubjectRef


def role_label(role: str) -> str:
    return UNIT_ROLES.get(role, role)


def further_units(session: Session, ref: SubjectRef) -> list[tuple[int, str]]:
    """(unit_id, role) of the item's cooperating and further lead units, leads first."""
    if ref.kind == "task":
        rows = session.exec(select(TaskUnit.unit_id, TaskUnit.role)
                            .where(TaskUnit.task_id == ref.id)).all()
    else:
        rows = session.exec(select(ProjectUnit.unit_id, ProjectUnit.role)
                            .where(ProjectUnit.project_id == ref.id)).all()
    return sorted(((u, r) for u, r in rows), key=lambda p: (p[1] != "lead", p[0]))


def round_part_pairs(session: Session, round_id: int, unit_id: int | None = None
                     ) -> list[tuple[RoundItem, int, str]]:
    """(round item, unit_id, role) for every further unit of every item in the round, in the
    round's order; a unit that is the item's reporting unit itself is left out."""
    stmt = select(RoundItem).where(RoundItem.round_id == round_id)
    if unit_id is not None:
        # One unit (its state is refreshed on every 报送): only the items it takes part in,
        # found through the link tables' unit index, not every item of the round.
        its_tasks = select(TaskUnit.task_id).where(TaskUnit.unit_id == unit_id)
        its_projects = select(ProjectUnit.project_id).where(ProjectUnit.unit_id == unit_id)
        stmt = stmt.where(col(RoundItem.task_id).in_(its_tasks)
                          | col(RoundItem.project_id).in_(its_projects))
    items = list(session.exec(stmt.order_by(col(RoundItem.sort_order), col(RoundItem.id))))
    task_ids = [i.task_id for i in items if i.task_id is not None]
    project_ids = [i.project_id for i in items if i.project_id is not None]
    by_task: dict[int, list[tuple[int, str]]] = {}
    by_project: dict[int, list[tuple[int, str]]] = {}
    if task_ids:
        for tid, uid, role in session.exec(select(TaskUnit.task_id, TaskUnit.unit_id,
                                                  TaskUnit.role)
                                           .where(col(TaskUnit.task_id).in_(task_ids))):
            by_task.setdefault(tid, []).append((uid, role))
    if project_ids:
        for pid, uid, role in session.exec(select(ProjectUnit.project_id, ProjectUnit.unit_id,
                                                  ProjectUnit.role)
                                           .where(col(ProjectUnit.project_id).in_(project_ids))):
            by_project.setdefault(pid, []).append((uid, role))
    out: list[tuple[RoundItem, int, str]] = []
    for item in items:
        units = (by_task.get(item.task_id, []) if item.task_id is not None
                 else by_project.get(item.project_id or 0, []))
        for uid, role in sorted(units, key=lambda p: (p[1] != "lead", p[0])):
            if uid != item.unit_id and (unit_id is None or uid == unit_id):
                out.append((item, uid, role))
    return out


def round_part_units(session: Session, round_id: int) -> list[int]:
    """Units asked for a part in the round, first-seen order."""
    seen: list[int] = []
    for _item, uid, _role in round_part_pairs(session, round_id):
        if uid not in seen:
            seen.append(uid)
    return seen


def parts_of(session: Session, round_id: int, unit_id: int | None = None
             ) -> dict[tuple[SubjectRef, int], CoopPart]:
    stmt = select(CoopPart).where(CoopPart.round_id == round_id)
    if unit_id is not None:
        stmt = stmt.where(CoopPart.unit_id == unit_id)
    return {(SubjectRef.of(p), p.unit_id): p for p in session.exec(stmt)}


def part_counts(session: Session, round_id: int) -> dict[int, tuple[int, int]]:
    """unit_id → (parts asked, parts reported) in the round."""
    reported = parts_of(session, round_id)
    out: dict[int, tuple[int, int]] = {}
    for item, uid, _role in round_part_pairs(session, round_id):
        asked, done = out.get(uid, (0, 0))
        out[uid] = (asked + 1, done + ((SubjectRef.of(item), uid) in reported))
    return out


def set_further_units(session: Session, ref: SubjectRef,
                      pairs: Iterable[tuple[int, str]]) -> None:
    """Replace the item's further units with `pairs` (unit_id, role)."""
    model = TaskUnit if ref.kind == "task" else ProjectUnit
    key = TaskUnit.task_id if ref.kind == "task" else ProjectUnit.project_id
    for row in session.exec(select(model).where(key == ref.id)):
        session.delete(row)
    session.flush()
    seen: set[int] = set()
    for uid, role in pairs:
        if uid in seen:
            continue
        seen.add(uid)
        if ref.kind == "task":
            session.add(TaskUnit(task_id=ref.id, unit_id=uid, role=role))
        else:
            session.add(ProjectUnit(project_id=ref.id, unit_id=uid, role=role))
    session.flush()


def check_units(session: Session, lead: int | None, co_leads: list[int], coop: list[int],
                errors: dict[str, str]) -> None:
    """Every unit exists; none is both lead and 配合 (the first lead is neither list)."""
    from jjjdesk.domain.models import Unit

    for field, ids in (("co_lead_unit_ids", co_leads), ("cooperating_unit_ids", coop)):
        if any(session.get(Unit, u) is None for u in ids):
            errors[field] = "所选单位不存在"
    if lead is not None and lead in (*co_leads, *coop):
        errors["cooperating_unit_ids"] = "牵头单位不必再列为共同牵头或配合单位"
    elif set(co_leads) & set(coop):
        errors["cooperating_unit_ids"] = "同一单位不能既是共同牵头单位又是配合单位"


def units_of_role(session: Session, ref: SubjectRef, role: str) -> list[int]:
    return sorted(u for u, r in further_units(session, ref) if r == role)


def set_roles(session: Session, ref: SubjectRef, co_leads: list[int], coop: list[int]) -> None:
    set_further_units(session, ref, [*((u, "lead") for u in sorted(set(co_leads))),
                                     *((u, "coop") for u in sorted(set(coop)))])
