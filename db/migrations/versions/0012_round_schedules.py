"""批次计划 (rounds that open themselves) and 催报记录 (reminders sent, by stage and channel)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "round_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("schedule_kind", sa.String(length=10), nullable=False),
        sa.Column("deadline_offset", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("last_period_key", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_schedule")),
    )
    with op.batch_alter_table("round_schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_schedule_schedule_kind"), ["schedule_kind"],
                              unique=False)
    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["reporting_round.id"],
                                name=op.f("fk_reminder_log_round_id_reporting_round"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name=op.f("fk_reminder_log_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_log")),
    )
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        for column in ("round_id", "unit_id"):
            batch_op.create_index(batch_op.f(f"ix_reminder_log_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        for column in ("round_id", "unit_id"):
            batch_op.drop_index(batch_op.f(f"ix_reminder_log_{column}"))
    op.drop_table("reminder_log")
    with op.batch_alter_table("round_schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_schedule_schedule_kind"))
    op.drop_table("round_schedule")
