"""Message boxes in one place, so every one goes through `run_box` (and tests can answer it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

ERROR_STYLE = "color: #c62828;"  # the red of messages next to fields and in dialogs


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def run_box(box: QMessageBox) -> int:
    return box.exec()


def show_user_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    """A problem the user can act on, in plain words."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or tr("无法完成操作"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    run_box(box)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return run_box(box) == QMessageBox.StandardButton.Yes


def ask_unsaved(parent: QWidget | None, question: str) -> QMessageBox.StandardButton:
    """保存 / 放弃 / 取消 for input not saved yet; closing the box counts as 取消."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("尚未保存"),
        question,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = run_box(box)
    if answer in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
        return QMessageBox.StandardButton(answer)
    return QMessageBox.StandardButton.Cancel
