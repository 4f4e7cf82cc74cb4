"""The schema revision this app expects, checkable without importing Alembic (~0.25 s).

A test keeps HEAD equal to the newest migration, so adding one means updating it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD = "0019"


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database; None if it has none (new or foreign file)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def is_current(engine: Engine) -> bool:
    return stored_revision(engine) == HEAD
