"""A read-only table over a short list of plain rows, its columns declared as data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from jjjdesk.gui.header_fit import fit_headers, fit_short_values
from jjjdesk.gui.models.list_table import ListTableModel

RowRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str  # Chinese source text, translated in the model's context
    text: Callable[[Any], str]
    numeric: bool = False
    background: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    icon: Callable[[Any], Any] | None = None
    width: int = 0


def column_header(context: str, columns: tuple[Column, ...], section: int,
                  orientation: Qt.Orientation, role: int) -> Any:
    """A header of columns declared as data: its title translated in `context`, numbers'
    titles right-aligned as their cells."""
    if orientation != Qt.Orientation.Horizontal:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return QCoreApplication.translate(context, columns[section].header)
    if role == Qt.ItemDataRole.TextAlignmentRole and columns[section].numeric:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def cell_role(column: Column, row: Any, role: int, text: Callable[[], str]) -> Any:
    """A cell's colour, icon, tooltip (its text when long) and alignment, as its column
    declares them; `text` gives the shown text when the tooltip needs it."""
    if role == Qt.ItemDataRole.BackgroundRole and column.background:
        return column.background(row)
    if role == Qt.ItemDataRole.DecorationRole and column.icon:
        return column.icon(row)
    if role == Qt.ItemDataRole.ToolTipRole:
        if column.tooltip:
            return column.tooltip(row)
        shown = text()
        return shown if len(shown) > 16 else None
    if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def set_widths(view, columns: tuple[Column, ...]) -> None:
    """The columns' declared widths, each widened to its header in the interface language."""
    for position, column in enumerate(columns):
        if column.width:
            view.horizontalHeader().resizeSection(position, column.width)
    fit_headers(view.horizontalHeader())


class RowsModel(ListTableModel):
    """For lists the services already bound (a round's units, its entries, the lights)."""

    CONTEXT: ClassVar[str] = "RowsModel"
    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    def row(self, position: int) -> Any:
        return self.rows[position]

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self.CONTEXT, self.COLUMNS, section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == RowRole:
            return row
        return cell_role(column, row, role, lambda: column.text(row))

    def apply_widths(self, view) -> None:
        set_widths(view, self.COLUMNS)
        self._fit_view = view  # its narrow columns fit the first rows that arrive

    def set_rows(self, rows: list[Any]) -> None:
        super().set_rows(rows)
        view = getattr(self, "_fit_view", None)
        if view is not None and self.rows:
            self._fit_view = None
            fit_short_values(view)
