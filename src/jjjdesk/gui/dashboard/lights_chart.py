"""红黄绿灯 per category: one horizontal stacked bar per category, one colour per light."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP

from jjjdesk.domain.enums import Light
from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import BarLabels, Chart, say
from jjjdesk.services.dashboard import LIGHT_ORDER, CategoryLights

BAR_HEIGHT = 0.62


class LightsChart(Chart):
    EMPTY_TEXT = QT_TRANSLATE_NOOP(
        "ChartPanel", "尚无重点任务和项目。登记任务、项目并填报进展后,这里按类别显示红黄绿灯。"
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.rows: list[CategoryLights] = []

    def draw(self, data: list[CategoryLights]) -> bool:
        self.rows = list(data)
        self.bars = {}
        if not self.rows or not any(r.total for r in self.rows):
            return False
        n = len(self.rows)
        ys = [n - 1 - i for i in range(n)]  # first category on top
        start = [0.0] * n
        # two rows from the plot's left: five in a row overran a tile's width and cut 红灯
        legend = self.legend(columns=3, offset=(4, 2))
        for light in LIGHT_ORDER:
            widths = [float(r.counts.get(light.value, 0)) for r in self.rows]
            if light is Light.NONE and not any(widths):
                continue
            bar = pg.BarGraphItem(
                x0=list(start),
                y=ys,
                width=widths,
                height=BAR_HEIGHT,
                brush=style.LIGHT_COLOURS[light.value],
                pen=pg.mkPen("w", width=0.5),
            )
            self.plot_item.addItem(bar)
            legend.addItem(bar, say(light.label))
            self.bars[light.value] = bar
            start = [s + w for s, w in zip(start, widths, strict=True)]
        self.plot_item.addItem(
            BarLabels([(r.total, y, str(r.total)) for y, r in zip(ys, self.rows, strict=True)])
        )
        self.plot_item.getAxis("left").setTicks(
            [[(y, style.short_category(r.label)) for y, r in zip(ys, self.rows, strict=True)]]
        )
        self.plot_item.setYRange(-0.6, n - 0.4 + 2.2, padding=0)  # room for the legend
        self.plot_item.setXRange(0, max(r.total for r in self.rows) * 1.12, padding=0)
        self.axis_labels(bottom="任务和项目数(个)")
        return True

    def counts(self, light: str) -> list[int]:
        """The plotted bar lengths of one light, top row first (for tests and checks)."""
        bar = self.bars.get(light)
        return [int(w) for w in bar.opts["width"]] if bar is not None else []

    def hit(self, x: float, y: float):
        r = self.bar_at(y, self.rows, BAR_HEIGHT)
        if r is None:
            return None
        start = 0.0
        for light in LIGHT_ORDER:
            width = r.counts.get(light.value, 0)
            if start <= x < start + width:
                return (
                    say("{0}\n{1}:{2} 个(共 {3} 个)\n点击查看清单", r.label, say(light.label),
                        width, r.total),
                    ("lights", r.category_id, light.value),
                )
            start += width
        return None
