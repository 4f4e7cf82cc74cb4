"""Start-up, memory and filter figures of jjjdesk on a big database, against a bare Qt window.

    PYTHONPATH=src .venv/bin/python bench/bench_startup.py [--db PATH] \
        [--projects 10000] [--entries 1000000] [--runs 5]

Builds the dataset with bench/make_dataset.py when the file does not exist (cached under
bench/out/), then measures in one run, bare window and app interleaved so both see the same
machine state:
  a. a bare PySide6 process: Popen → first paint of a 1200×800 QMainWindow with a label;
  b. `python -m jjjdesk.gui.app --db …`: Popen → `BENCH painted`, → `BENCH first_page` (the
     projects on screen: read straight from the file while the database opens) and →
     `BENCH ready` (database open, editing possible), printed by the app when
     JJJDESK_BENCH_MARKS=1, which exits at `ready` when JJJDESK_BENCH_EXIT=1; and the app
     process's peak RSS (wait4 rusage of that very child);
  b'. a page tour: the main window on the database with every page shown once, in a child
     whose peak RSS is the memory figure of a whole working session's screens;
  c. in process: count_projects + list_projects(limit=200) for typical searches and sorts,
     the same through the GUI's ProjectsModel, and the 红黄绿灯 of every subject over the
     entries table (each only when the code exists);
  d. `python -X importtime` of the app: what it imports before its first paint and after.
Prints medians, targets, ratios and PASS/FAIL; exits 0 unless something crashed.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
SRC_DIR = BENCH_DIR.parent / "src"
RUN_TIMEOUT_S = 120

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print(f"BENCH painted {time.time()}", flush=True)
            QTimer.singleShot(0, QApplication.quit)

app = QApplication(sys.argv)
window = Window()
window.setWindowTitle("京津冀协同发展 重点任务与项目台账")
window.setCentralWidget(QLabel("京津冀协同发展 重点任务与项目台账"))
window.resize(1200, 800)
window.show()
app.exec()
"""

PAGE_TOUR = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.main_window import MainWindow
from jjjdesk.gui.worker import Worker
from jjjdesk.paths import AppPaths

app = QApplication(sys.argv)
window = MainWindow()
window.show()
window.attach(AppContext(open_database(sys.argv[1], AppPaths.default()), Actor.local()))
for index in range(window.nav_list.count()):
    window.show_page(index)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # pages that load in the worker: until it is idle
        app.processEvents()
        time.sleep(0.02)
        if not any(w.is_busy() for w in window.findChildren(Worker)):
            app.processEvents()
            break
