"""进展填报 for one subject in one period: the fields, last period beside them, live checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import Assessment, ReviewState
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_combo, get_value, set_value
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.rounds import common
from jjjdesk.services import entries

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

CHECK_DELAY_MS = 150
TEXT_HEIGHT = 72


def save_and_submit(*, session, actor, subject, values, round_id, period, expected_version):
    """保存并报送 in one transaction: the draft is saved, then sent."""
    saved = entries.save_entry(
        session=session,
        actor=actor,
        subject=subject,
        values=values,
        round_id=round_id,
        period=period,
        expected_version=expected_version,
    )
    return entries.submit_entry(session=session, actor=actor, entry_id=saved.entry_id)


class EntryDialog(QDialog):
    """Opened from the board, a unit's grid, the review list or the returned inbox."""

    def __init__(
        self,
        context: AppContext,
        subject: SubjectRef,
        *,
        round_id: int | None = None,
        period: Period | str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.subject = subject
        self.round_id = round_id
        self.period_arg = period
        self.form_data: entries.EntryForm | None = None
        self._loaded: dict[str, Any] = {}
        self.resize(1180, 760)

        self.title_label = QLabel(self, objectName="titleLabel")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.state_label = QLabel(self, objectName="stateLabel")
        self.banner = QLabel(self, objectName="bannerLabel")
        self.banner.setStyleSheet(common.BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.fields: dict[str, QWidget] = {
            "assessment": QComboBox(objectName="assessmentCombo"),
            "completion_pct": QLineEdit(objectName="completionEdit"),
            "invest_period": QLineEdit(objectName="investPeriodEdit"),
            "invest_cumulative": QLineEdit(objectName="investCumulativeEdit"),
            "progress": QPlainTextEdit(objectName="progressEdit"),
            "problems": QPlainTextEdit(objectName="problemsEdit"),
            "next_steps": QPlainTextEdit(objectName="nextStepsEdit"),
            "coordination": QPlainTextEdit(objectName="coordinationEdit"),
            "cumulative_reason": QLineEdit(objectName="cumulativeReasonEdit"),
        }
        fill_combo(self.fields["assessment"], enum_choices(Assessment))
        self.fields["completion_pct"].setPlaceholderText(self.tr("0–100"))
        self.fields["invest_period"].setPlaceholderText(self.tr("亿元"))
        self.fields["invest_cumulative"].setPlaceholderText(self.tr("亿元"))
        self.fields["cumulative_reason"].setPlaceholderText(self.tr("累计投资低于上期累计时须说明"))
        labels = {
            "assessment": self.tr("推进情况"),
            "completion_pct": self.tr("完成进度(%)"),
            "invest_period": self.tr("本期完成投资(亿元)"),
            "invest_cumulative": self.tr("累计完成投资(亿元)"),
            "progress": self.tr("工作进展"),
            "problems": self.tr("存在问题"),
            "next_steps": self.tr("下步计划"),
            "coordination": self.tr("需协调事项"),
            "cumulative_reason": self.tr("累计投资说明"),
        }
        self.labels = labels
        self.messages: dict[str, QLabel] = {}
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, widget in self.fields.items():
            if isinstance(widget, QPlainTextEdit):
                widget.setFixedHeight(TEXT_HEIGHT)
                widget.setTabChangesFocus(True)
            message = QLabel(objectName=widget.objectName() + "Message")
            message.setWordWrap(True)
            message.hide()
            self.messages[name] = message
            box = QWidget()
            # Never taller than field and message: rows stay packed at the top.
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(message)
            self.form_layout.addRow(labels[name], box)
        current = QGroupBox(self.tr("本期填报"), self, objectName="currentGroup")
        current_layout = QVBoxLayout(current)
        current_layout.addLayout(self.form_layout)
        current_layout.addStretch(1)

        self.previous_group = QGroupBox(self.tr("上期填报(只读)"), self, objectName="previousGroup")
        self.previous_layout = QFormLayout(self.previous_group)
        self.previous_values: dict[str, QLabel] = {}
        for name in self.fields:
            value = QLabel(objectName=f"previous_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.previous_values[name] = value
            self.previous_layout.addRow(labels[name], value)
        self.previous_group.setMinimumWidth(360)

        self.copy_button = QPushButton(self.tr("沿用上期"), objectName="copyForwardButton")
        self.copy_button.setToolTip(
            self.tr("把上期的推进情况、进度、累计投资和文字填入本期(本期投资留空),保存前可修改")
        )
        self.save_button = QPushButton(self.tr("保存草稿"), objectName="saveButton")
        self.submit_button = QPushButton(self.tr("报送"), objectName="submitButton")
        self.close_button = QPushButton(self.tr("关闭"), objectName="closeButton")
        self.status_label = QLabel(self, objectName="statusLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)

        # Enter belongs to the fields (and the grid), never to a button of the dialog.
        for button in (self.copy_button, self.save_button, self.submit_button, self.close_button):
            button.setAutoDefault(False)
        from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel

        self.attachments = AttachmentsPanel(self.context, self)
        # What the 配合 / 共同牵头 units reported of this item this period (read-only).
        self.parts_group = QGroupBox(self.tr("配合单位进展(只读)"), self,
                                     objectName="coopPartsGroup")
        self.parts_label = QLabel(self.parts_group, objectName="coopPartsLabel")
        self.parts_label.setWordWrap(True)
        self.parts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.parts_group).addWidget(self.parts_label)
        side = QVBoxLayout()
        side.addWidget(self.previous_group, 3)
        side.addWidget(self.parts_group, 1)
        side.addWidget(self.attachments, 2)
        body = QHBoxLayout()
        body.addWidget(current, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        for widget in self.fields.values():
            signal = (
                widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.textChanged
            )
            signal.connect(self._on_edited)
        self.copy_button.clicked.connect(self.copy_forward)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)
        self.load()

    # ---- loading -------------------------------------------------------------------------
    @property
    def period_key(self) -> str:
        return self.form_data.period_key

    def load(self) -> None:
        """Read the form from the database (a new draft, a returned one, a locked one…)."""
        self.form_data = self.context.read(
            entries.get_entry_form,
            actor=self.context.actor,
            subject=self.subject,
            round_id=self.round_id,
            period=self.period_arg,
        )
        f = self.form_data
        self.round_id = f.round_id
        self.setWindowTitle(self.tr("进展填报 — {0}").format(f.subject.name))
        self.title_label.setText(self.tr("{0} · {1}").format(f.subject.title,
                                                              period_key_label(f.period_key)))
        is_project = self.subject.kind == "project"
        for name in ("invest_period", "invest_cumulative", "cumulative_reason"):
            self.form_layout.setRowVisible(self.fields[name].parentWidget(), is_project)
            self.previous_layout.setRowVisible(self.previous_values[name], is_project)
        entry = f.entry
        for name, widget in self.fields.items():
            widget.blockSignals(True)
            set_value(widget, entry.values()[name] if entry else None)
            widget.blockSignals(False)
        self._loaded = self.values()
        state = entry.review_state_label if entry else self.tr("未填报")
        extra = ""
        if f.subject.lead_unit:
            extra = self.tr(" · 牵头单位:{0}").format(f.subject.lead_unit)
        self.state_label.setText(self.tr("状态:{0}{1}").format(state, extra))
        self._show_previous(f.previous)
        banner = []
        if not f.editable:
            banner.append(self.tr("只读:{0}").format(f.read_only_reason))
        if entry and entry.review_state == ReviewState.RETURNED and entry.review_comment:
            banner.append(self.tr("退回意见:{0}").format(entry.review_comment))
        self.banner.setText("\n".join(banner))
        self.banner.setVisible(bool(banner))
        self._set_editable(f.editable)
        self.attachments.set_entry(entry.id if entry else None, f.editable)
        self._show_parts()
        self.check()

    def _show_parts(self) -> None:
        from jjjdesk.services.coop_parts import entry_parts

        parts = self.context.read(entry_parts, subject=self.subject, period_key=self.period_key)
        lines = []
        for p in parts:
            who = self.tr("{0}({1})").format(
                p.unit_name, QCoreApplication.translate("enums", p.role_label))
            if not p.reported:
                lines.append(self.tr("{0}:未报").format(who))
                continue
            pct = "" if p.completion_pct is None else self.tr(" [完成 {0}%]").format(
                f"{p.completion_pct:g}")
            lines.append(self.tr("{0}:{1}{2}").format(who, p.progress, pct))
        self.parts_label.setText("\n".join(lines))
        self.parts_group.setVisible(bool(parts))

    def _show_previous(self, previous) -> None:
        if previous is None:
            self.previous_group.setTitle(self.tr("上期填报(无)"))
            for label in self.previous_values.values():
                label.setText("—")
            return
        self.previous_group.setTitle(
            self.tr("上期填报:{0}({1},只读)").format(
                period_key_label(previous.period_key), common.tr(previous.review_state_label)
            )
        )
        shown = {
            "assessment": previous.assessment_label,
            "completion_pct": common.pct(previous.completion_pct),
            "invest_period": common.money(previous.invest_period),
            "invest_cumulative": common.money(previous.invest_cumulative),
        }
        for name, label in self.previous_values.items():
            text = shown.get(name, getattr(previous, name))
            label.setText(str(text) if text not in (None, "") else "—")

    def _set_editable(self, editable: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QComboBox):
                widget.setEnabled(editable)
            else:
                widget.setReadOnly(not editable)
        entry = self.form_data.entry
        self.save_button.setEnabled(editable)
        self.copy_button.setEnabled(editable and self.form_data.previous is not None)
        sendable = entry is None or entry.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)
        self.submit_button.setEnabled(editable and sendable)

    # ---- values and checks ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out = {name: get_value(widget) for name, widget in self.fields.items()}
        if self.subject.kind != "project":
            for name in ("invest_period", "invest_cumulative", "cumulative_reason"):
                out[name] = "" if name == "cumulative_reason" else None
        return out

    def is_dirty(self) -> bool:
        return (
            self.form_data is not None
            and self.form_data.editable
            and (self.values() != self._loaded)
        )

    def _on_edited(self, *_args) -> None:
        self.status_label.clear()
        self._check_timer.start()

    def check(self) -> None:
        """Live validation: errors red, warnings amber, next to their fields; never blocks."""
        self._check_timer.stop()
        result = self.context.read(
            entries.check_values,
            subject=self.subject,
            period=Period.from_key(self.period_key),
            values=self.values(),
        )
        self.show_messages(result.errors, result.warnings)

    def show_messages(self, errors: dict[str, str], warnings: dict[str, str]) -> None:
        general = []
        for name, label in self.messages.items():
            if name in errors:
                label.setText(errors[name])
                label.setStyleSheet(dialogs.ERROR_STYLE)
                label.show()
            elif name in warnings:
                label.setText(warnings[name])
                label.setStyleSheet(common.WARNING_STYLE)
                label.show()
            else:
                label.clear()
                label.hide()
        general = [m for f, m in errors.items() if f not in self.messages]
        if general:
            self.status_label.setText(";".join(general))

    # ---- actions -------------------------------------------------------------------------
    def copy_forward(self) -> None:
        previous = self.form_data.previous if self.form_data else None
        if previous is None:
            return
        values = previous.values() | {"invest_period": None, "cumulative_reason": ""}
        for name, widget in self.fields.items():
            set_value(widget, values[name])
        self.status_label.setText(self.tr("已填入上期内容,请核对后保存。"))
        self.check()

    def _write(self, fn, **kwargs) -> entries.SaveResult | None:
        entry = self.form_data.entry
        try:
            return self.context.write(
                fn,
                entity="entry",
                subject=self.subject,
                values=self.values(),
                round_id=self.round_id,
                period=None if self.round_id else self.period_key,
                expected_version=entry.version if entry else None,
                **kwargs,
            )
        except ValidationFailed as exc:
            self.show_messages(exc.errors, {})
            focus = next((self.fields[f] for f in exc.errors if f in self.fields), None)
            if focus is not None:
                focus.setFocus()
            return None
        except ConflictError as exc:
            dialogs.show_user_error(self, str(exc), self.tr("他人已修改"))
            return None
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
            return None

    def save_draft(self) -> bool:
        result = self._write(entries.save_entry)
        if result is None:
            return False
        self.load()
        self.show_messages({}, result.warnings)
        self.status_label.setText(self.tr("已保存。"))
        return True

    def submit(self) -> bool:
        result = self._write(save_and_submit)
        if result is None:
            return False
        self.load()
        self.status_label.setText(self.tr("已报送。"))
        return True

    def reject(self) -> None:
        """Close, asking first when edits would be lost."""
        if self.is_dirty():
            answer = common.ask_unsaved(self, self.tr("本条填报"))
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save_draft():
                return
        super().reject()
