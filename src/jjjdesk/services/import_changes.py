"""Before- and after-images of every row an import batch touches, and the exact undo they allow.

Writes go through SQLAlchemy Core (a 50,000-row return must commit in seconds); every row
created, changed or deleted is logged in `import_change` with all its columns, so undoing a
batch puts back exactly what was there, or refuses when someone changed a row since.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session, SQLModel

from jjjdesk.domain.models import (
    ImportChange,
    Indicator,
    KeyTask,
    Problem,
    ProblemEntry,
    ProgressEntry,
    Project,
    RoundUnit,
    TaskUnit,
    Unit,
    UnitAlias,
)
from jjjdesk.errors import ConflictError
from jjjdesk.services.records import from_jsonable, to_jsonable

MODELS: dict[str, type[SQLModel]] = {
    m.__tablename__: m
    for m in (ProgressEntry, RoundUnit, Problem, ProblemEntry, Unit, UnitAlias, KeyTask,
              TaskUnit, Project, Indicator)
}
#: Order rows are undone in when a batch touched several tables (children first).
UNDO_ORDER = ("problem_entry", "problem", "round_unit", "progress_entry", "indicator",
              "project", "task_unit", "key_task", "unit_alias", "unit")


def table(model: type[SQLModel]):
    return model.__table__


def pk_columns(model: type[SQLModel]) -> list[str]:
    return [c.key for c in sa_inspect(model).primary_key]


def row_image(model: type[SQLModel], row: Any) -> dict[str, Any]:
    """All columns of a Core row or an ORM object, JSON-ready."""
    mapping = row._mapping if hasattr(row, "_mapping") else None
    out = {}
    for col in sa_inspect(model).columns:
        value = mapping[col.key] if mapping is not None else getattr(row, col.key)
        out[col.key] = to_jsonable(value)
    return out


def key_of(model: type[SQLModel], image: dict[str, Any]) -> dict[str, Any]:
    return {k: image[k] for k in pk_columns(model)}


class ChangeLog:
    """Collects the changes of one batch; `flush` writes them to `import_change`."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        self.rows: list[dict[str, Any]] = []

    def add(self, model: type[SQLModel], action: str, before: dict | None,
            after: dict | None) -> None:
        image = after if after is not None else before
        self.rows.append({
            "batch_id": self.batch_id, "seq": len(self.rows) + 1,
            "table_name": model.__tablename__,
            "row_key": json.dumps(key_of(model, image), sort_keys=True),
            "action": action,
            "before": None if before is None else json.dumps(before, ensure_ascii=False),
            "after": json.dumps(after if after is not None else {}, ensure_ascii=False),
        })

    def flush(self, session: Session) -> None:
        if self.rows:
            session.execute(insert(table(ImportChange)), self.rows)
            self.rows = []


class Watch:
    """Snapshot the rows of `model` matching `where` now and again later; log the difference.

    Used around service calls the importer reuses (round states, problem list) so that
    undo covers what they changed too.
    """

    def __init__(self, session: Session, model: type[SQLModel], where):
        self.session, self.model, self.where = session, model, where
        self.before = self._images()

    def _images(self) -> dict[str, dict[str, Any]]:
        t = table(self.model)
        rows = self.session.execute(select(t).where(self.where)).all()
        images = (row_image(self.model, r) for r in rows)
        return {json.dumps(key_of(self.model, i), sort_keys=True): i for i in images}

    def log(self, changes: ChangeLog) -> int:
        after = self._images()
        n = 0
        for key, image in after.items():
            old = self.before.get(key)
            if old is None:
                changes.add(self.model, "create", None, image)
                n += 1
            elif old != image:
                changes.add(self.model, "update", old, image)
                n += 1
        for key, image in self.before.items():
            if key not in after:
                changes.add(self.model, "delete", image, None)
                n += 1
        return n


def _where_key(model: type[SQLModel], key: dict[str, Any]):
    t = table(model)
    return and_(*(t.c[k] == v for k, v in key.items()))


def _currents(session: Session, model: type[SQLModel], keys: list[dict[str, Any]]
              ) -> dict[str, dict | None]:
    """Current images of many rows by key (one IN query per 900 ids for `id` tables)."""
    out: dict[str, dict | None] = {}
    t = table(model)
    if pk_columns(model) == ["id"]:
        ids = [k["id"] for k in keys]
        for start in range(0, len(ids), 900):
            for row in session.execute(select(t).where(t.c.id.in_(ids[start:start + 900]))):
                image = row_image(model, row)
                out[json.dumps({"id": image["id"]}, sort_keys=True)] = image
        return out
    for key in keys:
        row = session.execute(select(t).where(_where_key(model, key))).first()
        out[json.dumps(key, sort_keys=True)] = None if row is None else row_image(model, row)
    return out


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    # Timestamps may come back with or without a zone depending on the backend.
    return all(_norm(a.get(k)) == _norm(v) for k, v in b.items())


def _norm(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        return value[:19].replace(" ", "T")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def undo_changes(session: Session, changes: Iterable[ImportChange], describe) -> int:
    """Put back every before-image, newest first; refuse (ConflictError) if any row changed
    after the import. `describe(change)` names a row in the refusal message."""
    ordered = sorted(changes, key=lambda c: (UNDO_ORDER.index(c.table_name)
                                             if c.table_name in UNDO_ORDER else 99, -c.seq))
    # Check everything first: all or nothing.
    by_table: dict[str, list[ImportChange]] = {}
    for change in ordered:
        by_table.setdefault(change.table_name, []).append(change)
    for name, group in by_table.items():
        model = MODELS[name]
        current = _currents(session, model, [json.loads(c.row_key) for c in group])
        for change in group:
            expected = None if change.action == "delete" else json.loads(change.after)
            now_image = current.get(json.dumps(json.loads(change.row_key), sort_keys=True))
            if not _same(now_image, expected):
                raise ConflictError(
                    f"{describe(change)}在导入之后又被修改或删除,不能撤销整批导入;"
                    "请先撤销或核对该修改。"
                )
    # Children first when removing and resetting rows; parents first when putting rows back.
    for name in sorted(by_table, key=lambda n: UNDO_ORDER.index(n) if n in UNDO_ORDER else 99):
        model, group = MODELS[name], by_table[name]
        t = table(model)
        created = [json.loads(c.row_key) for c in group if c.action == "create"]
        if created and pk_columns(model) == ["id"]:
            ids = [k["id"] for k in created]
            for start in range(0, len(ids), 900):
                session.execute(delete(t).where(t.c.id.in_(ids[start:start + 900])))
        else:
            for key in created:
                session.execute(delete(t).where(_where_key(model, key)))
        updates = [from_jsonable(model, json.loads(c.before)) for c in group
                   if c.action == "update"]
        if updates:
            keys = pk_columns(model)
            cols = [c.key for c in t.columns if c.key not in keys]
            stmt = update(t).where(and_(*(t.c[k] == bindparam(f"k_{k}") for k in keys))).values(
                {c: bindparam(f"v_{c}") for c in cols})
            session.execute(stmt, [{**{f"k_{k}": u[k] for k in keys},
                                    **{f"v_{c}": u.get(c) for c in cols}} for u in updates])
    for change in reversed(ordered):
        if change.action == "delete":
            model = MODELS[change.table_name]
            values = from_jsonable(model, json.loads(change.before))
            session.execute(insert(table(model)).values(**values))
    session.flush()
    return len(ordered)
