"""initial registry schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('changes', sa.String(), nullable=False),
    sa.Column('reason', sa.String(length=400), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_entity'), ['entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_import_batch_id'), ['import_batch_id'], unique=False)

    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=400), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('counts', sa.String(), nullable=False),
    sa.Column('diagnostics', sa.String(), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_file_hash'), ['file_hash'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('name', name=op.f('uq_plan_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('contact_person', sa.String(length=50), nullable=False),
    sa.Column('contact_phone', sa.String(length=50), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_name'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_sort_key'), ['sort_key'], unique=False)

    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_category_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_category_plan_id_number'))
    )
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_plan_id'), ['plan_id'], unique=False)

    op.create_table('unit_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_alias_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_alias')),
    sa.UniqueConstraint('alias', name=op.f('uq_unit_alias_alias'))
    )
    with op.batch_alter_table('unit_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_alias_unit_id'), ['unit_id'], unique=False)

    op.create_table('key_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.String(), nullable=False),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('start_date IS NULL OR due_date IS NULL OR start_date <= due_date', name=op.f('ck_key_task_window')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_key_task_category_id_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_key_task_lead_unit_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['parent_id'], ['key_task.id'], name=op.f('fk_key_task_parent_id_key_task'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_key_task_plan_id_plan'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_task'))
    )
    with op.batch_alter_table('key_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_task_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_task_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_task_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_task_plan_id'), ['plan_id'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('measure', sa.String(length=40), nullable=False),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_indicator_lead_unit_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_indicator_plan_id_plan'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_indicator_task_id_key_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('name', name=op.f('uq_indicator_name'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_task_id'), ['task_id'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('industry_chain', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('total_investment', sa.Float(), nullable=True),
    sa.Column('annual_investment', sa.Float(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_completion', sa.Date(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('total_investment IS NULL OR total_investment >= 0', name=op.f('ck_project_total_investment')),
    sa.ForeignKeyConstraint(['district_id'], ['unit.id'], name=op.f('fk_project_district_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_project_lead_unit_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_project_task_id_key_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('code', name=op.f('uq_project_code'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_task_id'), ['task_id'], unique=False)

    op.create_table('task_unit',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_task_unit_task_id_key_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_task_unit_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('task_id', 'unit_id', name=op.f('pk_task_unit'))
    )
    with op.batch_alter_table('task_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_unit_unit_id'), ['unit_id'], unique=False)

    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=400), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('source_sheet', sa.String(length=100), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_indicator_value_import_batch_id_import_batch'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'period_key', name=op.f('uq_indicator_value_indicator_id_period_key'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('progress_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('assessment', sa.String(length=20), nullable=False),
    sa.Column('completion_pct', sa.Float(), nullable=True),
    sa.Column('invest_period', sa.Float(), nullable=True),
    sa.Column('invest_cumulative', sa.Float(), nullable=True),
    sa.Column('progress', sa.String(), nullable=False),
    sa.Column('problems', sa.String(), nullable=False),
    sa.Column('next_steps', sa.String(), nullable=False),
    sa.Column('coordination', sa.String(), nullable=False),
    sa.Column('reporter_unit_id', sa.Integer(), nullable=True),
    sa.Column('reporter', sa.String(length=100), nullable=False),
    sa.Column('review_state', sa.String(length=20), nullable=False),
    sa.Column('review_comment', sa.String(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('source_sheet', sa.String(length=100), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(task_id IS NULL) <> (project_id IS NULL)', name=op.f('ck_progress_entry_one_subject')),
    sa.CheckConstraint('completion_pct IS NULL OR (completion_pct >= 0 AND completion_pct <= 100)', name=op.f('ck_progress_entry_completion_pct')),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_progress_entry_import_batch_id_import_batch'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_progress_entry_project_id_project'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reporter_unit_id'], ['unit.id'], name=op.f('fk_progress_entry_reporter_unit_id_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['key_task.id'], name=op.f('fk_progress_entry_task_id_key_task'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_entry'))
    )
    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_entry_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index('ix_progress_entry_period_kind_key', ['period_kind', 'period_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_entry_reporter_unit_id'), ['reporter_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_entry_review_state'), ['review_state'], unique=False)
        batch_op.create_index('uq_progress_entry_project_period', ['project_id', 'period_key'], unique=True, sqlite_where=sa.text('project_id IS NOT NULL'), postgresql_where=sa.text('project_id IS NOT NULL'))
        batch_op.create_index('uq_progress_entry_task_period', ['task_id', 'period_key'], unique=True, sqlite_where=sa.text('task_id IS NOT NULL'), postgresql_where=sa.text('task_id IS NOT NULL'))




def downgrade() -> None:

    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.drop_index('uq_progress_entry_task_period', sqlite_where=sa.text('task_id IS NOT NULL'), postgresql_where=sa.text('task_id IS NOT NULL'))
        batch_op.drop_index('uq_progress_entry_project_period', sqlite_where=sa.text('project_id IS NOT NULL'), postgresql_where=sa.text('project_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_progress_entry_review_state'))
        batch_op.drop_index(batch_op.f('ix_progress_entry_reporter_unit_id'))
        batch_op.drop_index('ix_progress_entry_period_kind_key')
        batch_op.drop_index(batch_op.f('ix_progress_entry_import_batch_id'))

    op.drop_table('progress_entry')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_indicator_id'))

    op.drop_table('indicator_value')
    with op.batch_alter_table('task_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_unit_unit_id'))

    op.drop_table('task_unit')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_task_id'))
        batch_op.drop_index(batch_op.f('ix_project_stage'))
        batch_op.drop_index(batch_op.f('ix_project_sort_key'))
        batch_op.drop_index(batch_op.f('ix_project_lead_unit_id'))
        batch_op.drop_index(batch_op.f('ix_project_kind'))
        batch_op.drop_index(batch_op.f('ix_project_district_id'))

    op.drop_table('project')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_task_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_plan_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_lead_unit_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('key_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_task_plan_id'))
        batch_op.drop_index(batch_op.f('ix_key_task_parent_id'))
        batch_op.drop_index(batch_op.f('ix_key_task_lead_unit_id'))
        batch_op.drop_index(batch_op.f('ix_key_task_category_id'))

    op.drop_table('key_task')
    with op.batch_alter_table('unit_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_alias_unit_id'))

    op.drop_table('unit_alias')
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_plan_id'))

    op.drop_table('category')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_sort_key'))

    op.drop_table('unit')
    op.drop_table('setting')
    op.drop_table('plan')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_file_hash'))

    op.drop_table('import_batch')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_import_batch_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_entity_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_entity'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_actor'))

    op.drop_table('audit_event')

