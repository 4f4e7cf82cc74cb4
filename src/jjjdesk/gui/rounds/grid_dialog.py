"""一个单位的整表填报: the grid, 全部保存 (all or nothing), 保存并报送, one item in the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.grid_model import FIRST_FIELD, UnitReturnModel
from jjjdesk.gui.rounds.grid_view import UnitReturnView
from jjjdesk.services import unit_return

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

_WIDTHS = {
    0: 90,
    1: 240,
    2: 64,
    FIRST_FIELD: 80,
    FIRST_FIELD + 1: 90,
    FIRST_FIELD + 2: 110,
    FIRST_FIELD + 3: 110,
}


class UnitReturnDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        round_id: int,
        unit_id: int,
        title: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.round_id = round_id
        self.unit_id = unit_id
        self.setWindowTitle(self.tr("整表填报 — {0}").format(title))
        self.resize(1400, 760)
        self.model = UnitReturnModel(self)
        self.view = UnitReturnView(self.model, self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        hint = QLabel(
            self.tr(
                "直接输入即可编辑;Tab / Enter 移到下一格;"
                "可从 Excel 复制一块单元格后按 Ctrl+V 粘贴。"
                "红色为错误(不能保存),黄色为提醒;鼠标停在格子上可看说明。"
            ),
            self,
        )
        hint.setWordWrap(True)
        title_label = QLabel(title, self, objectName="titleLabel")
        font = title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title_label.setFont(font)
        self.status_label = QLabel(self, objectName="statusLabel")
        self.form_button = QPushButton(self.tr("逐条填写…"), objectName="formButton")
        self.save_button = QPushButton(self.tr("全部保存"), objectName="saveAllButton")
        self.submit_button = QPushButton(self.tr("保存并报送"), objectName="submitAllButton")
        self.close_button = QPushButton(self.tr("关闭"), objectName="closeButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        # Enter belongs to the fields (and the grid), never to a button of the dialog.
        for button in (self.form_button, self.save_button, self.submit_button, self.close_button):
            button.setAutoDefault(False)
        from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel, beside

        # 佐证材料 of the current row's entry, beside the grid (who may add: the service)
        self.attachments = AttachmentsPanel(context, self, empty_hint=self.tr(
            "保存该行后可添加照片、PDF、Word、Excel 等佐证材料。"))
        self.attachments.setMinimumWidth(340)
        splitter = beside(self.view, self.attachments, self, stretch=(4, 1), sizes=(1020, 360))
        from jjjdesk.gui.rounds.coop_parts_panel import CoopPartsPanel

        # 配合事项 below the unit's own items: only when it is 配合 / 共同牵头 on some item
        self.coop = CoopPartsPanel(context, round_id, unit_id, self)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(splitter)
        body.addWidget(self.coop)
        body.setSizes([480, 220])
        self.coop.setVisible(self.coop.model.rowCount() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addWidget(hint)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)
        self.form_button.clicked.connect(self.open_form)
        self.save_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        self.close_button.clicked.connect(self.reject)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_attachments(current.row()))
        self.model.dataChanged.connect(lambda *_: self._update_status())
        self.view.pasted.connect(
            lambda n: self.status_label.setText(self.tr("已粘贴 {0} 个单元格,尚未保存。").format(n))
        )
        self.load()
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)

    def load(self) -> None:
        rows = self.context.read(
            unit_return.load_unit_return,
            actor=self.context.actor,
            round_id=self.round_id,
            unit_id=self.unit_id,
        )
        self.model.set_rows(rows)
        editable = any(r.editable for r in rows)
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self._update_status()
        if rows and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, FIRST_FIELD))
        self._show_attachments(self.view.currentIndex().row())

    def _show_attachments(self, row: int) -> None:
        rows = self.model.rows
        entry_id = rows[row].entry_id if 0 <= row < len(rows) else None
        if entry_id != self.attachments.entry_id or entry_id is None:
            self.attachments.set_entry(entry_id, None)

    def _update_status(self) -> None:
        errors = self.model.error_count()
        if errors:
            self.status_label.setText(self.tr("有 {0} 处错误,改正后才能保存").format(errors))
            self.status_label.setStyleSheet(dialogs.ERROR_STYLE)
        else:
            self.status_label.setStyleSheet("")
            edited = len(self.model.edited)
            self.status_label.setText(
                self.tr("{0} 行已修改,尚未保存").format(edited) if edited else ""
            )

    def save(self, submit: bool) -> bool:
        """One transaction: every row checked first; nothing written if any cell is bad."""
        self.view.setFocus()  # commit an open editor first
        try:
            result = self.context.write(
                unit_return.save_unit_return,
                entity="entry",
                round_id=self.round_id,
                unit_id=self.unit_id,
                rows=self.model.payload(),
                submit=submit,
            )
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
            return False
        if not result.ok:
            self.model.set_cell_errors(result.errors, result.warnings)
            self._update_status()
            first = result.errors[0]
            column = self.model.column_of(first.field) if first.field else 1
            self.view.setCurrentIndex(self.model.index(first.row, column))
            self.status_label.setText(
                self.tr("未保存:有 {0} 处错误(红色格子),第一处:{1}").format(
                    len(result.errors), first.message
                )
            )
            return False
        self.load()
        self.model.set_cell_errors([], result.warnings)
        text = self.tr("已保存 {0} 条").format(result.saved)
        if submit:
            text += self.tr(",报送 {0} 条").format(result.submitted)
        self.status_label.setText(text + "。")
        return True

    def _on_double_click(self, index) -> None:
        if index.column() < FIRST_FIELD:
            self.open_form()

    def open_form(self) -> None:
        """One item in the full entry form (after the grid's own edits are saved)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        if not self._settle_unsaved():
            return
        from jjjdesk.gui.rounds.entry_dialog import EntryDialog

        row = self.model.rows[index.row()]
        dialog = EntryDialog(self.context, row.subject, round_id=self.round_id, parent=self)
        common.run_dialog(dialog)
        self.load()

    def _settle_unsaved(self) -> bool:
        """Grid edits not saved yet: saved as drafts, dropped, or kept (False)."""
        if not self.model.is_dirty():
            return True
        answer = common.ask_unsaved(self, self.tr("整表"))
        if answer == QMessageBox.StandardButton.Save:
            return self.save(submit=False)
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if not self._settle_unsaved():
            return
        if self.coop.is_dirty():
            answer = common.ask_unsaved(self, self.tr("配合进展"))
            if answer == QMessageBox.StandardButton.Save and not self.coop.save():
                return
            if answer not in (QMessageBox.StandardButton.Save,
                              QMessageBox.StandardButton.Discard):
                return
        super().reject()
