"""The base of every dashboard chart: a pyqtgraph plot with Chinese axes, hover and click."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg  # noqa: E402,I001 - after style, which pins the Qt binding
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from jjjdesk.gui.dashboard import style

pg.setConfigOptions(antialias=True, foreground=style.TEXT, background="w")


def say(text: str, *args) -> str:
    """A chart's words in the interface language, `args` put into its {0}, {1:.1f}…
    (the literals reach the translations through scripts/gui_literals.py)."""
    out = QCoreApplication.translate("Chart", text)
    return out.format(*args) if args else out


class Chart(pg.PlotWidget):
    """Subclasses draw in `draw(data)` and name what lies under a point in `hit(x, y)`."""

    clicked = Signal(object)  # what `hit` returned as payload
    EMPTY_TEXT = "暂无数据"
    NOTE = ""  # a line beside the title (what the marks mean)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.plot_item = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=True, y=True, alpha=style.GRID_ALPHA)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setTickFont(style.font(9))
            axis.setPen(QPen(style.colour("#888888")))
            axis.setTextPen(QPen(style.colour(style.TEXT)))
            axis.label.setFont(style.font(9))
        self.data: Any = None
        self.last_hover = ""
        self.scene().sigMouseMoved.connect(self._on_move)
        self.scene().sigMouseClicked.connect(self._on_click)

    # ---- what subclasses give ------------------------------------------------------------
    def draw(self, data: Any) -> bool:
        """Draw `data`; False when there is nothing to show (the panel shows its empty text)."""
        raise NotImplementedError

    def hit(self, x: float, y: float) -> tuple[str, Any] | None:
        """(tooltip, click payload) of what lies at view coordinates (x, y)."""
        return None

    # ---- shared --------------------------------------------------------------------------
    def bar_at(self, y: float, rows: list, bar_height: float) -> Any | None:
        """The row of a horizontal bar chart (first row drawn at the top) under `y`."""
        n = len(rows)
        row = round(y)
        if not (0 <= row < n) or abs(y - row) > bar_height / 2:
            return None
        return rows[n - 1 - row]

    def set_data(self, data: Any) -> bool:
        self.data = data
        self.plot_item.clear()
        legend = self.plot_item.legend
        if legend is not None:
            legend.clear()
        return self.draw(data)

    def legend(self, columns: int = 1, offset=(-8, 8)):
        if self.plot_item.legend is None:
            legend = self.plot_item.addLegend(
                offset=offset, colCount=columns, labelTextColor=style.TEXT
            )
            legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        return self.plot_item.legend

    def axis_labels(self, left: str = "", bottom: str = "") -> None:
        font = {"font-family": style.cjk_family(), "font-size": "9pt", "color": style.TEXT}
        self.plot_item.setLabel("left", say(left) if left else "", **font)
        self.plot_item.setLabel("bottom", say(bottom) if bottom else "", **font)

    def view_point(self, scene_pos: QPointF) -> QPointF | None:
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return vb.mapSceneToView(scene_pos)

    def _on_move(self, scene_pos: QPointF) -> None:
        point = self.view_point(scene_pos)
        found = self.hit(point.x(), point.y()) if point is not None and self.data else None
        self.last_hover = found[0] if found else ""
        if found:
            QToolTip.showText(QCursor.pos(), found[0], self)
        else:
            QToolTip.hideText()

    def _on_click(self, event) -> None:
        point = self.view_point(event.scenePos())
        found = self.hit(point.x(), point.y()) if point is not None and self.data else None
        if found and found[1] is not None:
            self.clicked.emit(found[1])


def text_item(
    text: str, colour: str = style.TEXT, anchor=(0.5, 1.0), size: float = 8.5
) -> pg.TextItem:
    item = pg.TextItem(text, color=colour, anchor=anchor)
    item.setFont(style.font(size))
    return item


class BarLabels(pg.GraphicsObject):
    """Text at the end of many bars, painted by one item: a TextItem per bar costs ~2 ms each
    to add and remove, which was most of a refresh with 150 units."""

    def __init__(self, labels: list[tuple[float, float, str]], size: float = 8.5):
        super().__init__()
        self.labels = labels
        self.font = style.font(size)
        xs = [x for x, _, _ in labels] or [0.0]
        ys = [y for _, y, _ in labels] or [0.0]
        self._rect = QRectF(
            min(xs), min(ys) - 0.5, max(xs) - min(xs) + 1e-6, max(ys) - min(ys) + 1.0
        )

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, *_args) -> None:
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setFont(self.font)
        painter.setPen(QPen(style.colour(style.TEXT)))
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for x, y, text in self.labels:
            at = transform.map(QPointF(x, y))
            painter.drawText(QRectF(at.x() + 4, at.y() - 10, 400, 20), flags, text)
        painter.restore()
