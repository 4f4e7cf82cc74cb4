"""One dashboard tile: title, 保存图片 / 复制 buttons, the chart or its friendly empty state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui import settings
from jjjdesk.gui.dashboard import export, style
from jjjdesk.gui.dashboard.chart import Chart

COPY_SIZE = (1200, 675)


class ChartPanel(QFrame):
    def __init__(self, title: str, chart: Chart | QWidget, key: str, parent: QWidget | None = None):
        super().__init__(parent, objectName=f"{key}Panel")
        self.key = key
        self.title = title
        self.chart = chart
        self.data: Any = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#{key}Panel {{ background: white; border: 1px solid #dde2e8; border-radius: 4px; }}"
        )
        self.title_label = QLabel(title, objectName="titleLabel")
        self.title_label.setStyleSheet("font-weight: bold; font-size: 11pt; color: #1f3b5c;")
        # the note gives way to the title (English words are twice as wide), elided
        self.note_label = QLabel(objectName="noteLabel")
        self.note_label.setStyleSheet("color: #666666;")
        self.note_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty_label = QLabel(objectName="emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #666666; font-size: 10.5pt; padding: 24px;")
        self.stack = QStackedWidget()
        if getattr(chart, "SCROLLS", False):  # long lists (46 units) scroll inside the tile
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(chart)
            self.stack.addWidget(holder)
        else:
            self.stack.addWidget(chart)
        self.stack.addWidget(self.empty_label)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title_label)
        head.addWidget(self.note_label, 1)
        self.save_button = self.copy_button = None
        if isinstance(chart, Chart):
            self.save_button = self._tool(
                "保存图片…", "saveButton", "把图表保存为 PNG 图片或 SVG 矢量图"
            )
            self.copy_button = self._tool(
                "复制", "copyButton", "把图表复制到剪贴板,可直接粘贴到文档"
            )
            self.save_button.clicked.connect(self.choose_and_save)
            self.copy_button.clicked.connect(self.copy)
            head.addWidget(self.save_button)
            head.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)

    def _tool(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(objectName=name)
        button.setText(self.tr(text))
        button.setToolTip(self.tr(tip))
        button.setAutoRaise(True)
        return button

    def set_data(self, data: Any, note: str = "") -> bool:
        """Draw; show the empty sentence instead when there is nothing to draw."""
        self.data = data
        self.note_label.setText(note)
        self.note_label.setToolTip(note)
        has = self.chart.set_data(data)
        if not has:
            self.empty_label.setText(self.tr(getattr(self.chart, "EMPTY_TEXT", "暂无数据")))
        self.stack.setCurrentIndex(0 if has else 1)
        for button in (self.save_button, self.copy_button):
            if button is not None:
                button.setEnabled(has)
        return has

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    # ---- export --------------------------------------------------------------------------
    def save_to(self, path: Path | str, size: tuple[int, int] = style.EXPORT_SIZE) -> Path:
        return export.save_chart(type(self.chart), self.data, path, size, self.title)

    def copy(self) -> None:
        export.copy_chart(type(self.chart), self.data, COPY_SIZE, self.title)
        self.window().statusBar().showMessage(
            self.tr("已复制图表“{0}”").format(self.title), 4000
        ) if hasattr(self.window(), "statusBar") else None

    def choose_and_save(self) -> None:
        folder = settings.qsettings().value("dashboard/export_dir", "") or ""
        name = str(Path(folder) / f"{self.title}.png") if folder else f"{self.title}.png"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("保存图表"), name, self.tr("PNG 图片 (*.png);;SVG 矢量图 (*.svg)")
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if "svg" in chosen.lower() else ".png"
        written = self.save_to(path)
        settings.qsettings().setValue("dashboard/export_dir", str(written.parent))
