"""Two people saved the same record: 他人的版本 and 我的修改 side by side, field by field."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

DIFF_BRUSH = QBrush(QColor("#fff4ce"))


class ConflictDialog(QDialog):
    """rows: (field label, their value, my value) as text; `choice` after exec."""

    KEEP_MINE = 1
    TAKE_THEIRS = 2

    def __init__(self, what: str, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存冲突"))
        self.resize(760, 460)
        self.choice = 0
        intro = QLabel(
            self.tr(
                "在您编辑期间,{0}已被他人修改并保存。请对照两边的内容后选择:"
                "“以我的为准”用您的修改覆盖他人的版本;“放弃我的修改”载入他人的版本。"
                "有差异的字段以黄色标出。"
            ).format(what),
            objectName="introLabel",
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3, self, objectName="conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("字段"), self.tr("他人的版本"), self.tr("我的修改")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.differing: list[str] = []
        for row, (label, theirs, mine) in enumerate(rows):
            cells = [QTableWidgetItem(label), QTableWidgetItem(theirs), QTableWidgetItem(mine)]
            if theirs != mine:
                self.differing.append(label)
                for cell in cells:
                    cell.setBackground(DIFF_BRUSH)
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(self)
        self.mine_button = QPushButton(self.tr("以我的为准"), objectName="keepMineButton")
        self.theirs_button = QPushButton(self.tr("放弃我的修改"), objectName="takeTheirsButton")
        self.later_button = QPushButton(self.tr("稍后决定"), objectName="laterButton")
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.mine_button.clicked.connect(lambda: self._choose(self.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(self.TAKE_THEIRS))
        self.later_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def run_conflict(dialog: ConflictDialog) -> int:
    """Every conflict dialog goes through here, so tests can answer it."""
    dialog.exec()
    return dialog.choice


def display_value(widget: QWidget, value: object) -> str:
    """A stored value as the form's widget would show it (names for ids, 2024-03-05 dates)."""
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QListWidget

    from jjjdesk.gui.forms.fields import format_number

    if isinstance(widget, QComboBox):
        position = widget.findData(value)
        return widget.itemText(position) if position >= 0 else ("" if value is None else str(value))
    if isinstance(widget, QListWidget):
        wanted = set(value or [])  # type: ignore[arg-type]
        return "、".join(
            widget.item(row).text()
            for row in range(widget.count())
            if widget.item(row).data(Qt.ItemDataRole.UserRole) in wanted
        )
    if value is None:
        return ""
    if isinstance(value, bool):
        return widget.tr("是") if value else widget.tr("否")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float | int):
        return format_number(value)
    return str(value)
