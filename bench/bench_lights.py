"""红黄绿灯 of every subject over a big registry (issue 22): ≤ 300 ms at 10,000 projects, ≤ 1 s at
50,000, on SQLite and on PostgreSQL.

    PYTHONPATH=src .venv/bin/python bench/bench_lights.py [--projects 10000] \
        [--entries 1000000] [--dataset FILE] [--rounds 12] [--runs 5] [--postgres ADMIN_URL]

The dataset is bench/make_dataset.py's (built when missing, cached under bench/out/; or
`--dataset`, a file it built), copied once to its own file where the office's year of monthly
rounds is opened over every task and project (`--rounds`, through `rounds.create_round`), so
that a missed report is grey as it is in an office. The day is pinned (2025-12-20, the
dataset's last month). Every consumer is timed: the lights page and `jjjdesk-cli lights` as of
today (`subject_lights`), the ledger, the brief and `lights --period` (`period_lights`),
`lights --round` (`round_lights`), the page as of a round with its changes against six
earlier rounds (`lights_as_of`), and the 总览's SQL count (`lights_and_pace`).

Baselines measured in the same run: a bare ``SELECT count(*)`` of the subjects, and the bare
read of the columns every all-subjects list fetches (id, code, name, window) as plain rows;
each figure is printed with its ratio to the bare read. Only public services are called, so
running this file with PYTHONPATH at another checkout times that checkout on the same files
(how the figures before issue 22 were taken).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
TODAY = date(2025, 12, 20)
TARGET_MS = {10_000: 300, 50_000: 1000}  # issue 22, "lights, all subjects"


def dataset(args) -> Path:
    source = args.dataset or OUT_DIR / f"bench-{args.projects}p-{args.entries}e.sqlite3"
    if not source.exists():
        subprocess.run([sys.executable, str(BENCH_DIR / "make_dataset.py"), "--db", str(source),
                        "--projects", str(args.projects), "--entries", str(args.entries)],
                       check=True)
    own = OUT_DIR / f"bench-lights-{source.stem}-{args.rounds}r.sqlite3"
    if not own.exists():
        OUT_DIR.mkdir(exist_ok=True)
        print(f"copying {source.name} → {own.name} (once)")
        shutil.copy(source, own)
    return own


def open_rounds(db, count: int) -> None:
    """The last `count` months of 2025, each a round over every task and project."""
    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.domain.period import Period
    from jjjdesk.services import rounds

    with db.session() as s:
        if rounds.list_rounds(session=s):
            return
    started = time.perf_counter()
    office = Actor(name="bench", role=Role.COORDINATOR)
    for month in range(13 - count, 13):
        with db.session() as s:
            rounds.create_round(session=s, actor=office, period=Period.month(2025, month),
                                deadline=date(2025 + month // 12, month % 12 + 1, 5))
    print(f"opened {count} monthly rounds over every item in {time.perf_counter() - started:.0f} s")


def timed_ms(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """(median, fastest, result) of `runs` calls: the fastest shows the work itself when other
    processes share the two cores (the load average is printed with the figures)."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), result


def bench(db, runs: int, target: float | None) -> bool:
    from sqlalchemy import text

    from jjjdesk.domain.period import Period
    from jjjdesk.services import dashboard, lag, rounds

    with db.session() as s:
        by_key = {r.period_key: r.id for r in rounds.list_rounds(session=s)}
    november = by_key.get("2025-11")

    def count(s):
        return s.execute(text("SELECT (SELECT count(*) FROM project)"
                              " + (SELECT count(*) FROM key_task)")).scalar_one()

    def bare(s):
        rows = s.execute(text("SELECT id, code, name, planned_start, planned_completion"
                              " FROM project ORDER BY code")).all()
        return rows + s.execute(text("SELECT id, number, title, start_date, due_date"
                                     " FROM key_task")).all()

    def dash(s):
        ctx = dashboard.dashboard_context(session=s, today=TODAY,
                                          filters=dashboard.DashboardFilter())
        return dashboard.lights_and_pace(session=s, ctx=ctx)[0]

    steps: list[tuple[str, Callable]] = [
        ("bare SELECT count(*)", count),
        ("bare read of the subjects", bare),
        ("subject_lights (page, CLI)", lambda s: lag.subject_lights(session=s, today=TODAY)),
        ("period_lights (ledger, brief)",
         lambda s: lag.period_lights(session=s, period=Period.month(2025, 11), today=TODAY)),
    ]
    if november is not None:
        steps += [
            ("round_lights (CLI --round)",
             lambda s: lag.round_lights(session=s, round_id=november, today=TODAY)),
            ("lights_as_of a round (page)",
             lambda s: lag.lights_as_of(session=s, today=TODAY, round_id=november)),
        ]
    steps.append(("总览 lights+pace (SQL CASE)", dash))
    base = None
    ok = True
    for name, step in steps:
        with db.session() as s:
            step(s)  # warm: the first read of a fresh process fills the page cache
            ms, fastest, result = timed_ms(lambda step=step, s=s: step(s), runs)
        size = result if isinstance(result, int) else len(result)  # type: ignore[arg-type]
        if name.startswith("bare read"):
            base = ms
        ratio = f"×{ms / base:5.1f} bare read" if base else ""
        verdict = ""
        if name.startswith("subject_lights") and target is not None:
            verdict = f"target ≤ {target:.0f} ms  {'PASS' if ms <= target else 'FAIL'}"
            ok &= ms <= target
        print(f"  {name:<30} {size:>7,} rows  median {ms:8.1f} ms  min {fastest:8.1f} ms  "
              f"{ratio:<17} {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--dataset", type=Path, help="a file bench/make_dataset.py built")
    parser.add_argument("--rounds", type=int, default=12, help="monthly rounds of 2025")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to time too")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import text

    from jjjdesk.db.open import open_database
    from jjjdesk.paths import AppPaths

    path = dataset(args)
    paths = AppPaths(OUT_DIR / "data", OUT_DIR / "data")
    db = open_database(f"sqlite:///{path}", paths)
    open_rounds(db, args.rounds)
    with db.session() as s:
        projects = s.execute(text("SELECT count(*) FROM project")).scalar_one()
        entries = s.execute(text("SELECT max(id) FROM progress_entry")).scalar_one()
    target = TARGET_MS.get(min(TARGET_MS, key=lambda n: abs(n - projects)))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"SQLite {path.name}: {projects:,} projects, {entries:,} entries, "
          f"today pinned to {TODAY}; load average {load} on {os.cpu_count()} cores")
    ok = bench(db, args.runs, target)
    db.dispose()
    if args.postgres:
        import pg_dataset

        url = pg_dataset.load(args.postgres, path, entries, name=f"jjjdesk_lights_{path.stem}"
                              .replace("-", "_")[:63],
                              extra=("plan", "category", "reporting_round", "round_item"))
        db = open_database(url, paths)
        print(f"PostgreSQL (loopback), the same {projects:,} projects and {entries:,} entries")
        ok &= bench(db, args.runs, target)
        db.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
