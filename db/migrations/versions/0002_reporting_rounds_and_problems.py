"""reporting rounds, problems, entry review fields

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('reporting_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_round')),
    sa.UniqueConstraint('period_key', 'name', name=op.f('uq_reporting_round_period_key_name'))
    )
    with op.batch_alter_table('reporting_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reporting_round_period_key'), ['period_key'], unique=False)

    op.create_table('round_unit',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['reporting_round.id'], name=op.f('fk_round_unit_round_id_reporting_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_round_unit_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('round_id', 'unit_id', name=op.f('pk_round_unit'))
    )
    with op.batch_alter_table('round_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_unit_unit_id'), ['unit_id'], unique=False)

    op.create_table('problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('owner_unit_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('raised_period_key', sa.String(length=10), nullable=False),
    sa.Column('last_period_key', sa.String(length=10), nullable=False),
    sa.Column('resolution', sa.String(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['unit.id'], name=op.f('fk_problem_owner_unit_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_problem_project_id_project'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_problem_task_id_key_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem'))
    )
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_owner_unit_id'), ['owner_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_state'), ['state'], unique=False)

    op.create_table('round_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.CheckConstraint('(task_id IS NULL) <> (project_id IS NULL)', name=op.f('ck_round_item_one_subject')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_round_item_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['reporting_round.id'], name=op.f('fk_round_item_round_id_reporting_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_round_item_task_id_key_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_round_item_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_item'))
    )
    with op.batch_alter_table('round_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_item_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_item_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_round_item_project', ['round_id', 'project_id'], unique=True, sqlite_where=sa.text('project_id IS NOT NULL'), postgresql_where=sa.text('project_id IS NOT NULL'))
        batch_op.create_index('uq_round_item_task', ['round_id', 'task_id'], unique=True, sqlite_where=sa.text('task_id IS NOT NULL'), postgresql_where=sa.text('task_id IS NOT NULL'))

    op.create_table('problem_entry',
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['progress_entry.id'], name=op.f('fk_problem_entry_entry_id_progress_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_entry_problem_id_problem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('problem_id', 'entry_id', name=op.f('pk_problem_entry'))
    )
    with op.batch_alter_table('problem_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_entry_entry_id'), ['entry_id'], unique=False)

    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cumulative_reason', sa.String(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_progress_entry_round_id'), ['round_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_progress_entry_round_id_reporting_round'), 'reporting_round', ['round_id'], ['id'], ondelete='SET NULL')




def downgrade() -> None:

    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_progress_entry_round_id_reporting_round'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_progress_entry_round_id'))
        batch_op.drop_column('cumulative_reason')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')
        batch_op.drop_column('submitted_at')
        batch_op.drop_column('round_id')

    with op.batch_alter_table('problem_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_entry_entry_id'))

    op.drop_table('problem_entry')
    with op.batch_alter_table('round_item', schema=None) as batch_op:
        batch_op.drop_index('uq_round_item_task', sqlite_where=sa.text('task_id IS NOT NULL'), postgresql_where=sa.text('task_id IS NOT NULL'))
        batch_op.drop_index('uq_round_item_project', sqlite_where=sa.text('project_id IS NOT NULL'), postgresql_where=sa.text('project_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_round_item_unit_id'))
        batch_op.drop_index(batch_op.f('ix_round_item_round_id'))

    op.drop_table('round_item')
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_state'))
        batch_op.drop_index(batch_op.f('ix_problem_owner_unit_id'))

    op.drop_table('problem')
    with op.batch_alter_table('round_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_unit_unit_id'))

    op.drop_table('round_unit')
    with op.batch_alter_table('reporting_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reporting_round_period_key'))

    op.drop_table('reporting_round')

