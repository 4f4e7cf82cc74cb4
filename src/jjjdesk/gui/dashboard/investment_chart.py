"""Investment completed against planned over the periods of the year (cumulative lines)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from jjjdesk.domain.period import Period
from jjjdesk.gui import i18n
from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.chart import Chart, say
from jjjdesk.gui.labels import period_key_label
from jjjdesk.services.dashboard import InvestmentSeries


def _tick(key: str) -> str:
    """ "3月", "12周", "一季度" in Chinese; "Mar", "W12", "Q1" in English."""
    period = Period.from_key(key)
    if i18n.active_language() == i18n.ENGLISH:
        return {"month": period.label_en.split(" ")[0], "week": f"W{period.index}",
                "quarter": f"Q{period.index}"}.get(period.kind.value, str(period.year))
    return period.label.split("年", 1)[-1].removeprefix("第") or period.label


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
            name=say("计划累计投资"),
            pen=pg.mkPen(style.PLANNED, width=2, style=Qt.PenStyle.DashLine),
        )
        self.completed = self.plot_item.plot(
            xs,
            data.completed_cumulative,
            name=say("完成累计投资"),
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
                    (x, _tick(key))
                    for x, key in zip(xs, data.period_keys, strict=True)
                    if x % step == 0
                ]
            ]
        )
        self.axis_labels(left="累计投资(亿元)", bottom=say("{0}年", data.year))
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
        share = say(",完成计划的 {0:.1f}%", rate) if rate is not None else ""
        return (
            say("{0}\n本期完成投资 {1:,.2f} 亿元\n累计完成 {2:,.2f} 亿元;"
                "计划累计 {3:,.2f} 亿元{4}\n年度计划投资 {5:,.2f} 亿元",
                period_key_label(d.period_keys[i]), d.completed[i], d.completed_cumulative[i],
                d.planned_cumulative[i], share, d.planned_annual),
            ("period", d.period_keys[i]),
        )
