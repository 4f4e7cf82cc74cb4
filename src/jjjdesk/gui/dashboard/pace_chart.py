"""时间过半、任务过半: elapsed share of the plan window against completion, per category."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import Chart, say, text_item
from jjjdesk.services.dashboard import CategoryPace

HIT_RADIUS = 4.0  # percentage points


class PaceChart(Chart):
    EMPTY_TEXT = QT_TRANSLATE_NOOP("ChartPanel", "尚无带计划起止时间且填报了完成进度的任务或项目。")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: pg.ScatterPlotItem | None = None
        self.rows: list[CategoryPace] = []

    def draw(self, data: list[CategoryPace]) -> bool:
        self.rows = list(data)
        if not self.rows:
            return False
        diagonal = pg.PlotDataItem(
            [0, 100], [0, 100], pen=pg.mkPen("#888888", width=1.2, style=Qt.PenStyle.DashLine)
        )
        self.plot_item.addItem(diagonal)
        behind = pg.FillBetweenItem(
            pg.PlotDataItem([0, 100], [0, 0]),
            pg.PlotDataItem([0, 100], [0, 100]),
            brush=style.colour(style.LIGHT_COLOURS["red"], 22),
        )
        self.plot_item.addItem(behind)
        note = text_item(say("对角线:进度与时间同步;线下方为滞后"), "#666666", anchor=(0, 0))
        note.setPos(2, 98)
        self.plot_item.addItem(note)
        self.points = pg.ScatterPlotItem(
            x=[r.elapsed_pct for r in self.rows],
            y=[r.completion_pct for r in self.rows],
            size=13,
            brush=pg.mkBrush(style.BAR),
            pen=pg.mkPen("w", width=1.2),
        )
        self.plot_item.addItem(self.points)
        for r in self.rows:
            label = text_item(style.short_category(r.label)[:3], style.TEXT, anchor=(-0.25, 0.5))
            label.setPos(r.elapsed_pct, r.completion_pct)
            self.plot_item.addItem(label)
        self.plot_item.setXRange(0, 100, padding=0.03)
        self.plot_item.setYRange(0, 100, padding=0.03)
        self.axis_labels(left="平均完成进度(%)", bottom="计划时间已过(%)")
        return True

    def plotted(self) -> list[tuple[float, float]]:
        if self.points is None:
            return []
        x, y = self.points.getData()
        return [(float(a), float(b)) for a, b in zip(x, y, strict=True)]

    def hit(self, x: float, y: float):
        best = None
        for r in self.rows:
            d = ((r.elapsed_pct - x) ** 2 + (r.completion_pct - y) ** 2) ** 0.5
            if d <= HIT_RADIUS and (best is None or d < best[0]):
                best = (d, r)
        if best is None:
            return None
        r = best[1]
        gap = r.elapsed_pct - r.completion_pct
        words = say("落后 {0:.1f} 个百分点", gap) if gap > 0 else say("超前 {0:.1f} 个百分点", -gap)
        return (
            say("{0}\n计划时间已过 {1:.1f}%,平均完成 {2:.1f}%({3})\n共 {4} 项;点击查看该类别的项目",
                r.label, r.elapsed_pct, r.completion_pct, words, r.subjects),
            ("category", r.category_id),
        )
