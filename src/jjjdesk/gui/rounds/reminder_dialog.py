"""催报: the notice listing the units still missing, to copy, or as one Word notice per unit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReminderDialog(QDialog):
    """`copied` runs at the first copy (the office records the 催报 then, not when it only
    looked); `word` writes the Word notices."""

    def __init__(self, round_name: str, text: str, parent: QWidget | None = None,
                 word: Callable[[], None] | None = None,
                 copied: Callable[[], None] | None = None):
        super().__init__(parent)
        self._copied = copied
        self.setWindowTitle(self.tr("催报通知 — {0}").format(round_name))
        self.text_edit = QPlainTextEdit(self, objectName="reminderText")
        self.text_edit.setPlainText(text)
        self.text_edit.setMinimumSize(560, 300)
        hint = QLabel(self.tr("可直接修改下面的文字,再复制到通知或工作群。"), self)
        self.copy_button = QPushButton(self.tr("复制"), self, objectName="copyButton")
        self.copy_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.word_button = QPushButton(self.tr("生成 Word 通知…"), self, objectName="wordButton")
        self.word_button.setToolTip(self.tr("为每个未报送的单位生成一份催报通知(.docx),列出其未报事项"))
        self.word_button.setVisible(word is not None)
        buttons.addButton(self.word_button, QDialogButtonBox.ButtonRole.ActionRole)
        if word is not None:
            self.word_button.clicked.connect(word)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text_edit.toPlainText())
        self.copy_button.setText(self.tr("已复制"))
        copied, self._copied = self._copied, None
        if copied is not None:
            copied()
