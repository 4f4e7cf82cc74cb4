"""总览 page: filters above six tiles; data read in the worker, charts drawn on the GUI thread."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui.dashboard.drilldown import LightsDialog, light_label, open_list_page
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.dashboard.panel import ChartPanel
    from jjjdesk.services.dashboard import DashboardData, DashboardFilter

log = logging.getLogger(__name__)
REFRESH_DELAY_MS = 300
FILTERS = (
    ("plan", "plan_id", "全部方案"),
    ("category", "category_id", "全部类别"),
    ("unit", "unit_id", "全部单位"),
    ("period", "period_key", "当前报告期"),
)


class DashboardPage(Page):
    PAGE_KEY = "dashboard"
    refreshed = Signal()  # after the charts of a refresh are drawn

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self.today: date | None = None  # None: the real today (tests pin a day)
        self.data: DashboardData | None = None
        self.data_ms = 0.0
        self._generation = 0
        self._dirty = True
        self._filling = False
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for key, field, all_label in FILTERS:
            combo = QComboBox(objectName=f"{key}Filter")
            combo.addItem(self.tr(all_label), None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(8)
            combo.setMaxVisibleItems(20)
            combo.currentIndexChanged.connect(self._on_filter)
            self.combos[field] = combo
            bar.addWidget(combo)
        bar.addStretch(1)
        self.status_label = QLabel(objectName="statusLabel")
        self.status_label.setStyleSheet("color: #666666;")
        self.refresh_button = QPushButton(self.tr("刷新"), objectName="refreshButton")
        self.refresh_button.clicked.connect(self.refresh_now)
        bar.addWidget(self.status_label)
        bar.addWidget(self.refresh_button)

        self.panels: dict[str, ChartPanel] = {}
        self.problems_panel: ChartPanel | None = None
        self.scroll = QScrollArea(objectName="dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

    def _build_tiles(self) -> None:
        """The charts, on first use: pyqtgraph costs ~380 ms to import, not paid at start-up."""
        if self.problems_panel is not None:
            return
        from jjjdesk.gui.dashboard.panel import ChartPanel
        from jjjdesk.gui.dashboard.problems_table import ProblemsModel, problems_view
        from jjjdesk.gui.dashboard.render import CHARTS

        for spec in CHARTS:
            panel = ChartPanel(self.tr(spec.title), spec.chart(), spec.key)
            panel.chart.clicked.connect(self._on_click)
            self.panels[spec.key] = panel
        self.problems_model = ProblemsModel(self)
        self.problems_view = problems_view(self.problems_model)
        self.problems_view.doubleClicked.connect(self._on_problem)
        self.problems_panel = ChartPanel(
            self.tr("需协调的问题(最早提出的在前)"), self.problems_view, "problems"
        )
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        p = self.panels
        grid.addWidget(p["lights"], 0, 0)
        grid.addWidget(p["pace"], 0, 1)
        grid.addWidget(p["investment"], 0, 2)
        grid.addWidget(p["indicators"], 1, 0)
        grid.addWidget(p["reporting"], 1, 1)
        grid.addWidget(self.problems_panel, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        tiles = QWidget(objectName="dashboardTiles")
        tiles.setLayout(grid)
        tiles.setMinimumSize(1100, 640)
        self.scroll.setWidget(tiles)

    # ---- refresh -------------------------------------------------------------------------
    def set_context(self, context: AppContext | None) -> None:
        if self.context is not None:
            self.context.as_of_changed.disconnect(self._as_of_changed)
        self.context = context
        self._generation += 1
        self._dirty = True
        if context is not None:
            context.as_of_changed.connect(self._as_of_changed)
        if context is not None and self.isVisible():
            self.refresh_now()

    def _as_of_changed(self, _round_id) -> None:
        self.on_data_changed("as_of")

    def _as_of_period(self) -> tuple[str | None, str]:
        """The 评价口径 round's period and name, which the dashboard shows unless the user
        picks a period here."""
        from jjjdesk.services import rounds

        rid = self.context.as_of_round(self.today or common.today()) if self.context else None
        if rid is None:
            return None, ""
        rnd = self.context.read(rounds.get_round, round_id=rid)
        return rnd.period_key, rnd.name

    def on_data_changed(self, entity: str) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty and self.context is not None:
            self.refresh_now()

    def filters(self) -> DashboardFilter:
        from jjjdesk.services.dashboard import DashboardFilter

        values = {f: c.currentData() for f, c in self.combos.items()}
        if values.get("period_key") is None:
            key, name = self._as_of_period()
            values["period_key"] = key
            combo = self.combos["period_key"]
            if combo.count():
                combo.setItemText(0, self.tr("按评价口径:{0}").format(name) if name
                                  else self.tr("当前报告期"))
        return DashboardFilter(**values)

    def _on_filter(self, _index: int) -> None:
        if not self._filling:
            self.refresh_now()

    def refresh_now(self) -> None:
        """Read in the worker; a newer request makes older answers obsolete."""
        if self.context is None:
            return
        from jjjdesk.services import dashboard

        self._timer.stop()
        self._dirty = False
        self._generation += 1
        generation = self._generation
        context, filters = self.context, self.filters()
        today = self.today or common.today()  # the day the lights page judges by, too
        self.status_label.setText(self.tr("正在更新…"))

        def job() -> tuple[Any, DashboardData, float]:
            started = time.perf_counter()

            def read(session):
                return (
                    dashboard.filter_choices(session=session),
                    dashboard.load_dashboard(session=session, today=today, filters=filters),
                )

            choices, data = context.read(read)
            return choices, data, (time.perf_counter() - started) * 1000

        self.worker.submit(job, lambda result: self._show(generation, *result), self._failed)

    def _failed(self, exc: BaseException) -> None:
        log.error("dashboard refresh failed", exc_info=exc)
        self.status_label.setText(self.tr("更新失败:{0}").format(exc))

    def _show(self, generation: int, choices, data: DashboardData, data_ms: float) -> None:
        if generation != self._generation:
            return  # the filters or the database changed meanwhile
        from jjjdesk.gui.dashboard.render import CHARTS

        self._build_tiles()
        self.data, self.data_ms = data, data_ms
        self._fill_choices(choices)
        for spec in CHARTS:
            self.panels[spec.key].set_data(spec.data(data), self._note(spec.key, data))
        self.problems_model.set_rows(data.problems)
        has_problems = bool(data.problems)
        self.problems_panel.empty_label.setText(self.tr("没有待协调或协调中的问题。"))
        self.problems_panel.stack.setCurrentIndex(0 if has_problems else 1)
        self.problems_panel.note_label.setText(
            self.tr("共 {0} 项").format(data.open_problems) if has_problems else ""
        )
        if data.is_empty:
            self.status_label.setText(self.tr("新台账:尚未登记任务和项目"))
        else:
            self.status_label.setText(
                self.tr("数据截至{0} · 更新于 {1}").format(
                    data.as_of_label, time.strftime("%H:%M:%S")
                )
            )
        self.refreshed.emit()

    def _note(self, key: str, data: DashboardData) -> str:
        if key == "lights":
            return self.tr("{0} 项").format(sum(r.total for r in data.lights))
        if key == "investment" and data.investment.planned_annual:
            return self.tr("年度计划 {0:,.1f} 亿元").format(data.investment.planned_annual)
        if key == "reporting" and data.reporting is not None:
            return data.reporting.round_name
        note = self.panels[key].chart.NOTE
        return self.tr(note) if note else ""

    def _fill_choices(self, choices: dict[str, list[tuple[Any, str]]]) -> None:
        self._filling = True
        try:
            for key, field, _label in FILTERS:
                combo = self.combos[field]
                current = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for value, text in choices.get(key, []):
                    combo.addItem(text, value)
                combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        finally:
            self._filling = False

    # ---- click-through -------------------------------------------------------------------
    def _on_click(self, payload: tuple) -> None:
        kind, *rest = payload
        f = self.filters()
        window = self.window()
        if kind == "lights":
            category_id, light = rest
            if open_list_page(window, "lights", category_id=category_id, light=light):
                return
            label = next((r.label for r in self.data.lights if r.category_id == category_id), "")
            dialog = LightsDialog(
                self.context,
                category_id=category_id,
                light=light,
                filters=f,
                today=self.data.today if self.data else date.today(),
                title=self.tr("{0} · {1}").format(label, light_label(light)),
                parent=self,
            )
            dialog.setModal(False)
            dialog.show()
            self.last_dialog = dialog
        elif kind == "category":
            open_list_page(window, "projects", category_id=rest[0], unit_id=f.unit_id)
        elif kind == "unit":
            open_list_page(window, "projects", unit_id=rest[0])
        elif kind == "period":
            open_list_page(window, "projects", category_id=f.category_id, unit_id=f.unit_id)
        elif kind == "indicator":
            page = open_list_page(window, "indicators")
            if page is not None:
                page.select_record(rest[0])

    def _on_problem(self, index) -> None:
        problem = self.problems_model.rows[index.row()]
        open_list_page(self.window(), "problems", unit_id=problem.owner_unit_id)
