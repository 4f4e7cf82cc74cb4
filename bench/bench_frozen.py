"""Start-up of the frozen app (packaging/dist) against the unfrozen one, in the same run.

    .venv/bin/python bench/bench_frozen.py [--runs 5] [--dist packaging/dist/jjjdesk]

Both open copies of one demo database offscreen, with JJJDESK_BENCH_MARKS=1 and
JJJDESK_BENCH_EXIT=1: the app prints `BENCH painted <time>` after its first paint and
`BENCH first_page <time>` when the first list page is shown, then quits. Runs alternate
frozen/unfrozen after one warm-up each; medians of Popen → mark are printed with the ratio.
Limit (issue 8): frozen ≤ 1.5 × unfrozen to the painted window; exits 1 when it is exceeded.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 1.5
TIMEOUT_S = 120
_MARK = re.compile(r"^BENCH (\w+) ([0-9.]+)\s*$")


def launch(command: list[str], db: Path, data_dir: Path) -> dict[str, float]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        JJJDESK_BENCH_MARKS="1",
        JJJDESK_BENCH_EXIT="1",
        JJJDESK_DATA_DIR=str(data_dir),
        JJJDESK_SETTINGS_DIR=str(data_dir / "settings"),
        PYTHONPATH=str(ROOT / "src"),
    )
    env.pop("JJJDESK_DATABASE_URL", None)
    started = time.time()
    proc = subprocess.run(
        [*command, "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    marks = {}
    for line in proc.stdout.splitlines():
        match = _MARK.match(line)
        if match:
            marks[match[1]] = float(match[2]) - started
    if "painted" not in marks or "first_page" not in marks:
        raise SystemExit(
            f"no BENCH marks from {command[0]} (exit {proc.returncode}):\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "packaging" / "dist" / "jjjdesk")
    args = parser.parse_args()
    frozen_exe = args.dist / ("jjjdesk.exe" if sys.platform == "win32" else "jjjdesk")
    if not frozen_exe.exists():
        raise SystemExit(f"{frozen_exe} not found: run packaging/build.sh first")
    commands = {
        "frozen": [str(frozen_exe)],
        "unfrozen": [sys.executable, "-m", "jjjdesk.gui.app"],
    }
    with tempfile.TemporaryDirectory(prefix="jjjdesk-bench-frozen-") as folder:
        tmp = Path(folder)
        template = tmp / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "jjjdesk.cli.main", "init", "--demo", "--db", str(template)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "JJJDESK_DATA_DIR": str(tmp)},
            check=True,
            capture_output=True,
        )
        results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for run in range(args.runs + 1):  # run 0 warms the disk cache, not counted
            for name, command in commands.items():
                db = tmp / f"{name}-{run}.sqlite3"
                shutil.copy(template, db)
                marks = launch(command, db, tmp / f"data-{name}-{run}")
                if run:
                    results[name].append(marks)
    medians = {
        name: {mark: statistics.median(r[mark] for r in runs) for mark in ("painted", "first_page")}
        for name, runs in results.items()
    }
    for name in commands:
        m = medians[name]
        print(
            f"{name:>8}: painted {m['painted'] * 1000:6.0f} ms, "
            f"first page {m['first_page'] * 1000:6.0f} ms (median of {args.runs})"
        )
    ratio = medians["frozen"]["painted"] / medians["unfrozen"]["painted"]
    ratio_page = medians["frozen"]["first_page"] / medians["unfrozen"]["first_page"]
    verdict = "PASS" if ratio <= LIMIT else "FAIL"
    print(
        f"frozen/unfrozen: painted {ratio:.2f}x, first page {ratio_page:.2f}x "
        f"(limit {LIMIT}x to the painted window) {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
