"""The 目标指标 form: name, measure, baseline and target, direction, owner."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from jjjdesk.domain.enums import Direction
from jjjdesk.gui.forms.base_form import RecordForm
from jjjdesk.gui.forms.fields import enum_choices, fill_combo


class IndicatorForm(RecordForm):
    ENTITY = "indicator"
    ID_ARG = "indicator_id"
    NOUN = "指标"

    def _build_fields(self) -> None:
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.measure_edit = QLineEdit(objectName="measureEdit")
        self.measure_edit.setPlaceholderText(self.tr("如 万标准箱、%、亿元、公里"))
        self.plan_combo = QComboBox(objectName="planCombo")
        self.task_combo = QComboBox(objectName="taskCombo")
        self.lead_combo = QComboBox(objectName="leadUnitCombo")
        self.baseline_year_edit = QLineEdit(objectName="baselineYearEdit")
        self.baseline_value_edit = QLineEdit(objectName="baselineValueEdit")
        self.target_year_edit = QLineEdit(objectName="targetYearEdit")
        self.target_value_edit = QLineEdit(objectName="targetValueEdit")
        self.direction_combo = QComboBox(objectName="directionCombo")
        self.note_edit = QPlainTextEdit(objectName="noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(110)
        for edit in (self.baseline_year_edit, self.target_year_edit):
            edit.setPlaceholderText(self.tr("如 2022"))
        self.add_row(self.tr("指标名称 *"), self.name_edit)
        self.add_row(self.tr("计量单位"), self.measure_edit)
        self.add_row(self.tr("所属方案 *"), self.plan_combo)
        self.add_row(self.tr("所属任务"), self.task_combo)
        self.add_row(self.tr("牵头单位"), self.lead_combo)
        self.add_row(self.tr("基期年份"), self.baseline_year_edit)
        self.add_row(self.tr("基期值"), self.baseline_value_edit)
        self.add_row(self.tr("目标年份"), self.target_year_edit)
        self.add_row(self.tr("目标值"), self.target_value_edit)
        self.add_row(self.tr("方向"), self.direction_combo)
        self.add_row(self.tr("备注"), self.note_edit)

    def _fields(self) -> dict[str, QWidget]:
        return {
            "name": self.name_edit,
            "measure": self.measure_edit,
            "plan_id": self.plan_combo,
            "task_id": self.task_combo,
            "lead_unit_id": self.lead_combo,
            "baseline_year": self.baseline_year_edit,
            "baseline_value": self.baseline_value_edit,
            "target_year": self.target_year_edit,
            "target_value": self.target_value_edit,
            "direction": self.direction_combo,
            "note": self.note_edit,
        }

    def _fill_choices(self) -> None:
        from jjjdesk.services import tasks, units

        none = self.tr("(未指定)")
        fill_combo(self.plan_combo, self.context.read(tasks.plan_choices))
        fill_combo(self.task_combo, self.context.read(tasks.task_choices), none)
        fill_combo(self.lead_combo, self.context.read(units.unit_choices), none)
        fill_combo(self.direction_combo, enum_choices(Direction))

    def _services(self):
        from jjjdesk.services import indicators

        return (
            indicators.get_indicator,
            indicators.create_indicator,
            indicators.update_indicator,
            indicators.delete_indicator,
        )

    def _defaults(self):
        return {"direction": Direction.UP.value}
