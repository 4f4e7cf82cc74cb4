"""佐证材料 of 延期申请: an attachment belongs to exactly one entry, problem or extension request

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

ONE_OWNER = ("(CASE WHEN entry_id IS NULL THEN 0 ELSE 1 END)"
             " + (CASE WHEN problem_id IS NULL THEN 0 ELSE 1 END)"
             " + (CASE WHEN extension_id IS NULL THEN 0 ELSE 1 END) = 1")


def upgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extension_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attachment_extension_id_extension_request"), "extension_request",
            ["extension_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_attachment_extension_id"), ["extension_id"],
                              unique=False)
        batch_op.drop_constraint(batch_op.f("ck_attachment_one_owner"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_attachment_one_owner"), ONE_OWNER)


def downgrade() -> None:
    op.execute("DELETE FROM attachment WHERE extension_id IS NOT NULL")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_attachment_one_owner"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_attachment_one_owner"),
                                         "(entry_id IS NULL) <> (problem_id IS NULL)")
        batch_op.drop_index(batch_op.f("ix_attachment_extension_id"))
        batch_op.drop_constraint(batch_op.f("fk_attachment_extension_id_extension_request"),
                                 type_="foreignkey")
        batch_op.drop_column("extension_id")
