"""The current round's reporting rate per unit, highest first (sorted horizontal bars)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import BarLabels, Chart, say
from jjjdesk.services.dashboard import RoundRates, UnitRate

BAR_HEIGHT = 0.66
ROW_PX = 20


def _colour(rate: float) -> str:
    if rate >= 1:
        return style.LIGHT_COLOURS["green"]
    return style.LIGHT_COLOURS["yellow"] if rate >= 0.5 else style.LIGHT_COLOURS["red"]


class ReportingChart(Chart):
    SCROLLS = True
    EMPTY_TEXT = QT_TRANSLATE_NOOP(
        "ChartPanel", "尚无填报批次。在“填报批次”页发起一轮填报后,这里显示各单位的报送率。"
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar: pg.BarGraphItem | None = None
        self.rows: list[UnitRate] = []

    def draw(self, data: RoundRates | None) -> bool:
        self.bar = None
        self.rows = list(data.rows) if data is not None else []
        if not self.rows:
            return False
        n = len(self.rows)
        self.setMinimumHeight(ROW_PX * n + 70)
        ys = [n - 1 - k for k in range(n)]
        rates = [100 * r.rate for r in self.rows]
        self.bar = pg.BarGraphItem(
            x0=[0] * n,
            y=ys,
            width=rates,
            height=BAR_HEIGHT,
            brushes=[_colour(r.rate) for r in self.rows],
            pen=pg.mkPen("w", width=0.5),
        )
        self.plot_item.addItem(self.bar)
        self.plot_item.addItem(
            BarLabels(
                [
                    (100 * r.rate, y, f"{100 * r.rate:.0f}%  {r.submitted}/{r.total}")
                    for y, r in zip(ys, self.rows, strict=True)
                ],
                size=8,
            )
        )
        self.plot_item.getAxis("left").setTicks(
            [[(y, style.short(r.unit_name, 9)) for y, r in zip(ys, self.rows, strict=True)]]
        )
        self.plot_item.setXRange(0, 150, padding=0)
        self.plot_item.setYRange(-0.6, n - 0.4, padding=0)
        self.axis_labels(bottom=say("{0} 报送率(%)", data.round_name))
        return True

    def rates(self) -> list[float]:
        return [float(w) for w in self.bar.opts["width"]] if self.bar is not None else []

    def hit(self, x: float, y: float):
        r = self.bar_at(y, self.rows, BAR_HEIGHT)
        if r is None:
            return None
        return (
            say("{0}:{1}\n已报 {2} / 应报 {3} 项,报送率 {4:.1f}%\n点击查看该单位的项目",
                r.unit_name, say(r.state_label), r.submitted, r.total, 100 * r.rate),
            ("unit", r.unit_id),
        )
