"""延期申请: ask to move an item's due date; approve or reject one with a comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.services import extensions

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent, objectName="errorLabel")
    label.setStyleSheet(dialogs.ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _lay_out(dialog, form: QFormLayout) -> None:
    """The form, its error line, and 确定/取消 calling the dialog's `save`."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(dialog.error_label)
    layout.addWidget(buttons)


class ExtensionRequestDialog(QDialog):
    """A unit's request: which item, until when, why. The office may ask on a unit's behalf."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved = None
        self.setWindowTitle(self.tr("申请延期"))
        self.subject_combo = QComboBox(self, objectName="subjectCombo")
        self.subject_combo.setEditable(True)
        self.subject_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.subject_combo.setMinimumContentsLength(36)
        for ref, title in context.read(extensions.subject_choices, actor=context.actor):
            self.subject_combo.addItem(title, ref)
        completer = self.subject_combo.completer()
        completer.setFilterMode(completer.filterMode().MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.due_label = QLabel(self, objectName="dueLabel")
        self.until_edit = QDateEdit(self, objectName="untilEdit", calendarPopup=True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.reason_edit = QPlainTextEdit(self, objectName="reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("延期理由:客观原因、已采取的措施、新的完成计划"))
        self.reason_edit.setMinimumSize(460, 110)
        self.error_label = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("事项"), self.subject_combo)
        form.addRow(self.tr("现定完成时限"), self.due_label)
        form.addRow(self.tr("申请延期至"), self.until_edit)
        form.addRow(self.tr("延期理由"), self.reason_edit)
        _lay_out(self, form)
        self.subject_combo.currentIndexChanged.connect(lambda _i: self._show_due())
        self._show_due()

    def _show_due(self) -> None:
        ref = self.subject_combo.currentData()
        due = self.context.read(extensions.current_due, subject=ref) if ref else None
        self.due_label.setText(extensions.day_text(due))
        start = due or QDate.currentDate().toPython()
        proposal = QDate(start.year, start.month, start.day).addMonths(6)
        self.until_edit.setDate(proposal)

    def save(self) -> None:
        ref = self.subject_combo.currentData()
        if ref is None:
            self.error_label.setText(self.tr("请选择要延期的事项"))
            self.error_label.show()
            return
        try:
            self.saved = self.context.write(
                extensions.request_extension, entity="extension", subject=ref,
                until=self.until_edit.date().toPython(), reason=self.reason_edit.toPlainText())
        except UserFacingError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()


class ExtensionDecisionDialog(QDialog):
    """批准 or 不批准 one request; rejecting needs the reason."""

    def __init__(self, context: AppContext, view: extensions.ExtensionView, approve: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.view, self.approve = context, view, approve
        self.saved = None
        self.setWindowTitle(self.tr("批准延期") if approve else self.tr("不批准延期"))
        what = QLabel(view.subject_title, self, objectName="subjectLabel")
        what.setWordWrap(True)
        reason = QLabel(view.reason, self, objectName="reasonLabel")
        reason.setWordWrap(True)
        self.note_edit = QPlainTextEdit(self, objectName="noteEdit")
        self.note_edit.setPlaceholderText(
            self.tr("审批意见(可留空)") if approve else self.tr("不批准的理由(必填)"))
        self.note_edit.setMinimumSize(420, 90)
        self.error_label = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("事项"), what)
        form.addRow(self.tr("完成时限"), QLabel(self.tr("{0} → {1}").format(
            extensions.day_text(view.original_due), extensions.day_text(view.requested_until))))
        form.addRow(self.tr("延期理由"), reason)
        form.addRow(self.tr("审批意见"), self.note_edit)
        _lay_out(self, form)

    def save(self) -> None:
        fn = extensions.approve_extension if self.approve else extensions.reject_extension
        try:
            self.saved = self.context.write(
                fn, entity="extension", request_id=self.view.id,
                note=self.note_edit.toPlainText(), expected_version=self.view.version)
        except UserFacingError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()
