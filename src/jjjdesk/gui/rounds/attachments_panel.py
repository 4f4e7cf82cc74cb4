"""佐证材料 of one progress entry: add by button or by dropping files, open, remove.

Files are read, hashed and stored in the worker (a 50 MB scan must not freeze the form);
opening saves a copy under the temporary folder and hands it to the system viewer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.worker import Worker


def _is_office(actor) -> bool:
    from jjjdesk.services.entry_access import is_office

    return is_office(actor)


class _DropList(QListWidget):
    def __init__(self, panel: AttachmentsPanel):
        super().__init__(panel)
        self.panel = panel
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.panel.can_add():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent  # noqa: N815

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.panel.add_files(files)


class AttachmentsPanel(QGroupBox):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.setTitle(self.tr("佐证材料"))
        self.context = context
        self.entry_id: int | None = None
        self.editable = False
        self.worker = Worker(self)
        self.list = _DropList(self)
        self.list.setObjectName("attachmentsList")
        self.hint = QLabel(self, objectName="attachmentsHint")
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(self.tr("添加…"), objectName="addAttachmentButton")
        self.open_button = QPushButton(self.tr("打开"), objectName="openAttachmentButton")
        self.remove_button = QPushButton(self.tr("删除"), objectName="removeAttachmentButton")
        self.limit_button = QPushButton(self.tr("大小上限…"), objectName="attachmentLimitButton")
        self.limit_button.setToolTip(self.tr("设置每个佐证材料文件的大小上限(协同办)"))
        row = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.limit_button.setAutoDefault(False)
        self.limit_button.setVisible(_is_office(context.actor))
        row.addWidget(self.limit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.limit_button.clicked.connect(self.edit_limit)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.set_entry(None, False)

    def can_add(self) -> bool:
        return self.entry_id is not None and self.editable

    def set_entry(self, entry_id: int | None, editable: bool) -> None:
        self.entry_id, self.editable = entry_id, editable
        self.reload()

    def reload(self) -> None:
        from jjjdesk.services import attachments

        self.list.clear()
        if self.entry_id is None:
            self.hint.setText(self.tr("保存草稿后可添加照片、PDF、Word、Excel 等佐证材料。"))
        else:
            for view in self.context.read(attachments.list_attachments,
                                          actor=self.context.actor, entry_id=self.entry_id):
                item = QListWidgetItem(self.tr("{0}({1},{2})").format(
                    view.file_name, attachments.size_text(view.size), view.uploader))
                item.setData(0x0100, view.id)  # Qt.UserRole
                self.list.addItem(item)
            limit = attachments.limit_text(self.context.read(attachments.size_limit))
            self.hint.setText(self.tr("可把文件拖到上面的列表中;每个不超过 {0},不接受程序文件。")
                              .format(limit) if self.can_add() else "")
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.add_button.setEnabled(self.can_add())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.can_add())

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择佐证材料"))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        from jjjdesk.services import attachments

        if not self.can_add():
            return
        entry_id, db, actor = self.entry_id, self.context.db, self.context.actor
        self.add_button.setEnabled(False)
        self.hint.setText(self.tr("正在添加…"))

        def add():
            with db.session() as session:
                return attachments.add_attachments(session=session, actor=actor, files=files,
                                                   entry_id=entry_id)

        def added(_views) -> None:
            self.context.changed.emit("attachment")  # on the GUI thread, as `write` does
            self.reload()

        self.worker.submit(add, added, self._failed)

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(0x0100)

    def open_selected(self) -> None:
        from jjjdesk.services import attachments

        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="jjjdesk-"))

        def saved(path: Path) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.worker.submit(
            lambda: self.context.read(attachments.save_attachment, actor=self.context.actor,
                                      attachment_id=attachment_id, out=folder),
            saved, self._failed)

    def remove_selected(self) -> None:
        from jjjdesk.services import attachments

        attachment_id = self._selected_id()
        if attachment_id is None or not dialogs.confirm(
                self, self.tr("删除佐证材料"),
                self.tr("从本条填报中删除所选佐证材料?删除记录会保留在审计日志中。")):
            return
        self.context.write(attachments.delete_attachment, entity="attachment",
                           attachment_id=attachment_id)
        self.reload()

    def edit_limit(self) -> None:
        from jjjdesk.gui.rounds.common import run_dialog
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

        run_dialog(ThresholdsDialog(self.context, self, keys=("attach.max_mb",),
                                    title=self.tr("佐证材料设置")))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.reload()
        if not isinstance(exc, UserFacingError):
            raise exc
        dialogs.show_user_error(self, str(exc), self.tr("无法添加佐证材料"))
