"""Shared mechanics of registry writes: snapshots, field diffs, versions, audit rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Table, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import object_session
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import now, row_id
from jjjdesk.errors import ConflictError, NotFoundError
from jjjdesk.services import audit

RowT = TypeVar("RowT", bound=SQLModel)


class HasVersion(Protocol):
    """A row with the version that guards concurrent edits."""

    @property
    def version(self) -> int: ...


class HasId(Protocol):
    """A row with an id of its own, which its audit rows name."""

    @property
    def id(self) -> int | None: ...


# Columns the service manages itself; never diffed or copied from input.
BOOKKEEPING = {"id", "version", "created_at", "updated_at", "sort_key", "search_text"}
# Columns that never leave the table, not even into the audit log.
SECRET = {"password_hash"}


def to_jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(row: object) -> dict[str, Any]:
    """All column values of a row, JSON-ready (for audit rows and undo)."""
    return {
        col.key: to_jsonable(getattr(row, col.key))
        for col in sa_inspect(type(row)).columns
        if col.key not in SECRET
    }


def from_jsonable(model: type[SQLModel], data: dict[str, Any]) -> dict[str, Any]:
    """Inverse of `snapshot` for the columns of `model`."""
    out: dict[str, Any] = {}
    columns = {col.key: col for col in sa_inspect(model).columns}
    for key, value in data.items():
        col = columns.get(key)
        if col is None:
            continue
        if value is not None and isinstance(value, str):
            python_type = _python_type(col)
            if python_type is datetime:
                value = datetime.fromisoformat(value)
            elif python_type is date:
                value = date.fromisoformat(value)
        out[key] = value
    return out


def _python_type(col) -> type | None:
    column_type = getattr(col.type, "impl", col.type)  # see through TypeDecorators
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def get_or_fail(session: Session, model: type[RowT], row_id: int, what: str) -> RowT:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"{what}(编号 {row_id})不存在,可能已被删除。")
    return row


def check_version(row: HasVersion, expected: int | None, what: str) -> None:
    if expected is not None and row.version != expected:
        raise ConflictError(f"{what}已被他人修改(版本 {row.version}),请刷新后再编辑。")


def apply_changes(row: HasVersion, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set changed fields; return {field: [old, new]} for the audit log.

    The version is claimed before anything is set, so a conflict leaves nothing pending.
    """
    diff: dict[str, list[Any]] = {}
    for key, new in values.items():
        if key in BOOKKEEPING:
            continue
        old = getattr(row, key)
        if old != new:
            diff[key] = [to_jsonable(old), to_jsonable(new)]
    if diff:
        bump_version(row)
        for key in diff:
            setattr(row, key, values[key])
    return diff


def bump_version(row: HasVersion) -> None:
    """Claim the next version in the database itself, so a concurrent save is caught.

    `UPDATE … SET version = v+1 WHERE id = … AND version = v` matches no row when another
    workstation saved since this one read the record: that save becomes a conflict instead
    of a silent overwrite (on SQLite the UPDATE also takes the write lock first).
    """
    session = object_session(row)
    assert session is not None  # the row was loaded or added by this unit of work
    # SQLModel sets __table__ on every table=True class; its stubs do not declare it.
    table: Table = type(row).__table__  # type: ignore[attr-defined]
    keys = [table.c[col.key] == getattr(row, col.key) for col in table.primary_key.columns]
    # An UPDATE's result is a CursorResult (it has rowcount); Session.execute is typed wider.
    claimed = cast(CursorResult[Any], session.execute(
        update(table).where(*keys, table.c.version == row.version)
        .values(version=row.version + 1)
        .execution_options(synchronize_session=False)
    ))
    if claimed.rowcount != 1:
        raise ConflictError("该记录已被他人修改,请刷新后再编辑。")
    set_committed_value(row, "version", row.version + 1)
    if hasattr(row, "updated_at"):
        row.updated_at = now()


def audit_create(
    session: Session, actor: Actor, entity: str, row: HasId, summary: str,
    extra: dict[str, Any] | None = None, reason: str = "",
) -> int:
    after = snapshot(row) | (extra or {})
    return row_id(audit.record(
        session=session, actor=actor, action="create", entity=entity, entity_id=row.id,
        summary=summary, changes={"after": after}, reason=reason,
    ))


def audit_update(
    session: Session, actor: Actor, entity: str, row: HasId, summary: str,
    diff: dict[str, list[Any]], reason: str = "",
) -> int | None:
    if not diff:
        return None
    return row_id(audit.record(
        session=session, actor=actor, action="update", entity=entity, entity_id=row.id,
        summary=summary, changes={"fields": diff}, reason=reason,
    ))


def audit_delete(
    session: Session, actor: Actor, entity: str, row: HasId, summary: str,
    extra: dict[str, Any] | None = None, reason: str = "",
) -> int:
    before = snapshot(row) | (extra or {})
    return row_id(audit.record(
        session=session, actor=actor, action="delete", entity=entity, entity_id=row.id,
        summary=summary, changes={"before": before}, reason=reason,
    ))


def none_to_blank(values: dict[str, Any], text_fields: set[str]) -> dict[str, Any]:
    """Text columns store "" rather than NULL so filters and exports need no special case."""
    return {k: ("" if v is None and k in text_fields else v) for k, v in values.items()}
