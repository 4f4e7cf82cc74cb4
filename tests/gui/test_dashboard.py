"""总览 page: plotted values equal the data, click-through, PNG/SVG export, empty registry."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from sqlalchemy import func
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.domain.period import Period
from jjjdesk.gui.context import AppContext
from jjjdesk.services import demo, lag, problems

TODAY = date(2024, 11, 20)
ADMIN = Actor(name="协同办", role=Role.COORDINATOR)


def _page(window):
    return next(p for p in window.pages if p.PAGE_KEY == "dashboard")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from jjjdesk.gui.rounds import common

    monkeypatch.setattr(common, "today", lambda: TODAY)


def _open(window, qtbot):
    page = _page(window)
    with qtbot.waitSignal(page.refreshed, timeout=20000):
        window.show_page(window.pages.index(page))
    return page


@pytest.fixture
def progress_window(demo_db, qtbot):
    with demo_db.session() as s:
        demo.load_demo_progress(
            session=s, actor=ADMIN, periods=[Period.month(2024, m) for m in range(1, 11)]
        )
    from jjjdesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(AppContext(demo_db, ADMIN))
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.context = None


def test_plotted_values_equal_the_services(progress_window, demo_db, qtbot):
    page = _open(progress_window, qtbot)
    with demo_db.session() as s:
        rollup = lag.light_rollup(session=s, today=TODAY)
        months = [f"2024-{m:02d}" for m in range(1, 12)]
        sums = dict(
            s.exec(
                select(ProgressEntry.period_key, func.sum(ProgressEntry.invest_period))
                .where(ProgressEntry.period_kind == "month", ProgressEntry.project_id.is_not(None))
                .group_by(ProgressEntry.period_key)
            ).all()
        )
        open_count = len(problems.list_problems(session=s, state=problems.OPEN_STATES))
    lights = page.panels["lights"].chart
    for light in ("red", "yellow", "grey", "green"):
        assert lights.counts(light) == [r.counts[light] for r in rollup], light
    assert sum(sum(lights.counts(x)) for x in lights.bars) == sum(r.total for r in rollup)
    pace = page.panels["pace"].chart
    assert pace.plotted() == [(p.elapsed_pct, p.completion_pct) for p in page.data.pace]
    planned, completed = page.panels["investment"].chart.plotted()
    running, expected = 0.0, []
    for key in months:
        running += sums.get(key) or 0
        expected.append(running)
    assert completed == pytest.approx(expected, abs=1e-3)
    assert planned[-1] == pytest.approx(page.data.investment.planned_annual * 335 / 366, abs=1e-3)
    indicators = page.panels["indicators"].chart
    with_target = [i for i in page.data.indicators if i.target_value is not None]
    assert indicators.shares() == pytest.approx([100 * (i.share or 0) for i in with_target])
    assert page.problems_model.rowCount() == open_count > 0
    assert page.panels["reporting"].is_empty()  # the demo has no round yet
    assert "红灯" in lights.hit(0.5, len(rollup) - 1)[0] or lights.hit(0.5, len(rollup) - 1)


def _click(chart, qtbot, x: float, y: float) -> None:
    scene = chart.plot_item.vb.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(scene))


def test_click_through_opens_the_filtered_lists(progress_window, qtbot):
    page = _open(progress_window, qtbot)
    lights = page.panels["lights"].chart
    first = page.data.lights[0]
    red = first.counts["red"]
    assert red > 0
    tip, payload = lights.hit(red / 2, len(page.data.lights) - 1)
    assert "红灯" in tip and payload == ("lights", first.category_id, "red")
    _click(lights, qtbot, red / 2, len(page.data.lights) - 1)
    shown = progress_window.current_page()
    assert shown.PAGE_KEY == "lights"
    assert shown.category_combo.currentData() == first.category_id
    assert shown.light_combo.currentData() == "red"
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=20000)
    assert shown.model.rowCount() == red

    window = progress_window
    window.show_page(window.pages.index(page))
    point = page.data.pace[1]
    _click(page.panels["pace"].chart, qtbot, point.elapsed_pct, point.completion_pct)
    projects = window.current_page()
    assert projects.PAGE_KEY == "projects"
    assert projects.filter_combos["category_id"].currentData() == point.category_id


def test_every_chart_exports_png_and_svg_of_the_size_asked(progress_window, qtbot, tmp_path):
    page = _open(progress_window, qtbot)
    for key, panel in page.panels.items():
        if panel.is_empty():
            continue
        png = panel.save_to(tmp_path / f"{key}.png", (800, 450))
        image = QImage(str(png))
        assert not image.isNull() and (image.width(), image.height()) == (800, 450)
        assert image.pixelColor(5, 5).name() == "#ffffff"
        svg = panel.save_to(tmp_path / f"{key}.svg", (640, 360))
        root = ET.parse(svg).getroot()
        assert (root.get("width"), root.get("height")) in {
            ("640", "360"),
            ("640px", "360px"),
            ("225.778mm", "127mm"),
        } or root.get("viewBox") == "0 0 640 360"
        text = svg.read_text(encoding="utf-8")
        assert "font-family" in text and len(text) > 2000


def test_meeting_pack_renderer_runs_from_a_worker_thread(progress_window, qtbot, tmp_path):
    from jjjdesk.gui.dashboard.render import chart_renderer
    from jjjdesk.gui.worker import Worker

    render = chart_renderer(progress_window.context, size=(640, 360), today=TODAY)
    worker = Worker()
    result: list = []
    worker.submit(lambda: render(tmp_path), result.append, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=30000)
    files = result[0]
    assert [f.name for f in files][:2] == ["01_红黄绿灯(按类别).png", "02_时间过半、任务过半.png"]
    assert len(files) == 5
    for f in files:
        assert QImage(str(f)).size().toTuple() == (640, 360)


def test_an_empty_registry_shows_friendly_empty_states(empty_db, qtbot, tmp_path):
    from jjjdesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(AppContext(empty_db, ADMIN))
    win.show()
    page = _open(win, qtbot)
    assert page.data.is_empty
    for panel in (*page.panels.values(), page.problems_panel):
        assert panel.is_empty() and panel.empty_label.text()
    assert "尚无重点任务和项目" in page.panels["lights"].empty_label.text()
    png = page.panels["lights"].save_to(tmp_path / "empty.png", (400, 300))
    assert QImage(str(png)).size().toTuple() == (400, 300)
    win.context = None


def test_the_page_refreshes_after_an_edit(progress_window, demo_db, qtbot):
    page = _open(progress_window, qtbot)
    before = page.problems_model.rowCount()
    with demo_db.session() as s:
        s.execute(problems.Problem.__table__.update().values(state="closed"))
    with qtbot.waitSignal(page.refreshed, timeout=20000):
        progress_window.context.changed.emit("problem")
    assert before > 0 and page.problems_model.rowCount() == 0
    assert page.problems_panel.is_empty()
