"""Investment completed against planned over the periods of the year (cumulative lines)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import Chart
from jjjdesk.services.dashboard import InvestmentSeries


def _tick(label: str) -> str:
    """ "2024年3月" → "3月", "2024年第12周" → "12周", "2024年第一季度" → "一季度"."""
    return label.split("年", 1)[-1].removeprefix("第") or label


class InvestmentChart(Chart):
    EMPTY_TEXT = QT_TRANSLATE_NOOP("ChartPanel", "尚无年度计划投资或投资完成数据。")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.planned: pg.PlotDataItem | None = None
        self.completed: pg.PlotDataItem | None = None

    def draw(self, data: InvestmentSeries) -> bool:
        self.planned = self.completed = None
        if not data.period_keys or (not data.planned_annual and not any(data.completed)):
            return False
        xs = list(range(len(data.period_keys)))
        legend = self.legend(offset=(8, 8))
        self.planned = self.plot_item.plot(
            xs,
            data.planned_cumulative,
            name="计划累计投资",
            pen=pg.mkPen(style.PLANNED, width=2, style=Qt.PenStyle.DashLine),
        )
        self.completed = self.plot_item.plot(
            xs,
            data.completed_cumulative,
            name="完成累计投资",
            pen=pg.mkPen(style.COMPLETED, width=2.5),
            symbol="o",
            symbolSize=6,
            symbolBrush=style.COMPLETED,
            symbolPen="w",
        )
        del legend
        step = max(1, len(xs) // 12)
        self.plot_item.getAxis("bottom").setTicks(
            [
                [
                    (x, _tick(label))
                    for x, label in zip(xs, data.period_labels, strict=True)
                    if x % step == 0
                ]
            ]
        )
        self.axis_labels(left="累计投资(亿元)", bottom=f"{data.year}年")
        top = max([*data.planned_cumulative, *data.completed_cumulative, 1.0])
        self.plot_item.setYRange(0, top * 1.08, padding=0)
        self.plot_item.setXRange(-0.3, max(len(xs) - 0.7, 0.7), padding=0)
        return True

    def plotted(self) -> tuple[list[float], list[float]]:
        """(planned cumulative, completed cumulative) as drawn."""
        if self.planned is None or self.completed is None:
            return [], []
        return (
            [float(v) for v in self.planned.getData()[1]],
            [float(v) for v in self.completed.getData()[1]],
        )

    def hit(self, x: float, y: float):
        d: InvestmentSeries = self.data
        i = round(x)
        if not (0 <= i < len(d.period_keys)) or abs(x - i) > 0.4:
            return None
        rate = (
            d.completed_cumulative[i] / d.planned_cumulative[i] * 100
            if d.planned_cumulative[i]
            else None
        )
        share = f",完成计划的 {rate:.1f}%" if rate is not None else ""
        return (
            f"{d.period_labels[i]}\n本期完成投资 {d.completed[i]:,.2f} 亿元\n"
            f"累计完成 {d.completed_cumulative[i]:,.2f} 亿元;计划累计 "
            f"{d.planned_cumulative[i]:,.2f} 亿元{share}\n"
            f"年度计划投资 {d.planned_annual:,.2f} 亿元",
            ("period", d.period_keys[i]),
        )
