"""A table model that asks the services for one keyset page of rows at a time, sorted in SQL,
here or in the worker."""

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
    from jjjdesk.gui.worker import Worker
    from jjjdesk.services.query import Page, PageRequest

log = logging.getLogger(__name__)

RecordRole = Qt.ItemDataRole.UserRole + 1  # the row's dataclass
IdRole = Qt.ItemDataRole.UserRole + 2  # the record id

DEMO_BRUSH = QBrush(QColor("#8a8f98"))
SERVED_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole, RecordRole, IdRole})
_Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Subclasses name their columns (HEADERS, SORT_KEYS) and how to count and list rows."""

    PAGE_SIZE = 200
    CONTEXT: ClassVar[str] = "PagedTableModel"  # translation context of the headers
    HEADERS: ClassVar[tuple[str, ...]] = ()
    SORT_KEYS: ClassVar[tuple[str | None, ...]] = ()  # ListQuery.sort per column, None = fixed
    NUMERIC_COLUMNS: ClassVar[frozenset[int]] = frozenset()
    DEMO_COLUMN: ClassVar[int] = -1  # greyed for demo records (all cells say so in a tooltip)

    reloaded = Signal()  # a new query's first page (or the last page) is in
    prepended = Signal(int)  # rows that came in above the first shown row
    failed = Signal(object)  # a page could not be read (in the worker): the exception

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context: AppContext | None = None
        # set by pages whose lists are long: pages are then read off the GUI thread
        self.worker: Worker | None = None
        self._query = None
        self._rows: list[Any] = []
        self._keys: list[tuple] = []  # each fetched row's keyset key
        self._total = 0
        self._everything = 0  # rows with no filter at all
        self._at_start = True  # the first fetched row is the list's first
        self._at_end = True  # the last fetched row is the list's last
        self._generation = 0  # a reset makes pages still being read obsolete
        self._fetching = False
        self._texts: dict[tuple[int, int], str] = {}  # shown cells, by position

    # ---- what subclasses provide -------------------------------------------------------
    def _count(self, session, query) -> int:
        raise NotImplementedError

    def _page(self, session, query, request: PageRequest) -> Page:
        raise NotImplementedError

    def _display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def _count_everything(self, session) -> int:
        return self._count(session, type(self.query)())

    def read_page(self, session, query, request: PageRequest) -> Page:
        """A page as this list reads it (the export walks all of them in the worker)."""
        return self._page(session, query, request)

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

    def is_loading(self) -> bool:
        return self._fetching

    def set_context(self, context: AppContext | None) -> None:
        self.context = context
        self.reload()

    def show_rows(self, rows: list[Any], total: int) -> None:
        """Rows read before the database opened (the start-up glance); a reload replaces them."""
        self.beginResetModel()
        self._rows, self._keys = list(rows), []
        self._texts.clear()
        self._total = self._everything = total
        self._at_start, self._at_end = True, True
        self.endResetModel()

    def set_query(self, **changes: Any) -> None:
        self.use_query(replace(self.query, **changes))

    def use_query(self, query: Any) -> None:
        """Show what a whole new query matches (a page's filters, as a frozen dataclass)."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Count the matches and fetch the first page."""
        if self.context is None:
            self._generation += 1
            self._fetching = False
            self.beginResetModel()
            self._rows, self._keys, self._total, self._everything = [], [], 0, 0
            self._texts.clear()
            self._at_start = self._at_end = True
            self.endResetModel()
            self.reloaded.emit()
            return
        self._load(self._request(), "first")

    def jump_to_end(self) -> None:
        """Show the list's last page, read backwards from its end (no row before it is read);
        earlier pages come in above it as the view scrolls up (`fetch_before`)."""
        if self._at_end or self.context is None:
            return
        self._load(self._request(last=True), "last")

    def count_all(self) -> int:
        """Rows with no filter at all, for "显示 12 / 80" (counted with the first page)."""
        return self._everything

    def _request(self, **fields: Any) -> PageRequest:
        from jjjdesk.services.query import PageRequest

        return PageRequest(limit=self.PAGE_SIZE, **fields)

    # ---- reading: here, or in the worker -------------------------------------------------
    def _load(self, request: PageRequest, place: str) -> None:
        """`place`: "first" replaces the rows and counts, "last" replaces the rows, "after" and
        "before" add a page below or above."""
        context, query = self.context, self.query
        if context is None:
            return
        resets = place in ("first", "last")
        if resets:
            self._generation += 1
        elif self._fetching:
            return  # that page is on its way
        self._fetching = True
        generation = self._generation

        def read(session):
            counts = (self._count(session, query), self._count_everything(session)) \
                if place == "first" else None  # the last page keeps the count it follows
            return counts, self._page(session, query, request)

        def show(result) -> None:
            if generation == self._generation:
                self._fetching = False
                self._show(place, request, *result)

        if self.worker is None:
            show(context.read(read))
            return
        self.worker.submit(lambda: context.read(read), show, self._failed_in_worker(generation))

    def _failed_in_worker(self, generation: int):
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
                log.error("a page of %s could not be read", type(self).__name__, exc_info=exc)
                self.failed.emit(exc)

        return failed

    def _show(self, place: str, request: PageRequest, counts, page: Page) -> None:
        rows, keys, full = list(page.rows), list(page.keys), len(page.rows) == request.limit
        if place in ("first", "last"):
            self.beginResetModel()
            if counts is not None:
                self._total, self._everything = counts
            self._rows, self._keys = rows, keys
            self._texts.clear()
            self._at_start = place == "first" or not full or len(rows) >= self._total
            self._at_end = place == "last" or not full or len(rows) >= self._total
            self.endResetModel()
            self.reloaded.emit()
            return
        if not rows:  # the table shrank under us; stop asking
            if place == "after":
                self._at_end = True
            else:
                self._at_start = True
            return
        if place == "after":
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self._keys.extend(keys)
            self._at_end = not full or (self._at_start and len(self._rows) >= self._total)
            self.endInsertRows()
        else:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows[:0], self._keys[:0] = rows, keys
            self._texts.clear()  # every position moved
            self._at_start = not full or len(self._rows) >= self._total
            self.endInsertRows()
            self.prepended.emit(len(rows))

    # ---- lazy fetching ---------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._at_end and bool(self._keys)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or not self.canFetchMore(parent):
            return
        self._load(self._request(after=self._keys[-1]), "after")

    def can_fetch_before(self) -> bool:
        """After `jump_to_end`: pages above the first shown row are still to read."""
        return not self._at_start and bool(self._keys)

    def fetch_before(self) -> None:
        if self.can_fetch_before():
            self._load(self._request(before=self._keys[0]), "before")

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

    def text(self, position: int, column: int) -> str:
        """A cell's text, made once: every paint asks each visible cell again (formatting
        them afresh made a repaint of 审核 ~80 ms: bench/bench_lists.py)."""
        key = (position, column)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = self._display(self._rows[position], column)
        return found

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SERVED_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None  # Qt asks ~10 roles of every cell it paints: most are answered here
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
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
