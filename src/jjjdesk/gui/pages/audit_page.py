"""审计日志: who changed what, when, old → new and why; filtered and paged in SQL, read in the
worker (300,000 events: bench/bench_lists.py); to Excel."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.header_fit import fit_short_values
from jjjdesk.gui.models.audit_model import AuditModel
from jjjdesk.gui.models.paged_nav import follow_pages
from jjjdesk.gui.pages.audit_checkpoints import CheckpointButtons
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.worker import Worker

NO_DATE = QDate(2000, 1, 1)


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    """The file to export to (tests answer it)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("导出审计日志"), suggested, parent.tr("Excel 工作簿 (*.xlsx)")
    )
    return path or None


class AuditPage(Page):
    PAGE_KEY = "audit"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self.model = AuditModel(self)
        self.model.worker = self.worker
        self.view = QTableView(objectName="auditTable")
        self.view.setModel(self.model)
        follow_pages(self.view, self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        for col, width in enumerate((150, 90, 60, 110, 280, 420)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.reloaded.connect(self._fit_once)  # "Changed", "Reporting round" in English

        self.actor_combo = QComboBox(objectName="actorCombo")
        self.unit_combo = QComboBox(objectName="unitCombo")
        self.entity_combo = QComboBox(objectName="entityCombo")
        for combo in (self.actor_combo, self.unit_combo, self.entity_combo):
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.from_edit = self._date_edit("fromDateEdit")
        self.to_edit = self._date_edit("toDateEdit")
        self.count_label = QLabel(objectName="countLabel")
        self.export_button = QPushButton(self.tr("导出Excel"), objectName="exportButton")
        self.export_button.clicked.connect(self.export)
        # The auditor's signed checkpoints (issue 16 item 4), in this page's worker.
        self.checkpoints = CheckpointButtons(self.worker, lambda: self.context, self)
        self.checkpoints.exported.connect(self._fill_filters)

        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("用户"), self.actor_combo),
            (self.tr("单位"), self.unit_combo),
            (self.tr("记录类型"), self.entity_combo),
            (self.tr("从"), self.from_edit),
            (self.tr("到"), self.to_edit),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.export_button)
        bar.addWidget(self.checkpoints)
        note = QLabel(
            self.tr(
                "审计日志记录每一次修改,不能在程序中更改;每条记录带有上一条的哈希,"
                "绕过程序的改动可用“jjjdesk-cli audit verify”查出。"
            ),
            objectName="noteLabel",
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        layout.addWidget(note)

        self.model.reloaded.connect(self._update_count)
        for combo in (self.actor_combo, self.unit_combo, self.entity_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.from_edit.dateChanged.connect(self.apply_filters)
        self.to_edit.dateChanged.connect(self.apply_filters)
        self._filling = False
        self._generation = 0
        self.model.failed.connect(self._read_failed)

    def _fit_once(self) -> None:
        """The narrow columns widen to their first rows' values, once."""
        if self.model.rowCount():
            self.model.reloaded.disconnect(self._fit_once)
            fit_short_values(self.view)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        return edit

    def set_context(self, context) -> None:
        super().set_context(context)
        if context is None:
            self.model.set_context(None)
            return
        self.model.context = context
        self._fill_filters()

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def on_data_changed(self, entity: str) -> None:
        if self.context is None:
            return
        self._fill_filters()

    # ---- filters -------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        """The choices (every name in 300,000 events) are read in the worker, then the list."""
        from jjjdesk.services import audit_log, units

        self._generation += 1
        generation, context = self._generation, self.context

        def read(session):
            actors, entities = audit_log.filter_choices(session=session, actor=context.actor)
            return actors, units.unit_choices(session=session), entities

        self.worker.submit(lambda: context.read(read),
                           lambda found: self._show_filters(generation, *found),
                           self._read_failed)

    def _show_filters(self, generation: int, actors, unit_rows, entities) -> None:
        from jjjdesk.gui import audit_words

        if generation != self._generation:
            return
        self._filling = True
        try:
            _refill(self.actor_combo, [(a, a) for a in actors], self.tr("全部用户"))
            _refill(self.unit_combo, unit_rows, self.tr("全部单位"))
            _refill(
                self.entity_combo,
                [(e, audit_words.entity_text(e, None)) for e in entities],
                self.tr("全部类型"),
            )
        finally:
            self._filling = False
        self.apply_filters()

    def _read_failed(self, exc: BaseException) -> None:
        self.count_label.setText(self.tr("读取失败:{0}").format(exc))

    def filters(self):
        from jjjdesk.services.audit import AuditFilter

        start = self._day(self.from_edit)
        end = self._day(self.to_edit)
        return AuditFilter(
            actor=self.actor_combo.currentData() or "",
            unit_id=self.unit_combo.currentData(),
            entity=self.entity_combo.currentData() or "",
            # Local days → the instants that bound them.
            start=start.astimezone() if start else None,
            end=(end + timedelta(days=1)).astimezone() if end else None,
        )

    @staticmethod
    def _day(edit: QDateEdit) -> datetime | None:
        date = edit.date()
        if date == NO_DATE:
            return None
        return datetime(date.year(), date.month(), date.day())

    def apply_filters(self) -> None:
        if self._filling or self.context is None:
            return
        self.model.use_query(self.filters())

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("共 {0} 条 / 全部 {1} 条").format(self.model.total, self.model.count_all())
        )
        self.export_button.setEnabled(self.model.total > 0)

    # ---- export --------------------------------------------------------------------------
    def export(self) -> None:
        if self.context is None:
            return
        suggested = f"审计日志_{datetime.now():%Y%m%d}.xlsx"
        path = ask_save_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        filters = self.filters()
        words = self._sheet_words()
        db, actor = self.context.db, self.context.actor
        self.export_button.setEnabled(False)
        self.count_label.setText(self.tr("正在导出…"))

        def job() -> int:
            from jjjdesk.excel.audit_sheet import export_audit

            with db.session() as s:
                return export_audit(session=s, actor=actor, filters=filters, path=Path(path),
                                    words=words)

        self.worker.submit(job, lambda n: self._exported(path, n), self._export_failed)

    def _sheet_words(self):
        """The workbook worded as this page (English headers, actions, summaries…)."""
        from jjjdesk.excel.audit_sheet import HEADERS, AuditWords
        from jjjdesk.gui import audit_words, i18n

        if i18n.active_language() != i18n.ENGLISH:
            return AuditWords()
        return AuditWords(
            sheet=_tr_dynamic("审计日志"), headers=tuple(_tr_dynamic(h) for h in HEADERS),
            action=audit_words.action_text,
            entity=lambda entity: audit_words.entity_text(entity, None),
            summary=audit_words.summary_text, changes=audit_words.change_lines)

    def _exported(self, path: str, count: int) -> None:
        self._update_count()
        self.exported_path = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                self.tr("已导出 {0} 条审计记录到 {1}").format(count, path), 8000
            )

    def _export_failed(self, exc: BaseException) -> None:
        self._update_count()
        if isinstance(exc, UserFacingError | OSError):
            dialogs.show_user_error(self, str(exc), self.tr("导出失败"))
            return
        raise exc


def _tr_dynamic(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("dynamic", text)  # excel/audit_sheet.py's headers


def _refill(combo: QComboBox, choices, blank: str) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(blank, None)
    for value, text in choices:
        combo.addItem(text, value)
    position = combo.findData(current)
    combo.setCurrentIndex(position if position >= 0 else 0)
    combo.blockSignals(False)
