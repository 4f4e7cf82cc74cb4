"""重点任务 as a tree: plan → category → task → sub-task (small enough to build whole)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from jjjdesk.gui.models.paged_model import IdRole, day

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

KindRole = Qt.ItemDataRole.UserRole + 3  # "plan", "category", "task", "subtask"

_CHINESE = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    if n <= 10:
        return _CHINESE[n]
    if n < 20:
        return "十" + _CHINESE[n - 10]
    return _CHINESE[n // 10] + "十" + (_CHINESE[n % 10] if n % 10 else "")


class TasksModel(QStandardItemModel):
    CONTEXT = "TasksModel"
    COL_TITLE, COL_LEAD, COL_COOPERATING, COL_START, COL_DUE, COL_PROJECTS, COL_DEMO = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("TasksModel", "任务"),
        QT_TRANSLATE_NOOP("TasksModel", "牵头单位"),
        QT_TRANSLATE_NOOP("TasksModel", "配合单位"),
        QT_TRANSLATE_NOOP("TasksModel", "开始时间"),
        QT_TRANSLATE_NOOP("TasksModel", "完成时限"),
        QT_TRANSLATE_NOOP("TasksModel", "项目数"),
        QT_TRANSLATE_NOOP("TasksModel", "标记"),
    )

    reloaded = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context: AppContext | None = None
        self._query = None
        self.task_count = 0
        self.category_count = 0
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate(self.CONTEXT, h) for h in self.HEADERS]
        )

    @property
    def query(self):
        if self._query is None:
            from jjjdesk.services.query import ListQuery

            self._query = ListQuery()
        return self._query

    def set_context(self, context: AppContext | None) -> None:
        self.context = context
        self.reload()

    def set_query(self, **changes: Any) -> None:
        self._query = replace(self.query, **changes)
        self.reload()

    def count_all(self) -> int:
        if self.context is None:
            return 0
        from jjjdesk.services import tasks

        return self.context.read(tasks.count_tasks)

    def reload(self) -> None:
        # removeRows, not clear(): clear() drops the header sections and the view's widths.
        self.removeRows(0, self.rowCount())
        self.task_count = self.category_count = 0
        if self.context is not None:
            from jjjdesk.services import tasks

            for plan in self.context.read(tasks.task_tree, query=self.query):
                self._add_plan(plan)
        self.reloaded.emit()

    def _add_plan(self, plan) -> None:
        title = QCoreApplication.translate(self.CONTEXT, "{0}({1}–{2}年)").format(
            plan.name, plan.start_year, plan.end_year
        )
        plan_item = _item(title, plan.id, "plan", bold=True)
        self.appendRow(_row(plan_item, self.columnCount()))
        for category in plan.categories:
            self.category_count += 1
            text = f"({chinese_number(category.number)}){category.title}"
            cat_item = _item(text, category.id, "category", bold=True)
            plan_item.appendRow(_row(cat_item, self.columnCount()))
            for task in category.tasks:
                self.task_count += 1
                cat_item.appendRow(self._task_row(task, "task"))
                for sub in task.subtasks:
                    cat_item.child(cat_item.rowCount() - 1).appendRow(
                        self._task_row(sub, "subtask")
                    )

    def _task_row(self, node, kind: str) -> list[QStandardItem]:
        label = f"{node.code}. {node.title}" if kind == "task" else f"{node.code} {node.title}"
        title = _item(label, node.id, kind)
        title.setToolTip(node.title)
        demo = QCoreApplication.translate("PagedTableModel", "演示") if node.is_demo else ""
        cells = [
            title,
            _item(node.lead_unit, node.id, kind),
            _item(node.cooperating_units, node.id, kind),
            _item(day(node.start_date), node.id, kind),
            _item(day(node.due_date), node.id, kind),
            _item(str(node.project_count) if node.project_count else "", node.id, kind),
            _item(demo, node.id, kind),
        ]
        cells[self.COL_COOPERATING].setToolTip(node.cooperating_units)
        cells[self.COL_PROJECTS].setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        cells[self.COL_DEMO].setForeground(QBrush(QColor("#8a8f98")))
        return cells

    def find_task(self, task_id: int):
        """Index of a task or sub-task row, or None."""
        for index in self.match(
            self.index(0, 0),
            IdRole,
            task_id,
            -1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        ):
            if index.data(KindRole) in ("task", "subtask"):
                return index
        return None


def _item(text: str, record_id: int, kind: str, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(record_id, IdRole)
    item.setData(kind, KindRole)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def _row(first: QStandardItem, columns: int) -> list[QStandardItem]:
    rest = [QStandardItem() for _ in range(columns - 1)]
    for item in rest:
        item.setEditable(False)
    return [first, *rest]
