"""责任单位: create, edit, delete, list, with aliases for matching."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import UnitKind
from jjjdesk.domain.inputs import UnitInput, validate_input
from jjjdesk.domain.models import (
    Indicator,
    KeyTask,
    ProgressEntry,
    Project,
    TaskUnit,
    Unit,
    UnitAlias,
    row_id,
    stored_id,
)
from jjjdesk.domain.text import match_key, search_text, sort_key
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records
from jjjdesk.services.permissions import require_registry_write
from jjjdesk.services.query import (
    ListQuery,
    Page,
    PageRequest,
    SortKey,
    WriteResult,
    keyset,
    like_pattern,
)

ENTITY = "unit"


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    kind_label: str
    aliases: str
    contact_person: str
    contact_phone: str
    project_count: int
    task_count: int
    is_demo: bool


@dataclass(frozen=True)
class UnitDetail:
    id: int
    version: int
    name: str
    kind: str
    aliases: list[str]
    contact_person: str
    contact_phone: str
    note: str
    is_demo: bool


def _keys(unit: Unit, aliases: list[str]) -> None:
    unit.sort_key = sort_key(unit.name)
    unit.search_text = search_text(unit.name, *aliases)


def _check_names(session: Session, data: UnitInput, unit_id: int | None) -> None:
    errors: dict[str, str] = {}
    clash = session.exec(select(Unit).where(Unit.name == data.name, Unit.id != unit_id)).first()
    if clash:
        errors["name"] = f"已有同名单位“{data.name}”"
    for alias in data.aliases:
        if alias == data.name:
            continue
        other = session.exec(
            select(UnitAlias).where(UnitAlias.alias == alias, UnitAlias.unit_id != unit_id)
        ).first()
        named = session.exec(select(Unit).where(Unit.name == alias, Unit.id != unit_id)).first()
        if other or named:
            errors["aliases"] = f"别名“{alias}”已属于其他单位"
            break
    if errors:
        raise ValidationFailed(errors)


def _set_aliases(session: Session, unit_id: int, aliases: list[str], name: str) -> None:
    for row in session.exec(select(UnitAlias).where(UnitAlias.unit_id == unit_id)):
        session.delete(row)
    session.flush()
    for alias in aliases:
        if alias != name:
            session.add(UnitAlias(unit_id=unit_id, alias=alias))


def _aliases_of(session: Session, unit_id: int) -> list[str]:
    return sorted(
        session.exec(select(UnitAlias.alias).where(UnitAlias.unit_id == unit_id)).all()
    )


def create_unit(*, session: Session, actor: Actor, values: dict[str, Any]) -> WriteResult:
    require_registry_write(actor)
    data = validate_input(UnitInput, values)
    _check_names(session, data, None)
    unit = Unit(
        # None only when `values` has no name at all: the validator skips a missing field.
        name=data.name,  # type: ignore[arg-type]
        kind=data.kind.value,
        contact_person=data.contact_person or "",
        contact_phone=data.contact_phone or "",
        note=data.note or "",
    )
    _keys(unit, data.aliases)
    session.add(unit)
    session.flush()
    _set_aliases(session, row_id(unit), data.aliases, unit.name)
    event = records.audit_create(
        session, actor, ENTITY, unit, summaries.UNIT_CREATE(name=unit.name),
        {"aliases": data.aliases},
    )
    return WriteResult(row_id(unit), unit.version, event)


def update_unit(
    *, session: Session, actor: Actor, unit_id: int, values: dict[str, Any],
    expected_version: int | None = None,
) -> WriteResult:
    require_registry_write(actor)
    unit = records.get_or_fail(session, Unit, unit_id, "单位")
    records.check_version(unit, expected_version, f"单位“{unit.name}”")
    current = _detail(session, unit)
    merged = {k: v for k, v in current.__dict__.items() if k in UnitInput.model_fields} | values
    data = validate_input(UnitInput, merged)
    _check_names(session, data, unit_id)
    diff = records.apply_changes(
        unit,
        records.none_to_blank(
            data.model_dump(exclude={"aliases"}) | {"kind": data.kind.value},
            {"contact_person", "contact_phone", "note"},
        ),
    )
    old_aliases = current.aliases
    if old_aliases != data.aliases:
        _set_aliases(session, row_id(unit), data.aliases, unit.name)
        diff["aliases"] = [old_aliases, data.aliases]
        if len(diff) == 1:
            records.bump_version(unit)
    _keys(unit, data.aliases)
    event = records.audit_update(session, actor, ENTITY, unit,
                                 summaries.UNIT_UPDATE(name=unit.name), diff)
    return WriteResult(row_id(unit), unit.version, event)


def delete_unit(*, session: Session, actor: Actor, unit_id: int) -> WriteResult:
    require_registry_write(actor)
    unit = records.get_or_fail(session, Unit, unit_id, "单位")
    uses = _usage(session, unit_id)
    if any(uses.values()):
        listed = "、".join(f"{n} 个{what}" for what, n in uses.items() if n)
        raise UserFacingError(f"“{unit.name}”仍被{listed}引用,不能删除。请先改为其他单位。")
    aliases = _aliases_of(session, unit_id)
    event = records.audit_delete(
        session, actor, ENTITY, unit, summaries.UNIT_DELETE(name=unit.name), {"aliases": aliases}
    )
    session.delete(unit)
    session.flush()
    return WriteResult(unit_id, unit.version, event)


def restore_unit(session: Session, data: dict[str, Any]) -> None:
    """Put back a deleted unit exactly as its audit snapshot shows it (used by undo)."""
    aliases = data.get("aliases", [])
    unit = Unit(**records.from_jsonable(Unit, data))
    session.add(unit)
    session.flush()
    _set_aliases(session, row_id(unit), aliases, unit.name)


def _usage(session: Session, unit_id: int) -> dict[str, int]:
    def count(stmt) -> int:
        return session.exec(stmt).one()

    return {
        "任务": count(
            select(func.count()).select_from(KeyTask).where(KeyTask.lead_unit_id == unit_id)
        )
        + count(select(func.count()).select_from(TaskUnit).where(TaskUnit.unit_id == unit_id)),
        "项目": count(
            select(func.count())
            .select_from(Project)
            .where(or_(col(Project.lead_unit_id) == unit_id, col(Project.district_id) == unit_id))
        ),
        "指标": count(
            select(func.count()).select_from(Indicator).where(Indicator.lead_unit_id == unit_id)
        ),
        "填报": count(
            select(func.count())
            .select_from(ProgressEntry)
            .where(ProgressEntry.reporter_unit_id == unit_id)
        ),
    }


def get_unit(*, session: Session, unit_id: int) -> UnitDetail:
    return _detail(session, records.get_or_fail(session, Unit, unit_id, "单位"))


def _detail(session: Session, unit: Unit) -> UnitDetail:
    return UnitDetail(
        id=row_id(unit),
        version=unit.version,
        name=unit.name,
        kind=unit.kind,
        aliases=_aliases_of(session, row_id(unit)),
        contact_person=unit.contact_person,
        contact_phone=unit.contact_phone,
        note=unit.note,
        is_demo=unit.is_demo,
    )


_SORTS: dict[str, Mapped[Any]] = {
    "name": col(Unit.sort_key),
    "kind": col(Unit.kind),
    "contact_person": col(Unit.contact_person),
    "id": col(Unit.id),
}


def _filtered(query: ListQuery):
    stmt = select(Unit)
    if query.text:
        stmt = stmt.where(col(Unit.search_text).like(like_pattern(query.text), escape="\\"))
    if query.kind:
        stmt = stmt.where(Unit.kind == query.kind)
    return stmt


def count_units(*, session: Session, query: ListQuery) -> int:
    return session.exec(select(func.count()).select_from(_filtered(query).subquery())).one()


def list_units(
    *, session: Session, query: ListQuery, offset: int = 0, limit: int = 200
) -> list[UnitRow]:
    order = _SORTS.get(query.sort, col(Unit.sort_key))
    stmt = (
        _filtered(query)
        .order_by(order.desc() if query.descending else order, col(Unit.id))
        .offset(offset)
        .limit(limit)
    )
    return _unit_rows(session, list(session.exec(stmt).all()))


def page_units(*, session: Session, query: ListQuery, request: PageRequest) -> Page:
    """One keyset page of the list in the order the query names (id breaks ties)."""
    keys = (SortKey(_SORTS.get(query.sort, col(Unit.sort_key))), SortKey(col(Unit.id)))
    page = keyset(session, _filtered(query), keys, descending=query.descending, request=request)
    return Page(_unit_rows(session, [r[0] for r in page.rows]), page.keys)


def _unit_rows(session: Session, units) -> list[UnitRow]:
    ids = [u.id for u in units]
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in session.exec(
        select(UnitAlias.unit_id, UnitAlias.alias).where(col(UnitAlias.unit_id).in_(ids))
    ):
        aliases.setdefault(unit_id, []).append(alias)
    projects = dict(
        session.exec(
            select(Project.lead_unit_id, func.count())
            .where(col(Project.lead_unit_id).in_(ids))
            .group_by(col(Project.lead_unit_id))
        ).all()
    )
    tasks = dict(
        session.exec(
            select(KeyTask.lead_unit_id, func.count())
            .where(col(KeyTask.lead_unit_id).in_(ids))
            .group_by(col(KeyTask.lead_unit_id))
        ).all()
    )
    return [
        UnitRow(
            id=u.id,
            name=u.name,
            kind=u.kind,
            kind_label=UnitKind(u.kind).label,
            aliases="、".join(sorted(aliases.get(u.id, []))),
            contact_person=u.contact_person,
            contact_phone=u.contact_phone,
            project_count=projects.get(u.id, 0),
            task_count=tasks.get(u.id, 0),
            is_demo=u.is_demo,
        )
        for u in units
    ]


def unit_choices(*, session: Session, kind: str | None = None) -> list[tuple[int, str]]:
    """(id, name) pairs for dropdowns, in pinyin order."""
    stmt = select(col(Unit.id), Unit.name).order_by(col(Unit.sort_key))
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    return [(stored_id(unit_id), name) for unit_id, name in session.exec(stmt)]


def find_unit_by_name(*, session: Session, name: str) -> int | None:
    """Exact match on the name or an alias, after width/space/Traditional normalisation."""
    key = match_key(name)
    for unit_id, unit_name in session.exec(select(Unit.id, Unit.name)):
        if match_key(unit_name) == key:
            return unit_id
    for unit_id, alias in session.exec(select(UnitAlias.unit_id, UnitAlias.alias)):
        if match_key(alias) == key:
            return unit_id
    return None
