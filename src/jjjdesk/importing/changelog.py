"""Before- and after-images of every row an import batch touches, and the exact undo they allow.

Writes go through SQLAlchemy Core (a 50,000-row return must commit in seconds); every row
created, changed or deleted is logged in `import_change` with all its columns, so undoing a
batch puts back exactly what was there, or refuses when someone changed a row since.
"""

from __future__ import annotations

import gc
import json
import math
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session, SQLModel

from jjjdesk.domain.models import (
    Category,
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
    m.__tablename__: m
    for m in (ProgressEntry, RoundUnit, Problem, ProblemEntry, Unit, UnitAlias, KeyTask,
              TaskUnit, Project, Indicator, Category, Plan)
}
#: Order rows are undone in when a batch touched several tables (children first).
UNDO_ORDER = ("problem_entry", "problem", "round_unit", "progress_entry", "indicator",
              "project", "task_unit", "key_task", "category", "plan", "unit_alias", "unit")
#: Tables whose rows refer to rows of the same table (sub-tasks): created children are
#: deleted before their parents, since the reference is checked row by row (RESTRICT).
_SELF_PARENT = {"key_task": "parent_id"}


def table(model: type[SQLModel]):
    return model.__table__


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

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        self.rows: list[dict[str, Any]] = []

    def add(self, model: type[SQLModel], action: str, before: dict | None,
            after: dict | None) -> None:
        image = after if after is not None else before
        self.rows.append({
            "seq": len(self.rows) + 1,
            "table_name": model.__tablename__,
            "row_key": row_key(model, image),
            "action": action,
            "before": None if before is None else json.dumps(before, ensure_ascii=False),
            "after": json.dumps(after if after is not None else {}, ensure_ascii=False),
        })

    def add_raw(self, model: type[SQLModel], action: str, key: str, before: str | None,
                after: str) -> None:
        """`add` with the row key and images already as JSON text."""
        self.rows.append({
            "seq": len(self.rows) + 1,
            "table_name": model.__tablename__, "row_key": key, "action": action,
            "before": before, "after": after,
        })

    def flush(self, session: Session) -> None:
        if self.rows:
            insert_rows(session, table(ImportChange), self.rows, {"batch_id": self.batch_id})
            self.rows = []


def fetch_rows(session: Session, select_) -> list[tuple]:
    """All rows of a Core select as the driver's tuples, in the session's transaction.

    SQLAlchemy's result rows cost as much again as the query on a 50,000-row table; only for
    columns the driver already gives as Python values (numbers, text), not timestamps."""
    conn = session.connection()
    compiled = select_.compile(dialect=conn.dialect,
                               compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.string, params)
        return cursor.fetchall()
    finally:
        cursor.close()


@contextmanager
def bulk_objects() -> Iterator[None]:
    """No cyclic garbage collection while a preview or commit builds its rows.

    A 50,000-row import keeps every object it makes until the end; CPython's collector,
    triggered by that growth, walks all live objects again and again (a third of the
    time). Nothing is lost: cycles made meanwhile are collected once it is back on. Nested
    and concurrent uses (the worker thread, a second window) turn it back on once, last."""
    global _BULK_DEPTH, _GC_WAS_ON
    with _BULK_LOCK:
        if _BULK_DEPTH == 0:
            _GC_WAS_ON = gc.isenabled()
            gc.disable()
        _BULK_DEPTH += 1
    try:
        yield
    finally:
        with _BULK_LOCK:
            _BULK_DEPTH -= 1
            if _BULK_DEPTH == 0 and _GC_WAS_ON:
                gc.enable()


_BULK_LOCK = threading.Lock()
_BULK_DEPTH = 0
_GC_WAS_ON = True


