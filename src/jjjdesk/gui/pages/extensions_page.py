"""延期申请 page: the requests, newest first; units ask, the office approves or rejects."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import ExtensionState
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel, beside
from jjjdesk.gui.rounds.rows_model import Column, RowsModel

_STATE_COLOURS = {"pending": "#fff3cd", "approved": "#d4edda", "rejected": "#f8d7da"}


def _day(d) -> str:
    return d.isoformat() if d else ""


class ExtensionsModel(RowsModel):
    CONTEXT = "ExtensionsModel"
    COLUMNS = (
        Column("状态", lambda v: common.tr(v.state_label), width=64,
               background=lambda v: common.brush(_STATE_COLOURS.get(v.state, "#fff"))),
        Column("事项", lambda v: v.subject_title, width=300, tooltip=lambda v: v.subject_title),
        Column("责任单位", lambda v: v.unit, width=130),
        Column("原定完成时限", lambda v: _day(v.original_due), width=100),
        Column("申请延期至", lambda v: _day(v.requested_until), width=100),
        Column("延期理由", lambda v: v.reason, width=260, tooltip=lambda v: v.reason),
        Column("申请人", lambda v: v.requested_by, width=90),
        Column("申请时间", lambda v: common.stamp(v.requested_at), width=120),
        Column("审批人", lambda v: v.decided_by, width=90),
        Column("审批意见", lambda v: v.decision_note, tooltip=lambda v: v.decision_note or None),
    )


class ExtensionsPage(Page):
    PAGE_KEY = "extensions"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state_combo = QComboBox(objectName="extensionStateFilter")
        fill_combo(self.state_combo, enum_choices(ExtensionState), self.tr("全部状态"))
        self.count_label = QLabel(objectName="extensionsCount")
        self.request_button = QPushButton(self.tr("申请延期…"), objectName="requestButton")
        self.approve_button = QPushButton(self.tr("批准…"), objectName="approveButton")
        self.reject_button = QPushButton(self.tr("不批准…"), objectName="rejectButton")
        self.model = ExtensionsModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("extensionsView")
        self.model.apply_widths(self.view)
        bar = QHBoxLayout()
        bar.addWidget(self.state_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        for button in (self.request_button, self.approve_button, self.reject_button):
            bar.addWidget(button)
        # the selected request's 佐证材料 (its unit and the office add while it is pending)
        self.attachments = AttachmentsPanel(
            None, self, empty_hint=self.tr("选中一项申请,在此查看和添加其佐证材料。"))
        self.attachments.setObjectName("extensionAttachments")
        splitter = beside(self.view, self.attachments, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.state_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.request_button.clicked.connect(self.ask)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_files())

    def set_context(self, context) -> None:
        super().set_context(context)
        self.attachments.set_context(context)
        self.reload()

    def _show_files(self) -> None:
        current = self.current()
        if self.attachments.context is not None:
            self.attachments.set_owner(None if current is None else {"extension_id": current.id})

    def on_data_changed(self, entity: str) -> None:
        if entity in ("extension", "task", "project", "import"):
            self.reload()

    def reload(self) -> None:
        from jjjdesk.services import extensions

        if self.context is None:
            self.model.set_rows([])
            return
        rows = self.context.read(extensions.list_extensions, actor=self.context.actor,
                                 state=self.state_combo.currentData())
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{0} 条申请").format(len(rows)))
        if rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)  # its files show at once
        self._enable()
        self._show_files()

    def _enable(self) -> None:
        from jjjdesk.services.entry_access import is_office
        from jjjdesk.services.permissions import Act, may

        actor = self.context.actor if self.context else None
        current = self.current()
        office = actor is not None and is_office(actor)
        pending = current is not None and current.state == ExtensionState.PENDING.value
        self.request_button.setEnabled(actor is not None and may(actor, Act.ENTRY_WRITE))
        self.approve_button.setVisible(office)
        self.reject_button.setVisible(office)
        self.approve_button.setEnabled(office and pending)
        self.reject_button.setEnabled(office and pending)

    def current(self):
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def ask(self) -> None:
        from jjjdesk.gui.rounds.extension_dialog import ExtensionRequestDialog

        common.run_dialog(ExtensionRequestDialog(self.context, self))

    def decide(self, approve: bool) -> None:
        current = self.current()
        if current is None:
            return
        from jjjdesk.gui.rounds.extension_dialog import ExtensionDecisionDialog

        common.run_dialog(ExtensionDecisionDialog(self.context, current, approve, self))
