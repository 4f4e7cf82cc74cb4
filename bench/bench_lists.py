"""Lists that never freeze and page fast (issue 15 item 7, issue 22), on the realistic dataset.

    PYTHONPATH=src .venv/bin/python bench/bench_lists.py [--source /tmp/bench1m.sqlite3] \
        [--runs 7]

On the bench's own copy of bench/make_dataset.py's database (bench/lists_dataset.py: a round
with 10,000 entries 已报送, 300,000 problems, 300,000 audit events, 10,000 projects), with Qt
offscreen and a QTimer heartbeat on the GUI thread (every 5 ms) as the stall detector:

- 审核 page opened on the round: time to its first rows on screen and the longest GUI-thread
  stall (target ≤ 100 ms), against what it replaces, the whole round read on the GUI thread;
- 问题清单 and 审计日志 opened over 300,000 rows (target ≤ 200 ms) and the stall, against the
  bare count + page query of the same list;
- 重点项目 list: next page deep in the list (≤ 20 ms), jump to the end (≤ 50 ms), a new sort
  (≤ 150 ms) until the rows are in the model (keyset paging; painting them follows, shown on
  its own line with one paint of the view as its measure), against the OFFSET page at the same
  depth (the old way), the OFFSET walk to the end, and the bare query;
- 审核 next page, read in the worker (≤ 20 ms), against its bare keyset query.

Each figure is the median of `--runs`; the stall is the worst seen (and its median). PASS/FAIL
per target. The machine's load average is printed: other work on its cores shows as stalls.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("JJJDESK_SETTINGS_DIR", tempfile.mkdtemp(prefix="bench-lists-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists_dataset import DEFAULT_SOURCE, prepare  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QElapsedTimer,
    QEventLoop,
    QModelIndex,
    Qt,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

STALL_MS, OPEN_MS, NEXT_MS, END_MS, SORT_MS = 100, 200, 20, 50, 150
HEARTBEAT_MS = 5


class StallDetector:
    """A heartbeat on the GUI thread: the longest time between two beats, less the beat
    interval, is the longest the GUI thread was kept from its event loop."""

    def __init__(self):
        self.timer = QTimer(interval=HEARTBEAT_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self._last = 0.0

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self._last = 0.0
        self.timer.start()

    def _beat(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.worst = max(self.worst, now - self._last - HEARTBEAT_MS)
        self._last = now

    def stop(self) -> float:
        self._beat()
        self.timer.stop()
        return max(self.worst, 0.0)


def wait_until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the event loop (heartbeat included) until `done()`."""
    if done():
        return
    loop = QEventLoop()
    poll = QTimer(interval=1)
    poll.timeout.connect(lambda: done() and loop.quit())
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    if not done():
        raise SystemExit(f"timed out waiting for a list ({done})")


class Timing(NamedTuple):
    ready: float  # ms from the action to the rows in the model
    painted: float  # … to the rows painted
    stall: float  # the longest GUI-thread stall meanwhile


def timed(action: Callable[[], None], done: Callable[[], bool]) -> Timing:
    settle = QEventLoop()
    QTimer.singleShot(100, settle.quit)  # what came before (a first paint) is not measured
    settle.exec()
    detector = StallDetector()
    detector.start()
    wait_until(lambda: detector._last > 2 * HEARTBEAT_MS)  # beating before we start
    detector.worst = 0.0
    started = time.perf_counter()
    action()
    wait_until(done)
    ready = (time.perf_counter() - started) * 1000
    # The paint the new rows asked for: deliver what is posted (the update requests) now,
    # as the event loop would next, rather than force a second, extra paint.
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    painted = (time.perf_counter() - started) * 1000
    return Timing(ready, painted, detector.stop())


def median(timings: list[Timing], field: str) -> float:
    return statistics.median(getattr(t, field) for t in timings)


