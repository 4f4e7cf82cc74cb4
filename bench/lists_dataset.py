"""The lists bench's own copy of the realistic dataset: a round with 10,000 entries waiting for
review, a 问题清单 of at least 300,000 problems and an audit log of at least 300,000 events.

    PYTHONPATH=src .venv/bin/python bench/lists_dataset.py [--source /tmp/bench1m.sqlite3]

The source (bench/make_dataset.py: 1M entries, 10k projects, ~50k problems, 300k audit events)
is copied once, migrated by the app, then topped up with Core statements: a project's
missing entry for the round's month copied from its latest entry, problems copied from
existing ones (new ids, same texts).
"""

from __future__ import annotations

import argparse
import shutil
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
DEFAULT_SOURCE = Path("/tmp/bench1m.sqlite3")
ROUND_PERIOD = "2025-05"
SUBMITTED = 10_000
PROBLEMS = AUDIT_EVENTS = 300_000
ROUND_NAME = "2025年5月月报(审核基准)"


def own_copy(source: Path) -> Path:
    own = OUT_DIR / "bench-lists.sqlite3"
    if not own.exists():
        OUT_DIR.mkdir(exist_ok=True)
        print(f"copying {source} → {own} (once)")
        shutil.copy(source, own)
    return own


def open_db(path: Path):
    from jjjdesk.db.open import open_database
    from jjjdesk.paths import AppPaths

    return open_database(f"sqlite:///{path}", AppPaths(OUT_DIR / "data", OUT_DIR / "data"))


def review_round(db) -> int:
    """The round to review: every project and task of 2025-05, 10,000 of them 已报送."""
    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.domain.period import Period
    from jjjdesk.services import rounds

    started = time.perf_counter()
    with db.session() as s:
        found = s.execute(text("SELECT id FROM reporting_round WHERE name = :n"),
                          {"n": ROUND_NAME}).scalar()
    if found is None:
        with db.session() as s:
            found = rounds.create_round(
                session=s, actor=Actor("bench", Role.COORDINATOR), period=Period.month(2025, 5),
                deadline=date(2025, 6, 5), name=ROUND_NAME).id
    with db.engine.begin() as conn:
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(progress_entry)")
                   if r[1] not in ("id", "period_key", "period_kind")]
        names = ", ".join(columns)
        picked = ", ".join(f"e.{c}" for c in columns)
        # Projects without an entry for the month: a copy of their latest entry of any period.
        conn.execute(text(
            f"INSERT INTO progress_entry ({names}, period_key, period_kind) "
            f"SELECT {picked}, :key, 'month' FROM progress_entry e WHERE e.id IN ("
            "SELECT max(id) FROM progress_entry p WHERE p.project_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM progress_entry n WHERE n.project_id = p.project_id "
            "AND n.period_key = :key) GROUP BY p.project_id)"), {"key": ROUND_PERIOD})
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM progress_entry WHERE period_key = :key ORDER BY id LIMIT :n"),
            {"key": ROUND_PERIOD, "n": SUBMITTED})]
        start = datetime(2025, 6, 1, 1, 0, tzinfo=UTC)
        conn.execute(text(
            "UPDATE progress_entry SET round_id = :r, review_state = 'submitted', "
            "submitted_at = :at WHERE id = :id"),
            [{"r": found, "at": (start + timedelta(seconds=37 * n)).replace(tzinfo=None),
              "id": i} for n, i in enumerate(ids)])
    print(f"round {found} “{ROUND_NAME}”: {len(ids):,} entries 已报送 "
          f"({time.perf_counter() - started:.1f} s)")
    return int(found)


def top_up(db, table: str, target: int) -> int:
    """Copies of existing rows (new ids) until `table` holds `target`."""
    with db.engine.begin() as conn:
        have = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
        columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")
                   if r[1] != "id"]
        names = ", ".join(columns)
        while have < target:
            conn.exec_driver_sql(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {table} ORDER BY id "
                f"LIMIT {min(have, target - have)}")
            have = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
    return have


def prepare(source: Path = DEFAULT_SOURCE):
    """(database, review round id) on the bench's own copy."""
    path = own_copy(source)
    started = time.perf_counter()
    db = open_db(path)
    print(f"opened (migrated if needed) in {time.perf_counter() - started:.1f} s")
    round_id = review_round(db)
    problems = top_up(db, "problem", PROBLEMS)
    with db.engine.connect() as conn:
        events = conn.exec_driver_sql("SELECT count(*) FROM audit_event").scalar_one()
    print(f"problems {problems:,}, audit events {events:,}")
    if events < AUDIT_EVENTS:
        raise SystemExit(f"the source has {events:,} audit events, fewer than {AUDIT_EVENTS:,}")
    return db, round_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    prepare(parser.parse_args().source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
