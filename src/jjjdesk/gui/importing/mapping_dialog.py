"""列对应: which ledger field each column of a free-form return holds, remembered per unit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.importing import ColumnInfo, field_choices

UNSURE = frozenset({"contains", "none"})  # guessed from part of the header, or not at all
UNSURE_BG = QColor("#fff3cd")


class MappingDialog(QDialog):
    COL_SHEET, COL_LETTER, COL_HEADER, COL_SAMPLES, COL_FIELD = range(5)

    def __init__(self, columns: list[ColumnInfo], unit_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle(self.tr("列对应"))
        self.resize(900, 520)
        self.columns = columns
        self._choices = field_choices("return")
        intro = QLabel(
            self.tr(
                "请为文件中的每一列选择对应的台账内容;黄色的是没有把握的列。"
                "选择“(不导入)”的列不会读取。"
            ),
            objectName="introLabel",
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(columns), 5, objectName="mappingTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("工作表"),
                self.tr("列"),
                self.tr("表头"),
                self.tr("示例内容"),
                self.tr("对应台账内容"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 110), (1, 40), (2, 180), (3, 300)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        for r, col in enumerate(columns):
            unsure = col.how in UNSURE
            for c, text in (
                (self.COL_SHEET, col.sheet),
                (self.COL_LETTER, col.letter),
                (self.COL_HEADER, col.header),
                (self.COL_SAMPLES, " | ".join(col.samples)),
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if unsure:
                    item.setBackground(QBrush(UNSURE_BG))
                self.table.setItem(r, c, item)
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo{r}")
            for name, label in self._choices:
                combo.addItem(label, name)
            if col.field and combo.findData(col.field) < 0:  # e.g. 序号: read, not offered
                combo.addItem(col.field_label, col.field)
            combo.setCurrentIndex(max(combo.findData(col.field or ""), 0))
            self.table.setCellWidget(r, self.COL_FIELD, combo)
            self.combos.append(combo)
        self.table.resizeRowsToContents()
        self.remember_check = QCheckBox(
            self.tr("记住这些对应关系,{0}以后的报表自动使用").format(unit_name)
            if unit_name
            else self.tr("记住这些对应关系,所有单位以后的报表自动使用"),
            objectName="rememberCheck",
        )
        self.remember_check.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("重新预览"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remember_check)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_field(self, header: str, field: str | None) -> None:
        for col, combo in zip(self.columns, self.combos, strict=True):
            if col.header == header:
                combo.setCurrentIndex(max(combo.findData(field or ""), 0))

    def mapping(self) -> dict[str, dict[int, str | None]]:
        """{sheet: {column index: field or None}} for `preview_import(mapping=…)`."""
        out: dict[str, dict[int, str | None]] = {}
        for col, combo in zip(self.columns, self.combos, strict=True):
            out.setdefault(col.sheet, {})[col.index] = combo.currentData() or None
        return out

    def changed_headers(self) -> dict[str, str | None]:
        """{header: field or None} the user changed, for `save_column_mapping`."""
        return {
            col.header: combo.currentData() or None
            for col, combo in zip(self.columns, self.combos, strict=True)
            if (combo.currentData() or None) != col.field and col.header
        }
