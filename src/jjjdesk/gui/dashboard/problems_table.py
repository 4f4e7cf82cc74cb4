"""Open problems and coordination needs, oldest first: a small read-only table model."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from jjjdesk.gui.header_fit import fit_headers
from jjjdesk.gui.models.list_table import ListTableModel

Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1


class ProblemsModel(ListTableModel):
    CONTEXT = "Dashboard"
    COL_RAISED, COL_KIND, COL_DESCRIPTION, COL_OWNER, COL_SUBJECT, COL_STATE = range(6)
    HEADERS = ("提出时间", "类型", "问题或需协调事项", "责任单位", "涉及任务/项目", "状态")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        if role == RecordRole:
            return p
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{p.kind_label}({p.state_label}):{p.description}\n责任单位:{p.owner_unit}"
                f"\n涉及:{p.subject_label or '—'}\n提出:{p.raised_label}\n双击打开问题清单"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            p.raised_label,
            p.kind_label,
            p.description,
            p.owner_unit,
            p.subject_label,
            p.state_label,
        )[index.column()]


def problems_view(model: ProblemsModel) -> QTableView:
    view = QTableView(objectName="problemsTable")
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate((84, 76, 320, 104, 200, 60)):
        header.resizeSection(column, width)
    # The tile is narrow: kind, subject and state are in the tooltip and on the 问题清单 page.
    view.setColumnHidden(ProblemsModel.COL_SUBJECT, True)
    view.setColumnHidden(ProblemsModel.COL_STATE, True)
    view.setColumnHidden(ProblemsModel.COL_KIND, True)
    header.setSectionResizeMode(ProblemsModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
    fit_headers(header)  # "Responsible units" is wider than 责任单位's 104 px
    return view
