"""填报日期 kept with each entry, as the return stated it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reported_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_column("reported_on")
