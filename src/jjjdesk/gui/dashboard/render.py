"""The dashboard's charts as image files, for the meeting pack (reports.pack.ChartRenderer)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from jjjdesk.errors import UserFacingError
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


#: How long a worker waits for the GUI thread to draw the charts before it gives up.
GUI_WAIT_S = 120


class _OnGuiThread(QObject):
    """Runs a function on the GUI thread for a worker that waits for it (widgets live on that
    thread). Made on the GUI thread itself: a QObject made and moved from a worker thread
    could deadlock against the GUI thread's event loop (seen once in the test suite)."""

    call = Signal(object)

    def __init__(self):
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, box: list) -> None:
        fn, done = box[0], box[1]
        try:
            box.append(("ok", fn()))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
            box.append(("error", exc))
        finally:
            done.set()


def gui_caller() -> Callable[[Callable[[], Any]], Any]:
    """On the GUI thread: a function that runs `fn` there from any thread and returns its
    result, or raises `UserFacingError` when the GUI thread does not answer in time."""
    app = QCoreApplication.instance()
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("gui_caller() must be made on the GUI thread")
    dispatcher = _OnGuiThread()

    def call(fn: Callable[[], Any]) -> Any:
        if QThread.currentThread() is app.thread():
            return fn()
        done = threading.Event()
        box: list = [fn, done]
        dispatcher.call.emit(box)
        if not done.wait(GUI_WAIT_S):
            raise UserFacingError("绘制图表超时(界面无响应),会议材料未生成完整,请重试。")
        kind, value = box[2]
        if kind == "error":
            raise value
        return value

    return call


def chart_renderer(
    context: AppContext,
    filters: DashboardFilter = DashboardFilter(),
    size: tuple[int, int] = style.EXPORT_SIZE,
    today: date | None = None,
) -> Callable[[Path], list[Path]]:
    """A `reports.pack.ChartRenderer`: reads the data where it is called (the pack's worker
    thread), draws on the GUI thread."""

    on_gui_thread = gui_caller()  # made here, on the GUI thread, before the worker runs

    def render(folder: Path) -> list[Path]:
        data = context.read(load_dashboard, today=today or date.today(), filters=filters)
        return on_gui_thread(lambda: render_dashboard_charts(folder, size, data=data))

    return render
