"""A return imported from a .zip with one large 佐证材料 (10 MB by default): preview and commit
time and peak RSS growth (target: below 2× the file's size), on a fresh SQLite file or on
--db URL (a migrated database).

    PYTHONPATH=src .venv/bin/python bench/bench_attach_import.py [--sizes 10 40] [--db URL]

Each size runs in its own process. A small zip is imported first (modules loaded, caches
warm), then the peak is taken from Linux's VmHWM after resetting it (/proc/self/clear_refs)
around preview + commit of the large one. Prints one line per size and PASS/FAIL.

Measured here (2 cores, RSS 107 MB before): SQLite 10 MB 0.18 s, +12.3 MB; 40 MB 0.66 s,
+44.5 MB (SQLite's page cache keeping the pages just written, bounded by `cache_size`,
64 MB: see bench_attachments.py). PostgreSQL 10 MB 0.18 s, +1.8 MB; 40 MB 0.67 s, +1.9 MB:
the import's own side is flat (the zip inflated, hashed and stored 1 MiB at a time).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

MB = 1024 * 1024


def _hwm() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def _registry(db, tag: str) -> None:
    """A unit and two projects, named by `tag` (a database given by --db is reused)."""
    from jjjdesk.domain.models import Project, Unit

    with db.session() as s:
        unit = Unit(name=f"基准单位{tag}", sort_key=tag)
        s.add(unit)
        s.flush()
        for n in (1, 2):
            s.add(Project(code=f"B{tag}-{n}", name=f"基准项目{tag}{n}", lead_unit_id=unit.id,
                          total_investment=10))


def _zip(folder: Path, name: str, tag: str, n: int, size: int) -> Path:
    """A return for one project and a `size`-byte photo named by its code, stored (photos
    do not deflate), the photo written into the zip chunk by chunk."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    code = f"B{tag}-{n}"
    for row in (["2024年3月重点项目进展情况表"], [f"填报单位:基准单位{tag}"],
                ["序号", "项目编号", "项目名称", "完成进度", "进展情况"],
                [1, code, f"基准项目{tag}{n}", "40%", "按计划推进"]):
        ws.append(row)
    book = folder / f"{name}.xlsx"
    wb.save(book)
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.write(book, "进展.xlsx")
        with zf.open(f"{code} 现场照片.jpg", "w", force_zip64=True) as out:
            out.write(b"\xff\xd8\xff\xe0")
            left = size - 4
            while left > 0:
                n = min(left, MB)
                out.write(os.urandom(n))
                left -= n
    book.unlink()
    return path


def _import(db, actor, path: Path):
    from jjjdesk.importing import batch

    with db.session() as s:
        preview = batch.preview_import(session=s, actor=actor, path=path)
    with db.session() as s:
        result = batch.commit_import(session=s, actor=actor, preview=preview)
    preview.bundle.close()
    return result


def _one(url: str, size_mb: int, folder: Path) -> dict:
    from sqlmodel import select

    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.domain.models import Attachment
    from jjjdesk.paths import AppPaths
    from jjjdesk.services import attachments

    db = open_database(url, AppPaths(folder / "d", folder / "c"), create=True)
    actor = Actor("bench", Role.ADMIN)
    tag = os.urandom(3).hex()
    _registry(db, tag)
    _import(db, actor, _zip(folder, "warm", tag, 1, 64 * 1024))
    big = _zip(folder, "big", tag, 2, size_mb * MB)
    import psutil

    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = psutil.Process().memory_info().rss
    t0 = time.perf_counter()
    result = _import(db, actor, big)
    t1 = time.perf_counter()
    growth = _hwm() - before
    with db.session() as s:
        row = s.exec(select(Attachment).order_by(Attachment.id.desc())).first()
        out = attachments.save_attachment(session=s, actor=actor, attachment_id=row.id,
                                          out=folder / "back.jpg")
    with zipfile.ZipFile(big) as zf, zf.open(f"B{tag}-2 现场照片.jpg") as original:
        same = True
        with open(out, "rb") as back:
            while chunk := original.read(MB):
                same &= back.read(len(chunk)) == chunk
            same &= back.read(1) == b""
    db.dispose()
    return {"size_mb": size_mb, "import_s": t1 - t0, "growth_mb": growth / MB,
            "before_mb": before / MB, "attached": result.attached, "byte_exact": same}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10])
    parser.add_argument("--db", default="")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one(args.db, args.child, Path(args.folder))))
        return 0
    ok = True
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            done = subprocess.run([sys.executable, __file__, "--child", str(size), "--db", url,
                                   "--folder", tmp], capture_output=True, text=True)
            if done.returncode:
                print(done.stderr)
                return 1
            r = json.loads(done.stdout.strip().splitlines()[-1])
        passed = r["growth_mb"] < 2 * size and r["byte_exact"] and r["attached"] == 1
        ok &= passed
        print(f"{size} MB photo in a zip: preview + commit {r['import_s']:.2f} s, RSS before "
              f"{r['before_mb']:.0f} MB, peak growth {r['growth_mb']:.1f} MB (target < "
              f"{2 * size} MB), attached {r['attached']}, byte-exact {r['byte_exact']}"
              f" — {'PASS' if passed else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
