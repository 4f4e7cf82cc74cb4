"""What the progress widgets share: colours per state and light, today, small dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui import dialogs

#: Background of a unit's state on the submission board (text stays dark).
UNIT_STATE_COLOURS = {
    "pending": "#eceff1",  # 未报: neutral grey
    "submitted": "#c8e6c9",  # 已报: green
    "overdue": "#ffcdd2",  # 逾期: red
    "returned": "#ffe0b2",  # 退回: orange
}
LIGHT_COLOURS = {
    "green": "#2e7d32",
    "yellow": "#f9a825",
    "red": "#c62828",
    "grey": "#9e9e9e",
    "none": "#ffffff",
}
REVIEW_COLOURS = {
    "draft": "#eceff1",
    "submitted": "#bbdefb",
    "approved": "#c8e6c9",
    "returned": "#ffe0b2",
}
ERROR_BG = QColor("#ffcdd2")
WARNING_BG = QColor("#fff3cd")
WARNING_STYLE = "color: #9a6700;"
BANNER_STYLE = (
    "color: #6d4c00; background: #fff8e1; border: 1px solid #ffe082;"
    " border-radius: 3px; padding: 6px;"
)


def tr(text: str) -> str:
    return QCoreApplication.translate("rounds", text)


def today() -> date:
    """The day the board and the lights judge by (tests replace this)."""
    return date.today()


def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


_DOTS: dict[str, QIcon] = {}


def dot_icon(colour: str, size: int = 14) -> QIcon:
    """A filled circle, the light's own colour (cached per colour)."""
    if colour not in _DOTS:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#616161") if colour == "#ffffff" else QColor(colour))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
        _DOTS[colour] = QIcon(pixmap)
    return _DOTS[colour]


def make_table(model) -> QTableView:
    """A read-only list view as the registry pages have them."""
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setModel(model)
    return view


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def stamp(value) -> str:
    """A stored time (UTC) as the workstation's clock shows it."""
    from jjjdesk.services.audit import local_time

    return "" if value is None else local_time(value).strftime("%Y-%m-%d %H:%M")


class TextPromptDialog(QDialog):
    """Ask for a required text (退回意见, 重新打开理由, 处理说明): OK only when not blank."""

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        required: bool = True,
        text: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.text_edit = QPlainTextEdit(self, objectName="promptEdit")
        self.text_edit.setPlainText(text)
        self.text_edit.setMinimumSize(420, 120)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(label)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.required or bool(self.text().strip()))

    def text(self) -> str:
        return self.text_edit.toPlainText()


def run_dialog(dialog: QDialog) -> int:
    """Every modal progress dialog goes through here, so tests can answer it."""
    return dialog.exec()


def ask_text(parent: QWidget | None, title: str, prompt: str, required: bool = True) -> str | None:
    dialog = TextPromptDialog(title, prompt, parent, required)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.text().strip()


def ask_unsaved(parent: QWidget | None, what: str) -> QMessageBox.StandardButton:
    return dialogs.ask_unsaved(parent, tr("{0}有尚未保存的修改,是否保存为草稿?").format(what))


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    dialogs.run_box(box)
