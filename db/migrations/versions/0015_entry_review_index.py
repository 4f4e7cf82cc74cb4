"""The 审核 list as an index range: a round's entries in one state by submission time

The review page pages a round's entries in one review state ordered by (submitted_at, id);
with only the round_id index SQLite sorted every entry of the round for each page. One
composite index replaces the single-column round_id index (its prefix still serves lookups
by round).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_entry_round_id")
        batch_op.create_index("ix_progress_entry_round_review",
                              ["round_id", "review_state", "submitted_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_entry_round_review")
        batch_op.create_index("ix_progress_entry_round_id", ["round_id"], unique=False)
