"""Alembic environment: runs on the connection jjjdesk hands it, never from alembic.ini.

No fileConfig() here: it would reconfigure logging and silence the app's loggers.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import jjjdesk.domain.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from jjjdesk.db.migrate import include_name

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("jjjdesk migrations run through jjjdesk.db.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
