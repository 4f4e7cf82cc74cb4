"""配合事项 in a unit's return: items it is 配合 (or 共同牵头) on, the lead's entry beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import format_number
from jjjdesk.gui.rounds.common import brush
from jjjdesk.services import coop_parts

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

COLUMNS = ("编号", "事项", "角色", "牵头单位", "牵头单位本期进展", "本单位配合进展",
           "本单位完成进度(%)")
COL_PROGRESS, COL_PCT = 5, 6


def _tr(text: str) -> str:
    return QCoreApplication.translate("CoopPartsModel", text)


class CoopPartsModel(QAbstractTableModel):
    """One row per part the unit owes; its own two cells editable, the rest read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.parts: list[coop_parts.PartView] = []
        self.values: list[dict[int, str]] = []
        self.edited: set[int] = set()

    def set_parts(self, parts: list[coop_parts.PartView]) -> None:
        self.beginResetModel()
        self.parts = list(parts)
        self.values = [{COL_PROGRESS: p.progress,
                        COL_PCT: "" if p.completion_pct is None else format_number(
                            p.completion_pct)} for p in parts]
        self.edited = set()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.parts)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return _tr(COLUMNS[section])

    def flags(self, index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() in (COL_PROGRESS, COL_PCT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p, column = self.parts[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column in (COL_PROGRESS, COL_PCT):
                text = self.values[index.row()][column]
            else:
                role_text = QCoreApplication.translate("enums", p.role_label)
                text = (p.subject_code, p.subject_name, role_text, p.lead_unit_name,
                        p.lead_progress)[column]
            return text.replace("\n", " ⏎ ") if role == Qt.ItemDataRole.DisplayRole else text
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == 2:
                return brush("#fff2cc")  # the 配合 mark
            return None if column in (COL_PROGRESS, COL_PCT) else brush("#f5f5f5")
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 4, COL_PROGRESS):
            text = (p.subject_name if column == 1 else p.lead_progress if column == 4
                    else self.values[index.row()][COL_PROGRESS])
            return text or None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (
                self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = "" if value is None else str(value)
        if self.values[index.row()][index.column()] != text:
            self.values[index.row()][index.column()] = text
            self.edited.add(index.row())
            self.dataChanged.emit(index, index)
        return True

    def payload(self) -> list[coop_parts.PartInput]:
        """The edited rows for `save_parts`; raises UserFacingError on a bad 完成进度."""
        out = []
        for row in sorted(self.edited):
            p, v = self.parts[row], self.values[row]
            pct_text = v[COL_PCT].strip().rstrip("%")
            try:
                pct = float(pct_text) if pct_text else None
            except ValueError:
                raise UserFacingError(_tr("第{0}行“{1}”:完成进度请填写0到100之间的数字。").format(
                    row + 1, p.subject_name)) from None
            out.append(coop_parts.PartInput(p.subject, v[COL_PROGRESS], pct, p.version))
        return out


class CoopPartsPanel(QWidget):
    """The 配合事项 table of a unit's return with its own 保存配合进展 button."""

    def __init__(self, context: AppContext, round_id: int, unit_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.round_id, self.unit_id = context, round_id, unit_id
        self.model = CoopPartsModel(self)
        self.view = QTableView(self, objectName="coopPartsTable")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((60, 220, 70, 120, 300, 300, 110)):
            header.resizeSection(column, width)
        title = QLabel(self.tr("配合事项:本单位为以下事项的配合单位(或共同牵头单位),"
                               "请填写本单位承担部分的进展;牵头单位的进展仅供参考。"), self)
        title.setWordWrap(True)
        self.status_label = QLabel(self, objectName="coopStatusLabel")
        self.save_button = QPushButton(self.tr("保存配合进展"), objectName="saveCoopButton")
        self.save_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.model.dataChanged.connect(lambda *_: self.status_label.setText(
            self.tr("{0} 项已修改,尚未保存").format(len(self.model.edited))))
        self.load()

    def load(self) -> None:
        self.model.set_parts(self.context.read(coop_parts.round_parts, round_id=self.round_id,
                                               unit_id=self.unit_id))

    def is_dirty(self) -> bool:
        return bool(self.model.edited)

    def save(self) -> bool:
        self.view.setFocus()  # commit an open editor first
        try:
            parts = self.model.payload()
            if not parts:
                return True
            self.context.write(coop_parts.save_parts, entity="entry", round_id=self.round_id,
                               unit_id=self.unit_id, parts=parts)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
            return False
        self.load()
        self.status_label.setText(self.tr("已保存 {0} 项配合进展。").format(len(parts)))
        return True
