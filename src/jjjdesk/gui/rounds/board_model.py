"""The submission board of one round as a table: one row per unit, coloured by state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt

from jjjdesk.gui.models.list_table import ListTableModel
from jjjdesk.gui.rounds.common import UNIT_STATE_COLOURS, brush, stamp

if TYPE_CHECKING:
    from jjjdesk.services.board import BoardRow

RowRole = Qt.ItemDataRole.UserRole + 1


class BoardModel(ListTableModel):
    CONTEXT = "BoardModel"
    (COL_UNIT, COL_STATE, COL_FILLED, COL_SENT, COL_LAST, COL_LATE, COL_REMINDED, COL_COUNT,
     COL_CONTACT) = range(9)
    HEADERS = ("责任单位", "状态", "已填/应填", "已报送", "最近报送", "迟交", "最近催报",
               "催报次数", "联系人")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.COL_STATE:
            return brush(UNIT_STATE_COLOURS.get(row.state, "#ffffff"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_STATE,
            self.COL_FILLED,
            self.COL_SENT,
            self.COL_LATE,
            self.COL_COUNT,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_FILLED and row.parts:
            return QCoreApplication.translate(
                "BoardModel", "含配合事项 {0} 项,已报 {1} 项").format(row.parts,
                                                                    row.parts_reported)
        if role == RowRole:
            return row
        return None

    def _display(self, row: BoardRow, column: int) -> str:
        if column == self.COL_UNIT:
            return row.unit_name
        if column == self.COL_STATE:
            return QCoreApplication.translate("enums", row.state_label)
        if column == self.COL_FILLED:
            return f"{row.filled}/{row.total}"
        if column == self.COL_SENT:
            return f"{row.submitted}/{row.total}"
        if column == self.COL_LAST:
            return stamp(row.last_submitted_at)
        if column == self.COL_LATE:
            if row.late_workdays is None:
                return ""
            if row.late_workdays == 0:
                return QCoreApplication.translate("BoardModel", "按时")
            return QCoreApplication.translate("BoardModel", "{0} 个工作日").format(
                row.late_workdays)
        if column == self.COL_REMINDED:
            return stamp(row.reminded_at)
        if column == self.COL_COUNT:
            return str(row.reminder_count) if row.reminder_count else ""
        contact = " ".join(p for p in (row.contact_person, row.contact_phone) if p)
        return contact

    def row_of_unit(self, unit_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.unit_id == unit_id), None)
