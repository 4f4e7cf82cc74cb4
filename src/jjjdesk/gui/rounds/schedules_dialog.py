"""批次计划: the schedules that open each period's round by themselves; add, pause, resume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

KIND_TEXTS = {"week": "周跟进", "month": "月报告", "quarter": "季调度"}
DEADLINE_TEXTS = {"week": "本周一后第 {0} 个工作日截止", "month": "次月第 {0} 个工作日截止",
                  "quarter": "季度结束后第 {0} 个工作日截止"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SchedulesDialog", text)


def deadline_text(kind: str, offset: int) -> str:
    if kind == "week" and offset == 0:
        return _tr("本周一截止")
    return _tr(DEADLINE_TEXTS[kind]).format(offset)


class SchedulesModel(RowsModel):
    CONTEXT = "SchedulesModel"
    COLUMNS = (
        Column("计划", lambda r: r.name, width=130),
        Column("类型", lambda r: _tr(KIND_TEXTS[r.schedule_kind]), width=70),
        Column("截止", lambda r: deadline_text(r.schedule_kind, r.deadline_offset), width=190),
        Column("范围", lambda r: _tr("{0} 个单位").format(len(r.unit_ids)) if r.unit_ids
               else _tr("全部单位"), width=80),
        Column("状态", lambda r: _tr("已暂停") if r.paused else _tr("启用"), width=60),
        Column("最近创建", lambda r: r.last_period_key or "—", width=90),
    )


class AddScheduleDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增批次计划"))
        self.kind_combo = QComboBox(objectName="scheduleKind")
        for code, text in KIND_TEXTS.items():
            self.kind_combo.addItem(_tr(text), code)
        self.kind_combo.setCurrentIndex(1)
        self.offset_spin = QSpinBox(objectName="scheduleOffset")
        self.offset_spin.setRange(0, 20)
        self.offset_spin.setValue(5)
        self.name_edit = QLineEdit(objectName="scheduleName")
        self.name_edit.setPlaceholderText(self.tr("留空则用类型名,如“月报告”"))
        self.hint = QLabel(objectName="scheduleHint")
        self.hint.setStyleSheet("color: #5f6b7a;")
        form = QFormLayout()
        form.addRow(self.tr("类型"), self.kind_combo)
        form.addRow(self.tr("截止工作日"), self.offset_spin)
        form.addRow(self.tr("名称"), self.name_edit)
        form.addRow("", self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._hint())
        self.offset_spin.valueChanged.connect(lambda _v: self._hint())
        self._hint()

    def _hint(self) -> None:
        kind = self.kind_combo.currentData()
        self.offset_spin.setMinimum(1 if kind == "month" else 0)
        self.hint.setText(self.tr("{0};节假日和调休按工作日历顺延。").format(
            deadline_text(kind, self.offset_spin.value())))


class SchedulesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from jjjdesk.services.permissions import may_write_registry

        self.context = context
        self.setWindowTitle(self.tr("批次计划"))
        intro = QLabel(self.tr(
            "启用的计划在每期开始时自动创建该期的填报批次(打开软件时和运行中每15分钟检查一次),"
            "同一期不会重复创建。"), wordWrap=True)
        self.model = SchedulesModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("schedulesView")
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        self.model.apply_widths(self.view)
        self.view.setMinimumSize(640, 200)
        self.add_button = QPushButton(self.tr("新增计划…"), objectName="addScheduleButton")
        self.pause_button = QPushButton(self.tr("暂停"), objectName="pauseScheduleButton")
        self.run_button = QPushButton(self.tr("立即检查"), objectName="runSchedulesButton")
        self.run_button.setToolTip(self.tr("现在就为到期的计划创建本期批次"))
        self.calendar_button = QPushButton(self.tr("工作日历…"), objectName="calendarButton")
        self.calendar_button.setToolTip(self.tr("法定节假日之外的放假日和调休上班日"))
        self.remind_button = QPushButton(self.tr("临期提醒设置…"), objectName="remindSetting")
        self.remind_button.setToolTip(self.tr("截止前多少个工作日起提醒尚未报送的单位"))
        self.status = QLabel(objectName="schedulesStatus", wordWrap=True)
        writable = may_write_registry(context.actor)
        buttons = (self.add_button, self.pause_button, self.run_button, self.remind_button)
        for button in buttons:
            button.setEnabled(writable)
        actions = QHBoxLayout()
        for button in buttons[:3]:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.calendar_button)
        actions.addWidget(self.remind_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.pause_button.clicked.connect(self.toggle_paused)
        self.run_button.clicked.connect(self.run_now)
        self.remind_button.clicked.connect(self.edit_remind_setting)
        self.calendar_button.clicked.connect(self.edit_calendar)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.reload()

    def current(self):
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def reload(self, select_id: int | None = None) -> None:
        from jjjdesk.services import schedules

        self.model.set_rows(self.context.read(schedules.list_schedules))
        rows = self.model.rows
        position = next((i for i, r in enumerate(rows) if r.id == select_id),
                        0 if rows else None)
        if position is not None:
            self.view.setCurrentIndex(self.model.index(position, 0))
        self._update()

    def _update(self) -> None:
        row = self.current()
        self.pause_button.setText(self.tr("恢复") if row and row.paused else self.tr("暂停"))
        if row is None:
            self.pause_button.setEnabled(False)
        elif self.add_button.isEnabled():
            self.pause_button.setEnabled(True)

    def _write(self, fn, **kwargs):
        try:
            return self.context.write(fn, entity="round", **kwargs)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
            return None

    def add(self) -> None:
        from jjjdesk.services import schedules

        dialog = AddScheduleDialog(self)
        if common.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        view = self._write(schedules.add_schedule, kind=dialog.kind_combo.currentData(),
                           deadline_offset=dialog.offset_spin.value(),
                           name=dialog.name_edit.text())
        if view is not None:
            self.reload(select_id=view.id)

    def toggle_paused(self) -> None:
        from jjjdesk.services import schedules

        row = self.current()
        if row is None:
            return
        if self._write(schedules.update_schedule, schedule_id=row.id,
                       expected_version=row.version, paused=not row.paused) is not None:
            self.reload(select_id=row.id)

    def run_now(self) -> None:
        from jjjdesk.services import schedules

        made = self._write(schedules.run_due, today=common.today())
        if made is None:
            return
        self.status.setText(
            self.tr("已创建:{0}").format("、".join(r.name for r in made)) if made
            else self.tr("没有需要创建的批次。"))
        self.reload(select_id=getattr(self.current(), "id", None))

    def edit_remind_setting(self) -> None:
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

        common.run_dialog(ThresholdsDialog(self.context, self, keys=("remind.within_workdays",),
                                           title=self.tr("临期提醒")))

    def edit_calendar(self) -> None:
        from jjjdesk.gui.rounds.calendar_dialog import CalendarDialog

        common.run_dialog(CalendarDialog(self.context, self))
