"""佐证材料 of one progress entry (or problem): add by button or by dropping files, see a
thumbnail and a larger preview, open, remove.

Files are read, hashed and stored in the worker (a 50 MB scan must not freeze the form), and
previews are rendered there too (`attachment_previews`); opening saves a copy under the
temporary folder and hands it to the system viewer. Who may add or remove is the service's
rule (`attachments.may_change`); the buttons only follow it.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.rounds import attachment_previews as previews
from jjjdesk.gui.worker import Worker

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
SHA_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ICON_SIZE = QSize(40, 40)
PREVIEW_BOX = QSize(150, 150)


def _is_office(actor) -> bool:
    from jjjdesk.services.entry_access import is_office

    return is_office(actor)


def _thumbnail(image) -> QIcon:
    """The preview fitted into a square (so every name starts at the same place), framed
    (a white page on a white list needs an edge)."""
    box = ICON_SIZE * 2  # sharp on 200 % screens
    small = image.scaled(box - QSize(2, 2), Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    square = QPixmap(box)
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)
    x, y = (box.width() - small.width()) // 2, (box.height() - small.height()) // 2
    painter.drawImage(x, y, small)
    painter.setPen(QColor("#b0b0b0"))
    painter.drawRect(x - 1, y - 1, small.width() + 1, small.height() + 1)
    painter.end()
    return QIcon(square)


class DropList(QListWidget):
    """A list that takes files dropped on it when its owner `can_add()`."""

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.setAcceptDrops(True)
        self.setIconSize(ICON_SIZE)
        # a narrow side panel wraps long names rather than scrolling sideways
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.panel.can_add():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent  # noqa: N815

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.panel.add_files(files)


def beside(main: QWidget, side: QWidget, parent: QWidget | None = None, *,
           stretch: tuple[int, int] = (3, 1), sizes: tuple[int, int] = (950, 360)) -> QSplitter:
    """A list or grid with its 佐证材料 (or detail) panel on the right, as every page has it."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.addWidget(main)
    splitter.addWidget(side)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter


