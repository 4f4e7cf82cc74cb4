"""The 重点任务 form: category, parent (for 分解任务), number, title, units, window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from jjjdesk.gui.forms.base_form import RecordForm
from jjjdesk.gui.forms.fields import fill_checklist, fill_combo


class TaskForm(RecordForm):
    ENTITY = "task"
    ID_ARG = "task_id"
    NOUN = "任务"

    def _build_fields(self) -> None:
        self.category_combo = QComboBox(objectName="categoryCombo")
        self.parent_combo = QComboBox(objectName="parentCombo")
        self.number_spin = QSpinBox(objectName="numberSpin")
        self.number_spin.setRange(0, 999)
        self.title_edit = QLineEdit(objectName="titleEdit")
        self.content_edit = QPlainTextEdit(objectName="contentEdit")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setMaximumHeight(120)
        self.lead_combo = QComboBox(objectName="leadUnitCombo")
        self.co_lead_list = QListWidget(objectName="coLeadList")
        self.co_lead_list.setMaximumHeight(110)
        self.co_lead_list.setToolTip(self.tr(
            "与牵头单位共同牵头的单位:每期填报本单位承担部分的进展"))
        self.cooperating_list = QListWidget(objectName="cooperatingList")
        self.cooperating_list.setMaximumHeight(150)
        self.cooperating_list.setToolTip(self.tr("配合单位:每期填报本单位承担部分的进展"))
        self.start_edit = QLineEdit(objectName="startDateEdit")
        self.due_edit = QLineEdit(objectName="dueDateEdit")
        for edit in (self.start_edit, self.due_edit):
            edit.setPlaceholderText(self.tr("年-月-日,如 2024-03-15"))
        self._suggested = 0
        for combo in (self.category_combo, self.parent_combo):
            combo.currentIndexChanged.connect(self._on_placement_changed)
        self.add_row(self.tr("所属类别 *"), self.category_combo)
        self.add_row(self.tr("上级任务"), self.parent_combo)
        self.add_row(self.tr("序号 *"), self.number_spin)
        self.add_row(self.tr("任务名称 *"), self.title_edit)
        self.add_row(self.tr("任务内容"), self.content_edit)
        self.add_row(self.tr("牵头单位"), self.lead_combo)
        self.add_row(self.tr("共同牵头单位"), self.co_lead_list)
        self.add_row(self.tr("配合单位"), self.cooperating_list)
        self.add_row(self.tr("开始时间"), self.start_edit)
        self.add_row(self.tr("完成时限"), self.due_edit)

    def _fields(self) -> dict[str, QWidget]:
        return {
            "category_id": self.category_combo,
            "parent_id": self.parent_combo,
            "number": self.number_spin,
            "title": self.title_edit,
            "content": self.content_edit,
            "lead_unit_id": self.lead_combo,
            "co_lead_unit_ids": self.co_lead_list,
            "cooperating_unit_ids": self.cooperating_list,
            "start_date": self.start_edit,
            "due_date": self.due_edit,
        }

    def _defaults(self) -> dict[str, Any]:
        return {"number": self._next_number()}

    def _next_number(self) -> int:
        from jjjdesk.services import tasks

        return self.context.read(
            tasks.next_task_number,
            parent_id=self.parent_combo.currentData(),
            category_id=self.category_combo.currentData(),
        )

    def _on_placement_changed(self) -> None:
        """A new task moved to another parent or plan: suggest the 序号 that fits there,
        unless the user already typed one."""
        if self.context is None or self.record_id is not None:
            return
        if self.number_spin.value() == self._suggested:
            self._suggested = self._next_number()
            self.number_spin.setValue(self._suggested)

    def new_record(self, defaults: dict[str, Any] | None = None) -> None:
        super().new_record(defaults)
        self._suggested = self.number_spin.value()

    def _name_of(self, values) -> str:
        return str(values.get("title") or "")

    def _fill_choices(self) -> None:
        from jjjdesk.services import tasks, units

        unit_choices = self.context.read(units.unit_choices)
        fill_combo(self.category_combo, self.context.read(tasks.category_choices))
        fill_combo(
            self.parent_combo, self.context.read(tasks.task_choices), self.tr("(无,一级任务)")
        )
        fill_combo(self.lead_combo, unit_choices, self.tr("(未指定)"))
        fill_checklist(self.co_lead_list, unit_choices)
        fill_checklist(self.cooperating_list, unit_choices)
        for combo in (self.category_combo, self.parent_combo, self.lead_combo):
            combo.setMaxVisibleItems(20)

    def _services(self):
        from jjjdesk.services import tasks

        return tasks.get_task, tasks.create_task, tasks.update_task, tasks.delete_task
