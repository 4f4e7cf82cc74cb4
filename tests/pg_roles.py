"""Helpers of the PostgreSQL server-mode tests: the CLI with a given standard input, and the
clean-up of a test's login and group roles (they belong to the cluster, not the database)."""

from __future__ import annotations

import io
import sys

from psycopg import sql
from sqlalchemy import create_engine, text

from jjjdesk.cli.main import main as cli_main


def run_cli(argv: list[str], stdin: str = "") -> int:
    """`jjjdesk-cli ARGV` with `stdin` as its standard input; the exit code."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli_main(argv)
    finally:
        sys.stdin = old


def drop_roles(url: str, prefix: str) -> None:
    """The roles named `<prefix>_…`: their privileges in this database first (DROP OWNED),
    then the roles themselves."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            names = list(conn.execute(
                text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :p)"),
                {"p": prefix + "_"}).scalars())
            if not names:
                return
            pg = conn.connection.driver_connection
            pg.execute(sql.SQL("DROP OWNED BY {}").format(
                sql.SQL(", ").join(sql.Identifier(n) for n in names)))
            for name in names:
                pg.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
    finally:
        engine.dispose()