def insert_rows(session: Session, t, rows: list[dict[str, Any]],
                constant: dict[str, Any] | None = None) -> None:
    """Insert many rows in the session's transaction; `constant` holds the columns whose
    value is the same in every row (left out of `rows`).

    On SQLite, when the rows and `constant` give every column but the `id`, the statement
    goes straight to the driver with each column's own bind conversion, and the constant
    columns are written into it as SQL literals: SQLAlchemy's per-row bookkeeping and
    binding the same values 50,000 times are most of the time of a 50,000-row insert."""
    if not rows:
        return
    constant = constant or {}
    conn = session.connection()
    dialect = conn.dialect
    columns = [c for c in t.columns if c.key != "id"]
    keys = [c.key for c in columns]
    if (dialect.name != "sqlite" or set(rows[0]) | set(constant) != set(keys)
            or set(rows[0]) & set(constant)
            or [c.key for c in t.primary_key] != ["id"] or "id" in rows[0]):
        session.execute(insert(t), [constant | row for row in rows] if constant else rows)
        return
    # Columns that happen to hold one value in every row (period, round, unit of a return)
    # are written as literals too.
    alike = equal_in_all(rows)
    alike.pop(next(iter(rows[0])), None)  # one column stays bound, even if all rows are equal
    literals: dict[str, str] = {}
    for col in columns:
        if col.key in constant or col.key in alike:
            value = constant[col.key] if col.key in constant else alike[col.key]
            literal = _sql_literal(col, dialect, value)
            if literal is not None:
                literals[col.key] = literal
    # Bound per row: from the row, then the constants that can't be literals (NaN, bytes…).
    from_rows = [c for c in columns if c.key in rows[0] and c.key not in literals]
    fixed = [c for c in columns if c.key in constant and c.key not in literals]
    varying = from_rows + fixed
    fixed_values = [constant[c.key] for c in fixed]
    procs = []
    for i, col in enumerate(varying):
        proc = col.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None and _is_datetime(col):
            proc = _memo_datetimes(proc)
        if proc is not None:
            procs.append((i, _memo_last(proc)))
    quote = dialect.identifier_preparer.quote
    names = [c.key for c in varying] + list(literals)
    values_sql = ["?"] * len(varying) + list(literals.values())
    sql = (f"INSERT INTO {quote(t.name)} ({', '.join(quote(k) for k in names)}) "
           f"VALUES ({', '.join(values_sql)})")
    getter = itemgetter(*[c.key for c in from_rows])
    single = len(from_rows) == 1
    params = []
    for row in rows:
        values = [getter(row)] if single else list(getter(row))
        values += fixed_values
        for i, proc in procs:
            values[i] = proc(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def equal_in_all(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The columns holding one value in every row (of two or more), with that value."""
    if len(rows) < 2:
        return {}
    return {k: v for k, v in rows[0].items() if _same_in_all(rows, k, v)}


def _same_in_all(rows: list[dict[str, Any]], key: str, value: Any) -> bool:
    if any(rows[i][key] != value for i in (-1, len(rows) // 2)):  # most columns vary: cheaply
        return False
    values = list(map(itemgetter(key), rows))
    # 1, 1.0 and True are equal but stored differently: one type too.
    return values.count(value) == len(values) and len(set(map(type, values))) == 1


def _sql_literal(col, dialect, value: Any) -> str | None:
    """`value` of `col`, bound-converted, as a SQLite literal; None when it can't be one."""
    proc = col.type.dialect_impl(dialect).bind_processor(dialect)
    value = proc(value) if proc is not None else value
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


class ImageText:
    """JSON text of row images (all columns, table order, timestamps as ISO text), as
    `json.dumps(image, ensure_ascii=False)` writes it, for many rows of one batch.

    `constant` columns hold the same value in every row and are encoded once; the other
    columns of a row are encoded one by one. On a 50,000-row import this is a fraction of
    encoding each row's dict in full."""

    def __init__(self, keys: tuple[str, ...], constant: dict[str, Any]):
        self.varying = [k for k in keys if k not in constant]
        self.texts: list[str] = []  # the literal text before each varying value
        text = "{"
        for i, key in enumerate(keys):
            text += ("" if i == 0 else ", ") + encode_basestring(key) + ": "
            if key in constant:
                text += _ENCODE(constant[key])
            else:
                self.texts.append(text)
                text = ""
        self.tail = text + "}"
        self.getter = itemgetter(*self.varying) if len(self.varying) > 1 else None
        # The texts with a slot after each, filled by one slice assignment a row (a third of
        # zipping them, a quarter of str.format, which parses its template every call).
        self.pieces: list[str | None] = [None] * (2 * len(self.texts))
        self.pieces[0::2] = self.texts

    def __call__(self, row: dict[str, Any]) -> str:
        if not self.varying:
            return self.tail
        values = self.getter(row) if len(self.varying) > 1 else (row[self.varying[0]],)
        # One C-encoded list, cut at its separators (a raw NUL never occurs in JSON text),
        # costs far less than encoding each value; a list or object value has separators of
        # its own, so such a row is encoded value by value.
        parts = _SPLIT_ENCODE(values)[1:-1].split("\x00")
        if len(parts) != len(values):
            parts = [_ENCODE(v) for v in values]
        pieces = self.pieces.copy()
        pieces[1::2] = parts
        return "".join(pieces) + self.tail


def _iso(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=_iso).encode


def _split_encoder():
    """`JSONEncoder(ensure_ascii=False, default=_iso, separators=("\x00", ": ")).encode` for
    a tuple: the C encoder `encode` would make on every call, made once (its Python set-up
    cost more than the encoding, per row)."""
    if c_make_encoder is None:  # a Python without the _json accelerator
        return json.JSONEncoder(ensure_ascii=False, default=_iso, separators=("\x00", ": ")).encode
    encoder = c_make_encoder(None, _iso, encode_basestring, None, ": ", "\x00", False, False,
                             True)
    return lambda values: "".join(encoder(values, 0))


_SPLIT_ENCODE = _split_encoder()


def _is_datetime(col) -> bool:
    impl = getattr(col.type, "impl", col.type)
    try:
        return impl.python_type is datetime
    except NotImplementedError:
        return False


def _memo_last(proc):
    """A column's conversion that reuses its last result for the same object: most columns
    of a batch's rows hold one shared value (its stamp, False, the actor)."""
    last: list[Any] = [_memo_last, None]

    def convert(value):
        if value is not last[0]:
            last[0], last[1] = value, proc(value)
        return last[1]
    return convert


def _memo_datetimes(proc):
    """A timestamp column's conversion, remembered per (instant, zone): a batch stamps its
    rows with one time, so this converts once instead of once a row."""
    memo: dict[Any, Any] = {}

    def convert(value):
        if type(value) is not datetime:
            return proc(value)
        key = (value, value.tzinfo)
        out = memo.get(key)
        if out is None:
            if len(memo) > 1000:
                memo.clear()
            out = memo[key] = proc(value)
        return out
    return convert


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


#: Bound parameters per statement, under SQLite's oldest limit (999) and PostgreSQL's.
CHUNK = 900


def chunks(values: list) -> Iterator[list]:
    """`values` `CHUNK` at a time: the bound values of one IN list each."""
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _where_key(model: type[SQLModel], key: dict[str, Any]):
    t = table(model)
    return and_(*(t.c[k] == v for k, v in key.items()))


def _currents(session: Session, model: type[SQLModel], keys: list[dict[str, Any]]
              ) -> dict[str, dict | None]:
    """Current images of many rows by key (one IN query per `CHUNK` ids for `id` tables)."""
    out: dict[str, dict | None] = {}
    t = table(model)
    if pk_columns(model) == ["id"] and tuple(c.key for c in t.columns) == column_keys(model):
        ids = [k["id"] for k in keys]
        keys = column_keys(model)
        for some in chunks(ids):
            # The driver's values, without SQLAlchemy's conversions (a third of an undo):
            # `_same` reads a timestamp as its text on SQLite, 0/1 as a boolean.
            for row in fetch_rows(session, select(t).where(t.c.id.in_(some))):
                image = dict(zip(keys, row, strict=True))
                for key, value in image.items():
                    if isinstance(value, datetime | date):
                        image[key] = value.isoformat()
                out[row_key(model, image)] = image
        return out
    for key in keys:
        row = session.execute(select(t).where(_where_key(model, key))).first()
        out[json.dumps(key, sort_keys=True)] = None if row is None else row_image(model, row)
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


def _key(text: str) -> dict[str, Any]:
    """`json.loads` of a row key, quickly for `{"id": N}`."""
    if text.startswith('{"id": ') and text.endswith("}") and text[7:-1].isdigit():
        return {"id": int(text[7:-1])}
    return json.loads(text)


def _canonical(key: str) -> str:
    if key.startswith('{"id": ') and key[7:-1].isdigit() and key.endswith("}"):
        return key
    return json.dumps(json.loads(key), sort_keys=True)


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
        current = _currents(session, model, [_key(c.row_key) for c in group])
        for change in group:
            expected = None if change.action == "delete" else json.loads(change.after)
            now_image = current.get(_canonical(change.row_key))
            if not _same(now_image, expected):
                raise ConflictError(
                    f"{describe(change)}在导入之后又被修改或删除,不能撤销整批导入;"
                    "请先撤销或核对该修改。"
                )
    # Children first when removing and resetting rows; parents first when putting rows back.
    for name in sorted(by_table, key=lambda n: UNDO_ORDER.index(n) if n in UNDO_ORDER else 99):
        model, group = MODELS[name], by_table[name]
        t = table(model)
        created = [_key(c.row_key) for c in group if c.action == "create"]
        if created and pk_columns(model) == ["id"]:
            ids = [k["id"] for k in created]
            if name in _SELF_PARENT:
                parent = t.c[_SELF_PARENT[name]]
                for some in chunks(ids):
                    session.execute(delete(t).where(t.c.id.in_(some), parent.is_not(None)))
            for some in chunks(ids):
                session.execute(delete(t).where(t.c.id.in_(some)))
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
