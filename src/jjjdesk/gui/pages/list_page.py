"""A registry page: search box and filter combos above a list, the record form beside it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui import dialogs, settings
from jjjdesk.gui.forms.fields import fill_combo
from jjjdesk.gui.header_fit import fit_headers, fit_short_values
from jjjdesk.gui.models.paged_model import IdRole
from jjjdesk.gui.models.paged_nav import follow_pages
from jjjdesk.gui.pages.base_page import Page

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.forms.base_form import RecordForm

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200


@dataclass(frozen=True)
class FilterSpec:
    field: str  # the ListQuery field it sets
    name: str  # objectName of the combo
    all_label: str  # the first entry, meaning "no filter"
    choices: Callable[[AppContext], list[tuple[Any, str]]]


class ListPage(Page):
    """Shared by the registry pages; subclasses give the model, form, filters and view."""

    ENTITIES: ClassVar[frozenset[str]] = frozenset()  # changes that refresh the filter choices

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = self._make_model()
        self.form = self._make_form()
        self.view = self._make_view()
        self.view.setObjectName(self.PAGE_KEY + "View")
        self.filter_combos: dict[str, QComboBox] = {}
        self._specs = self._filters()
        self._restoring = False

        self.search_edit = QLineEdit(objectName="searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self._search_hint())
        self.search_edit.setMinimumWidth(220)
        self.count_label = QLabel(objectName="countLabel")
        self.new_button = QPushButton(self.tr("新增"), objectName="newButton")
        self.new_button.setToolTip(self.tr("新增一条记录(Ctrl+N)"))
        self.export_button = QPushButton(self.tr("导出…"), objectName="exportButton")
        self.export_button.setToolTip(self.tr("导出当前列表:显示的列、筛选和排序(Excel)"))
        self.form_button = QToolButton(objectName="formToggle")
        self.form_button.setText(self.tr("详情"))
        self.form_button.setCheckable(True)
        self.form_button.setChecked(True)
        self.form_button.setToolTip(self.tr("显示或收起右侧的详情表单,收起后列表占满宽度"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search_edit, 2)
        for spec in self._specs:
            combo = QComboBox(objectName=spec.name)
            combo.addItem(spec.all_label, None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
            combo.setMaxVisibleItems(20)
            combo.currentIndexChanged.connect(self._on_filter_changed)
            self.filter_combos[spec.field] = combo
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addSpacing(8)
        bar.addWidget(self.export_button)
        bar.addWidget(self.new_button)
        bar.addWidget(self.form_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="pageSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.form.setMinimumWidth(320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.new_button.clicked.connect(self.new_record)
        self.form_button.toggled.connect(self.form.setVisible)
        self.view.doubleClicked.connect(lambda _index: self.form_button.setChecked(True))
        self.export_button.clicked.connect(self.export_current_list)
        self.form.saved.connect(self._on_saved)
        self.form.deleted.connect(lambda _id: self.refresh())
        self.model.reloaded.connect(self._update_count)
        self._values_fitted = False
        self.model.reloaded.connect(self._fit_values_once)

    def _fit_values_once(self) -> None:
        """After the first rows arrive; later the user's own widths stand."""
        if self._values_fitted or not isinstance(self.view, QTableView):
            return
        if self.model.rowCount():
            self._values_fitted = True
            fit_short_values(self.view)

    # ---- what subclasses provide ---------------------------------------------------------
    def _make_model(self):
        raise NotImplementedError

    def _make_form(self) -> RecordForm:
        raise NotImplementedError

    def _make_view(self) -> QAbstractItemView:
        from jjjdesk.gui.rounds.common import make_table

        view = make_table(self.model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Qt's default indicator is descending; say ascending before sorting is switched on.
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        follow_pages(view, self.model)  # Ctrl+End reads the last page only
        return view

    def _filters(self) -> list[FilterSpec]:
        return []

    def _search_hint(self) -> str:
        return self.tr("搜索名称,或输入拼音首字母")

    def _count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    def _column_widths(self) -> dict[int, int]:
        return {}

    # ---- context -------------------------------------------------------------------------
    def set_context(self, context: AppContext | None) -> None:
        self.context = context
        self.form.set_context(context)
        self.new_button.setEnabled(self.form.editable)
        self.export_button.setEnabled(context is not None)
        self._fill_filters()
        self._restore_filters()
        if context is None:
            self.model.set_context(None)  # nothing stays on screen, glance rows included
            return
        self.model.context = context
        self._apply_filters()  # counts and fetches the first page, synchronously
        self.first_page_shown.emit()

    def has_saved_filters(self) -> bool:
        return any((settings.load_json(f"{self.PAGE_KEY}/filters", {}) or {}).values())

    def show_glance(self, rows: list[Any], total: int) -> None:
        """Rows read before the database opened (services/glance.py): browsable, not editable."""
        self.model.show_rows(rows, total)
        self.setEnabled(True)
        for button in (self.new_button, self.export_button):
            button.setEnabled(False)
        self.count_label.setText(self._count_text(total, total))
        self.first_page_shown.emit()

    def _fill_filters(self) -> None:
        if self.context is None:
            return
        self._restoring = True
        try:
            for spec in self._specs:
                fill_combo(
                    self.filter_combos[spec.field], spec.choices(self.context), spec.all_label
                )
        finally:
            self._restoring = False

    def on_data_changed(self, entity: str) -> None:
        """Another page or an undo changed the registry."""
        if self.context is None:
            return
        if entity in self.ENTITIES:
            self._fill_filters()
            self.form.refresh_choices()
        self.refresh()

    def refresh(self) -> None:
        """Re-query, keep the current record selected and shown."""
        current = self.form.record_id
        self.model.reload()
        if current is not None and not self.select_record(current):
            self.form.load(current)

    # ---- filters -------------------------------------------------------------------------
    def _query_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {"text": self.search_edit.text().strip()}
        for field, combo in self.filter_combos.items():
            changes[field] = combo.currentData()
        return changes

    def _apply_filters(self) -> None:
        if self._restoring:
            return
        changes = self._query_changes()
        settings.save_json(f"{self.PAGE_KEY}/filters", changes)
        if self.context is not None:
            self.model.set_query(**changes)

    def _on_filter_changed(self, _index: int) -> None:
        self._apply_filters()

    def _restore_filters(self) -> None:
        saved = settings.load_json(f"{self.PAGE_KEY}/filters", {}) or {}
        self._restoring = True
        try:
            self.search_edit.setText(str(saved.get("text") or ""))
            self._search_timer.stop()
            for field, combo in self.filter_combos.items():
                position = combo.findData(saved.get(field)) if saved.get(field) is not None else 0
                combo.setCurrentIndex(max(position, 0))
        finally:
            self._restoring = False

    def _update_count(self) -> None:
        self.count_label.setText(self._count_text(self.model.total, self.model.count_all()))
        self.count_changed.emit()

    # ---- export --------------------------------------------------------------------------
    def print_table(self):
        if not isinstance(self.view, QTableView):
            return None
        text = self.search_edit.text().strip()
        filters = [f"“{text}”"] if text else []
        filters += [c.currentText() for c in self.filter_combos.values() if c.currentIndex() > 0]
        return self.title(), "、".join(filters), self.view

    def export_current_list(self) -> None:
        """导出当前列表: the visible columns, in the current filter and order."""
        if self.context is None:
            return
        from jjjdesk.gui.exporting.table_export import export_view

        text = self.search_edit.text().strip()
        filters = [f"“{text}”"] if text else []
        filters += [c.currentText() for c in self.filter_combos.values() if c.currentIndex() > 0]
        export_view(self.window(), self.view, self.context.db, self.title(), "、".join(filters))

    # ---- selection and records -----------------------------------------------------------
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        record_id = current.data(IdRole) if current.isValid() else None
        if record_id is None or record_id == self.form.record_id:
            return
        if not self.settle_unsaved():
            self._select_again(previous)
            return
        if not self.select_record(record_id):  # a save reloads the list under `current`
            self.form.load(record_id)

    def settle_unsaved(self) -> bool:
        """Before the form shows something else: save or discard input not saved yet.

        False when the user keeps editing (Cancel) or the save was refused.
        """
        if self.context is None or not self.form.is_dirty():
            return True
        name = self.form.current_name() or self.tr("新记录")
        answer = dialogs.ask_unsaved(self, self.tr("“{0}”有尚未保存的修改,是否保存?").format(name))
        if answer == QMessageBox.StandardButton.Save:
            return self.form.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.form.revert()
            return True
        return False

    def _select_again(self, previous: QModelIndex) -> None:
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # the form still shows `previous`: nothing to load
        try:
            if previous.isValid():
                self.view.setCurrentIndex(previous)
            else:
                self.view.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.view.viewport().update()

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if record_id != self.form.record_id or not self.form.is_dirty():
            self.form.load(record_id)  # a refresh never loads over unsaved input
        return True

    def new_record(self) -> None:
        if not self.settle_unsaved():
            return
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.form_button.setChecked(True)  # a new record is typed into the form
        self.form.new_record()

    def delete_selected(self) -> None:
        if self.form.record_id is not None:
            self.form.delete()

    def _on_saved(self, record_id: int) -> None:
        self.model.reload()
        self.select_record(record_id)

    # ---- UI state ------------------------------------------------------------------------
    def save_state(self) -> None:
        s = settings.qsettings()
        s.setValue(f"{self.PAGE_KEY}/splitter", self.splitter.saveState())
        s.setValue(f"{self.PAGE_KEY}/form_shown", self.form_button.isChecked())
        header = self._header()
        if header is not None:
            s.setValue(f"{self.PAGE_KEY}/columns", header.saveState())
        s.sync()

    def restore_state(self) -> None:
        s = settings.qsettings()
        splitter = s.value(f"{self.PAGE_KEY}/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1000, 330])
        self.form_button.setChecked(s.value(f"{self.PAGE_KEY}/form_shown", True, bool))
        header = self._header()
        if header is None:
            return
        for column, width in self._column_widths().items():
            header.resizeSection(column, width)
        columns = s.value(f"{self.PAGE_KEY}/columns")
        if isinstance(columns, QByteArray) and not columns.isEmpty():
            header.restoreState(columns)
        fit_headers(header)

    def _header(self) -> QHeaderView | None:
        return self.view.horizontalHeader() if isinstance(self.view, QTableView) else None
