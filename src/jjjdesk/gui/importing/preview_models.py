"""The preview's two tables (rows to import, diagnostics) as sortable, filterable models.

A preview is bounded (the import's row limit), so holding it whole and filtering with a
QSortFilterProxyModel is fine here, unlike the registry lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from jjjdesk.importing import Diagnostic, EvidenceFile, PreviewRow

SortRole = Qt.ItemDataRole.UserRole + 10  # numbers sort as numbers
CategoryRole = Qt.ItemDataRole.UserRole + 11  # status of a row, level of a diagnostic
ItemRole = Qt.ItemDataRole.UserRole + 12  # the PreviewRow / Diagnostic

STATUS_COLOURS = {
    "new": "#c8e6c9",
    "changed": "#bbdefb",
    "unchanged": "#eceff1",
    "rejected": "#ffcdd2",
}
LEVEL_COLOURS = {"error": "#ffcdd2", "warning": "#fff3cd", "info": "#eceff1"}
_Index = QModelIndex | QPersistentModelIndex


def changes_text(row: PreviewRow) -> str:
    empty = QCoreApplication.translate("PreviewRowsModel", "(空)")
    return ";".join(f"{c.label}:{c.old or empty} → {c.new or empty}" for c in row.changes)


class ListModel(QAbstractTableModel):
    """A bounded list of items as a read-only table: translated HEADERS, numbers right."""

    CONTEXT: ClassVar[str] = ""
    HEADERS: ClassVar[tuple[str, ...]] = ()
    NUMERIC: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, items: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self._items = list(items)

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def _value(self, item: Any, column: int) -> Any:
        raise NotImplementedError

    def _category(self, item: Any) -> str:
        raise NotImplementedError

    def _colour(self, item: Any) -> str | None:
        return None

    def _tooltip(self, item: Any) -> str:
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(item, column)
            return "" if value is None else str(value)
        if role == SortRole:
            value = self._value(item, column)
            if column in self.NUMERIC:
                return -1 if value is None else value
            return str(value or "")
        if role == CategoryRole:
            return self._category(item)
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            colour = self._colour(item)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PreviewRowsModel(ListModel):
    CONTEXT = "PreviewRowsModel"
    COL_STATUS, COL_SHEET, COL_ROW, COL_CODE, COL_NAME, COL_PERIOD, COL_CHANGES = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("PreviewRowsModel", "状态"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "工作表"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "行"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "编号"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "名称"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "期次"),
        QT_TRANSLATE_NOOP("PreviewRowsModel", "变化(原值 → 新值)或原因"),
    )
    NUMERIC = frozenset({COL_ROW})

    def __init__(self, items=(), parent=None):
        super().__init__(items, parent)
        self.hidden: set[tuple[str, int]] = set()  # rows the file hides: marked 隐藏行

    def _value(self, row: PreviewRow, column: int) -> Any:
        match column:
            case self.COL_STATUS:
                status = QCoreApplication.translate("PreviewRowsModel", row.status_label)
                if (row.sheet, row.row) in self.hidden:
                    return QCoreApplication.translate("PreviewRowsModel", "{0}·隐藏行").format(
                        status)
                return status
            case self.COL_SHEET:
                return row.sheet
            case self.COL_ROW:
                return row.row
            case self.COL_CODE:
                return row.code
            case self.COL_NAME:
                return row.name
            case self.COL_PERIOD:
                return row.period_key
            case self.COL_CHANGES:  # why a row is not imported comes first
                return ";".join(filter(None, (";".join(row.messages), changes_text(row))))
        return None

    def _category(self, row: PreviewRow) -> str:
        return row.status

    def _colour(self, row: PreviewRow) -> str | None:
        return STATUS_COLOURS.get(row.status)

    def _tooltip(self, row: PreviewRow) -> str:
        return "\n".join(
            [*(f"{c.label}:{c.old or '—'} → {c.new or '—'}" for c in row.changes), *row.messages]
        )


class DiagnosticsModel(ListModel):
    CONTEXT = "DiagnosticsModel"
    COL_LEVEL, COL_SHEET, COL_ROW, COL_COLUMN, COL_VALUE, COL_PROBLEM, COL_SUGGESTION = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("DiagnosticsModel", "级别"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "工作表"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "行"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "列"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "单元格内容"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "问题"),
        QT_TRANSLATE_NOOP("DiagnosticsModel", "建议"),
    )
    NUMERIC = frozenset({COL_ROW})

    def _value(self, d: Diagnostic, column: int) -> Any:
        match column:
            case self.COL_LEVEL:
                return d.level_label
            case self.COL_SHEET:
                return d.sheet
            case self.COL_ROW:
                return d.row
            case self.COL_COLUMN:
                return d.column
            case self.COL_VALUE:
                return d.value
            case self.COL_PROBLEM:
                return d.problem
            case self.COL_SUGGESTION:
                return d.suggestion
        return None

    def _category(self, d: Diagnostic) -> str:
        return d.level

    def _colour(self, d: Diagnostic) -> str | None:
        return LEVEL_COLOURS.get(d.level)

    def _tooltip(self, d: Diagnostic) -> str:
        return d.text()


EVIDENCE_COLOURS = {"attach": "#c8e6c9", "refused": "#ffcdd2", "unmatched": "#fff3cd",
                    "skipped": "#eceff1"}
#: The statuses' labels as the core writes them (`importing.views.EVIDENCE_LABELS`).
_EVIDENCE_LABELS = (
    QT_TRANSLATE_NOOP("EvidenceModel", "将附加"),
    QT_TRANSLATE_NOOP("EvidenceModel", "不附加"),
    QT_TRANSLATE_NOOP("EvidenceModel", "未对应到行"),
    QT_TRANSLATE_NOOP("EvidenceModel", "未附加"),
)


class EvidenceModel(ListModel):
    """The files a folder's or zip's return brought: which row each goes to, or why not."""

    CONTEXT = "EvidenceModel"
    COL_STATUS, COL_FILE, COL_SIZE, COL_SHEET, COL_ROW, COL_ITEM, COL_MESSAGE = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("EvidenceModel", "状态"),
        QT_TRANSLATE_NOOP("EvidenceModel", "文件"),
        QT_TRANSLATE_NOOP("EvidenceModel", "大小"),
        QT_TRANSLATE_NOOP("EvidenceModel", "工作表"),
        QT_TRANSLATE_NOOP("EvidenceModel", "行"),
        QT_TRANSLATE_NOOP("EvidenceModel", "对应事项"),
        QT_TRANSLATE_NOOP("EvidenceModel", "说明"),
    )
    NUMERIC = frozenset({COL_ROW})

    def _value(self, f: EvidenceFile, column: int) -> Any:
        match column:
            case self.COL_STATUS:
                return QCoreApplication.translate("EvidenceModel", f.status_label)
            case self.COL_FILE:
                return f.name
            case self.COL_SIZE:
                return f.size_text
            case self.COL_SHEET:
                return f.sheet
            case self.COL_ROW:
                return f.row
            case self.COL_ITEM:
                return f.what
            case self.COL_MESSAGE:
                return f.message
        return None

    def _category(self, f: EvidenceFile) -> str:
        return f.status

    def _colour(self, f: EvidenceFile) -> str | None:
        return EVIDENCE_COLOURS.get(f.status)

    def _tooltip(self, f: EvidenceFile) -> str:
        return f.message


class FilterProxy(QSortFilterProxyModel):
    """Text in any column, plus one category (a row's status or a diagnostic's level)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._categories: frozenset[str] | None = None

    def set_categories(self, categories: frozenset[str] | None) -> None:
        self._categories = categories
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._categories is not None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            if index.data(CategoryRole) not in self._categories:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
