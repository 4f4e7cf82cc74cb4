"""Change a problem's state (待协调 → 协调中 → 已解决 / 销号) with a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import ProblemState
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.rounds import common
from jjjdesk.services import problems

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


class ProblemStateDialog(QDialog):
    def __init__(
        self, context: AppContext, row: problems.ProblemRow, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.context = context
        self.row = row
        self.saved = False
        self.setWindowTitle(self.tr("更改问题状态"))
        text = QLabel(row.description, self, objectName="problemText")
        text.setWordWrap(True)
        self.state_combo = QComboBox(self, objectName="stateCombo")
        fill_combo(self.state_combo, enum_choices(ProblemState))
        self.state_combo.setCurrentIndex(max(self.state_combo.findData(row.state), 0))
        self.note_edit = QPlainTextEdit(self, objectName="noteEdit")
        self.note_edit.setPlaceholderText(self.tr("协调情况;标记为已解决或销号时须说明如何解决"))
        self.note_edit.setPlainText(row.resolution)
        self.note_edit.setMinimumSize(460, 110)
        self.error_label = QLabel(self, objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("问题"), text)
        form.addRow(self.tr("当前状态"), QLabel(common.tr(row.state_label)))
        form.addRow(self.tr("改为"), self.state_combo)
        form.addRow(self.tr("说明"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        try:
            self.context.write(
                problems.set_problem_state,
                entity="problem",
                problem_id=self.row.id,
                state=self.state_combo.currentData(),
                note=self.note_edit.toPlainText(),
                expected_version=self.row.version,
            )
        except UserFacingError as exc:  # ValidationFailed reads as its joined messages
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.saved = True
        self.accept()
