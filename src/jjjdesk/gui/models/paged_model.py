"""A table model that asks the services for one page of rows at a time, sorted in SQL."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

log = logging.getLogger(__name__)

RecordRole = Qt.ItemDataRole.UserRole + 1  # the row's dataclass
IdRole = Qt.ItemDataRole.UserRole + 2  # the record id

DEMO_BRUSH = QBrush(QColor("#8a8f98"))
_Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Subclasses name their columns (HEADERS, SORT_KEYS) and how to count and list rows."""

    PAGE_SIZE = 200
    CONTEXT: ClassVar[str] = "PagedTableModel"  # translation context of the headers
    HEADERS: ClassVar[tuple[str, ...]] = ()
    SORT_KEYS: ClassVar[tuple[str | None, ...]] = ()  # ListQuery.sort per column, None = fixed
    NUMERIC_COLUMNS: ClassVar[frozenset[int]] = frozenset()
    DEMO_COLUMN: ClassVar[int] = -1  # greyed for demo records (all cells say so in a tooltip)

    reloaded = Signal()  # a new query's first page is in

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context: AppContext | None = None
        self._query = None
        self._rows: list[Any] = []
        self._total = 0

    # ---- what subclasses provide -------------------------------------------------------
    def _count(self, session, query) -> int:
        raise NotImplementedError

    def _list(self, session, query, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def _display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    # ---- query ---------------------------------------------------------------------------
    @property
    def query(self):
        if self._query is None:
            from jjjdesk.services.query import ListQuery

            self._query = ListQuery()
        return self._query

    @property
    def total(self) -> int:
        """Rows matching the current query (not only those fetched)."""
        return self._total

    def set_context(self, context: AppContext | None) -> None:
        self.context = context
        self.reload()

    def show_rows(self, rows: list[Any], total: int) -> None:
        """Rows read before the database opened (the start-up glance); a reload replaces them."""
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self.endResetModel()

    def set_query(self, **changes: Any) -> None:
        self._query = replace(self.query, **changes)
        self.reload()

    def reload(self) -> None:
        """Count the matches and fetch the first page."""
        self.beginResetModel()
        self._rows = []
        self._total = 0
        if self.context is not None:
            self._total = self.context.read(self._count, query=self.query)
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        self.reloaded.emit()

    def count_all(self) -> int:
        """Rows with no filter at all, for "显示 12 / 80"."""
        if self.context is None:
            return 0
        from jjjdesk.services.query import ListQuery

        return self.context.read(self._count, query=ListQuery())

    # ---- lazy fetching ---------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or self.context is None:
            return
        offset = len(self._rows)
        rows = self.context.read(self._list, query=self.query, offset=offset, limit=self.PAGE_SIZE)
        if not rows:
            self._total = offset  # the table shrank under us; stop asking
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # ---- the model interface -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section in self.NUMERIC_COLUMNS
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == RecordRole:
            return row
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if getattr(row, "is_demo", False):
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.DEMO_COLUMN:
                return DEMO_BRUSH
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("PagedTableModel", "演示数据")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new SQL query, never a sort of the fetched rows."""
        if not 0 <= column < len(self.SORT_KEYS) or self.SORT_KEYS[column] is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self.query.sort == self.SORT_KEYS[column] and self.query.descending == descending:
            return
        self.set_query(sort=self.SORT_KEYS[column], descending=descending)

    def row_of(self, record_id: int) -> int | None:
        """Position of a fetched record, or None."""
        for position, row in enumerate(self._rows):
            if row.id == record_id:
                return position
        return None

    def record(self, position: int) -> Any:
        return self._rows[position]


def demo_tag(row: Any) -> str:
    return QCoreApplication.translate("PagedTableModel", "演示") if row.is_demo else ""


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def day(value) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d")


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.4f}".rstrip("0").rstrip(".")
