"""Problem lookups by subject and the open list oldest first as index lookups

The import's carry-forward reads a subject's open problems for every row with a problem
text; without an index on problem.project_id / task_id that is a scan of the whole 问题清单
per row. The lists read open problems by (state, created_at, id): one composite index
replaces the single-column state index.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_index("ix_problem_state")
        batch_op.create_index("ix_problem_state_created", ["state", "created_at", "id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_problem_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_problem_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_project_id"))
        batch_op.drop_index(batch_op.f("ix_problem_task_id"))
        batch_op.drop_index("ix_problem_state_created")
        batch_op.create_index("ix_problem_state", ["state"], unique=False)
