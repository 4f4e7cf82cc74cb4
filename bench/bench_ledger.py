"""Ledger export speed and memory: jjjdesk's ledger writer against plain writers, same cells.

    PYTHONPATH=src .venv/bin/python bench/bench_ledger.py [--rows 100000] [--out DIR]

Writes a 100,000-row projects ledger (16 columns, category groups with 小计, merged
two-row headers, light fills, row heights) through `jjjdesk.excel.ledger.write_ledger`, and
in the same run writes the same cell values with plain writers (xlsxwriter, xlsxwriter
constant_memory, openpyxl write-only; no styles). Target: ledger ≤ 1.5× the fastest plain
writer. Memory: tracemalloc peak of the ledger writer at 10,000 and at N rows (a separate
pass, since tracing slows everything down); flat means constant memory.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from jjjdesk.excel.ledger import write_ledger
from jjjdesk.excel.ledger_data import PROJECT_COLUMNS, PROJECT_LABEL_COLS, LedgerData, LedgerGroup
from jjjdesk.excel.sheet import LightCell

GROUPS = 7
NAMES = ("京津冀协同创新产业园", "津兴城际铁路", "北京化工大学武清产学研基地",
         "滨海新区数字经济产业园", "雄安新区启动区基础设施", "天开高教科创园",
         "曹妃甸协同发展示范区")
DISTRICTS = ("滨海新区", "武清区", "宝坻区", "西青区", "东丽区", "河西区")
STAGES = ("在建", "开工", "运营", "签约", "谋划")
LIGHTS = (("green", "绿灯"), ("green", "绿灯"), ("green", "绿灯"), ("yellow", "黄灯"),
          ("red", "红灯"))
PROGRESS = ("主体工程施工有序推进,本月完成投资计划的{}%,正在开展设备安装调试",
            "已完成签约,正在办理用地和规划手续")


def make_rows(n: int, seed: int = 1) -> Iterator[tuple]:
    """n project rows (without 序号) in PROJECT_COLUMNS order; generated, not stored."""
    rng = random.Random(seed)
    for i in range(n):
        light = LIGHTS[rng.randrange(5)]
        total = round(rng.uniform(5, 500), 2)
        yield (
            f"JJJ-2024-{i:06d}", NAMES[i % 7] + f"{i}期", DISTRICTS[i % 6], DISTRICTS[(i + 1) % 6],
            STAGES[i % 5], total, round(total * 0.01, 2), round(total * rng.random(), 2),
            round(rng.uniform(0, 100), 1), "正常推进" if light[0] == "green" else "滞后",
            LightCell(*light), f"计划周期已过{rng.randrange(100)}%,完成{rng.randrange(100)}%",
            PROGRESS[i % 2].format(rng.randrange(100)),
            "用地指标尚未落实" if light[0] != "green" else "",
            "加快推进" if light[0] != "green" else "",
        )


def ledger_data(n: int) -> LedgerData:
    rows = make_rows(n)
    per = -(-n // GROUPS)

    def groups() -> Iterator[LedgerGroup]:
        for g in range(GROUPS):
            count = min(per, n - g * per)
            yield LedgerGroup(f"(第{g + 1}类)重点项目", (next(rows) for _ in range(count)))

    return LedgerData(title="2024年3月京津冀协同发展重点项目推进情况台账",
                      subtitle="统计期次:2024年3月", columns=PROJECT_COLUMNS, groups=groups(),
                      total_rows=n, label_cols=PROJECT_LABEL_COLS)


def plain_values(n: int) -> Iterator[list]:
    """The same cells the ledger writes (序号 first, light as its text)."""
    for i, row in enumerate(make_rows(n)):
        yield [i + 1, *(v.text if isinstance(v, LightCell) else v for v in row)]


def run_ledger(path: Path, n: int) -> None:
    write_ledger(path, ledger_data(n))


def run_xlsxwriter(path: Path, n: int, constant_memory: bool) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet()
    for r, values in enumerate(plain_values(n)):
        ws.write_row(r, 0, values)
    wb.close()


def run_openpyxl(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for values in plain_values(n):
        ws.append(values)
    wb.save(path)


def timed(fn, *args) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds). CPU time is the figure compared: the
    machine may be shared, and waiting for a core is not the writer's cost."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall


def traced_peak(fn, *args) -> float:
    gc.collect()
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs per writer")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--skip-openpyxl", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="jjjdesk-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    n = args.rows
    print(f"ledger export bench: {n:,} rows × {len(PROJECT_COLUMNS)} columns, best of "
          f"{args.repeat}, CPU s (wall s); out={out}")
    writers = {
        "plain xlsxwriter": lambda: run_xlsxwriter(out / "plain_xlsxwriter.xlsx", n, False),
        "plain xlsxwriter constant_memory":
            lambda: run_xlsxwriter(out / "plain_cm.xlsx", n, True),
    }
    if not args.skip_openpyxl:
        writers["plain openpyxl write-only"] = lambda: run_openpyxl(out / "plain_op.xlsx", n)
    writers["jjjdesk ledger (styled, grouped)"] = lambda: run_ledger(out / "ledger.xlsx", n)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeat):  # interleaved, so a busy spell hurts every writer alike
        for name, fn in writers.items():
            t = timed(fn)
            if name not in best or t[0] < best[name][0]:
                best[name] = t
    gen = timed(lambda: sum(1 for _ in plain_values(n)))
    print(f"  {'generating the rows alone':<36}{gen[0]:7.2f} ({gen[1]:.2f})  "
          "included in every figure")
    for name, (cpu, wall) in best.items():
        print(f"  {name:<36}{cpu:7.2f} ({wall:.2f})")
    ledger = best.pop("jjjdesk ledger (styled, grouped)")[0]
    base_name, (base, _) = min(best.items(), key=lambda kv: kv[1][0])
    ratio = ledger / base
    print(f"  ratio ledger / fastest plain ({base_name}): {ratio:.2f}×  target ≤ 1.50×  "
          f"{'OK' if ratio <= 1.5 else 'MISSED'}")
    cm = best["plain xlsxwriter constant_memory"][0]
    print(f"  ratio ledger / plain xlsxwriter constant_memory: {ledger / cm:.2f}×")
    size = (out / "ledger.xlsx").stat().st_size / 1e6
    print(f"  ledger file {size:.1f} MB")
    small = min(10_000, n)
    p_small = traced_peak(run_ledger, out / "ledger_small.xlsx", small)
    p_big = traced_peak(run_ledger, out / "ledger_big.xlsx", n)
    print(f"  ledger peak traced memory {small:>9,} rows {p_small:7.1f} MB")
    print(f"  ledger peak traced memory {n:>9,} rows {p_big:7.1f} MB  "
          f"(×{p_big / p_small:.2f} for ×{n / small:.0f} rows)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
