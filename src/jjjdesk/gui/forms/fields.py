"""Reading and writing form widgets as service values (None for blank), whatever their type."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)


def fill_combo(combo: QComboBox, choices: list[tuple[Any, str]], blank: str | None = None) -> None:
    """Replace the items, keep the selection when it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for value, label in choices:
        combo.addItem(label, value)
    position = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(position if position >= 0 else 0)
    combo.blockSignals(False)


def fill_checklist(widget: QListWidget, choices: list[tuple[int, str]]) -> None:
    checked = set(get_value(widget) or [])
    widget.clear()
    for value, label in choices:
        item = QListWidgetItem(label, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    # Ten places: an amount in 亿元 is kept to the 元 (1e-8), so what the form shows and
    # saves back is what was stored (four places turned 1.2万元 into 1万元).
    return f"{value:.10f}".rstrip("0").rstrip(".")


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        position = widget.findData(value)
        widget.setCurrentIndex(position if position >= 0 else (0 if widget.count() else -1))
    elif isinstance(widget, QListWidget):
        wanted = set(value or [])
        for row in range(widget.count()):
            item = widget.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or widget.minimum()))
    elif isinstance(widget, QLineEdit):
        if isinstance(value, date):
            widget.setText(value.strftime("%Y-%m-%d"))
        elif isinstance(value, list):
            widget.setText("、".join(value))
        elif isinstance(value, float | int):
            widget.setText(format_number(value))
        else:
            widget.setText(value or "")
    else:
        raise TypeError(f"no value binding for {type(widget).__name__}")


def get_value(widget: QWidget) -> Any:
    """What the service gets: text as typed (it parses and reports), ids, lists of ids."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QListWidget):
        return [
            widget.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(f"no value binding for {type(widget).__name__}")


def enum_choices(enum) -> list[tuple[str, str]]:
    """Enum (code, label) with the label through the translator."""
    return [(code, QCoreApplication.translate("enums", label)) for code, label in enum.choices()]
