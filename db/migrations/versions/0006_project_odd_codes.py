"""projects: a partial index of the codes a return's code lookup reads besides its own

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

A return names its projects by code; the preview reads those projects and every project whose
code does not key as itself in lower case. Finding the latter scanned the whole table (~35 ms
over 50,000 projects, on every preview); this index holds only them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# As `jjjdesk.domain.models.ODD_CODE_*` at this revision (a migration must not change when
# the models do).
ODD_CODE_SQLITE = "code != upper(code) OR code GLOB '*[^!-~]*'"
ODD_CODE_POSTGRESQL = "code <> upper(code) OR code ~ '[^!-~]'"


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(
            "ix_project_code_odd",
            ["code"],
            unique=False,
            sqlite_where=sa.text(ODD_CODE_SQLITE),
            postgresql_where=sa.text(ODD_CODE_POSTGRESQL),
        )


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index("ix_project_code_odd")
