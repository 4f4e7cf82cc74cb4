"""A keyset-paged list whose columns are declared as data (rows_model.Column), for the long
lists the worker reads: 审核, 退回待改, 问题清单."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from jjjdesk.gui.header_fit import fit_short_values
from jjjdesk.gui.models.paged_model import SERVED_ROLES, PagedTableModel, RecordRole
from jjjdesk.gui.rounds.rows_model import Column, cell_role, column_header, set_widths

_Index = QModelIndex | QPersistentModelIndex


class PagedRowsModel(PagedTableModel):
    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    def row(self, position: int) -> Any:
        return self._rows[position]

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self.CONTEXT, self.COLUMNS, section, orientation, role)

    def _display(self, row: Any, column: int) -> str:
        return self.COLUMNS[column].text(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SERVED_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == RecordRole:
            return row
        return cell_role(column, row, role, lambda: self.text(index.row(), index.column()))

    def apply_widths(self, view) -> None:
        set_widths(view, self.COLUMNS)

        def fit_once() -> None:  # the narrow columns, to the first rows that come in
            if self.rowCount():
                self.reloaded.disconnect(fit_once)
                fit_short_values(view)

        self.reloaded.connect(fit_once)
