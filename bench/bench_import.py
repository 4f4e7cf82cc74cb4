"""Benchmark: import 10,000- and 50,000-row returns; compare with a plain calamine read.

Prints, per size: plain read (python-calamine, values only), preview (read + normalise +
match + entry rules + diff), commit (one transaction, before-images), re-preview of the same
file (everything unchanged), undo, and the process's peak RSS.

    PYTHONPATH=src .venv/bin/python bench/bench_import.py [--sizes 10000 50000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from jjjdesk.db.open import open_database  # noqa: E402
from jjjdesk.domain.actor import Actor, Role  # noqa: E402
from jjjdesk.domain.models import Project, Unit, now  # noqa: E402
from jjjdesk.paths import AppPaths  # noqa: E402
from jjjdesk.services import imports  # noqa: E402

ACTOR = Actor(name="bench", role=Role.COORDINATOR)
WORDS = ["京津", "滨海", "港口", "物流", "产业园", "医药", "新能源", "数据中心", "轨道", "生态",
         "城际", "科创", "智能", "装备", "航空", "冷链"]


def build_db(folder: Path, projects: int):
    paths = AppPaths(folder, folder)
    db = open_database(f"sqlite:///{folder / 'bench.sqlite3'}", paths)
    stamp = now()
    with db.session() as s:
        s.execute(insert(Unit.__table__), [
            {"name": f"单位{i}", "kind": "department", "contact_person": "", "contact_phone": "",
             "note": "", "sort_key": "", "search_text": "", "is_demo": False, "version": 1,
             "created_at": stamp, "updated_at": stamp} for i in range(50)])
        rnd = random.Random(7)
        s.execute(insert(Project.__table__), [
            {"code": f"JJJ-{i:06d}", "name": "".join(rnd.sample(WORDS, 3)) + f"项目{i}",
             "district_id": None, "lead_unit_id": 1 + i % 50, "industry_chain": "",
             "kind": "industry", "total_investment": 100.0, "annual_investment": None,
             "stage": "under_construction", "planned_start": None, "planned_completion": None,
             "task_id": None, "description": "", "sort_key": "", "search_text": "",
             "is_demo": False, "version": 1, "created_at": stamp, "updated_at": stamp}
            for i in range(projects)])
    return db, paths


def write_return(path: Path, rows: int, seed: int = 1) -> Path:
    import xlsxwriter

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("进展情况")
    ws.write_row(0, 0, ["2024年3月重点项目进展情况表"])
    ws.write_row(1, 0, ["填报单位:单位1"])
    ws.write_row(2, 0, ["序号", "项目编号", "项目名称", "推进情况", "完成进度",
                        "本月完成投资(万元)", "累计完成投资(万元)", "工作进展", "存在问题",
                        "下步计划", "需协调事项", "备注"])
    for i in range(rows):
        ws.write_row(3 + i, 0, [
            i + 1, f"JJJ-{i:06d}", "", "正常推进", f"{rnd.randint(1, 99)}%",
            f"{rnd.randint(0, 5000):,}", str(rnd.randint(5000, 90000)),
            "按计划推进,完成主体结构施工" * rnd.randint(1, 3), "", "继续推进", "", ""])
    ws.write_row(3 + rows, 0, ["合计"])
    ws.write_row(4 + rows, 0, ["填表人:张三"])
    wb.close()
    return path


#: CPU seconds of this process for each timed step (wall-clock figures mislead on a machine
#: that other jobs load; both are printed, ratios are taken in the same kind).
CPU: dict[str, float] = {}


def plain_read(path: Path) -> float:
    import python_calamine as pc

    t, c = time.perf_counter(), time.process_time()
    book = pc.CalamineWorkbook.from_path(str(path))
    book.get_sheet_by_index(0).to_python()
    book.close()
    CPU["plain"] = min(CPU.get("plain", 1e9), time.process_time() - c)
    return time.perf_counter() - t


def timed(fn, name: str = ""):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    if name:
        CPU[name] = time.process_time() - c
    return time.perf_counter() - t, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t_db, (db, paths) = timed(lambda: build_db(folder, max(args.sizes)))
        print(f"registry: {max(args.sizes):,} projects built in {t_db:.2f} s")
        for size in args.sizes:
            path = write_return(folder / f"return_{size}.xlsx", size)
            CPU.clear()
            plain = min(plain_read(path) for _ in range(3))
            with db.session() as s:
                t_prev, preview = timed(lambda s=s, p=path: imports.preview_import(
                    session=s, actor=ACTOR, path=p), "preview")
            assert preview.counts["new"] == size, preview.summary()
            with db.session() as s:
                t_commit, result = timed(lambda s=s, pv=preview: imports.commit_import(
                    session=s, actor=ACTOR, preview=pv,
                    database_url=str(db.engine.url), paths=paths), "commit")
            with db.session() as s:
                t_again, again = timed(lambda s=s, p=path: imports.preview_import(
                    session=s, actor=ACTOR, path=p), "again")
            assert again.counts["unchanged"] == size and not again.can_commit
            with db.session() as s:
                t_undo, _ = timed(lambda s=s, b=result.batch_id: imports.undo_import(
                    session=s, actor=ACTOR, batch_id=b), "undo")
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            cpu = CPU
            print(f"\n{size:,} rows ({path.stat().st_size / 1e6:.1f} MB .xlsx)"
                  "                 wall          cpu")
            for label, wall, name in (("plain calamine read", plain, "plain"),
                                      ("preview (parse..diff)", t_prev, "preview"),
                                      ("commit (backup+1 txn)", t_commit, "commit"),
                                      ("whole import", t_prev + t_commit, ""),
                                      ("re-preview, no change", t_again, "again"),
                                      ("undo batch", t_undo, "undo")):
                used = cpu[name] if name else cpu["preview"] + cpu["commit"]
                extra = ""
                if name == "preview":
                    extra = (f"  = {t_prev / plain:.1f}x plain wall, "
                             f"{used / cpu['plain']:.1f}x cpu  ({t_prev / size * 1e6:.0f} us/row)")
                print(f"  {label:<24} {wall * 1000:8.0f} ms  {used * 1000:8.0f} ms{extra}")
            print(f"  peak RSS so far          {rss:8.0f} MB")
        db.dispose()


if __name__ == "__main__":
    main()
