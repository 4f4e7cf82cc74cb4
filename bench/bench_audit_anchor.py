"""What a signed audit checkpoint costs where the auditor is: a log of 300,000 events.

    PYTHONPATH=src:bench .venv/bin/python bench/make_dataset.py --db bench/out/big.sqlite3 \
        --projects 200 --entries 5000 --audit-events 300000
    PYTHONPATH=src .venv/bin/python bench/bench_audit_anchor.py --db bench/out/big.sqlite3 \
        [--pg postgresql+psycopg://jjjdesk_test:jjjdesk_test@127.0.0.1:5432/postgres]

Prints, for the SQLite file (and, with --pg, a PostgreSQL copy of its audit log): the plain
chain check, making a checkpoint, and checking against one; the checkpoint's size. Works on a
copy of the file: the checkpoint adds its own audit row.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from jjjdesk.db.engine import Database
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.paths import AppPaths
from jjjdesk.services import audit, audit_anchor, audit_keys

PG_NAME = "jjjdesk_bench_anchor"
COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "summary", "changes",
           "reason", "import_batch_id", "prev_hash", "hash")


def measure(db: Database, folder: Path, label: str) -> None:
    key = audit_keys.load_private_key(
        audit_keys.generate_key_pair(folder=folder / f"keys-{label}").private)
    started = time.perf_counter()
    with db.session() as s:
        assert audit.verify_chain(session=s) == []
    plain = time.perf_counter() - started
    out = folder / f"{label}.json"
    started = time.perf_counter()
    audit_anchor.export_checkpoint(db=db, actor=Actor("bench"), private_key=key, path=out)
    made = time.perf_counter() - started
    document = audit_anchor.read_checkpoint(out)
    started = time.perf_counter()
    with db.session() as s:
        report = audit_anchor.verify(session=s, checkpoints=[(str(out), document)],
                                     public_key=key.public_key())
    checked = time.perf_counter() - started
    assert report.ok, report
    print(f"{label:10} {report.total:>9,} events  plain verify {plain:6.2f} s  "
          f"checkpoint {made:6.2f} s  verify with it {checked:6.2f} s  "
          f"({checked / plain:.2f}x)  file {out.stat().st_size / 1e6:.2f} MB")


def pg_copy(admin_url: str, source: Path, paths: AppPaths) -> str:
    """A fresh PostgreSQL database holding the file's audit log (COPY), migrated."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = PG_NAME
    admin = make_url(admin_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                     "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    open_database(url, paths, create=True).dispose()
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    lite = sqlite3.connect(source)
    with psycopg.connect(plain) as conn, conn.cursor() as cur:
        cur.execute("DELETE FROM audit_event")
        with cur.copy(f"COPY audit_event ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in lite.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_event ORDER BY id"):
                copy.write_row(row)
        cur.execute("SELECT setval(pg_get_serial_sequence('audit_event', 'id'),"
                    " (SELECT max(id) FROM audit_event))")
    lite.close()
    return url


def drop(admin_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a bench/make_dataset.py file")
    parser.add_argument("--pg", help="a PostgreSQL superuser's URL: time a copy there too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "copy.sqlite3"
        shutil.copy(args.db, copy)
        paths = AppPaths(folder / "data", folder / "logs")
        db = open_database(f"sqlite:///{copy}", paths)
        try:
            measure(db, folder, "sqlite")
        finally:
            db.dispose()
        if args.pg:
            pg = open_database(pg_copy(args.pg, args.db, paths), paths)
            try:
                measure(pg, folder, "postgresql")
            finally:
                pg.dispose()
                drop(args.pg)


if __name__ == "__main__":
    main()
