"""The user accounts as a table (an office has tens of them, read in one query)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jjjdesk.gui.models.paged_model import IdRole, RecordRole

_Index = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    COL_USERNAME, COL_NAME, COL_ROLE, COL_UNIT, COL_ACTIVE, COL_LAST_LOGIN = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self.headers = [
            self.tr("用户名"),
            self.tr("姓名"),
            self.tr("角色"),
            self.tr("所属单位"),
            self.tr("状态"),
            self.tr("最近登录"),
        ]

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == user_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == RecordRole:
            return row
        if role == IdRole:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.COL_USERNAME:
            return row.username
        if col == self.COL_NAME:
            return row.display_name
        if col == self.COL_ROLE:
            return self.tr(row.role_label)
        if col == self.COL_UNIT:
            return row.unit_name
        if col == self.COL_ACTIVE:
            state = self.tr("启用") if row.active else self.tr("已停用")
            return state + (self.tr("(须改密码)") if row.must_change_password else "")
        if col == self.COL_LAST_LOGIN:
            if row.last_login_at is None:
                return self.tr("从未登录")
            from jjjdesk.services.audit import local_time

            return local_time(row.last_login_at).strftime("%Y-%m-%d %H:%M")
        return None
