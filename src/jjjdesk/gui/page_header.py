"""The header of a tool page: a bold title, its buttons on the right, a hint box below."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

_HINT_STYLE = "background: #eef4fb; border: 1px solid #c9dcf1; border-radius: 3px; padding: 6px;"


def title_bar(title: str, buttons: list[QPushButton]) -> QHBoxLayout:
    label = QLabel(title, objectName="titleLabel")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    bar = QHBoxLayout()
    bar.addWidget(label)
    bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    return bar


def hint_box() -> QLabel:
    label = QLabel(objectName="hintLabel")
    label.setWordWrap(True)
    label.setStyleSheet(_HINT_STYLE)
    return label
