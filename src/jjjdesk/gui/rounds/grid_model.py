"""A unit's whole return as an editable table: one row per item, one column per entry field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from jjjdesk.domain.entry_rules import ENTRY_FIELDS, INVEST_FIELDS, EntryContext, check_entry
from jjjdesk.domain.enums import Assessment
from jjjdesk.gui.forms.fields import format_number
from jjjdesk.gui.rounds.common import ERROR_BG, REVIEW_COLOURS, WARNING_BG, brush
from jjjdesk.services.unit_return import GRID_COLUMNS, CellError, GridRow

FIXED = ("编号", "事项", "状态")
FIRST_FIELD = len(FIXED)
PROJECT_ONLY = (*INVEST_FIELDS, "cumulative_reason")


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnitReturnModel", text)


class UnitReturnModel(QAbstractTableModel):
    """Cells hold what the user typed (text) until saved; checks run per row as they change."""

    dirty_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[GridRow] = []
        self.values: list[dict[str, Any]] = []
        self.edited: set[int] = set()
        self.errors: dict[tuple[int, str], str] = {}
        self.warnings: dict[tuple[int, str], str] = {}

    # ---- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[GridRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        # Blank cells as "" (not None): the rules read "" as "not filled" for every field,
        # while a None 推进情况 of a row without an entry would be refused.
        self.values = [{k: "" if v is None else v for k, v in r.values.items()} for r in rows]
        self.edited = set()
        self.errors, self.warnings = {}, {}
        self.endResetModel()
        self.dirty_changed.emit(False)

    def is_dirty(self) -> bool:
        return bool(self.edited)

    def field_of(self, column: int) -> str | None:
        index = column - FIRST_FIELD
        return GRID_COLUMNS[index] if 0 <= index < len(GRID_COLUMNS) else None

    def column_of(self, field: str) -> int:
        return FIRST_FIELD + GRID_COLUMNS.index(field)

    def is_editable(self, row: int, column: int) -> bool:
        field = self.field_of(column)
        if field is None or not self.rows[row].editable:
            return False
        return field not in PROJECT_ONLY or self.rows[row].subject.kind == "project"

    def payload(self) -> list[dict[str, Any]]:
        """Rows for `save_unit_return`: every row, with the version it was read at."""
        return [
            {"subject": r.subject, "version": r.version, **v}
            for r, v in zip(self.rows, self.values, strict=True)
        ]

    # ---- checks --------------------------------------------------------------------------
    def check_row(self, row: int) -> None:
        """The same rules as the service, with the row's own context (no database)."""
        r = self.rows[row]
        ctx = EntryContext(
            is_project=r.subject.kind == "project",
            previous_cumulative=r.previous_cumulative,
            total_investment=r.total_investment,
            tolerance=r.tolerance,
        )
        result = check_entry(self.values[row], ctx)
        for store in (self.errors, self.warnings):
            for key in [k for k in store if k[0] == row]:
                del store[key]
        self.errors.update({(row, f): m for f, m in result.errors.items()})
        self.warnings.update({(row, f): m for f, m in result.warnings.items()})
        self._repaint_row(row)

    def set_cell_errors(self, errors: list[CellError], warnings: list[CellError]) -> None:
        """Marks from the service after 全部保存 (row errors go on the item's name)."""
        self.errors = {(e.row, e.field or "_row"): e.message for e in errors}
        self.warnings = {(w.row, w.field or "_row"): w.message for w in warnings}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    def _repaint_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def error_count(self) -> int:
        return len(self.errors)

    # ---- the model interface -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_FIELD + len(GRID_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section < FIRST_FIELD:
            return _tr(FIXED[section])
        return QCoreApplication.translate("entry_fields", ENTRY_FIELDS[self.field_of(section)])

    def flags(self, index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        r = self.rows[row]
        field = self.field_of(column)
        key = (row, field or ("_row" if column == 1 else ""))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if field is None:
                return (r.code, r.name, _tr(r.review_state_label))[column]
            return self._text(field, self.values[row][field], role)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.errors:
                return brush(ERROR_BG.name())
            if key in self.warnings:
                return brush(WARNING_BG.name())
            if column == 2:
                return brush(REVIEW_COLOURS.get(r.review_state, "#ffffff"))
            if field is not None and not self.is_editable(row, column):
                return brush("#f5f5f5")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.errors:
                return self.errors[key]
            if key in self.warnings:
                return self.warnings[key]
            if column == 1:
                return r.name
            if column == 2:
                return r.review_comment or r.read_only_reason or None
            if field is not None and not r.editable:
                return r.read_only_reason
            value = self.values[row].get(field) if field else None
            return value if isinstance(value, str) and len(value) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and field in (
            "completion_pct",
            *INVEST_FIELDS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, field: str, value: Any, role: int) -> str:
        if value is None:
            return ""
        if field == "assessment":
            try:
                return QCoreApplication.translate("enums", Assessment(value).label)
            except ValueError:
                return str(value)  # what the user typed, shown as typed until fixed
        if isinstance(value, float | int):
            return format_number(value)
        text = str(value)
        if role == Qt.ItemDataRole.DisplayRole:
            return text.replace("\n", " ⏎ ")
        return text

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_cell(index.row(), index.column(), value)

    def set_cell(self, row: int, column: int, value: Any, check: bool = True) -> bool:
        if not self.is_editable(row, column):
            return False
        field = self.field_of(column)
        value = "" if value is None else str(value)
        if field == "assessment":
            value = _assessment_code(value)
        if self._text(field, self.values[row][field], Qt.ItemDataRole.EditRole) == value:
            return True
        self.values[row][field] = value
        was_dirty = self.is_dirty()
        self.edited.add(row)
        if check:
            self.check_row(row)
        else:
            self._repaint_row(row)
        if not was_dirty:
            self.dirty_changed.emit(True)
        return True


def _assessment_code(text: str) -> str:
    """Typed or pasted "滞后" / "lagging" → the code; anything else stays for the check."""
    try:
        return Assessment.from_text(text).value
    except ValueError:
        return text.strip()
