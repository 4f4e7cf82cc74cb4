"""A PostgreSQL copy of part of a bench/make_dataset.py registry, for timing reads there.

`load(admin_url, source, entries)` creates the database `jjjdesk_bench_<entries>` (or `name`) on
the server of `admin_url` (a superuser's, as scripts/pg_test_server.sh gives) once, migrates
it, and copies the units, tasks, projects, any `extra` tables and the first `entries` progress
entries of the SQLite file `source` with COPY (foreign keys unchecked: the rest of the
registry is not copied). Returns the new database's URL.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

TABLES = ("unit", "key_task", "project", "progress_entry")


def load(admin_url: str, source: Path, entries: int, name: str | None = None,
         extra: tuple[str, ...] = ()) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    from jjjdesk.db.open import open_database
    from jjjdesk.paths import AppPaths

    name = name or f"jjjdesk_bench_{entries}"
    url = make_url(admin_url).set(database=name)
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = make_url(admin_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return url.render_as_string(hide_password=False)
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    out = source.parent / "pg-data"
    open_database(url.render_as_string(hide_password=False), AppPaths(out, out)).dispose()
    started = time.perf_counter()
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(plain) as pg:
        pg.execute("SET session_replication_role = replica")  # no foreign-key checks
        for table in (*TABLES, *extra):
            theirs = {r[1] for r in lite.execute(f"PRAGMA table_info({table})")}
            ours = [r[0] for r in pg.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                " ORDER BY ordinal_position", (table,))]
            columns = [c for c in ours if c in theirs]
            where = f" WHERE id <= {entries}" if table == "progress_entry" else ""
            names = ", ".join(columns)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {names} FROM {table}{where}"):
                    copy.write_row(row)
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                       f" (SELECT max(id) FROM {table}))")
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")
    print(f"copied {entries:,} entries to PostgreSQL {name} in "
          f"{time.perf_counter() - started:.0f} s")
    return url.render_as_string(hide_password=False)
