"""The dashboard's charts as image files, for the meeting pack (reports.pack.ChartRenderer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from jjjdesk.gui.dashboard import style
from jjjdesk.gui.dashboard.export import save_chart
from jjjdesk.gui.dashboard.indicators_chart import IndicatorsChart
from jjjdesk.gui.dashboard.investment_chart import InvestmentChart
from jjjdesk.gui.dashboard.lights_chart import LightsChart
from jjjdesk.gui.dashboard.pace_chart import PaceChart
from jjjdesk.gui.dashboard.reporting_chart import ReportingChart
from jjjdesk.services.dashboard import DashboardData, DashboardFilter, load_dashboard

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.dashboard.chart import Chart


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    chart: type[Chart]
    data: Callable[[DashboardData], Any]


CHARTS = (
    ChartSpec("lights", "红黄绿灯(按类别)", LightsChart, lambda d: d.lights),
    ChartSpec("pace", "时间过半、任务过半", PaceChart, lambda d: d.pace),
    ChartSpec("indicators", "目标指标完成情况", IndicatorsChart, lambda d: d.indicators),
    ChartSpec("investment", "投资完成与计划", InvestmentChart, lambda d: d.investment),
    ChartSpec("reporting", "本轮各单位报送率", ReportingChart, lambda d: d.reporting),
)


def render_dashboard_charts(
    folder: Path | str,
    size: tuple[int, int] = style.EXPORT_SIZE,
    *,
    data: DashboardData,
    suffix: str = ".png",
) -> list[Path]:
    """Write every chart of `data` into `folder` as `01_红黄绿灯(按类别).png` …; GUI thread."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n, spec in enumerate(CHARTS, start=1):
        title = f"{spec.title}({data.as_of_label})"
        files.append(
            save_chart(
                spec.chart, spec.data(data), folder / f"{n:02d}_{spec.title}{suffix}", size, title
            )
        )
    return files


class _OnGuiThread(QObject):
    """Runs a function on the GUI thread and waits for it (widgets live on that thread)."""

    call = Signal(object)

    def __init__(self):
        super().__init__()
        self.moveToThread(QCoreApplication.instance().thread())
        self.call.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(object)
    def _run(self, box: list) -> None:
        fn = box[0]
        try:
            box.append(("ok", fn()))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
            box.append(("error", exc))


def _on_gui_thread(fn: Callable[[], Any]) -> Any:
    app = QCoreApplication.instance()
    if QThread.currentThread() is app.thread():
        return fn()
    box: list = [fn]
    caller = _OnGuiThread()
    caller.call.emit(box)
    caller.deleteLater()
    kind, value = box[1]
    if kind == "error":
        raise value
    return value


def chart_renderer(
    context: AppContext,
    filters: DashboardFilter = DashboardFilter(),
    size: tuple[int, int] = style.EXPORT_SIZE,
    today: date | None = None,
) -> Callable[[Path], list[Path]]:
    """A `reports.pack.ChartRenderer`: reads the data where it is called (the pack's worker
    thread), draws on the GUI thread."""

    def render(folder: Path) -> list[Path]:
        data = context.read(load_dashboard, today=today or date.today(), filters=filters)
        return _on_gui_thread(lambda: render_dashboard_charts(folder, size, data=data))

    return render
