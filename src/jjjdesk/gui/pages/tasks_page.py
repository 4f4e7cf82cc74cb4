"""重点任务 page: the plan → category → task → sub-task tree with unit and category filters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from jjjdesk.gui.forms.task_form import TaskForm
from jjjdesk.gui.models.paged_model import IdRole
from jjjdesk.gui.models.tasks_model import KindRole, TasksModel
from jjjdesk.gui.pages.list_page import FilterSpec, ListPage
from jjjdesk.gui.pages.projects_page import category_choices, unit_choices


def _tr(text: str) -> str:
    return QCoreApplication.translate("TasksPage", text)


class TasksPage(ListPage):
    PAGE_KEY = "tasks"
    ENTITIES = frozenset({"unit", "task"})

    def _make_model(self):
        return TasksModel(self)

    def _make_form(self):
        return TaskForm(self)

    def _make_view(self):
        view = QTreeView()
        view.setModel(self.model)
        view.setAlternatingRowColors(True)
        view.setUniformRowHeights(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        m = TasksModel
        for column, width in {
            m.COL_TITLE: 420,
            m.COL_LEAD: 130,
            m.COL_COOPERATING: 180,
            m.COL_START: 92,
            m.COL_DUE: 92,
            m.COL_PROJECTS: 56,
        }.items():
            header.resizeSection(column, width)
        view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.reloaded.connect(view.expandAll)
        return view

    def _filters(self):
        return [
            FilterSpec("unit_id", "unitFilter", _tr("全部单位"), unit_choices),
            FilterSpec("category_id", "categoryFilter", _tr("全部类别"), category_choices),
        ]

    def _search_hint(self) -> str:
        return _tr("搜索任务名称、内容,或拼音首字母")

    def _count_text(self, shown: int, total: int) -> str:
        return _tr("显示 {0} / {1} 项任务").format(shown, total)

    def _update_count(self) -> None:
        self.count_label.setText(self._count_text(self.model.task_count, self.model.count_all()))
        self.count_changed.emit()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        first = current.siblingAtColumn(0)
        if first.data(KindRole) in ("task", "subtask"):
            record_id = first.data(IdRole)
            if record_id != self.form.record_id:
                self.form.load(record_id)
        elif first.data(KindRole) == "category":
            self.form.new_record({"category_id": first.data(IdRole)})

    def select_record(self, record_id: int) -> bool:
        index = self.model.find_task(record_id)
        if index is None:
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.form.load(record_id)
        return True

    def _header(self):
        return self.view.header()
