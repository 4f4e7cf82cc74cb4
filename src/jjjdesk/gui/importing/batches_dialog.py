"""导入记录: every import batch, and 撤销导入 to put back exactly what one changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui import dialogs
from jjjdesk.gui.importing.preview_models import ListModel
from jjjdesk.gui.progress_dialog import run_with_progress
from jjjdesk.gui.rounds.common import stamp
from jjjdesk.importing import BatchView

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

_Index = QModelIndex | QPersistentModelIndex
UNDONE_BRUSH = QBrush(QColor("#8a8f98"))


class BatchesModel(ListModel):
    COL_ID, COL_TIME, COL_KIND, COL_FILE, COL_ACTOR, COL_NEW, COL_CHANGED, COL_STATE = range(8)
    HEADERS = (
        QT_TRANSLATE_NOOP("BatchesModel", "批次"),
        QT_TRANSLATE_NOOP("BatchesModel", "导入时间"),
        QT_TRANSLATE_NOOP("BatchesModel", "类型"),
        QT_TRANSLATE_NOOP("BatchesModel", "文件"),
        QT_TRANSLATE_NOOP("BatchesModel", "导入人"),
        QT_TRANSLATE_NOOP("BatchesModel", "新增"),
        QT_TRANSLATE_NOOP("BatchesModel", "修改"),
        QT_TRANSLATE_NOOP("BatchesModel", "状态"),
    )
    NUMERIC = frozenset({COL_ID, COL_NEW, COL_CHANGED})

    CONTEXT = "BatchesModel"

    @property
    def batches(self) -> list[BatchView]:
        return self._items

    def _category(self, item: BatchView) -> str:
        return "undone" if item.undone_at else "valid"

    def _tooltip(self, item: BatchView) -> str:
        return "\n".join(d.text() for d in item.diagnostics[:30])

    def _value(self, b: BatchView, column: int) -> str:
        match column:
            case self.COL_ID:
                return str(b.id)
            case self.COL_TIME:
                return stamp(b.created_at)
            case self.COL_KIND:
                return (
                    QCoreApplication.translate("BatchesModel", "台账")
                    if b.kind == "registry"
                    else QCoreApplication.translate("BatchesModel", "填报")
                )
            case self.COL_FILE:
                return b.file_name
            case self.COL_ACTOR:
                return b.actor
            case self.COL_NEW:
                return str(b.counts.get("new", 0))
            case self.COL_CHANGED:
                return str(b.counts.get("changed", 0))
            case self.COL_STATE:
                if b.undone_at:
                    return QCoreApplication.translate(
                        "BatchesModel", "已撤销({0} {1:%m-%d %H:%M})"
                    ).format(b.undone_by, b.undone_at)
                return QCoreApplication.translate("BatchesModel", "有效")
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            return UNDONE_BRUSH if self._items[index.row()].undone_at else None
        return super().data(index, role)


class BatchesDialog(QDialog):
    undone = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importBatchesDialog")
        self.setWindowTitle(self.tr("导入记录"))
        self.resize(980, 520)
        self.context = context
        self.model = BatchesModel(parent=self)
        self.view = QTableView(objectName="batchesView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 48), (1, 130), (2, 48), (3, 330), (4, 90), (5, 48), (6, 48)):
            header.resizeSection(column, width)
        self.hint = QLabel(
            self.tr("撤销导入会把该批次写入的内容恢复到导入之前;导入后又被修改过的记录不能撤销。"),
            objectName="hintLabel",
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.undo_button = QPushButton(self.tr("撤销导入"), objectName="undoButton")
        self.close_button = QPushButton(self.tr("关闭"), objectName="closeButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.undo_button.clicked.connect(self.undo_selected)
        self.close_button.clicked.connect(self.accept)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.refresh()

    def refresh(self) -> None:
        from jjjdesk import importing

        self.model.set_items(self.context.read(importing.list_batches))
        if self.model.batches:
            self.view.selectRow(0)
        self._update()

    def selected(self) -> BatchView | None:
        index = self.view.currentIndex()
        return self.model.batches[index.row()] if index.isValid() else None

    def select_batch(self, batch_id: int) -> None:
        for row, b in enumerate(self.model.batches):
            if b.id == batch_id:
                self.view.selectRow(row)

    def _update(self) -> None:
        b = self.selected()
        self.undo_button.setEnabled(b is not None and b.undone_at is None)

    def undo_selected(self) -> None:
        b = self.selected()
        if b is None or b.undone_at is not None:
            return
        if not dialogs.confirm(
            self,
            self.tr("撤销导入"),
            self.tr("撤销导入批次 {0}(“{1}”)?该批次写入的内容将恢复到导入之前。").format(
                b.id, b.file_name
            ),
        ):
            return
        from jjjdesk import importing

        context = self.context

        def work(_progress, _cancel) -> str:
            with context.db.session() as session:
                return importing.undo_import(session=session, actor=context.actor, batch_id=b.id)

        def done(message: str) -> None:
            context.changed.emit("import")
            for entity in ("unit", "task", "project", "indicator") if b.kind == "registry" else ():
                context.changed.emit(entity)
            self.refresh()
            self.select_batch(b.id)
            self.undone.emit(b.id)
            box_text = message
            from PySide6.QtWidgets import QMessageBox

            dialogs.run_box(
                QMessageBox(
                    QMessageBox.Icon.Information,
                    self.tr("撤销导入"),
                    box_text,
                    QMessageBox.StandardButton.Ok,
                    self,
                )
            )

        run_with_progress(
            self,
            self.tr("撤销导入"),
            self.tr("正在撤销导入批次 {0}…").format(b.id),
            work,
            done,
            cancellable=False,
        )
