"""佐证材料: attachments of progress entries and problems, their bytes stored once per SHA-256
in 1 MiB chunks

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Written beside 0009 (延期申请) and chained after it at the merge.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_content",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunk_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_content")),
    )
    op.create_table(
        "attachment_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["attachment_content.sha256"],
                                name=op.f("fk_attachment_chunk_sha256_attachment_content"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sha256", "seq", name=op.f("pk_attachment_chunk")),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("uploader", sa.String(length=100), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("entry_version", sa.Integer(), nullable=True),
        sa.Column("problem_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("(entry_id IS NULL) <> (problem_id IS NULL)",
                           name=op.f("ck_attachment_one_owner")),
        sa.ForeignKeyConstraint(["content_sha256"], ["attachment_content.sha256"],
                                name=op.f("fk_attachment_content_sha256_attachment_content"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["entry_id"], ["progress_entry.id"],
                                name=op.f("fk_attachment_entry_id_progress_entry"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["problem_id"], ["problem.id"],
                                name=op.f("fk_attachment_problem_id_problem"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        for column in ("content_sha256", "entry_id", "problem_id"):
            batch_op.create_index(batch_op.f(f"ix_attachment_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        for column in ("content_sha256", "entry_id", "problem_id"):
            batch_op.drop_index(batch_op.f(f"ix_attachment_{column}"))
    op.drop_table("attachment")
    op.drop_table("attachment_chunk")
    op.drop_table("attachment_content")
