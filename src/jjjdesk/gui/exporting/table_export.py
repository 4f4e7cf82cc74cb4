"""导出当前列表: exactly what a table view shows — visible columns in view order, the
current filter and sort — written by `excel.ledger.export_table` in the worker.

Paged models are read again page by page from the same service with the same query (so a
list of 100,000 rows never sits in memory); small models (the task tree) are read from the
model itself, rows in the order the view shows them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

from jjjdesk.gui.exporting import common
from jjjdesk.gui.models.paged_model import PagedTableModel
from jjjdesk.gui.progress_dialog import run_with_progress

if TYPE_CHECKING:
    from jjjdesk.db.engine import Database

log = logging.getLogger(__name__)

PAGE = 500


@dataclass(frozen=True)
class TableSnapshot:
    """What to write: headers, their kinds, and a row source that runs in the worker."""

    title: str
    subtitle: str
    headers: list[str]
    kinds: list[str]  # excel.sheet column kinds: text / number
    total: int
    rows: Callable[[], Iterator[list[Any]]]


def _header(view: QAbstractItemView) -> QHeaderView:
    if isinstance(view, QTreeView):
        return view.header()
    assert isinstance(view, QTableView)
    return view.horizontalHeader()


def visible_columns(view: QAbstractItemView) -> list[int]:
    """Logical columns the user sees, left to right (moved and hidden columns respected)."""
    header = _header(view)
    columns = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            columns.append(logical)
    return columns


def _number(text: str) -> float | str:
    try:
        return float(text.replace(",", "")) if text else ""
    except ValueError:
        return text


def _paged_rows(
    model: PagedTableModel, db: Database, columns: list[int]
) -> Callable[[], Iterator[list[Any]]]:
    query = model.query  # a frozen dataclass: later filtering on screen does not change it
    numeric = model.NUMERIC_COLUMNS

    def rows() -> Iterator[list[Any]]:
        from jjjdesk.services.query import PageRequest

        request = PageRequest(limit=PAGE)
        while True:
            with db.session() as session:
                page = model.read_page(session, query, request)
            for record in page.rows:
                yield [
                    _number(model._display(record, c))
                    if c in numeric
                    else model._display(record, c)
                    for c in columns
                ]
            if len(page.rows) < PAGE:
                return
            request = PageRequest(after=page.keys[-1], limit=PAGE)

    return rows


def _shown_rows(view: QAbstractItemView, columns: list[int]) -> list[list[Any]]:
    """Rows of a small model as the view shows them (tree rows indented by depth)."""
    model: QAbstractItemModel = view.model()
    out: list[list[Any]] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        while model.canFetchMore(parent):
            model.fetchMore(parent)
        for r in range(model.rowCount(parent)):
            if isinstance(view, QTreeView) and view.isRowHidden(r, parent):
                continue
            values = []
            for i, c in enumerate(columns):
                text = model.index(r, c, parent).data(Qt.ItemDataRole.DisplayRole)
                text = "" if text is None else str(text)
                values.append(("  " * depth + text) if i == 0 and depth else text)
            out.append(values)
            first = model.index(r, 0, parent)
            if isinstance(view, QTreeView) and model.hasChildren(first) and view.isExpanded(first):
                walk(first, depth + 1)

    walk(QModelIndex(), 0)
    return out


def snapshot(view: QAbstractItemView, db: Database, title: str, subtitle: str) -> TableSnapshot:
    model = view.model()
    columns = visible_columns(view)
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    if isinstance(model, PagedTableModel):
        kinds = ["number" if c in model.NUMERIC_COLUMNS else "text" for c in columns]
        return TableSnapshot(
            title, subtitle, headers, kinds, model.total, _paged_rows(model, db, columns)
        )
    shown = _shown_rows(view, columns)
    return TableSnapshot(
        title, subtitle, headers, ["text"] * len(columns), len(shown), lambda: iter(shown)
    )


def _width(header: str, kind: str) -> float:
    from jjjdesk.excel.sheet import text_units

    return max(10.0 if kind == "number" else 12.0, min(40.0, text_units(header) + 4.0))


def write_snapshot(snap: TableSnapshot, path, progress=None, cancel=None):
    """Runs in the worker."""
    from jjjdesk.excel.ledger import export_table
    from jjjdesk.excel.sheet import Column

    columns = [
        Column(h, "wrap" if k == "text" and _width(h, k) >= 20 else k, _width(h, k))
        for h, k in zip(snap.headers, snap.kinds, strict=True)
    ]
    return export_table(
        path,
        title=snap.title,
        columns=columns,
        rows=snap.rows(),
        total_rows=snap.total,
        subtitle=snap.subtitle,
        progress=progress,
        cancel=cancel,
    )


def export_view(
    parent: QWidget, view: QAbstractItemView, db: Database, title: str, filters: str = ""
) -> None:
    """Ask where, then write the view's rows in the worker with progress and cancel."""
    today = date.today()
    name = f"{title}_{today:%Y%m%d}.xlsx"
    path = common.ask_save_path(parent, common.tr("导出当前列表"), name)
    if path is None:
        return
    subtitle = common.tr("导出日期:{0}年{1}月{2}日").format(today.year, today.month, today.day)
    if filters:
        subtitle += common.tr("    筛选:{0}").format(filters)
    snap = snapshot(view, db, title, subtitle)

    def done(result) -> None:
        common.show_done(
            parent,
            common.tr("列表已导出"),
            common.tr("已导出“{0}”:{1} 行。").format(result.path.name, result.rows),
            result.path.parent,
        )

    run_with_progress(
        parent,
        common.tr("导出当前列表"),
        common.tr("正在导出“{0}”…").format(path.name),
        lambda progress, cancel: write_snapshot(snap, path, progress, cancel),
        done,
    )
