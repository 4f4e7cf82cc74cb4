"""import support: batch kind/round/unit, per-row before-images, remembered column mappings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="return")
        )
        batch_op.add_column(sa.Column("round_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("undone_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_import_batch_round_id"), ["round_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_import_batch_round_id_reporting_round"), "reporting_round",
            ["round_id"], ["id"], ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_import_batch_unit_id_unit"), "unit", ["unit_id"], ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("after", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_import_change_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    with op.batch_alter_table("import_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_change_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("header_key", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_import_mapping_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint(
            "unit_id", "header_key", name=op.f("uq_import_mapping_unit_id_header_key")
        ),
    )
    with op.batch_alter_table("import_mapping", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_mapping_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_mapping", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_mapping_unit_id"))
    op.drop_table("import_mapping")
    with op.batch_alter_table("import_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_change_batch_id"))
    op.drop_table("import_change")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_import_batch_unit_id_unit"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_import_batch_round_id_reporting_round"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_import_batch_round_id"))
        batch_op.drop_column("undone_by")
        batch_op.drop_column("unit_id")
        batch_op.drop_column("round_id")
        batch_op.drop_column("kind")
