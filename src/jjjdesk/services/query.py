"""What list screens ask for (filter, sort, page) and what writes answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_

from jjjdesk.domain.text import match_key


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    unit_id: int | None = None
    category_id: int | None = None
    stage: str | None = None
    kind: str | None = None
    sort: str = ""
    descending: bool = False


@dataclass(frozen=True)
class WriteResult:
    id: int
    version: int
    audit_event_id: int | None


def like_pattern(text: str) -> str:
    """A LIKE pattern for a search-box text, normalised as `search_text` is."""
    key = match_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{key}%"


# ---- keyset paging -----------------------------------------------------------------------
# A page starts where the previous one ended (WHERE key > last key) rather than after
# OFFSET rows: an OFFSET page reads and drops every row before it, so scrolling a list slowed
# page by page (projects: 6.5 → 14.9 ms per fetch); a keyset page is an index range of its
# own length wherever it lies (bench/bench_lists.py).
@dataclass(frozen=True)
class PageRequest:
    """Which page of a list: the first, the one after or before a row's key, or the last."""

    after: tuple | None = None
    before: tuple | None = None
    last: bool = False
    limit: int = 200


@dataclass(frozen=True)
class Page:
    """Rows of one page in display order, and each row's key (its sort values, id last)."""

    rows: list
    keys: list[tuple]


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY column; a nullable one sorts its NULLs as the smallest values (SQLite's
    own order, asked of PostgreSQL explicitly)."""

    column: Any
    nullable: bool = False


def keyset(session, stmt, keys: Sequence[SortKey], *, descending: bool,
           request: PageRequest) -> Page:
    """One page of `stmt` ordered by `keys` (all in one direction; the last is the unique
    id), each result row without the key columns; `Page.rows` holds SQLAlchemy rows."""
    backward = request.before is not None or request.last
    up = descending == backward  # walk towards larger keys
    cursor = request.before if request.before is not None else request.after
    if cursor is not None:
        stmt = stmt.where(_beyond(list(keys), list(cursor), up))
    postgres = session.get_bind().dialect.name != "sqlite"
    order = []
    for key in keys:
        term = key.column.asc() if up else key.column.desc()
        if key.nullable and postgres:
            term = term.nulls_first() if up else term.nulls_last()
        order.append(term)
    width = len(keys)
    stmt = stmt.add_columns(*(k.column for k in keys)).order_by(*order).limit(request.limit)
    found = list(session.execute(stmt))
    if backward:
        found.reverse()
    return Page([r[:-width] for r in found], [tuple(r[-width:]) for r in found])


def _beyond(keys: list[SortKey], values: list, up: bool):
    """Rows after `values` in the (key…, id) order going up (or down): written as
    `k >= v AND (k > v OR …)` so the leading key bounds an index range."""
    key, value = keys[0], values[0]
    column = key.column
    if len(keys) == 1:
        return column > value if up else column < value
    rest = _beyond(keys[1:], values[1:], up)
    if value is None:  # at the NULLs, which sort first
        return or_(column.is_not(None), and_(column.is_(None), rest)) if up else and_(
            column.is_(None), rest)
    if up:
        return and_(column >= value, or_(column > value, rest))
    down = and_(column <= value, or_(column < value, rest))
    return or_(down, column.is_(None)) if key.nullable else down


def keyset_union_keys(session, stmts: Sequence, keys: Sequence[SortKey], *, descending: bool,
                      request: PageRequest) -> list[tuple]:
    """The keys of a `keyset` page over the union of `stmts`, each an index range of its own
    (one per value of an IN list: SQLite reads `state IN (a, b) ORDER BY created_at` by
    sorting every match). Only keys are read, from the index; the caller loads the rows."""
    columns = [k.column for k in keys]
    merged = [key for stmt in stmts for key in keyset(
        session, stmt.with_only_columns(*columns), keys, descending=descending,
        request=request).keys]
    merged.sort(key=_sortable, reverse=descending)
    backward = request.before is not None or request.last
    return merged[-request.limit:] if backward else merged[:request.limit]


def _sortable(key: tuple) -> tuple:
    # NULL first, as the SQL order has it
    return tuple((value is not None, value) for value in key)
