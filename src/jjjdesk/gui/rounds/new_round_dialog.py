"""新建批次: the period, deadline, name and scope (by units/categories/kinds, or by hand)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import ProjectKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_checklist, get_value
from jjjdesk.gui.labels import period_label
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.period_picker import PeriodPicker, last_month
from jjjdesk.services import projects, rounds, tasks, units
from jjjdesk.services.query import ListQuery

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


def _checklist(name: str, height: int = 150) -> QListWidget:
    widget = QListWidget(objectName=name)
    widget.setMinimumHeight(height)
    return widget


def _hand_choices(session) -> list[tuple[str, str]]:
    """Every top-level task and project, as "task:12" / "project:7" with a readable label."""
    out = [(f"task:{tid}", f"任务 {label}") for tid, label in tasks.task_choices(session=session)]
    for p in projects.list_projects(session=session, query=ListQuery(), limit=100_000):
        out.append((f"project:{p.id}", f"项目 {p.code} {p.name}"))
    return out


class NewRoundDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.created: rounds.RoundView | None = None
        self.setWindowTitle(self.tr("新建填报批次"))
        self.resize(760, 620)

        self.period_picker = PeriodPicker(self)
        self.period_label = QLabel(self, objectName="periodLabel")
        self.name_edit = QLineEdit(self, objectName="nameEdit")
        self.deadline_edit = QDateEdit(self, objectName="deadlineEdit")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.note_edit = QLineEdit(self, objectName="noteEdit")
        self.error_label = QLabel(self, objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        head = QFormLayout()
        head.addRow(self.tr("报告期"), self.period_picker)
        head.addRow("", self.period_label)
        head.addRow(self.tr("批次名称"), self.name_edit)
        head.addRow(self.tr("截止日期"), self.deadline_edit)
        head.addRow(self.tr("备注"), self.note_edit)

        # ---- scope by filter
        self.unit_list = _checklist("unitList")
        self.category_list = _checklist("categoryList")
        self.kind_list = _checklist("kindList", 110)
        self.tasks_check = QCheckBox(self.tr("重点任务"), objectName="tasksCheck", checked=True)
        self.subtasks_check = QCheckBox(self.tr("含分解任务"), objectName="subtasksCheck")
        self.projects_check = QCheckBox(
            self.tr("重点项目"), objectName="projectsCheck", checked=True
        )
        by_filter = QWidget(objectName="byFilterTab")
        grid = QGridLayout(by_filter)
        grid.addWidget(QLabel(self.tr("责任单位(不选为全部)")), 0, 0)
        grid.addWidget(QLabel(self.tr("任务类别(不选为全部)")), 0, 1)
        grid.addWidget(self.unit_list, 1, 0, 3, 1)
        grid.addWidget(self.category_list, 1, 1)
        grid.addWidget(QLabel(self.tr("项目类型(不选为全部)")), 2, 1)
        grid.addWidget(self.kind_list, 3, 1)
        checks = QWidget()
        row = QGridLayout(checks)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tasks_check, 0, 0)
        row.addWidget(self.subtasks_check, 0, 1)
        row.addWidget(self.projects_check, 0, 2)
        grid.addWidget(checks, 4, 0, 1, 2)

        # ---- scope by hand
        self.item_list = _checklist("itemList", 300)
        by_hand = QWidget(objectName="byHandTab")
        hand_layout = QVBoxLayout(by_hand)
        hand_layout.addWidget(QLabel(self.tr("勾选要填报的任务和项目(各自由牵头单位填报)")))
        hand_layout.addWidget(self.item_list, 1)

        self.scope_tabs = QTabWidget(self, objectName="scopeTabs")
        self.scope_tabs.addTab(by_filter, self.tr("按条件选择范围"))
        self.scope_tabs.addTab(by_hand, self.tr("逐项勾选"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.scope_tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._fill()
        self.period_picker.changed.connect(self._on_period)
        self.period_picker.set_period(last_month(common.today()))

    def _fill(self) -> None:
        fill_checklist(self.unit_list, self.context.read(units.unit_choices))
        fill_checklist(self.category_list, self.context.read(tasks.category_choices))
        fill_checklist(self.kind_list, enum_choices(ProjectKind))
        fill_checklist(self.item_list, self.context.read(_hand_choices))

    def _on_period(self) -> None:
        period = self.period_picker.period()
        self.period_label.setText(
            self.tr("{0}({1:%Y-%m-%d} 至 {2:%Y-%m-%d})").format(
                period_label(period), period.start, period.end
            )
        )
        self.name_edit.setPlaceholderText(rounds.default_name(period))
        deadline = period.end + timedelta(days=5)
        self.deadline_edit.setDate(QDate(deadline.year, deadline.month, deadline.day))

    def scope(self) -> rounds.RoundScope:
        if self.scope_tabs.currentIndex() == 1:
            refs = []
            for key in get_value(self.item_list):
                kind, _, raw = key.partition(":")
                refs.append(SubjectRef(kind, int(raw)))
            return rounds.RoundScope(items=tuple(refs))
        return rounds.RoundScope(
            unit_ids=tuple(get_value(self.unit_list)),
            category_ids=tuple(get_value(self.category_list)),
            include_tasks=self.tasks_check.isChecked(),
            include_subtasks=self.subtasks_check.isChecked(),
            include_projects=self.projects_check.isChecked(),
            project_kinds=tuple(get_value(self.kind_list)),
        )

    def create(self) -> None:
        if self.scope_tabs.currentIndex() == 1 and not get_value(self.item_list):
            self._error(self.tr("请至少勾选一项任务或项目。"))
            return
        try:
            self.created = self.context.write(
                rounds.create_round,
                entity="round",
                period=self.period_picker.period(),
                deadline=self.deadline_edit.date().toPython(),
                name=self.name_edit.text(),
                scope=self.scope(),
                note=self.note_edit.text(),
            )
        except ValidationFailed as exc:
            self._error(";".join(exc.errors.values()))
            return
        except UserFacingError as exc:
            self._error(str(exc))
            return
        if self.created.skipped:
            common.info(
                self,
                self.tr("部分事项未纳入"),
                self.tr("以下事项没有牵头单位,未纳入本批次:\n{0}").format(
                    "\n".join(self.created.skipped)
                ),
            )
        self.accept()

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
