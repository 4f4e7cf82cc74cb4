"""Writing and reading many rows fast: the tricks a 50,000-row import needs, kept in one place.

Each exists because the plain SQLAlchemy path was measured too slow at that size
(bench/bench_import.py):
- `fetch_rows`, `rows_where_in`: the driver's cursor, since SQLAlchemy's result rows (and its
  rendering of 900 bound parameters) cost as much again as the query itself;
- `insert_rows`: straight to the SQLite driver with each column's bind conversion, constant
  columns as SQL literals, because per-row ORM/Core bookkeeping is most of an insert's time;
- `bulk_objects`: no cyclic GC while a batch builds its rows, since the collector re-walks
  every live object as the batch grows;
- `ImageText`: before/after images as JSON text through the C encoder, made once;
- `CHUNK`/`chunks`: IN lists under SQLite's oldest bound-parameter limit.
Nothing here knows about imports; callers pass tables and rows.
"""

from __future__ import annotations

import gc
import json
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import insert, select
from sqlmodel import Session


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
        return cast("list[tuple]", cursor.fetchall())  # sqlite3 and psycopg give a list
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
        values = self.getter(row) if self.getter is not None else (row[self.varying[0]],)
        # One C-encoded list, cut at its separators (a raw NUL never occurs in JSON text),
        # costs far less than encoding each value; a list or object value has separators of
        # its own, so such a row is encoded value by value.
        parts = _SPLIT_ENCODE(values)[1:-1].split("\x00")
        if len(parts) != len(values):
            parts = [_ENCODE(v) for v in values]
        pieces = self.pieces.copy()
        pieces[1::2] = parts
        return "".join(cast("list[str]", pieces)) + self.tail



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



def _memo_last(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A column's conversion that reuses its last result for the same object: most columns
    of a batch's rows hold one shared value (its stamp, False, the actor)."""
    last: list[Any] = [_memo_last, None]

    def convert(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, proc(value)
        return last[1]
    return convert



def _memo_datetimes(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A timestamp column's conversion, remembered per (instant, zone): a batch stamps its
    rows with one time, so this converts once instead of once a row."""
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
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



#: Bound parameters per statement, under SQLite's oldest limit (999) and PostgreSQL's.
CHUNK = 900



def chunks(values: list) -> Iterator[list]:
    """`values` `CHUNK` at a time: the bound values of one IN list each."""
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def rows_where_in(session: Session, columns, name: str, values: list) -> list[tuple]:
    """SQLite rows whose column `name` is one of `values`, `CHUNK` at a time; the SQL is
    written here because SQLAlchemy takes longer to render 900 parameters than SQLite to
    answer them."""
    conn = session.connection()
    head = str(select(*columns).compile(dialect=conn.dialect))
    cursor = conn.connection.cursor()
    rows: list[tuple] = []
    try:
        for chunk in chunks(values):
            cursor.execute(f"{head} WHERE {name} IN ({','.join('?' * len(chunk))})", chunk)
            rows.extend(cursor.fetchall())
    finally:
        cursor.close()
    return rows
