"""Several 牵头 and 配合 units: a role on task_unit, project_unit, and coop_part (配合进展)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task_unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=10), nullable=False,
                                      server_default="coop"))
    op.create_table(
        "project_unit",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False, server_default="coop"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_project_unit_project_id_project"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_project_unit_unit_id_unit"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("project_id", "unit_id", name=op.f("pk_project_unit")),
    )
    op.create_index(op.f("ix_project_unit_unit_id"), "project_unit", ["unit_id"], unique=False)
    op.create_table(
        "coop_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("progress", sa.String(), nullable=False),
        sa.Column("completion_pct", sa.Float(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("reported_by", sa.String(length=100), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)",
                           name=op.f("ck_coop_part_one_subject")),
        sa.CheckConstraint(
            "completion_pct IS NULL OR (completion_pct >= 0 AND completion_pct <= 100)",
            name=op.f("ck_coop_part_completion_pct")),
        sa.ForeignKeyConstraint(["round_id"], ["reporting_round.id"],
                                name=op.f("fk_coop_part_round_id_reporting_round"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["key_task.id"],
                                name=op.f("fk_coop_part_task_id_key_task"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_coop_part_project_id_project"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_coop_part_unit_id_unit"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"],
                                name=op.f("fk_coop_part_import_batch_id_import_batch"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coop_part")),
    )
    op.create_index(op.f("ix_coop_part_round_id"), "coop_part", ["round_id"], unique=False)
    op.create_index(op.f("ix_coop_part_unit_id"), "coop_part", ["unit_id"], unique=False)
    op.create_index(op.f("ix_coop_part_import_batch_id"), "coop_part", ["import_batch_id"],
                    unique=False)
    op.create_index("uq_coop_part_task", "coop_part", ["round_id", "task_id", "unit_id"],
                    unique=True, sqlite_where=sa.text("task_id IS NOT NULL"),
                    postgresql_where=sa.text("task_id IS NOT NULL"))
    op.create_index("uq_coop_part_project", "coop_part", ["round_id", "project_id", "unit_id"],
                    unique=True, sqlite_where=sa.text("project_id IS NOT NULL"),
                    postgresql_where=sa.text("project_id IS NOT NULL"))


def downgrade() -> None:
    op.drop_table("coop_part")
    op.drop_index(op.f("ix_project_unit_unit_id"), table_name="project_unit")
    op.drop_table("project_unit")
    with op.batch_alter_table("task_unit", schema=None) as batch_op:
        batch_op.drop_column("role")
