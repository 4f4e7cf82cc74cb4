"""总览 refresh over a big registry: data time (target ≤ 300 ms) and time to the painted page
(target ≤ 500 ms, offscreen).

    PYTHONPATH=src .venv/bin/python bench/bench_dashboard.py [--projects 10000] \
        [--entries 1000000] [--runs 7]

Uses the dataset of bench/make_dataset.py (built when missing, cached under bench/out/), copied
once to its own file because this bench opens a reporting round on it (so the reporting-rate
chart has 10,000 items to count). Prints each part of the data, the medians, the targets and
PASS/FAIL. The day is pinned (2025-12-20, the dataset's last month) so runs compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
TODAY = date(2025, 12, 20)
DATA_TARGET_MS, PAINT_TARGET_MS = 300, 500


def dataset(projects: int, entries: int) -> Path:
    source = OUT_DIR / f"bench-{projects}p-{entries}e.sqlite3"
    if not source.exists():
        subprocess.run(
            [
                sys.executable,
                str(BENCH_DIR / "make_dataset.py"),
                "--db",
                str(source),
                "--projects",
                str(projects),
                "--entries",
                str(entries),
            ],
            check=True,
        )
    own = OUT_DIR / f"bench-dashboard-{projects}p-{entries}e.sqlite3"
    if not own.exists():
        print(f"copying {source.name} → {own.name} (once)")
        shutil.copy(source, own)
    return own


def prepare(path: Path):
    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.domain.period import Period
    from jjjdesk.paths import AppPaths
    from jjjdesk.services import rounds

    started = time.perf_counter()
    db = open_database(f"sqlite:///{path}", AppPaths(OUT_DIR / "data", OUT_DIR / "data"))
    print(f"opened (migrated if needed) in {time.perf_counter() - started:.1f} s")
    with db.session() as s:
        if not rounds.list_rounds(session=s):
            rounds.create_round(
                session=s,
                actor=Actor(name="bench", role=Role.COORDINATOR),
                period=Period.month(2025, 12),
                deadline=date(2026, 1, 5),
            )
            print("opened the round 2025年12月月报 over every task and project")
    return db


def ms(seconds: float) -> float:
    return seconds * 1000


def bench_data(db, runs: int) -> float:
    from jjjdesk.services import dashboard as d

    parts: dict[str, list[float]] = {}
    totals = []
    for _ in range(runs):
        with db.session() as s:
            t0 = time.perf_counter()
            ctx = d.dashboard_context(session=s, today=TODAY, filters=d.DashboardFilter())
            steps = {
                "lights+pace": partial(d.lights_and_pace, session=s, ctx=ctx),
                "investment": partial(d.investment, session=s, ctx=ctx),
                "indicators": partial(d.indicator_progress, session=s, ctx=ctx),
                "reporting": partial(d.reporting_rates, session=s, ctx=ctx),
                "problems": partial(d.open_problems, session=s, ctx=ctx),
                "filter choices": partial(d.filter_choices, session=s),
            }
            for name, fn in steps.items():
                t = time.perf_counter()
                fn()
                parts.setdefault(name, []).append(ms(time.perf_counter() - t))
        with db.session() as s:
            t = time.perf_counter()
            d.filter_choices(session=s)
            data = d.load_dashboard(session=s, today=TODAY)
            totals.append(ms(time.perf_counter() - t))
        del t0
    for name, values in parts.items():
        print(f"  {name:<15} median {statistics.median(values):7.1f} ms")
    subjects = sum(c.total for c in data.lights)
    rows = len(data.reporting.rows) if data.reporting else 0
    print(
        f"  ({subjects} subjects judged, {len(data.investment.period_keys)} periods, "
        f"{rows} units in the round, {data.open_problems} open problems)"
    )
    median = statistics.median(totals)
    print(
        f"data (load_dashboard + filter choices): median {median:.1f} ms, "
        f"min {min(totals):.1f} ms over {runs} runs"
    )
    return median


def bench_paint(db, runs: int) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.dashboard.page import DashboardPage
    from jjjdesk.gui.rounds import common

    common.today = lambda: TODAY
    app = QApplication.instance() or QApplication(sys.argv)
    page = DashboardPage()
    page.resize(1320, 840)
    page.set_context(AppContext(db, Actor(name="bench", role=Role.COORDINATOR)))
    done: list[bool] = []
    page.refreshed.connect(lambda: done.append(True))

    def once() -> float:
        done.clear()
        started = time.perf_counter()
        if not page.isVisible():
            page.show()  # the first show starts the refresh
        else:
            page.refresh_now()
        while not done:
            app.processEvents()
            time.sleep(0.001)
        page.repaint()  # paint every tile now, not at the next turn of the event loop
        return ms(time.perf_counter() - started)

    first = once()
    times = [once() for _ in range(runs)]
    median = statistics.median(times)
    print(
        f"painted page: first open {first:.0f} ms (imports pyqtgraph, builds the tiles); "
        f"refresh median {median:.1f} ms, min {min(times):.1f} ms over {runs} runs "
        f"(data in the worker {page.data_ms:.0f} ms of the last)"
    )
    page.close()
    return first, median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = dataset(args.projects, args.entries)
    db = prepare(path)
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB), today pinned to {TODAY}")
    data_ms = bench_data(db, args.runs)
    _first, paint_ms = bench_paint(db, args.runs)
    print()
    for name, value, target in (
        ("data", data_ms, DATA_TARGET_MS),
        ("painted page", paint_ms, PAINT_TARGET_MS),
    ):
        verdict = "PASS" if value <= target else "FAIL"
        print(
            f"{name:<13} {value:7.1f} ms  target ≤ {target} ms  "
            f"ratio {value / target:.2f}  {verdict}"
        )
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
