"""Options of an export: which ledger, which period or round, how it is laid out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.period import Period
from jjjdesk.gui import dialogs
from jjjdesk.gui.exporting.common import LEDGER, PACK, TEMPLATES
from jjjdesk.gui.rounds.period_picker import PeriodPicker, last_month

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext



@dataclass(frozen=True)
class ExportChoice:
    kind: str  # projects / tasks (ledger only)
    period: Period | None
    round_id: int | None
    label: str  # the period or round as named in file names: 2024年3月 / 2024年3月月报
    split_by_category: bool = False
    include_indicators: bool = True
    include_drafts: bool = False
    with_attachments: bool = False  # the pack: the red items' 佐证材料 too


class ExportDialog(QDialog):
    """One dialog for the three exports; `mode` decides which options it shows."""

    def __init__(self, context: AppContext, mode: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.mode = mode
        from jjjdesk.services import rounds

        self._rounds = context.read(rounds.list_rounds)
        self.setWindowTitle(
            {
                LEDGER: self.tr("导出台账"),
                TEMPLATES: self.tr("生成填报模板"),
                PACK: self.tr("导出会议材料"),
            }[mode]
        )
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.kind_combo = QComboBox(objectName="kindCombo")
        self.kind_combo.addItem(self.tr("重点项目推进情况台账"), "projects")
        self.kind_combo.addItem(self.tr("重点任务推进情况台账"), "tasks")
        if mode == LEDGER:
            form.addRow(self.tr("台账:"), self.kind_combo)

        self.round_radio = QRadioButton(self.tr("按填报批次"), objectName="roundRadio")
        self.period_radio = QRadioButton(self.tr("按统计期次"), objectName="periodRadio")
        group = QButtonGroup(self)
        group.addButton(self.round_radio)
        group.addButton(self.period_radio)
        self.round_combo = QComboBox(objectName="roundCombo")
        for r in self._rounds:
            self.round_combo.addItem(
                self.tr("{0}(截止 {1:%Y-%m-%d},{2})").format(r.name, r.deadline, r.state_label),
                r.id,
            )
        # 评价口径: the round the lights page and the 总览 judge by is this export's default,
        # so the ledger and the pack show what those screens show.
        if mode != TEMPLATES:
            as_of = context.as_of_round()
            self.round_combo.setCurrentIndex(max(self.round_combo.findData(as_of), 0))
        chosen = next((r for r in self._rounds if r.id == self.round_combo.currentData()), None)
        self.period_picker = PeriodPicker(self)
        self.period_picker.set_period(chosen.period if chosen else last_month(date.today()))
        if mode == TEMPLATES:
            form.addRow(self.tr("填报批次:"), self.round_combo)
            self.period_picker.hide()  # not in a layout here: it drew over the first row
        else:
            round_row = QHBoxLayout()
            round_row.addWidget(self.round_radio)
            round_row.addWidget(self.round_combo, 1)
            period_row = QHBoxLayout()
            period_row.addWidget(self.period_radio)
            period_row.addWidget(self.period_picker, 1)
            form.addRow(self.tr("范围:"), round_row)
            form.addRow("", period_row)
        has_rounds = bool(self._rounds)
        self.round_radio.setEnabled(has_rounds)
        (self.round_radio if has_rounds else self.period_radio).setChecked(True)
        self.round_radio.toggled.connect(self._update)

        self.split_check = QCheckBox(self.tr("每个类别一个工作表"), objectName="splitCheck")
        self.indicators_check = QCheckBox(
            self.tr("附目标指标完成情况表"), objectName="indicatorsCheck"
        )
        self.indicators_check.setChecked(True)
        self.drafts_check = QCheckBox(
            self.tr("包含尚未报送的草稿和退回的填报"), objectName="draftsCheck"
        )
        self.fonts_button = QPushButton(self.tr("台账字体…"), objectName="fontsButton")
        self.fonts_button.setToolTip(self.tr("导出台账的正文和标题字体(本数据库的所有用户共用)"))
        self.fonts_button.clicked.connect(lambda: self._choose_fonts(context))
        if mode == LEDGER:
            options = QVBoxLayout()
            for w in (self.split_check, self.indicators_check, self.drafts_check):
                options.addWidget(w)
            options.addWidget(self.fonts_button, 0, Qt.AlignmentFlag.AlignLeft)
            form.addRow(self.tr("选项:"), options)
        self.attachments_check = QCheckBox(
            self.tr("附红灯事项的佐证材料(每个事项一个文件夹,另附清单)"),
            objectName="attachmentsCheck",
        )
        self.attachments_check.setToolTip(
            self.tr("本期红灯事项填报所附的照片、文件等;文件较多时材料包会较大"))
        if mode == PACK:
            options = QVBoxLayout()
            options.addWidget(self.attachments_check)
            options.addWidget(self.fonts_button, 0, Qt.AlignmentFlag.AlignLeft)
            form.addRow(self.tr("选项:"), options)

        hint = {
            LEDGER: self.tr("按期次导出时包含全部项目或任务;按批次导出时只含该批次的填报范围。"),
            TEMPLATES: self.tr(
                "为批次中的每个单位生成一个 Excel 模板,文件名形如"
                "“2024年3月月报_市发展改革委.xlsx”。"
            ),
            PACK: self.tr(
                "在所选文件夹中新建一个材料文件夹:重点项目台账、重点任务台账、"
                "仪表盘图表和简报 PDF。"
            ),
        }[mode]
        self.hint_label = QLabel(hint, objectName="hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")
        self.empty_label = QLabel(
            self.tr("还没有填报批次。请先在“填报批次”页新建批次。"), objectName="emptyLabel"
        )
        self.empty_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.empty_label.setVisible(mode == TEMPLATES and not has_rounds)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("生成…") if mode == TEMPLATES else self.tr("导出…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        by_round = self.mode == TEMPLATES or self.round_radio.isChecked()
        self.round_combo.setEnabled(by_round and bool(self._rounds))
        self.period_picker.setEnabled(not by_round)
        self.ok_button.setEnabled(not (by_round and not self._rounds))

    def choice(self) -> ExportChoice:
        by_round = self.mode == TEMPLATES or self.round_radio.isChecked()
        round_id = self.round_combo.currentData() if by_round else None
        if round_id is not None:
            rnd = next(r for r in self._rounds if r.id == round_id)
            period, label = rnd.period, rnd.name
        else:
            period = self.period_picker.period()
            label = period.label
        return ExportChoice(
            kind=self.kind_combo.currentData(),
            period=None if round_id else period,
            round_id=round_id,
            label=label,
            split_by_category=self.split_check.isChecked(),
            include_indicators=self.indicators_check.isChecked(),
            include_drafts=self.drafts_check.isChecked(),
            with_attachments=self.mode == PACK and self.attachments_check.isChecked(),
        )

    def _choose_fonts(self, context: AppContext) -> None:
        from jjjdesk.gui.rounds.common import run_dialog
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

        run_dialog(ThresholdsDialog(context, self, keys=("ledger.font", "ledger.title_font"),
                                    title=self.tr("台账字体")))

    def choice_period_key(self) -> str:
        c = self.choice()
        if c.round_id is not None:
            return next(r for r in self._rounds if r.id == c.round_id).period_key
        return c.period.key if c.period else ""

    def period_label(self) -> str:
        """The period the export covers (a round's period), for the ledger's title."""
        c = self.choice()
        if c.round_id is not None:
            return next(r for r in self._rounds if r.id == c.round_id).period_label
        return c.label
