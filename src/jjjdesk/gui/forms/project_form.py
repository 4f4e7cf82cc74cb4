"""The 重点项目 form (Designer file `ui/project_form.ui`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from jjjdesk.domain.enums import ProjectKind, Stage
from jjjdesk.gui.forms.base_form import RecordForm
from jjjdesk.gui.forms.fields import enum_choices, fill_checklist, fill_combo
from jjjdesk.gui.ui_loader import child


class ProjectForm(RecordForm):
    UI_FILE = "project_form.ui"
    ENTITY = "project"
    ID_ARG = "project_id"
    NOUN = "项目"

    def _build_fields(self) -> None:
        """共同牵头 and 配合 units, below the lead (not in the Designer file: lists of units)."""
        self.co_lead_list = QListWidget(objectName="coLeadList")
        self.cooperating_list = QListWidget(objectName="cooperatingList")
        for widget in (self.co_lead_list, self.cooperating_list):
            widget.setMaximumHeight(110)
        row, _role = self.field_layout.getWidgetPosition(
            child(self.form, QComboBox, "leadUnitCombo"))
        self.field_layout.insertRow(row + 1, self.tr("共同牵头单位"), self.co_lead_list)
        self.field_layout.insertRow(row + 2, self.tr("配合单位"), self.cooperating_list)

    def _fields(self) -> dict[str, QWidget]:
        f = self.form
        return {
            "code": child(f, QLineEdit, "codeEdit"),
            "name": child(f, QLineEdit, "nameEdit"),
            "district_id": child(f, QComboBox, "districtCombo"),
            "lead_unit_id": child(f, QComboBox, "leadUnitCombo"),
            "co_lead_unit_ids": self.co_lead_list,
            "cooperating_unit_ids": self.cooperating_list,
            "task_id": child(f, QComboBox, "taskCombo"),
            "kind": child(f, QComboBox, "kindCombo"),
            "stage": child(f, QComboBox, "stageCombo"),
            "industry_chain": child(f, QLineEdit, "industryChainEdit"),
            "total_investment": child(f, QLineEdit, "totalInvestmentEdit"),
            "annual_investment": child(f, QLineEdit, "annualInvestmentEdit"),
            "planned_start": child(f, QLineEdit, "plannedStartEdit"),
            "planned_completion": child(f, QLineEdit, "plannedCompletionEdit"),
            "description": child(f, QPlainTextEdit, "descriptionEdit"),
        }

    def _fill_choices(self) -> None:
        from jjjdesk.services import tasks, units

        none = self.tr("(未指定)")
        fill_combo(
            self.fields["district_id"], self.context.read(units.unit_choices, kind="district"), none
        )
        unit_choices = self.context.read(units.unit_choices)
        fill_combo(self.fields["lead_unit_id"], unit_choices, none)
        fill_checklist(self.co_lead_list, unit_choices)
        fill_checklist(self.cooperating_list, unit_choices)
        fill_combo(self.fields["task_id"], self.context.read(tasks.task_choices), none)
        fill_combo(self.fields["kind"], enum_choices(ProjectKind))
        fill_combo(self.fields["stage"], enum_choices(Stage))
        for name in ("district_id", "lead_unit_id", "task_id"):
            self.fields[name].setMaxVisibleItems(20)

    def _services(self):
        from jjjdesk.services import projects

        return (
            projects.get_project,
            projects.create_project,
            projects.update_project,
            projects.delete_project,
        )

    def _defaults(self) -> dict[str, Any]:
        from jjjdesk.services import projects

        code = self.context.read(projects.next_project_code, year=date.today().year)
        return {"code": code, "kind": ProjectKind.INDUSTRY.value, "stage": Stage.PLANNING.value}
