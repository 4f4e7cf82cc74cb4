"""Concurrent writers: 8 processes × 1,000 entries against SQLite and PostgreSQL at once.

    PYTHONPATH=src .venv/bin/python bench/stress_writers.py [--writers 8] [--entries 1000]
        [--pg-url postgresql+psycopg://user:pw@127.0.0.1:5432/postgres]

Phase 1: every writer saves its own entries (distinct subject × week) through the entry
service; afterwards exactly writers × entries rows exist, each holding its writer's text,
and the audit hash chain is intact. Phase 2: all writers edit the SAME few entries with
the version they read; every save either succeeds or gets a conflict, and each entry's
final version equals 1 + the successful saves (no lost update). Prints writes per second.
A writer that meets an unhandled "database is locked" fails the run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import create_engine, func, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import select  # noqa: E402

from jjjdesk.db.open import open_database  # noqa: E402
from jjjdesk.domain.actor import Actor, Role  # noqa: E402
from jjjdesk.domain.models import ProgressEntry, Project  # noqa: E402
from jjjdesk.domain.period import Period  # noqa: E402
from jjjdesk.domain.subject import SubjectRef  # noqa: E402
from jjjdesk.errors import ConflictError  # noqa: E402
from jjjdesk.paths import AppPaths  # noqa: E402
from jjjdesk.services import audit, demo, entries  # noqa: E402

ACTOR = Actor("stress", Role.COORDINATOR)
HOT_ENTRIES = 4


def _paths() -> AppPaths:
    folder = Path(tempfile.mkdtemp(prefix="jjjdesk-stress-"))
    return AppPaths(folder, folder)


def _project_ids(url: str) -> list[int]:
    db = open_database(url, _paths())
    with db.session() as s:
        ids = list(s.exec(select(Project.id).order_by(Project.id)).all())
    db.dispose()
    return ids


def writer(url: str, index: int, count: int, projects: list[int], barrier, out) -> None:
    db = open_database(url, _paths())
    barrier.wait()
    started = time.perf_counter()
    errors = 0
    for n in range(count):
        project = projects[n % len(projects)]
        week = Period.week(2020, 1)
        for _ in range(index * 60 + n // len(projects)):
            week = week.next()
        try:
            with db.session() as s:
                entries.save_entry(
                    session=s, actor=ACTOR, subject=SubjectRef.project(project), period=week,
                    values={"assessment": "on_track", "completion_pct": n % 100,
                            "progress": f"写入者{index}第{n}条"},
                )
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            errors += 1
            out.put(("error", index, repr(exc)[:200]))
    out.put(("phase1", index, time.perf_counter() - started, errors))

    barrier.wait()
    ok = conflicts = 0
    for n in range(count // 10):
        entry_id = hot[n % HOT_ENTRIES] if (hot := _hot(db)) else None
        with db.session() as s:
            row = s.get(ProgressEntry, entry_id)
            version, project_id, key = row.version, row.project_id, row.period_key
        try:
            with db.session() as s:
                entries.save_entry(
                    session=s, actor=ACTOR, subject=SubjectRef.project(project_id), period=key,
                    values={"progress": f"争用:写入者{index}第{n}次"}, expected_version=version,
                )
            ok += 1
        except ConflictError:
            conflicts += 1
        except Exception as exc:  # noqa: BLE001
            out.put(("error", index, repr(exc)[:200]))
    out.put(("phase2", index, ok, conflicts))
    db.dispose()


_HOT_CACHE: list[int] = []


def _hot(db) -> list[int]:
    if not _HOT_CACHE:
        with db.session() as s:
            _HOT_CACHE.extend(
                s.exec(select(ProgressEntry.id).order_by(ProgressEntry.id).limit(HOT_ENTRIES))
            )
    return _HOT_CACHE


def run(url: str, writers: int, count: int) -> dict:
    db = open_database(url, _paths())
    with db.session() as s:
        demo.load_demo(session=s, actor=Actor("demo"))
    db.dispose()
    projects = _project_ids(url)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=writer, args=(url, i, count, projects, barrier, out))
             for i in range(writers)]
    for p in procs:
        p.start()
    results, problems = [], []
    while len(results) < 2 * writers:
        item = out.get(timeout=900)
        (problems if item[0] == "error" else results).append(item)
    for p in procs:
        p.join()
    phase1 = [r for r in results if r[0] == "phase1"]
    phase2 = [r for r in results if r[0] == "phase2"]
    db = open_database(url, _paths())
    with db.session() as s:
        rows = s.exec(select(func.count()).select_from(ProgressEntry)).one()
        texts = set(s.exec(select(ProgressEntry.progress)).all())
        broken = audit.verify_chain(session=s)
        hot = s.exec(select(ProgressEntry).order_by(ProgressEntry.id).limit(HOT_ENTRIES)).all()
    db.dispose()
    expected_texts = {f"写入者{i}第{n}条" for i in range(writers) for n in range(count)}
    successes = sum(r[2] for r in phase2)
    return {
        "rows": rows,
        "expected_rows": writers * count,
        "missing": len(expected_texts - texts) - sum(1 for t in texts if t.startswith("争用")),
        "wall": max(r[2] for r in phase1),
        "writes_per_s": writers * count / max(r[2] for r in phase1),
        "errors": problems,
        "chain_broken": broken,
        "phase2_ok": successes,
        "phase2_conflicts": sum(r[3] for r in phase2),
        "final_versions": sum(e.version - 1 for e in hot),
    }


def _pg_database(admin_url: str) -> str:
    name = f"jjjdesk_stress_{os.getpid()}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                          "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--pg-url", default=os.environ.get("JJJDESK_TEST_PG_URL", ""))
    args = parser.parse_args()
    if not args.pg_url:
        args.pg_url = subprocess.check_output(
            ["bash", str(ROOT / "scripts" / "pg_test_server.sh")], text=True).strip()
    targets = {"SQLite": f"sqlite:///{Path(tempfile.mkdtemp()) / 'stress.sqlite3'}",
               "PostgreSQL": _pg_database(args.pg_url)}
    failed = False
    print(f"{args.writers} writer processes × {args.entries} entries each")
    for name, url in targets.items():
        r = run(url, args.writers, args.entries)
        lost = r["final_versions"] != r["phase2_ok"]
        bad = r["rows"] != r["expected_rows"] or r["errors"] or r["chain_broken"] or lost
        failed |= bool(bad)
        print(f"\n[{name}] {'FAIL' if bad else 'PASS'}")
        print(f"  rows {r['rows']} / expected {r['expected_rows']}; "
              f"unhandled errors {len(r['errors'])}; audit chain breaks {len(r['chain_broken'])}")
        print(f"  phase 1: {r['wall']:.1f} s, {r['writes_per_s']:.0f} writes/s")
        print(f"  phase 2 (same {HOT_ENTRIES} entries): {r['phase2_ok']} saved, "
              f"{r['phase2_conflicts']} conflicts shown, versions advanced {r['final_versions']}"
              f" ({'no lost update' if not lost else 'LOST UPDATES'})")
        for err in r["errors"][:5]:
            print("  error:", err)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
