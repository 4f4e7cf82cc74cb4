"""延期申请: a unit asks to move an item's due date; the office approves or rejects it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extension_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("original_due", sa.Date(), nullable=True),
        sa.Column("requested_until", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)",
                           name=op.f("ck_extension_request_one_subject")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_extension_request_project_id_project"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["key_task.id"],
                                name=op.f("fk_extension_request_task_id_key_task"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name=op.f("fk_extension_request_unit_id_unit"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extension_request")),
    )
    with op.batch_alter_table("extension_request", schema=None) as batch_op:
        for column in ("task_id", "project_id", "unit_id", "state"):
            batch_op.create_index(batch_op.f(f"ix_extension_request_{column}"), [column],
                                  unique=False)


def downgrade() -> None:
    with op.batch_alter_table("extension_request", schema=None) as batch_op:
        for column in ("task_id", "project_id", "unit_id", "state"):
            batch_op.drop_index(batch_op.f(f"ix_extension_request_{column}"))
    op.drop_table("extension_request")
