"""Before- and after-images of every row an import batch touches, and the exact undo they allow.

Writes go through SQLAlchemy Core (a 50,000-row return must commit in seconds); every row
created, changed or deleted is logged in `import_change` with all its columns, so undoing a
batch puts back exactly what was there, or refuses when someone changed a row since.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol, cast

from sqlalchemy import Table, and_, bindparam, delete, insert, select, tuple_, update
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session, SQLModel

from jjjdesk.db import search_index
from jjjdesk.db.bulk import CHUNK, chunks, fetch_rows, insert_rows
from jjjdesk.domain.models import (
    Attachment,
    Category,
    CoopPart,
    ImportChange,
    Indicator,
    KeyTask,
    Plan,
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
from jjjdesk.services.records import from_jsonable

MODELS: dict[str, type[SQLModel]] = {
    cast(str, m.__tablename__): m  # a str on table classes, not the declared_attr
    for m in (Attachment, CoopPart, ProgressEntry, RoundUnit, Problem, ProblemEntry, Unit,
              UnitAlias, KeyTask, TaskUnit, Project, Indicator, Category, Plan)
}
#: Order rows are undone in when a batch touched several tables (children first).
UNDO_ORDER = ("attachment", "coop_part", "problem_entry", "problem", "round_unit",
              "progress_entry", "indicator", "project", "task_unit", "key_task", "category",
              "plan", "unit_alias", "unit")
#: Tables whose rows refer to rows of the same table (sub-tasks): created children are
#: deleted before their parents, since the reference is checked row by row (RESTRICT).
_SELF_PARENT = {"key_task": "parent_id"}


def table(model: type[SQLModel]) -> Table:
    # SQLModel sets __table__ on table=True classes only, so its base class does not declare it
    return model.__table__  # type: ignore[attr-defined]


_PK: dict[type, list[str]] = {}
_COLUMNS: dict[type, tuple[str, ...]] = {}


def pk_columns(model: type[SQLModel]) -> list[str]:
    keys = _PK.get(model)
    if keys is None:
        keys = _PK[model] = [c.key for c in sa_inspect(model).primary_key]
    return list(keys)


def column_keys(model: type[SQLModel]) -> tuple[str, ...]:
    keys = _COLUMNS.get(model)
    if keys is None:
        keys = _COLUMNS[model] = tuple(c.key for c in sa_inspect(model).columns)
    return keys


def row_image(model: type[SQLModel], row: Any) -> dict[str, Any]:
    """All columns of a Core row or an ORM object, JSON-ready."""
    keys = column_keys(model)
    if getattr(row, "_fields", None) == keys:  # a Core row of select(table): zip it
        out = dict(zip(keys, row, strict=True))
        for key, value in out.items():
            if isinstance(value, datetime | date):
                out[key] = value.isoformat()
        return out
    mapping = row._mapping if hasattr(row, "_mapping") else None
    out = {}
    for key in column_keys(model):
        value = mapping[key] if mapping is not None else getattr(row, key)
        out[key] = value.isoformat() if isinstance(value, datetime | date) else value
    return out


def key_of(model: type[SQLModel], image: dict[str, Any]) -> dict[str, Any]:
    return {k: image[k] for k in _PK.get(model) or pk_columns(model)}


def row_key(model: type[SQLModel], image: dict[str, Any]) -> str:
    """`json.dumps(key_of(model, image), sort_keys=True)`, quickly for `id` tables."""
    keys = _PK.get(model) or pk_columns(model)
    if keys == ["id"] and type(image["id"]) is int:
        return f'{{"id": {image["id"]}}}'
    return json.dumps(key_of(model, image), sort_keys=True)


class ChangeLog:
    """Collects the changes of one batch; `flush` writes them to `import_change`."""

    #: Rows held before they are written: a 50,000-row batch's images are tens of MB of text
    #: that need not wait for the end in memory (issue 14: peak RSS).
    HOLD = 5_000

    def __init__(self, batch_id: int, session: Session | None = None):
        self.batch_id, self.session = batch_id, session
        self.rows: list[dict[str, Any]] = []
        self.seq = 0

    def _append(self, row: dict[str, Any]) -> None:
        self.seq += 1
        row["seq"] = self.seq
        self.rows.append(row)
        if self.session is not None and len(self.rows) >= self.HOLD:
            self.flush(self.session)

    def add(self, model: type[SQLModel], action: str, before: dict | None,
            after: dict | None) -> None:
        image = after if after is not None else before
        assert image is not None  # a change has at least one image
        self._append({
            "table_name": model.__tablename__,
            "row_key": row_key(model, image),
            "action": action,
            "before": None if before is None else json.dumps(before, ensure_ascii=False),
            "after": json.dumps(after if after is not None else {}, ensure_ascii=False),
        })

    def add_raw(self, model: type[SQLModel], action: str, key: str, before: str | None,
                after: str) -> None:
        """`add` with the row key and images already as JSON text."""
        self._append({
            "table_name": model.__tablename__, "row_key": key, "action": action,
            "before": before, "after": after,
        })

    def flush(self, session: Session) -> None:
        if self.rows:
            insert_rows(session, table(ImportChange), self.rows, {"batch_id": self.batch_id})
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
        return {row_key(self.model, i): i for i in images}

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


def _currents(session: Session, model: type[SQLModel], keys: list[dict[str, Any]]
              ) -> dict[str, dict | None]:
    """Current images of many rows by key (one IN query per `CHUNK` ids for `id` tables)."""
    out: dict[str, dict | None] = {}
    t = table(model)
    if pk_columns(model) == ["id"] and tuple(c.key for c in t.columns) == column_keys(model):
        ids = [k["id"] for k in keys]
        names = column_keys(model)
        dated = _dated_columns(model)
        for some in chunks(ids):
            # The driver's values, without SQLAlchemy's conversions (a third of an undo):
            # `_same` reads a timestamp as its text on SQLite, 0/1 as a boolean. Only
            # PostgreSQL's driver hands back dates, and only in a row's date columns.
            for values in fetch_rows(session, select(t).where(t.c.id.in_(some))):
                image = dict(zip(names, values, strict=True))
                for i in dated:
                    value = values[i]
                    if isinstance(value, datetime | date):
                        image[names[i]] = value.isoformat()
                out[f'{{"id": {image["id"]}}}'] = image
        return out
    for key in keys:
        out[json.dumps(key, sort_keys=True)] = None
    key_names = pk_columns(model)
    for some in _key_chunks(keys, key_names):
        for row in session.execute(select(t).where(_keys_in(model, key_names, some))):
            image = row_image(model, row)
            out[row_key(model, image)] = image
    return out


def _key_chunks(keys: list[dict[str, Any]], names: list[str]) -> Iterator[list[dict]]:
    """Keys a few hundred at a time: each chunk's bound values stay under SQLite's limit."""
    size = max(1, CHUNK // len(names))
    for start in range(0, len(keys), size):
        yield keys[start:start + size]


def _keys_in(model: type[SQLModel], names: list[str], keys: list[dict[str, Any]]):
    """One row-value IN over a composite key (SQLite ≥ 3.15 and PostgreSQL): a link table's
    thousands of rows in a few statements, not one each."""
    t = table(model)
    return tuple_(*(t.c[n] for n in names)).in_([tuple(k[n] for n in names) for k in keys])


def _dated_columns(model: type[SQLModel]) -> list[int]:
    """Positions of the columns that hold dates or timestamps."""
    out = []
    for i, column in enumerate(table(model).columns):
        try:
            kind = getattr(column.type, "impl", column.type).python_type
        except NotImplementedError:
            continue
        if kind in (datetime, date):
            out.append(i)
    return out


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    # Timestamps may come back with or without a zone depending on the backend.
    for k, v in b.items():
        old = a.get(k)
        if old != v and _norm(old) != _norm(v):
            return False
    return True


def _norm(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        return value[:19].replace(" ", "T")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_key(text: str) -> dict[str, Any]:
    """`json.loads` of a row key, quickly for `{"id": N}`."""
    if text.startswith('{"id": ') and text.endswith("}") and text[7:-1].isdigit():
        return {"id": int(text[7:-1])}
    return json.loads(text)


def _canonical(key: str) -> str:
    if key.startswith('{"id": ') and key[7:-1].isdigit() and key.endswith("}"):
        return key
    return json.dumps(json.loads(key), sort_keys=True)


class LoggedChange(NamedTuple):
    """One `import_change` row as the driver reads it (the undo of 50,000 rows reads
    SQLAlchemy's result rows in a second)."""

    seq: int
    table_name: str
    row_key: str
    action: str
    before: str | None
    after: str


class ChangeRow(Protocol):
    """What `undo_changes` reads of a logged change: an `ImportChange` or a Core row of it."""

    @property
    def seq(self) -> int: ...
    @property
    def table_name(self) -> str: ...
    @property
    def row_key(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def before(self) -> str | None: ...
    @property
    def after(self) -> str: ...


def undo_changes(session: Session, changes: Iterable[ChangeRow], describe) -> int:
    """Put back every before-image, newest first; refuse (ConflictError) if any row changed
    after the import. `describe(change)` names a row in the refusal message."""
    ordered = sorted(changes, key=lambda c: (UNDO_ORDER.index(c.table_name)
                                             if c.table_name in UNDO_ORDER else 99, -c.seq))
    # Check everything first: all or nothing.
    by_table: dict[str, list[ChangeRow]] = {}
    for change in ordered:
        by_table.setdefault(change.table_name, []).append(change)
    for name, group in by_table.items():
        model = MODELS[name]
        for some in chunks(group):  # a chunk's current images at a time, not the batch's
            current = _currents(session, model, [parse_key(c.row_key) for c in some])
            for change in some:
                expected = None if change.action == "delete" else json.loads(change.after)
                now_image = current.get(_canonical(change.row_key))
                if not _same(now_image, expected):
                    raise ConflictError(
                        f"{describe(change)}在导入之后又被修改或删除,不能撤销整批导入;"
                        "请先撤销或核对该修改。"
                    )
    entries = [parse_key(c.row_key)["id"] for c in by_table.get("progress_entry", ())
               if c.action in ("create", "update")]
    with search_index.deferred(session) as index:
        index.remove(entries)  # before they go or change back; put in again below
        _undo_tables(session, by_table)
        index.add(k["id"] for k in (parse_key(c.row_key) for c in by_table.get("progress_entry", ())
                                    if c.action == "update"))
    for change in reversed(ordered):
        if change.action == "delete":
            assert change.before is not None  # a delete's change holds its before-image
            model = MODELS[change.table_name]
            values = from_jsonable(model, json.loads(change.before))
            session.execute(insert(table(model)).values(**values))
    session.flush()
    return len(ordered)


def _undo_tables(session: Session, by_table: dict[str, list[ChangeRow]]) -> None:
    """Remove the created rows and reset the updated ones, table by table: children first
    when removing and resetting rows (parents first when putting rows back, after this)."""
    for name in sorted(by_table, key=lambda n: UNDO_ORDER.index(n) if n in UNDO_ORDER else 99):
        model, group = MODELS[name], by_table[name]
        t = table(model)
        created = [parse_key(c.row_key) for c in group if c.action == "create"]
        if created and pk_columns(model) == ["id"]:
            ids = [k["id"] for k in created]
            if name in _SELF_PARENT:
                parent = t.c[_SELF_PARENT[name]]
                for some in chunks(ids):
                    session.execute(delete(t).where(t.c.id.in_(some), parent.is_not(None)))
            for some in chunks(ids):
                session.execute(delete(t).where(t.c.id.in_(some)))
        elif created:
            names = pk_columns(model)
            for some in _key_chunks(created, names):
                session.execute(delete(t).where(_keys_in(model, names, some)))
        # An update's change always holds its before-image (`ChangeLog.add`).
        updates = [from_jsonable(model, json.loads(c.before))  # type: ignore[arg-type]
                   for c in group if c.action == "update"]
        if updates:
            keys = pk_columns(model)
            cols = [c.key for c in t.columns if c.key not in keys]
            stmt = update(t).where(and_(*(t.c[k] == bindparam(f"k_{k}") for k in keys))).values(
                {c: bindparam(f"v_{c}") for c in cols})
            session.execute(stmt, [{**{f"k_{k}": u[k] for k in keys},
                                    **{f"v_{c}": u.get(c) for c in cols}} for u in updates])
