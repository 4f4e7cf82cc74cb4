"""When a return does not say it itself: which round, which unit, which period it is for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.period import Period
from jjjdesk.gui.rounds.period_picker import PeriodPicker, last_month

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


@dataclass(frozen=True)
class ImportTarget:
    round_id: int | None = None
    unit_id: int | None = None
    period: Period | None = None


class TargetDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        file_name: str,
        reason: str = "",
        current: ImportTarget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("importTargetDialog")
        self.setWindowTitle(self.tr("指定批次、单位和期次"))
        self.setMinimumWidth(520)
        from jjjdesk.services import rounds, units

        current = current or ImportTarget()
        self.round_combo = QComboBox(objectName="roundCombo")
        self.round_combo.addItem(self.tr("(不属于填报批次)"), None)
        for r in context.read(rounds.list_rounds, state="open"):
            self.round_combo.addItem(r.name, r.id)
        self.round_combo.setCurrentIndex(max(self.round_combo.findData(current.round_id), 0))
        self.unit_combo = QComboBox(objectName="unitCombo")
        self.unit_combo.addItem(self.tr("(按文件内容判断)"), None)
        for unit_id, name in context.read(units.unit_choices):
            self.unit_combo.addItem(name, unit_id)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(current.unit_id), 0))
        self.unit_combo.setMaxVisibleItems(20)
        self.period_check = QCheckBox(self.tr("指定期次"), objectName="periodCheck")
        self.period_picker = PeriodPicker(self)
        self.period_picker.set_period(current.period or last_month(date.today()))
        self.period_check.setChecked(current.period is not None)
        self.period_check.toggled.connect(self._update)
        self.round_combo.currentIndexChanged.connect(lambda _i: self._update())

        intro = QLabel(self.tr("“{0}”").format(file_name), objectName="fileLabel")
        intro.setWordWrap(True)
        why = QLabel(reason, objectName="reasonLabel")
        why.setWordWrap(True)
        why.setStyleSheet("color: #8e1b1b;")
        why.setVisible(bool(reason))
        form = QFormLayout()
        form.addRow(self.tr("填报批次:"), self.round_combo)
        form.addRow(self.tr("报送单位:"), self.unit_combo)
        form.addRow(self.period_check, self.period_picker)
        hint = QLabel(self.tr("选择填报批次后,期次取该批次的期次。"), objectName="hintLabel")
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("预览"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._update()

    def _update(self) -> None:
        by_round = self.round_combo.currentData() is not None
        self.period_check.setEnabled(not by_round)
        self.period_picker.setEnabled(not by_round and self.period_check.isChecked())

    def target(self) -> ImportTarget:
        round_id = self.round_combo.currentData()
        period = (
            self.period_picker.period()
            if round_id is None and self.period_check.isChecked()
            else None
        )
        return ImportTarget(round_id, self.unit_combo.currentData(), period)