class AttachmentsPanel(QGroupBox):
    """`set_entry(id, editable)` shows an entry's files; `set_owner({"problem_id": id})`
    another owner's, with `editable=None` asking the service whether this user may change
    them."""

    def __init__(self, context, parent: QWidget | None = None, *,
                 empty_hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.setTitle(self.tr("佐证材料"))
        self.context = context
        self.owner: dict[str, int] | None = None
        self.editable = False
        self.empty_hint = self.tr("保存草稿后可添加照片、PDF、Word、Excel 等佐证材料。") \
            if empty_hint is None else empty_hint
        self.worker = Worker(self)
        self._rendering: set[str] = set()
        self.list = DropList(self)
        self.list.setObjectName("attachmentsList")
        self.preview_label = QLabel(self, objectName="attachmentPreview")
        self.preview_label.setFixedSize(PREVIEW_BOX + QSize(8, 8))
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet("QLabel { border: 1px solid #ccc; color: #888; }")
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
        self.limit_button.setVisible(context is not None and _is_office(context.actor))
        row.addWidget(self.limit_button)
        files = QHBoxLayout()
        files.addWidget(self.list, 1)
        files.addWidget(self.preview_label, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(files, 1)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.limit_button.clicked.connect(self.edit_limit)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.set_owner(None, False)

    # ---- what is shown ---------------------------------------------------------------------
    def set_context(self, context) -> None:
        """For a page that gets its database after it is built (the review page)."""
        self.context = context
        self.limit_button.setVisible(context is not None and _is_office(context.actor))
        self.set_owner(None, False)

    @property
    def entry_id(self) -> int | None:
        return None if self.owner is None else self.owner.get("entry_id")

    def can_add(self) -> bool:
        return self.owner is not None and self.editable

    def set_entry(self, entry_id: int | None, editable: bool | None) -> None:
        self.set_owner(None if entry_id is None else {"entry_id": entry_id}, editable)

    def set_owner(self, owner: dict[str, int] | None, editable: bool | None = None) -> None:
        """Show `owner`'s files; `editable=None`: as the service allows this user."""
        from jjjdesk.services import attachments

        if self.context is None:
            owner = None
        if owner is not None and editable is None:
            try:
                editable = self.context.read(attachments.may_change,
                                             actor=self.context.actor, **owner)
            except UserFacingError:  # gone meanwhile: `reload` says so
                editable = False
        self.owner, self.editable = owner, bool(editable)
        self.reload()

    def reload(self) -> None:
        from jjjdesk.services import attachments

        self.list.clear()
        views, problem = [], ""
        if self.owner is not None:
            try:
                views = self.context.read(attachments.list_attachments,
                                          actor=self.context.actor, **self.owner)
            except UserFacingError as exc:  # deleted on another workstation, no right
                log.warning("attachments not shown: %s", exc)
                self.owner, self.editable, problem = None, False, str(exc)
        if self.owner is None:
            self.hint.setText(problem or self.empty_hint)
        else:
            for view in views:
                item = QListWidgetItem(self.tr("{0}\n{1} · {2}").format(
                    view.file_name, attachments.size_text(view.size), view.uploader))
                item.setData(ID_ROLE, view.id)
                item.setData(SHA_ROLE, view.sha256)
                kind = previews.kind_of(view.file_name, view.media_type)
                item.setData(KIND_ROLE, kind if view.size <= previews.PREVIEW_MAX_BYTES else "")
                item.setToolTip(view.file_name)
                self.list.addItem(item)
            limit = attachments.limit_text(self.context.read(attachments.size_limit))
            self.hint.setText(self.tr("可把文件拖到上面的列表中;每个不超过 {0},不接受程序文件。")
                              .format(limit) if self.can_add() else "")
        self._show_icons()
        self._render_missing()
        if self.list.count():
            self.list.setCurrentRow(0)  # the preview shows something at once
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._show_preview()
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.add_button.setEnabled(self.can_add())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.can_add())

    # ---- previews --------------------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _show_icons(self) -> None:
        plain = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for item in self._items():
            image = previews.CACHE.get(item.data(SHA_ROLE))
            if image is None:
                item.setIcon(plain)
            else:
                item.setIcon(_thumbnail(image))

    def _show_preview(self) -> None:
        self.preview_label.setVisible(self.list.count() > 0)
        item = self.list.currentItem()
        if item is None:
            self.preview_label.setText(self.tr("选中文件后在此预览") if self.list.count() else "")
            return
        sha, kind = item.data(SHA_ROLE), item.data(KIND_ROLE)
        image = previews.CACHE.get(sha)
        if image is not None:
            self.preview_label.setPixmap(QPixmap.fromImage(image.scaled(
                PREVIEW_BOX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)))
        elif sha in self._rendering:
            self.preview_label.setText(self.tr("正在生成预览…"))
        else:
            self.preview_label.setText(self.tr("无法预览,可双击用系统程序打开") if kind
                                       else self.tr("此类文件无预览,可双击打开"))

    def _render_missing(self) -> None:
        """Render, in the worker, the previews of the listed files not yet in the cache."""
        from jjjdesk.services import attachments

        wanted = {item.data(SHA_ROLE): (item.data(ID_ROLE), item.data(KIND_ROLE))
                  for item in self._items()
                  if item.data(KIND_ROLE) and item.data(SHA_ROLE) not in previews.CACHE
                  and item.data(SHA_ROLE) not in self._rendering}
        if not wanted:
            return
        self._rendering |= set(wanted)
        db, actor = self.context.db, self.context.actor

        def render() -> dict[str, object]:
            done: dict[str, object] = {}
            for sha, (attachment_id, kind) in wanted.items():
                try:
                    with db.session() as session:
                        data = attachments.attachment_bytes(
                            session=session, actor=actor, attachment_id=attachment_id,
                            max_bytes=previews.PREVIEW_MAX_BYTES)
                except UserFacingError as exc:
                    log.warning("no preview of attachment %s: %s", attachment_id, exc)
                    data = None
                done[sha] = None if data is None else previews.render(data, kind)
            return done

        def rendered(done: dict) -> None:
            self._rendering -= set(wanted)
            for sha, image in done.items():
                previews.CACHE.put(sha, image)
            self._show_icons()
            self._show_preview()

        def failed(exc: BaseException) -> None:
            self._rendering -= set(wanted)
            log.error("previews failed", exc_info=exc)
            for sha in wanted:
                previews.CACHE.put(sha, None)
            self._show_preview()

        self.worker.submit(render, rendered, failed)

    # ---- actions ---------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择佐证材料"))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        from jjjdesk.services import attachments

        if not self.can_add() or self.owner is None:
            return
        owner, db, actor = dict(self.owner), self.context.db, self.context.actor
        self.add_button.setEnabled(False)
        self.hint.setText(self.tr("正在添加…"))

        def add():
            with db.session() as session:
                return attachments.add_attachments(session=session, actor=actor, files=files,
                                                   **owner)

        def added(_views) -> None:
            self.context.changed.emit("attachment")  # on the GUI thread, as `write` does
            self.reload()

        self.worker.submit(add, added, self._failed)

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

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
        question = (self.tr("从本条填报中删除所选佐证材料?删除记录会保留在审计日志中。")
                    if self.entry_id is not None else
                    self.tr("删除所选佐证材料?删除记录会保留在审计日志中。"))
        if attachment_id is None or not dialogs.confirm(self, self.tr("删除佐证材料"), question):
            return
        try:
            self.context.write(attachments.delete_attachment, entity="attachment",
                               attachment_id=attachment_id)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc), self.tr("无法删除佐证材料"))
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
