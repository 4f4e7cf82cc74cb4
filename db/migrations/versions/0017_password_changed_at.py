"""password expiry: when each account's password was last set

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

Existing accounts start their clock at the upgrade: counting from created_at would make
every older password expire at once on the first sign-in after the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(timezone=True),
                                      nullable=True))
    op.execute("UPDATE app_user SET password_changed_at = CURRENT_TIMESTAMP")


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("password_changed_at")
