"""Benchmark: import 10,000- and 50,000-row returns; compare with a plain calamine read.

Prints, per size:
- the preview (read + normalise + match + entry rules + diff) against a plain read of the
  same file (python-calamine, values only). Each of `--rounds` fresh processes opens the
  database, reads the file plainly twice, previews it once (nothing warmed by an earlier
  preview), and reads it plainly twice again; its ratio is the preview over the mean of the
  four reads around it, in CPU time of that process. This machine's speed drifts by half
  between seconds, so only such paired figures compare; the median of the rounds is the
  result;
- in this process: commit (backup + one transaction), the whole import (median preview +
  commit), a re-preview of the same file (everything unchanged), undo, and the peak RSS.

    PYTHONPATH=src .venv/bin/python bench/bench_import.py [--sizes 10000 50000] [--rounds 7]

At real size: `--dataset FILE` imports into a copy of a registry made by bench/make_dataset.py
(10,000 projects, 1,000,000 entries, problems, audit history, attachments). Its returns name
the dataset's projects, one row per project and month of 2029 (so 50,000 rows span five
months), and a tenth of the rows carry a 存在问题 text. The commit is measured twice: the
day's first import (it takes the day's safety copy of the whole file) and a later one (the
copy exists; what every further import of the day costs).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from jjjdesk import importing  # noqa: E402
from jjjdesk.db.open import open_database  # noqa: E402
from jjjdesk.domain.actor import Actor, Role  # noqa: E402
from jjjdesk.domain.models import ProgressEntry, Project, Unit, now  # noqa: E402
from jjjdesk.paths import AppPaths  # noqa: E402

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


PROBLEMS = ["征地拆迁进度滞后,影响主体施工", "资金到位不足,需协调专项债券", "环评批复尚未取得",
            "施工用电接入需电力部门支持", "跨区管线迁改协调难度大"]


def copy_dataset(folder: Path, dataset: Path):
    import shutil

    shutil.copyfile(dataset, folder / "bench.sqlite3")
    paths = AppPaths(folder, folder)
    db = open_database(f"sqlite:///{folder / 'bench.sqlite3'}", paths)
    with db.session() as s:
        # Each project's highest 累计 so far: the return's 累计 continue it (else every row
        # would be refused as 调减 without a reason).
        top = dict(s.execute(select(ProgressEntry.project_id, func.max(
            ProgressEntry.invest_cumulative)).group_by(ProgressEntry.project_id)).all())
        codes = {code: top.get(pid) or 0.0 for pid, code in s.execute(
            select(Project.id, Project.code).order_by(Project.id))}
    return db, paths, codes


def write_return(path: Path, rows: int, seed: int = 1,
                 codes: dict[str, float] | None = None) -> Path:
    """A return of `rows` rows; with `codes` (a dataset's projects) one row per project and
    month of 2029, a tenth of them with a problem text."""
    import xlsxwriter

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("进展情况")
    title = "2024年3月重点项目进展情况表" if codes is None else "重点项目进展情况汇总表"
    ws.write_row(0, 0, [title])
    ws.write_row(1, 0, ["填报单位:单位1" if codes is None else "协同办汇总"])
    ws.write_row(2, 0, ["序号", "项目编号", "项目名称", "推进情况", "完成进度",
                        "本月完成投资(万元)", "累计完成投资(万元)", "工作进展", "存在问题",
                        "下步计划", "需协调事项", "备注"] + ([] if codes is None else ["填报期次"]))
    listed = list(codes or ())
    monthly = {code: rnd.randint(0, 5000) for code in listed}  # 万元: 累计 grow month by month
    for i in range(rows):
        amount = rnd.randint(0, 5000)  # 万元
        if codes is None:
            code, period, problem = f"JJJ-{i:06d}", "", ""
            cumulative = rnd.randint(5000, 90000)
        else:
            code, month = listed[i % len(listed)], i // len(listed) + 1
            period, amount = f"2029年{month}月", monthly[code]
            problem = rnd.choice(PROBLEMS) if rnd.random() < 0.1 else ""
            cumulative = round(codes[code] * 10000) + month * amount
        ws.write_row(3 + i, 0, [
            i + 1, code, "", "正常推进", f"{rnd.randint(1, 99)}%",
            f"{amount:,}", str(cumulative),
            "按计划推进,完成主体结构施工" * rnd.randint(1, 3), problem, "继续推进", "", "",
            *([] if codes is None else [period])])
    ws.write_row(3 + rows, 0, ["合计"])
    ws.write_row(4 + rows, 0, ["填表人:张三"])
    wb.close()
    return path


#: CPU seconds of this process for each timed step (wall-clock figures mislead on a machine
#: that other jobs load; both are printed, ratios are taken in CPU time).
CPU: dict[str, float] = {}


def plain_cpu(path: Path) -> float:
    import python_calamine as pc

    c = time.process_time()
    book = pc.CalamineWorkbook.from_path(str(path))
    book.get_sheet_by_index(0).to_python()
    book.close()
    return time.process_time() - c


def timed(fn, name: str = ""):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    if name:
        CPU[name] = time.process_time() - c
    return time.perf_counter() - t, out


def fresh_round(folder: Path, size: int) -> tuple[float, float, float]:
    """(plain read, preview, plain read) in CPU seconds of a new process; each plain read is
    the mean of two in a row."""
    done = subprocess.run([sys.executable, __file__, "--child", str(folder), str(size)],
                          capture_output=True, text=True, check=True)
    before, preview, after = json.loads(done.stdout.strip().splitlines()[-1])
    return before, preview, after


def child(folder: Path, size: int) -> None:
    db = open_database(f"sqlite:///{folder / 'bench.sqlite3'}", AppPaths(folder, folder))
    path = folder / f"return_{size}.xlsx"
    plain_cpu(path)  # calamine's first read in a process: not counted, so no plain read is cold
    before = (plain_cpu(path) + plain_cpu(path)) / 2
    # The pipeline's modules load on first use (~0.25 s, once per process: the GUI's first
    # import pays it in its worker): not counted either, as it does not grow with the file.
    preview_import = importing.preview_import
    with db.session() as s:
        c = time.process_time()
        preview = preview_import(session=s, actor=ACTOR, path=path)
        spent = time.process_time() - c
    assert preview.counts["new"] == size, preview.summary()  # (a dataset's return too)
    after = (plain_cpu(path) + plain_cpu(path)) / 2
    db.dispose()
    print(json.dumps([before, spent, after]))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dataset", type=Path, help="a registry made by bench/make_dataset.py")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return
    with tempfile.TemporaryDirectory(dir=args.dataset.parent if args.dataset else None) as tmp:
        folder = Path(tmp)
        codes = None
        if args.dataset:
            t_db, (db, paths, codes) = timed(lambda: copy_dataset(folder, args.dataset))
            print(f"registry: {args.dataset.name} ({args.dataset.stat().st_size / 1e6:.0f} MB, "
                  f"{len(codes):,} projects) copied in {t_db:.2f} s")
        else:
            t_db, (db, paths) = timed(lambda: build_db(folder, max(args.sizes)))
            print(f"registry: {max(args.sizes):,} projects built in {t_db:.2f} s")
        for size in args.sizes:
            path = write_return(folder / f"return_{size}.xlsx", size, codes=codes)
            rounds = [fresh_round(folder, size) for _ in range(args.rounds)]
            ratios = [p / ((a + b) / 2) for a, p, b in rounds]
            ratio = statistics.median(ratios)
            plain = statistics.median((a + b) / 2 for a, _, b in rounds)
            t_prev = statistics.median(p for _, p, _ in rounds)
            CPU.clear()
            with db.session() as s:
                _, preview = timed(lambda s=s, p=path: importing.preview_import(
                    session=s, actor=ACTOR, path=p))
            with db.session() as s:
                t_commit, result = timed(lambda s=s, pv=preview: importing.commit_import(
                    session=s, actor=ACTOR, preview=pv,
                    database_url=str(db.engine.url), paths=paths), "commit")
            with db.session() as s:
                t_again, again = timed(lambda s=s, p=path: importing.preview_import(
                    session=s, actor=ACTOR, path=p), "again")
            assert again.counts["unchanged"] == size and not again.can_commit
            with db.session() as s:
                t_undo, _ = timed(lambda s=s, b=result.batch_id: importing.undo_import(
                    session=s, actor=ACTOR, batch_id=b), "undo")
            # The same import again, now that the day's safety copy exists.
            with db.session() as s:
                _, preview = timed(lambda s=s, p=path: importing.preview_import(
                    session=s, actor=ACTOR, path=p))
            with db.session() as s:
                t_later, later = timed(lambda s=s, pv=preview: importing.commit_import(
                    session=s, actor=ACTOR, preview=pv,
                    database_url=str(db.engine.url), paths=paths), "later")
            assert later.backup_path is None
            with db.session() as s:
                importing.undo_import(session=s, actor=ACTOR, batch_id=later.batch_id)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"\n{size:,} rows ({path.stat().st_size / 1e6:.1f} MB .xlsx)")
            print(f"  plain calamine read      {plain * 1000:8.0f} ms cpu  (median of "
                  f"{len(rounds)} rounds' means of four)")
            print(f"  preview (parse..diff)    {t_prev * 1000:8.0f} ms cpu  (median of "
                  f"{len(rounds)} fresh processes, {t_prev / size * 1e6:.0f} us/row)")
            print(f"  preview / plain read     {ratio:8.2f} x      (rounds: "
                  f"{', '.join(f'{r:.2f}' for r in ratios)})  target <= 3x: "
                  f"{verdict(ratio <= 3)}")
            for label, wall, name in (("commit, day's first", t_commit, "commit"),
                                      ("commit, copy exists", t_later, "later"),
                                      ("re-preview, no change", t_again, "again"),
                                      ("undo batch", t_undo, "undo")):
                print(f"  {label:<24} {CPU[name] * 1000:8.0f} ms cpu  ({wall * 1000:.0f} ms wall)")
            whole = t_prev + CPU["later"]
            print(f"  whole import             {whole * 1000:8.0f} ms cpu  (preview + later "
                  f"commit; the day's first adds {max(0.0, t_commit - t_later):.1f} s wall)"
                  + (f"  target <= 5 s: {verdict(whole <= 5)}" if size >= 50_000 else ""))
            print(f"  undo / 2 s target        {verdict(t_undo <= 2)}" if size >= 50_000 else "",
                  end="\n" if size >= 50_000 else "")
            print(f"  peak RSS so far          {rss:8.0f} MB")
        db.dispose()


if __name__ == "__main__":
    main()
