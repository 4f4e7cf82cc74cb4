"""延期申请: ask to move an item's due date (with its 佐证材料); approve or reject one with a
comment, its files beside."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel, DropList
from jjjdesk.gui.worker import Worker
from jjjdesk.services import extensions

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent, objectName="errorLabel")
    label.setStyleSheet(dialogs.ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _lay_out(dialog, form: QFormLayout, files: QWidget | None = None) -> QDialogButtonBox:
    """The form, the files below it, its error line, and 确定/取消 calling `save`."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    if files is not None:
        layout.addWidget(files, 1)
    layout.addWidget(dialog.error_label)
    layout.addWidget(buttons)
    return buttons


class StagedFiles(QWidget):
    """Files chosen for a request not yet made: stored with it, in its transaction."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = DropList(self)
        self.list.setObjectName("stagedFilesList")
        self.list.setMinimumHeight(70)
        self.list.setMaximumHeight(130)
        self.add_button = QPushButton(self.tr("添加佐证材料…"), objectName="stageFilesButton")
        self.remove_button = QPushButton(self.tr("移除"), objectName="unstageFileButton")
        hint = QLabel(self.tr("可选:延期申请函、情况说明、现场照片等,也可把文件拖到列表中"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addLayout(row)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(
            lambda: self.list.takeItem(self.list.currentRow()))

    def can_add(self) -> bool:
        return True

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择佐证材料"))
        self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        for path in files:
            if str(path) not in self.paths():
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.list.addItem(item)

    def paths(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]


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
        self.files = StagedFiles(self)
        self.worker = Worker(self)  # files are read and hashed off the GUI thread
        form = QFormLayout()
        form.addRow(self.tr("事项"), self.subject_combo)
        form.addRow(self.tr("现定完成时限"), self.due_label)
        form.addRow(self.tr("申请延期至"), self.until_edit)
        form.addRow(self.tr("延期理由"), self.reason_edit)
        form.addRow(self.tr("佐证材料"), self.files)
        self.buttons = _lay_out(self, form)
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
        until, reason = self.until_edit.date().toPython(), self.reason_edit.toPlainText()
        files = self.files.paths()
        if not files:
            try:
                self.saved = self.context.write(
                    extensions.request_extension, entity="extension", subject=ref,
                    until=until, reason=reason)
            except UserFacingError as exc:
                self._refused(exc)
                return
            self.accept()
            return
        db, actor = self.context.db, self.context.actor

        def ask():
            with db.session() as session:
                return extensions.request_extension(session=session, actor=actor, subject=ref,
                                                    until=until, reason=reason, files=files)

        def asked(view) -> None:
            self.saved = view
            self.context.changed.emit("extension")  # on the GUI thread, as `write` does
            self.accept()

        self.buttons.setEnabled(False)
        self.error_label.setText(self.tr("正在保存申请和佐证材料…"))
        self.error_label.show()
        self.worker.submit(ask, asked, self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, UserFacingError):
            raise exc
        self.error_label.setText(str(exc))
        self.error_label.show()


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
        self.attachments = AttachmentsPanel(context, self, empty_hint="")
        self.attachments.set_owner({"extension_id": view.id})
        _lay_out(self, form, self.attachments)

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
