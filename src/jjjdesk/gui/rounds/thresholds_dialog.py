"""红黄绿灯 thresholds (domain settings stored with the data), edited in one small dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.services import settings as domain_settings

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

LAG_KEYS = ("lag.green_margin", "lag.red_gap", "lag.period_kind", "lag.grace_days")


def set_all(*, session, actor, values: dict[str, Any]) -> None:
    """Every changed setting in one transaction; the order keeps 绿灯容差 < 红灯差距 true at
    each step (raising the red gap before the green margin, lowering in reverse)."""
    current = {k: domain_settings.get_setting(session=session, key=k) for k in values}
    keys = list(values)
    if "lag.red_gap" in values and values["lag.red_gap"] > current["lag.red_gap"]:
        keys.sort(key=lambda k: k != "lag.red_gap")
    for key in keys:
        domain_settings.set_setting(session=session, actor=actor, key=key, value=values[key])


class ThresholdsDialog(QDialog):
    """The 红黄绿灯 thresholds by default; `keys` and `title` edit other domain settings
    (the 红黑榜 weights) the same way."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 keys: tuple[str, ...] = LAG_KEYS, title: str | None = None):
        super().__init__(parent)
        self.context = context
        self.saved = False
        self.setWindowTitle(title or self.tr("红黄绿灯设置"))
        specs = {s.key: s for s in domain_settings.DOMAIN_SETTINGS}
        current = {v.key: v.value for v in context.read(domain_settings.list_settings)}
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for key in keys:
            spec = specs[key]
            if spec.choices:
                widget = QComboBox(objectName=key.replace(".", "_"))
                for code, label in spec.choices:
                    widget.addItem(self.tr(label), code)
                widget.setCurrentIndex(max(widget.findData(current[key]), 0))
            else:
                widget = QSpinBox(objectName=key.replace(".", "_"))
                widget.setRange(int(spec.minimum or 0), int(spec.maximum or 100))
                widget.setValue(int(current[key]))
            widget.setToolTip(self.tr(spec.help))
            help_label = QLabel(self.tr(spec.help))
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #666;")
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 4)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(help_label)
            form.addRow(self.tr(spec.label), box)
            self.widgets[key] = widget
        self._initial = self.values()
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def values(self) -> dict[str, Any]:
        return {
            k: (w.currentData() if isinstance(w, QComboBox) else w.value())
            for k, w in self.widgets.items()
        }

    def save(self) -> None:
        changed = {k: v for k, v in self.values().items() if v != self._initial[k]}
        if changed:
            try:
                self.context.write(set_all, entity="setting", values=changed)
            except UserFacingError as exc:  # ValidationFailed reads as its joined messages
                self.error_label.setText(str(exc))
                self.error_label.show()
                return
            self.saved = True
        self.accept()
