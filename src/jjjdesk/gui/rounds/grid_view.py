"""The spreadsheet-like view of a unit's return: typing edits, Tab/Enter move on, Ctrl+V
pastes a block copied from Excel."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from jjjdesk.domain.enums import Assessment
from jjjdesk.gui.forms.fields import enum_choices
from jjjdesk.gui.rounds.grid_model import UnitReturnModel


def parse_clipboard(text: str) -> list[list[str]]:
    """Excel's tab-separated copy: quoted cells may hold line breaks; the last newline ends
    the block rather than adding an empty row."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


class AssessmentDelegate(QStyledItemDelegate):
    """A dropdown for 推进情况 (typing its first letters still works in the combo)."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        combo = QComboBox(parent)
        for code, label in enum_choices(Assessment):
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findText(text)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UnitReturnView(QTableView):
    pasted = Signal(int)  # cells written

    def __init__(self, model: UnitReturnModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("unitReturnView")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setItemDelegateForColumn(model.column_of("assessment"), AssessmentDelegate(self))

    def grid_model(self) -> UnitReturnModel:
        return self.model()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self._move(1 if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier else -1)
            return
        if event.key() == Qt.Key.Key_Delete and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            for index in self.selectedIndexes():
                self.grid_model().set_cell(index.row(), index.column(), "")
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter in an editor commits it and moves down, as in a spreadsheet.
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1)

    def _move(self, step: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + step, 0), self.model().rowCount() - 1)
        self.setCurrentIndex(self.model().index(row, current.column()))

    def paste_text(self, text: str) -> int:
        """Fill from the current cell right and down; read-only cells are skipped. Each
        changed row is checked once at the end."""
        block = parse_clipboard(text)
        start: QModelIndex = self.currentIndex()
        if not block or not start.isValid():
            return 0
        model = self.grid_model()
        written = 0
        rows: set[int] = set()
        for dr, line in enumerate(block):
            row = start.row() + dr
            if row >= model.rowCount():
                break
            for dc, value in enumerate(line):
                column = start.column() + dc
                if column >= model.columnCount():
                    break
                if model.set_cell(row, column, value.strip(), check=False):
                    written += 1
                    rows.add(row)
        for row in rows:
            model.check_row(row)
        self.pasted.emit(written)
        return written
