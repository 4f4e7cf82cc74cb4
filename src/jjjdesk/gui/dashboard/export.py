"""Charts to PNG (QImage), SVG (QSvgGenerator) and the clipboard, at an exact size.

pyqtgraph's own SVG exporter breaks on PySide6 ≥ 6.11 (DESIGN.md): every export here paints
a fresh chart through QPainter instead, so the file looks like the page and has the size asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import Chart, text_item


def offscreen_chart(
    chart_cls: type[Chart], data: Any, size: tuple[int, int], title: str = ""
) -> Chart:
    """A chart laid out at `size` without appearing on screen (close it when done)."""
    chart = chart_cls()
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.show()  # delivers the resize, so pyqtgraph lays out its items at this size
    if title:
        chart.plot_item.setTitle(title, size="13pt", color=style.TEXT)
        chart.plot_item.titleLabel.item.setFont(style.font(13, bold=True))
    if not chart.set_data(data):
        show_empty(chart, chart.EMPTY_TEXT)
    chart.resize(*size)
    return chart


def show_empty(chart: Chart, text: str) -> None:
    """A friendly sentence instead of broken axes."""
    chart.plot_item.hideAxis("left")
    chart.plot_item.hideAxis("bottom")
    chart.plot_item.showGrid(x=False, y=False)
    item = text_item(text, "#666666", anchor=(0.5, 0.5), size=11)
    item.setPos(0.5, 0.5)
    chart.plot_item.addItem(item)
    chart.plot_item.setXRange(0, 1)
    chart.plot_item.setYRange(0, 1)


def chart_image(chart: Chart) -> QImage:
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    chart.render(painter)
    painter.end()
    return image


def write_svg(chart: Chart, path: Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(chart.size())
    generator.setViewBox(QRect(0, 0, chart.width(), chart.height()))
    generator.setTitle(title)
    generator.setDescription("jjjdesk 总览图表")
    painter = QPainter(generator)
    painter.fillRect(QRect(0, 0, chart.width(), chart.height()), QColor("white"))
    chart.render(painter)
    painter.end()


def save_chart(
    chart_cls: type[Chart],
    data: Any,
    path: Path | str,
    size: tuple[int, int] = style.EXPORT_SIZE,
    title: str = "",
) -> Path:
    """Write the chart to `path`: SVG when it ends in .svg, PNG otherwise."""
    path = Path(path)
    chart = offscreen_chart(chart_cls, data, size, title)
    try:
        if path.suffix.lower() == ".svg":
            write_svg(chart, path, title)
        else:
            if path.suffix.lower() != ".png":
                path = path.with_suffix(".png")
            if not chart_image(chart).save(str(path), "PNG"):
                raise OSError(f"无法写入图片文件 {path}")
    finally:
        chart.close()
        chart.deleteLater()
    return path


def copy_chart(chart_cls: type[Chart], data: Any, size: tuple[int, int], title: str = "") -> QImage:
    chart = offscreen_chart(chart_cls, data, size, title)
    try:
        image = chart_image(chart)
    finally:
        chart.close()
        chart.deleteLater()
    QApplication.clipboard().setImage(image)
    return image