def ms_of(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class Report:
    def __init__(self):
        self.rows: list[tuple[str, float, float | None, str, str]] = []
        self.stalls: list[tuple[str, list[float]]] = []

    def add(self, label: str, value: float, target: float | None, baseline: float | None,
            baseline_label: str) -> None:
        ratio = f"{value / baseline:.2f}× {baseline_label} ({baseline:.1f} ms)" \
            if baseline else ""
        self.rows.append((label, value, target, ratio, ""))

    def stall(self, label: str, values: list[float]) -> None:
        self.stalls.append((label, values))

    def print(self) -> bool:
        ok = True
        print()
        print(f"{'figure':44} {'ms':>8} {'target':>8}  verdict  ratio to the same run's baseline")
        for label, value, target, ratio, _ in self.rows:
            verdict = "" if target is None else ("PASS" if value <= target else "FAIL")
            ok &= verdict != "FAIL"
            goal = "" if target is None else f"≤ {target:.0f}"
            print(f"{label:44} {value:8.1f} {goal:>8}  {verdict:7}  {ratio}")
        print()
        for label, values in self.stalls:
            value = max(values)
            verdict = "PASS" if value <= STALL_MS else "FAIL"
            ok &= verdict == "PASS"
            print(f"longest GUI-thread stall, {label:27} {value:8.1f} {'≤ 100':>8}  {verdict}"
                  f"  (median {statistics.median(values):.1f} of {len(values)})")
        worst = max((max(v) for _, v in self.stalls), default=0.0)
        print(f"\nlongest GUI-thread stall of the run: {worst:.1f} ms")
        return ok


# ---- the pages ---------------------------------------------------------------------------
def bench_review(context, round_id: int, runs: int, report: Report) -> None:
    print("审核 …", flush=True)
    from jjjdesk.gui.pages.review_page import ReviewPage
    from jjjdesk.services import review
    from jjjdesk.services.query import PageRequest

    old = ms_of(lambda: context.read(review.list_for_review, round_id=round_id), 1)
    opened, stalls, nexts = [], [], []
    for _ in range(runs):
        page = ReviewPage()
        page.resize(1400, 800)
        page.show()
        model = page.review_pane.model

        def ready(page=page, model=model) -> bool:
            return not page.is_loading() and model.rowCount() > 0

        timing = timed(lambda page=page: page.set_context(context), ready)
        assert page.round_combo.currentData() == round_id, "the bench round is the newest"
        assert model.total >= 10_000, model.total
        opened.append(timing.painted)
        stalls.append(timing.stall)
        for _ in range(3):  # deeper pages: 200 → 800 rows
            rows = model.rowCount()
            timing = timed(lambda model=model: model.fetchMore(QModelIndex()),
                           lambda model=model, rows=rows: model.rowCount() > rows)
            nexts.append(timing.ready)
            stalls.append(timing.stall)
        page.close()
        page.deleteLater()
    report.add(f"审核 open ({model.total:,} 已报送)", statistics.median(opened), None, old,
               "the round read whole on the GUI thread")
    with context.db.session() as s:
        key = review.page_for_review(session=s, query=model.query,
                                     request=PageRequest(limit=600)).keys[-1]
    bare_next = ms_of(lambda: context.read(review.page_for_review, query=model.query,
                                           request=PageRequest(after=key)), runs)
    report.add("审核 next page (read in the worker)", statistics.median(nexts), NEXT_MS,
               bare_next, "bare keyset page query")
    report.stall("审核 open and paging", stalls)


def bench_open(name: str, make_page, model_of, bare: Callable[[], object], context, runs: int,
               report: Report, setup=None) -> None:
    print(f"{name} …", flush=True)
    bare_ms = ms_of(bare, runs)
    opened, stalls = [], []
    for _ in range(runs):
        page = make_page()
        page.resize(1400, 800)
        page.show()
        if setup is not None:
            setup(page)
        model = model_of(page)

        def ready(page=page, model=model) -> bool:
            return not page.is_loading() and model.rowCount() > 0

        timing = timed(lambda page=page: page.set_context(context), ready)
        opened.append(timing.painted)
        stalls.append(timing.stall)
        total = model.total
        page.close()
        page.deleteLater()
    report.add(f"{name} open ({total:,} rows)", statistics.median(opened), OPEN_MS, bare_ms,
               "bare count + page query")
    report.stall(f"{name} open", stalls)


def bench_projects(context, runs: int, report: Report) -> None:
    from PySide6.QtTest import QTest

    from jjjdesk.gui.pages.projects_page import ProjectsPage
    from jjjdesk.services import projects
    from jjjdesk.services.query import ListQuery, PageRequest

    print("重点项目 …", flush=True)
    page = ProjectsPage()
    page.resize(1400, 800)
    page.show()
    page.set_context(context)
    model, view = page.model, page.view
    stalls = []
    # Next page at the depth where OFFSET was slowest: rows 9,400–9,600 of 10,000.
    while model.rowCount() < 9400:
        model.fetchMore(QModelIndex())
    deep = []
    for _ in range(runs):
        while model.rowCount() > 9400:  # back to the same depth each run
            model.reload()
            while model.rowCount() < 9400:
                model.fetchMore(QModelIndex())
        timing = timed(lambda: model.fetchMore(QModelIndex()), lambda: model.rowCount() > 9400)
        deep.append(timing)
        stalls.append(timing.stall)
    query = ListQuery()
    offset_ms = ms_of(lambda: context.read(projects.list_projects, query=query, offset=9400,
                                           limit=200), runs)
    after = model.read_page  # the same keyset page, bare
    with context.db.session() as s:
        key = after(s, query, PageRequest(limit=9400)).keys[-1]
    bare_next = ms_of(lambda: context.read(projects.page_projects, query=query,
                                           request=PageRequest(after=key)), runs)
    report.add("重点项目 next page at row 9,400", median(deep, "ready"), NEXT_MS, offset_ms,
               "OFFSET 9400 page")
    report.add("  (… and painted)", median(deep, "painted"), None, None, "")
    report.add("  (bare keyset query of that page)", bare_next, None, offset_ms,
               "OFFSET 9400 page")

    ends = []
    for _ in range(runs):
        model.reload()
        view.setFocus()
        timing = timed(
            lambda: QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier),
            lambda: not model.canFetchMore(QModelIndex()))
        assert view.currentIndex().row() == model.rowCount() - 1
        ends.append(timing)
        stalls.append(timing.stall)
    def offset_walk() -> None:  # the old way to the end: every page, each by OFFSET
        for offset in range(0, model.total, 200):
            context.read(projects.list_projects, query=query, offset=offset, limit=200)

    walk_ms = ms_of(offset_walk, 1)
    report.add("重点项目 jump to end (Ctrl+End)", median(ends, "ready"), END_MS, walk_ms,
               "OFFSET pages to the end")
    report.add("  (… and painted)", median(ends, "painted"), None, None, "")
    paint_ms = ms_of(view.viewport().repaint, runs)
    report.add("  (one paint of that view's rows)", paint_ms, None, None, "")

    sorts = []
    header = view.horizontalHeader()
    for run in range(runs):
        column = (model.COL_TOTAL, model.COL_NAME, model.COL_START)[run % 3]
        timing = timed(lambda column=column: header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder), lambda: model.rowCount() > 0)
        sorts.append(timing)
        stalls.append(timing.stall)
        header.setSortIndicator(model.COL_CODE, Qt.SortOrder.AscendingOrder)
    sorted_query = ListQuery(sort="total_investment", descending=True)
    bare_sort = ms_of(lambda: (
        context.read(projects.count_projects, query=sorted_query),
        context.read(projects.page_projects, query=sorted_query, request=PageRequest())), runs)
    report.add("重点项目 sort (header click)", median(sorts, "ready"), SORT_MS, bare_sort,
               "bare count + page query")
    report.add("  (… and painted)", median(sorts, "painted"), None, None, "")
    report.stall("重点项目 paging, end, sort", stalls)
    page.close()