print("BENCH toured", time.time(), flush=True)
window.attach(None)
"""


_MARK = re.compile(r"^BENCH (\w+) ([0-9.]+)\s*$")


# ----------------------------------------------------------------- child processes


@dataclass
class Launch:
    marks: dict[str, float] = field(default_factory=dict)  # mark → seconds after Popen
    peak_rss_mb: float = 0.0
    cpu_ms: float = 0.0  # user + system time of the whole run: steadier on a busy machine
    exit_s: float = 0.0  # Popen → process gone (work left running after the first page shows)
    returncode: int | None = None
    output: list[str] = field(default_factory=list)
    timed_out: bool = False


def child_env(data_dir: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC_DIR), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["JJJDESK_BENCH_MARKS"] = "1"
    env["JJJDESK_BENCH_EXIT"] = "1"
    if data_dir:
        env["JJJDESK_DATA_DIR"] = data_dir
    return env


def launch(argv: list[str], env: dict[str, str], merge_stderr: bool = False) -> Launch:
    """Start `argv`, collect its output and BENCH marks, and its own peak RSS."""
    result = Launch()
    with tempfile.TemporaryFile() as err:
        started = time.time()
        proc = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else err,
            text=True, encoding="utf-8", errors="replace",
        )

        def read() -> None:
            for line in proc.stdout:
                result.output.append(line.rstrip("\n"))
                match = _MARK.match(line)
                if match:
                    result.marks[match[1]] = float(match[2]) - started

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        # os.wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max over
        # every child reaped so far, bare windows included).
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                result.timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        result.exit_s = time.time() - started
        proc.returncode = result.returncode = os.waitstatus_to_exitcode(status)
        reader.join(timeout=5)
        result.peak_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
        result.cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
        if not merge_stderr:
            err.seek(0)
            result.output += err.read().decode("utf-8", "replace").splitlines()
    return result


def bare_window() -> Launch:
    return launch([sys.executable, "-c", BARE_WINDOW], child_env())


def page_tour(db: Path, data_dir: str) -> Launch:
    return launch([sys.executable, "-c", PAGE_TOUR, f"sqlite:///{db}"], child_env(data_dir))


def app_argv(module: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, *extra, "-m", module, "--db", str(db)]


def start_app(module: str, db: Path, data_dir: str) -> Launch:
    return launch(app_argv(module, db), child_env(data_dir))


def app_available(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


# ----------------------------------------------------------------- in-process queries


def time_queries(db_path: Path, repeats: int, explain: bool) -> tuple[list, list[str]]:
    """(label, median ms, max ms, rows) per query, and the plans when asked."""
    from sqlalchemy import event

    from jjjdesk.db.location import resolve_url
    from jjjdesk.db.open import open_database
    from jjjdesk.services.projects import count_projects, list_projects
    from jjjdesk.services.query import ListQuery

    db = open_database(resolve_url(db_path))
    cases = [
        ("搜索 津兴城际 (4字)", ListQuery(text="津兴城际")),
        ("搜索 产业 (2字)", ListQuery(text="产业")),
        ("搜索 jxcj (拼音首字母)", ListQuery(text="jxcj")),
        ("搜索 无匹配", ListQuery(text="量子引力波")),
        ("按名称排序", ListQuery(sort="name")),
        ("按名称倒序", ListQuery(sort="name", descending=True)),
        ("按所在区排序", ListQuery(sort="district")),
        ("产业 + 按名称排序", ListQuery(text="产业", sort="name")),
        ("无筛选 (按编号)", ListQuery()),
    ]
    captured: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    results, plans = [], []
    for label, query in cases:
        samples, rows = [], 0
        for _ in range(repeats):
            t0 = time.perf_counter()
            with db.session() as session:  # one session per call, as the GUI's read() does
                total = count_projects(session=session, query=query)
            with db.session() as session:
                rows = len(list_projects(session=session, query=query, limit=200))
            samples.append((time.perf_counter() - t0) * 1000)
        results.append((label, statistics.median(samples), max(samples), f"{total}/{rows}"))
        if explain:
            captured.clear()
            event.listen(db.engine, "before_cursor_execute", capture)
            with db.session() as session:
                count_projects(session=session, query=query)
                list_projects(session=session, query=query, limit=200)
            event.remove(db.engine, "before_cursor_execute", capture)
            with db.engine.connect() as conn:
                for statement, params in captured:
                    plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                    plans.append(f"-- {label}: {statement.split()[1][:40]} …")
                    plans += [f"   {'  ' * (row[1] > 0)}{row[3]}" for row in plan]
    db.dispose()
    return results, plans


def time_extras(db_path: Path, repeats: int) -> list:
    """Screens beyond the project list that read the big tables (skipped while absent)."""
    from datetime import date

    from jjjdesk.db.location import resolve_url
    from jjjdesk.db.open import open_database

    try:
        from jjjdesk.services import lag
    except ImportError:
        return []
    today = date(2025, 12, 20)  # inside the dataset's last reporting month
    db = open_database(resolve_url(db_path))
    results = []
    try:
        samples, rows = [], 0
        for _ in range(repeats):
            t0 = time.perf_counter()
            with db.session() as session:
                rows = len(lag.subject_lights(session=session, today=today))
            samples.append((time.perf_counter() - t0) * 1000)
        results.append(("红黄绿灯 全部任务和项目 (lag.subject_lights)", statistics.median(samples),
                        max(samples), f"{rows}"))
    except Exception as exc:  # noqa: BLE001 - a service still being written; report, go on
        print(f"!! lag.subject_lights failed: {exc!r}")
    db.dispose()
    return results


def prepare(db_path: Path) -> None:
    """Bring the cached file to the current schema first, so no timed run pays a migration."""
    from jjjdesk.db.location import resolve_url
    from jjjdesk.db.open import open_database
    from jjjdesk.paths import AppPaths

    with tempfile.TemporaryDirectory(prefix="jjjdesk-bench-") as tmp:
        paths = AppPaths(data_dir=Path(tmp), log_dir=Path(tmp) / "logs")
        open_database(resolve_url(db_path), paths).dispose()


def time_model(db_path: Path, repeats: int) -> list | None:
    """ProjectsModel.set_query(text=…) with a QApplication offscreen, if the GUI has it."""
    try:
        from jjjdesk.gui.context import AppContext
        from jjjdesk.gui.models.projects_model import ProjectsModel
    except ImportError:
        return None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jjjdesk.db.location import resolve_url
    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor

    app = QApplication.instance() or QApplication([])
    db = open_database(resolve_url(db_path))
    context = AppContext(db, Actor(name="bench"))
    model = ProjectsModel()
    t0 = time.perf_counter()
    model.set_context(context)
    results = [("模型 首页 (set_context)", (time.perf_counter() - t0) * 1000, None,
                f"{model.total}/{model.rowCount()}")]
    for label, text in (("模型 搜索 津兴城际", "津兴城际"), ("模型 搜索 产业", "产业"),
                        ("模型 搜索 jxcj", "jxcj"), ("模型 搜索 无匹配", "量子引力波")):
        samples = []
        for _ in range(repeats):
            model.set_query(text="")
            t0 = time.perf_counter()
            model.set_query(text=text)
            app.processEvents()
            samples.append((time.perf_counter() - t0) * 1000)
        results.append((label, statistics.median(samples), max(samples),
                        f"{model.total}/{model.rowCount()}"))
    context.close()
    return results


# ----------------------------------------------------------------- import profile


_IMPORT = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_profile(module: str, db: Path, data_dir: str, top: int) -> list[str]:
    """What the app imports in each phase of its start, by top-level import and by package."""
    run = launch(app_argv(module, db, "-X", "importtime", "-u"), child_env(data_dir),
                 merge_stderr=True)
    phases: dict[str, list[tuple[int, int, int, str]]] = {"painted": [], "first_page": [],
                                                          "ready": []}
    following = {"painted": "first_page", "first_page": "ready"}
    phase = "painted"
    for line in run.output:
        mark = _MARK.match(line)
        if mark and mark[1] == "ready":
            break
        if mark and mark[1] in following:
            phase = following[mark[1]]
        match = _IMPORT.match(line)
        if match:
            level = (len(match[3]) - 1) // 2
            phases[phase].append((int(match[1]), int(match[2]), level, match[4]))
    lines = []
    for phase, label in (("painted", "before first paint"),
                         ("first_page", "after paint, before first page"),
                         ("ready", "after first page, before ready")):
        imports = phases[phase]
        total = sum(self_us for self_us, *_ in imports) / 1000
        lines.append(f"imports {label}: {len(imports)} modules, {total:.0f} ms "
                     "(self time, -X importtime inflates it a little)")
        roots = [(cum, name) for _, cum, level, name in imports if level == 0]
        lines.append(f"  top {top} top-level imports (cumulative ms):")
        for cum, name in sorted(roots, reverse=True)[:top]:
            lines.append(f"    {cum / 1000:8.1f}  {name}")
        packages: dict[str, int] = {}
        for self_us, _, _, name in imports:
            root = name.split(".")[0]
            packages[root] = packages.get(root, 0) + self_us
        lines.append(f"  top {top} packages (sum of self ms over their modules):")
        for name, us in sorted(packages.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"    {us / 1000:8.1f}  {name}")
    return lines


# ----------------------------------------------------------------- report


def width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def fmt(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:,.0f} {unit}"


def median_of(runs: list[Launch], mark: str) -> float | None:
    values = [r.marks[mark] * 1000 for r in runs if mark in r.marks]
    return statistics.median(values) if values else None


def ensure_dataset(db: Path, projects: int, entries: int) -> None:
    if db.exists():
        print(f"dataset: {db} (cached; delete it to rebuild)")
        return
    print(f"dataset: building {db} …", flush=True)
    started = time.perf_counter()
    env = child_env()
    subprocess.run(
        [sys.executable, str(BENCH_DIR / "make_dataset.py"), "--db", str(db),
         "--projects", str(projects), "--entries", str(entries)],
        env=env, check=True,
    )
    print(f"dataset built in {time.perf_counter() - started:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to use (built if missing)")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20, help="per filter query")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--no-importtime", action="store_true")
    # For trying a change before it is made: another module honouring the BENCH contract,
    # or another source tree put first on the children's PYTHONPATH.
    parser.add_argument("--app-module", default="jjjdesk.gui.app", help=argparse.SUPPRESS)
    parser.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.src:
        global SRC_DIR
        SRC_DIR = args.src.resolve()
    db = args.db or OUT_DIR / f"bench-{args.projects}p-{args.entries}e.sqlite3"
    db = db.resolve()
    ensure_dataset(db, args.projects, args.entries)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"QT_QPA_PLATFORM={child_env()['QT_QPA_PLATFORM']}, runs={args.runs}, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    if os.getloadavg()[0] > 0.5:
        print("!! the machine is busy: every figure below is inflated, ratios less so")

    sys.path.insert(0, str(SRC_DIR))
    prepare(db)
    have_app = app_available(args.app_module)
    crashed = False
    bare_runs: list[Launch] = []
    app_runs: list[Launch] = []
    data_dir = tempfile.TemporaryDirectory(prefix="jjjdesk-bench-")
    bare_window()  # warm-up: page cache, .pyc files, font cache
    # The first start in a data folder is the day's first start: it also makes the daily
    # backup. The timed runs share that folder, as a second start of the day would.
    first_of_day = start_app(args.app_module, db, data_dir.name) if have_app else None
    if first_of_day:
        print(f"first start of the day (warm-up): first page "
              f"{first_of_day.marks.get('first_page', math.nan) * 1000:.0f} ms, process exit "
              f"{first_of_day.exit_s * 1000:,.0f} ms, CPU {first_of_day.cpu_ms:,.0f} ms, "
              f"peak RSS {first_of_day.peak_rss_mb:.0f} MB", flush=True)
    for i in range(args.runs):
        bare_runs.append(bare_window())
        if have_app:
            app_runs.append(start_app(args.app_module, db, data_dir.name))
        state = f"bare={bare_runs[-1].marks.get('painted', math.nan) * 1000:.0f}ms"
        if have_app:
            marks = app_runs[-1].marks
            state += (f"  app painted={marks.get('painted', math.nan) * 1000:.0f}ms"
                      f"  first_page={marks.get('first_page', math.nan) * 1000:.0f}ms"
                      f"  ready={marks.get('ready', math.nan) * 1000:.0f}ms"
                      f"  exit={app_runs[-1].exit_s * 1000:.0f}ms"
                      f"  rss={app_runs[-1].peak_rss_mb:.0f}MB")
        print(f"run {i + 1}/{args.runs}: {state}", flush=True)
    for run in bare_runs + app_runs + ([first_of_day] if first_of_day else []):
        if run.returncode != 0 or run.timed_out or "painted" not in run.marks:
            crashed = True
            print(f"!! child exited {run.returncode} (timed out: {run.timed_out}); "
                  "last output:\n   " + "\n   ".join(run.output[-15:]))
    if not have_app:
        print(f"!! {args.app_module} not found: app start-up not measured")
    tour = page_tour(db, data_dir.name) if have_app else None
    if tour is not None and (tour.returncode != 0 or "toured" not in tour.marks):
        crashed = True
        print("!! page tour failed; last output:\n   " + "\n   ".join(tour.output[-15:]))

    queries, plans = time_queries(db, args.repeats, args.explain)
    try:
        model = time_model(db, max(5, args.repeats // 2))
    except Exception as exc:  # noqa: BLE001 - the GUI is optional here; say so, go on
        print(f"!! ProjectsModel timing failed: {exc!r}")
        model = None
    extras = time_extras(db, 5)

    bare = median_of(bare_runs, "painted")
    painted = median_of(app_runs, "painted")
    first_page = median_of(app_runs, "first_page")
    ready = median_of(app_runs, "ready")
    rss = statistics.median(r.peak_rss_mb for r in app_runs) if app_runs else None
    bare_rss = statistics.median(r.peak_rss_mb for r in bare_runs)
    bare_cpu = statistics.median(r.cpu_ms for r in bare_runs)
    app_cpu = statistics.median(r.cpu_ms for r in app_runs) if app_runs else None
    app_exit = statistics.median(r.exit_s * 1000 for r in app_runs) if app_runs else None

    def ratio(v: float | None) -> str:
        return "—" if v is None or not bare else f"{v / bare:.2f}×"

    rows = [
        ("bare PySide6 window painted", fmt(bare, "ms"), "baseline", "1.00×", ""),
        ("jjjdesk window painted", fmt(painted, "ms"), "≤ 2× bare", ratio(painted),
         verdict(painted, 2 * bare) if bare else "n/a"),
        ("jjjdesk first page shown", fmt(first_page, "ms"), "≤ 4× bare", ratio(first_page),
         verdict(first_page, 4 * bare) if bare else "n/a"),
        ("jjjdesk ready (database open, editable)", fmt(ready, "ms"), "info", ratio(ready), ""),
        ("jjjdesk peak RSS, start to ready", fmt(rss, "MB"), "≤ 400 MB", "", verdict(rss, 400)),
        ("jjjdesk peak RSS, every page shown once",
         fmt(tour.peak_rss_mb if tour else None, "MB"), "≤ 400 MB", "",
         verdict(tour.peak_rss_mb if tour else None, 400)),
        ("bare window peak RSS", fmt(bare_rss, "MB"), "info", "", ""),
        ("bare window CPU time (user+sys, whole run)", fmt(bare_cpu, "ms"), "info", "1.00×", ""),
        ("jjjdesk CPU time (user+sys, to exit)", fmt(app_cpu, "ms"), "info",
         f"{app_cpu / bare_cpu:.2f}×" if app_cpu and bare_cpu else "—", ""),
        ("jjjdesk process exit after Popen", fmt(app_exit, "ms"), "info", "", ""),
    ]
    if first_of_day:
        rows += [
            ("day's first start: first page", fmt(first_of_day.marks.get("first_page", 0) * 1000,
                                                  "ms"), "info", ratio(
                first_of_day.marks.get("first_page", 0) * 1000), ""),
            ("day's first start: process exit", fmt(first_of_day.exit_s * 1000, "ms"), "info",
             "", ""),
            ("day's first start: CPU time", fmt(first_of_day.cpu_ms, "ms"), "info", "", ""),
            ("day's first start: peak RSS", fmt(first_of_day.peak_rss_mb, "MB"), "info", "", ""),
        ]
    for label, med, _worst, count in queries + (model or []):
        rows.append((f"{label} [{count}]", f"{med:,.1f} ms", "≤ 150 ms", "",
                     verdict(med, 150)))
    header = ("measurement", "median", "target", "vs bare", "result")
    for label, med, _worst, count in extras:
        rows.append((f"{label} [{count}]", f"{med:,.1f} ms", "≤ 150 ms *", "",
                     verdict(med, 150)))
    widths = [max(width(r[i]) for r in (header, *rows)) for i in range(5)]
    print()
    print(f"database: {db} ({db.stat().st_size / 1e6:,.0f} MB), "
          f"load average now {os.getloadavg()[0]:.2f}")
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print("[n/m] = matching projects / rows on the first page; filter = count + first page, "
          f"median of {args.repeats}, one session each as the GUI reads")
    if extras:
        print("* not a target of the brief: a screen that reads the whole progress-entry "
              "table, median of 5")
    if model is None:
        print("(jjjdesk.gui.models.projects_model not available: model timings skipped)")
    if plans:
        print("\nquery plans:")
        print("\n".join(plans))
    if have_app and not args.no_importtime:
        print("\nimport profile of the app (python -X importtime):")
        print("\n".join(import_profile(args.app_module, db, data_dir.name, top=15)))
    data_dir.cleanup()
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
