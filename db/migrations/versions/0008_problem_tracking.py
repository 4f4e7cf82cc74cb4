"""problems tracked to the end: 责任人, 办结时限 and a log of actions (交办, 协调, 反馈, 销号)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_person", sa.String(length=100),
                                      nullable=False, server_default=""))
        batch_op.add_column(sa.Column("due_date", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_problem_due_date"), ["due_date"], unique=False)
    # The server default only fills existing rows; the model sets the value itself.
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.alter_column("responsible_person", server_default=None)

    op.create_table(
        "problem_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["problem_id"], ["problem.id"],
                                name=op.f("fk_problem_action_problem_id_problem"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_action")),
    )
    with op.batch_alter_table("problem_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problem_action_problem_id"), ["problem_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("problem_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_action_problem_id"))
    op.drop_table("problem_action")
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_due_date"))
        batch_op.drop_column("due_date")
        batch_op.drop_column("responsible_person")