def quiet_offscreen(mode, context, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform's note on every show
        print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    from jjjdesk.gui.app import configure_font

    configure_font(app)  # the CJK font list the app paints with
    db, round_id = prepare(args.source)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores (other work on the machine shows up as stalls)")

    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.pages.audit_page import AuditPage
    from jjjdesk.gui.pages.problems_page import ProblemsPage
    from jjjdesk.services import audit, problems
    from jjjdesk.services.audit import AuditFilter
    from jjjdesk.services.problems import ProblemQuery
    from jjjdesk.services.query import PageRequest

    context = AppContext(db, Actor("bench", Role.COORDINATOR))
    report = Report()
    bench_review(context, round_id, args.runs, report)

    def problems_bare(query: ProblemQuery):
        return lambda: (context.read(problems.count_problems, query=query),
                        context.read(problems.page_problems, query=query, request=PageRequest()))

    def every_state(page) -> None:
        page.state_combo.blockSignals(True)
        page.state_combo.setCurrentIndex(0)  # 全部状态
        page.state_combo.blockSignals(False)

    bench_open("问题清单 未解决", ProblemsPage, lambda p: p.model,
               problems_bare(ProblemQuery(state=problems.OPEN_STATES)), context, args.runs,
               report)
    bench_open("问题清单 全部状态", ProblemsPage, lambda p: p.model,
               problems_bare(ProblemQuery()), context, args.runs, report, setup=every_state)
    bench_open("审计日志", AuditPage, lambda p: p.model, lambda: (
        context.read(audit.count_filtered, filters=AuditFilter()),
        context.read(audit.page_events, filters=AuditFilter(), request=PageRequest())),
        context, args.runs, report)
    bench_projects(context, args.runs, report)
    ok = report.print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    app.processEvents()
    context.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
