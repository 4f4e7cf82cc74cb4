"""List pages as index ranges: a round's entries by state and submission time, sorted projects

The review page pages a round's entries in one review state ordered by (submitted_at, id);
with only the round_id index SQLite sorted every entry of the round for each page. One
composite index replaces the single-column round_id index (its prefix still serves lookups
by round). The project list's sortable figures and dates get an index each, so a sorted
page is an index range too (sorting 10,000 projects with their joins took ~50 ms a page).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


_PROJECT_SORTS = ("total_investment", "annual_investment", "planned_start", "planned_completion")


def upgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_entry_round_id")
        batch_op.create_index("ix_progress_entry_round_review",
                              ["round_id", "review_state", "submitted_at"], unique=False)
    with op.batch_alter_table("project", schema=None) as batch_op:
        for column in _PROJECT_SORTS:
            batch_op.create_index(batch_op.f(f"ix_project_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        for column in _PROJECT_SORTS:
            batch_op.drop_index(batch_op.f(f"ix_project_{column}"))
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_entry_round_review")
        batch_op.create_index("ix_progress_entry_round_id", ["round_id"], unique=False)
