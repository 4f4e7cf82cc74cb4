"""目标指标: how far each indicator has come from its baseline to its target, and its trend."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import BarLabels, Chart, say
from jjjdesk.services.dashboard import IndicatorProgress
from jjjdesk.services.indicators import share_of_target

BAR_HEIGHT = 0.6


def _num(v: float | None, measure: str) -> str:
    return "—" if v is None else f"{v:,.4g}{measure}"


def projected_share(i: IndicatorProgress) -> float | None:
    return share_of_target(i.baseline_value, i.projected_value, i.target_value, i.direction)


class IndicatorsChart(Chart):
    NOTE = "柱:最新值已完成 ◆:按趋势到目标年 红虚线:目标"
    EMPTY_TEXT = QT_TRANSLATE_NOOP(
        "ChartPanel", "尚无目标指标。在“目标指标”页登记指标及其基期、目标和各期数值。"
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar: pg.BarGraphItem | None = None
        self.trend: pg.ScatterPlotItem | None = None
        self.rows: list[IndicatorProgress] = []

    def draw(self, data: list[IndicatorProgress]) -> bool:
        self.rows = [i for i in data if i.target_value is not None]
        self.bar = self.trend = None
        if not self.rows:
            return False
        n = len(self.rows)
        ys = [n - 1 - k for k in range(n)]
        shares = [100 * (i.share or 0.0) for i in self.rows]
        colours = [style.LIGHT_COLOURS["green"] if s >= 100 else style.BAR for s in shares]
        self.bar = pg.BarGraphItem(
            x0=[0] * n,
            y=ys,
            width=shares,
            height=BAR_HEIGHT,
            brushes=colours,
            pen=pg.mkPen("w", width=0.5),
        )
        self.plot_item.addItem(self.bar)
        # A wild trend would squash every bar: marks stay inside -50…200% (tooltip is exact).
        trend_x = [
            min(max(100 * s, -50.0), 200.0) if (s := projected_share(i)) is not None else None
            for i in self.rows
        ]
        points = [(x, y) for x, y in zip(trend_x, ys, strict=True) if x is not None]
        if points:
            self.trend = pg.ScatterPlotItem(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                symbol="d",
                size=11,
                brush=style.COMPLETED,
                pen=pg.mkPen("w"),
            )
            self.plot_item.addItem(self.trend)
        target = pg.InfiniteLine(
            100, angle=90, pen=pg.mkPen(style.TARGET, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.plot_item.addItem(target)
        self.plot_item.addItem(
            BarLabels([(max(s, 0), y, f"{s:.0f}%") for y, s in zip(ys, shares, strict=True)])
        )
        self.plot_item.getAxis("left").setTicks(
            [[(y, style.short(i.name, 10)) for y, i in zip(ys, self.rows, strict=True)]]
        )
        high = max([100.0, *shares, *(x for x in trend_x if x is not None)])
        low = min([0.0, *shares, *(x for x in trend_x if x is not None)])
        self.plot_item.setXRange(low, high * 1.1, padding=0)
        self.plot_item.setYRange(-0.6, n - 0.4, padding=0)
        self.axis_labels(bottom="从基期到目标已完成(%,基期=0,目标=100)")
        return True

    def shares(self) -> list[float]:
        return [float(w) for w in self.bar.opts["width"]] if self.bar is not None else []

    def hit(self, x: float, y: float):
        i = self.bar_at(y, self.rows, BAR_HEIGHT)
        if i is None:
            return None
        m = i.measure
        lines = [
            i.name,
            say("基期({0}年):{1}", i.baseline_year or "—", _num(i.baseline_value, m)),
            say("最新({0}):{1}", i.latest_label or say("无"), _num(i.latest_value, m)),
            say("目标({0}年):{1}", i.target_year or "—", _num(i.target_value, m)),
        ]
        if i.share is not None:
            lines.append(say("已完成 {0:.1f}%", 100 * i.share))
        if i.projected_value is not None:
            lines.append(say("按已报数值的趋势,{0}年约为 {1}", i.target_year,
                             _num(i.projected_value, m)))
        return "\n".join(lines), ("indicator", i.id)
