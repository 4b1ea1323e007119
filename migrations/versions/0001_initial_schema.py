"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 10:58:16.872916
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_workday', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_day'))
    )
    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('code', name=op.f('uq_category_code')),
    sa.UniqueConstraint('name', name=op.f('uq_category_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('leader', sa.String(length=100), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['unit.id'], name=op.f('fk_unit_parent_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_name'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_parent_id'), ['parent_id'], unique=False)

    op.create_table('enterprise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('industry', sa.String(length=100), nullable=False),
    sa.Column('original_site', sa.String(length=200), nullable=False),
    sa.Column('park', sa.String(length=200), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['unit.id'], name=op.f('fk_enterprise_county_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_enterprise_credit_code')),
    sa.UniqueConstraint('name', name=op.f('uq_enterprise_name'))
    )
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprise_county_id'), ['county_id'], unique=False)

    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('period', sa.Date(), nullable=True),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('rows_changed', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('skipped_rows', sa.Text(), nullable=False),
    sa.Column('committed_at', sa.DateTime(), nullable=False),
    sa.Column('committed_by', sa.String(length=100), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('undone_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_import_batch_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batch_unit_id'), ['unit_id'], unique=False)

    op.create_table('loose_coal_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('banned_points', sa.Integer(), nullable=False),
    sa.Column('clean_coal_outlets', sa.Integer(), nullable=False),
    sa.Column('clean_coal_tonnes', sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=False),
    sa.Column('inspections', sa.Integer(), nullable=False),
    sa.Column('inferior_coal_tonnes', sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=False),
    sa.Column('cases', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['unit.id'], name=op.f('fk_loose_coal_target_county_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loose_coal_target')),
    sa.UniqueConstraint('county_id', 'year', name=op.f('uq_loose_coal_target_county_id'))
    )
    with op.batch_alter_table('loose_coal_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loose_coal_target_county_id'), ['county_id'], unique=False)

    op.create_table('substitution_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('target_households', sa.Integer(), nullable=False),
    sa.Column('completed', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['unit.id'], name=op.f('fk_substitution_target_township_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitution_target')),
    sa.UniqueConstraint('township_id', 'kind', name=op.f('uq_substitution_target_township_id'))
    )
    with op.batch_alter_table('substitution_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_substitution_target_township_id'), ['township_id'], unique=False)

    op.create_table('supervision_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('requirement', sa.Text(), nullable=False),
    sa.Column('responsible_person', sa.String(length=100), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=True),
    sa.Column('day_kind', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_supervision_sheet_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_sheet')),
    sa.UniqueConstraint('number', name=op.f('uq_supervision_sheet_number'))
    )
    with op.batch_alter_table('supervision_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_sheet_unit_id'), ['unit_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('lead_unit_id', sa.Integer(), nullable=False),
    sa.Column('leader', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('deadline_kind', sa.String(length=20), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress_pct', sa.Integer(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('latest_progress', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('last_reported_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('progress_pct BETWEEN 0 AND 100', name=op.f('ck_task_progress_range')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_task_category_id_category')),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_task_lead_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task')),
    sa.UniqueConstraint('number', name=op.f('uq_task_number'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_lead_unit_id'), ['lead_unit_id'], unique=False)

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

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=50), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=50), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_audit_log_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_batch_id'), ['batch_id'], unique=False)

    op.create_table('letter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series', sa.String(length=50), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('sheet_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['supervision_sheet.id'], name=op.f('fk_letter_sheet_id_supervision_sheet')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_letter_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter')),
    sa.UniqueConstraint('series', 'year', 'seq', name=op.f('uq_letter_series'))
    )
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_sheet_id'), ['sheet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_unit_id'), ['unit_id'], unique=False)

    op.create_table('loose_coal_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('relapse_points', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('banned_points', sa.Integer(), nullable=False),
    sa.Column('clean_coal_outlets', sa.Integer(), nullable=False),
    sa.Column('clean_coal_tonnes', sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=False),
    sa.Column('inspections', sa.Integer(), nullable=False),
    sa.Column('inferior_coal_tonnes', sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=False),
    sa.Column('cases', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_loose_coal_report_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['county_id'], ['unit.id'], name=op.f('fk_loose_coal_report_county_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loose_coal_report')),
    sa.UniqueConstraint('county_id', 'period', name=op.f('uq_loose_coal_report_county_id'))
    )
    with op.batch_alter_table('loose_coal_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loose_coal_report_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loose_coal_report_county_id'), ['county_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('planned_date', sa.Date(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_milestone_enterprise_id_enterprise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('enterprise_id', 'kind', name=op.f('uq_milestone_enterprise_id'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_enterprise_id'), ['enterprise_id'], unique=False)

    op.create_table('sheet_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['supervision_sheet.id'], name=op.f('fk_sheet_item_sheet_id_supervision_sheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_item'))
    )
    with op.batch_alter_table('sheet_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheet_item_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('sheet_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['supervision_sheet.id'], name=op.f('fk_sheet_step_sheet_id_supervision_sheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_step'))
    )
    with op.batch_alter_table('sheet_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheet_step_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('substitution_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('completed', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_substitution_report_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['target_id'], ['substitution_target.id'], name=op.f('fk_substitution_report_target_id_substitution_target'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitution_report')),
    sa.UniqueConstraint('target_id', 'period', name=op.f('uq_substitution_report_target_id'))
    )
    with op.batch_alter_table('substitution_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_substitution_report_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_substitution_report_target_id'), ['target_id'], unique=False)

    op.create_table('task_cooperator',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_cooperator_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_task_cooperator_unit_id_unit')),
    sa.PrimaryKeyConstraint('task_id', 'unit_id', name=op.f('pk_task_cooperator'))
    )
    with op.batch_alter_table('task_cooperator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_cooperator_unit_id'), ['unit_id'], unique=False)

    op.create_table('task_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('progress_pct', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_task_progress_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_progress_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_progress'))
    )
    with op.batch_alter_table('task_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_progress_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_progress_task_id'), ['task_id'], unique=False)

    op.create_table('deadline_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('old_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.CheckConstraint('(task_id IS NULL) <> (milestone_id IS NULL)', name=op.f('ck_deadline_change_one_subject')),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_deadline_change_milestone_id_milestone'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_deadline_change_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_change'))
    )
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_change_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_change_task_id'), ['task_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_change_task_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_change_milestone_id'))

    op.drop_table('deadline_change')
    with op.batch_alter_table('task_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_progress_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_progress_batch_id'))

    op.drop_table('task_progress')
    with op.batch_alter_table('task_cooperator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_cooperator_unit_id'))

    op.drop_table('task_cooperator')
    with op.batch_alter_table('substitution_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitution_report_target_id'))
        batch_op.drop_index(batch_op.f('ix_substitution_report_batch_id'))

    op.drop_table('substitution_report')
    with op.batch_alter_table('sheet_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sheet_step_sheet_id'))

    op.drop_table('sheet_step')
    with op.batch_alter_table('sheet_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sheet_item_sheet_id'))

    op.drop_table('sheet_item')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_enterprise_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('loose_coal_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loose_coal_report_county_id'))
        batch_op.drop_index(batch_op.f('ix_loose_coal_report_batch_id'))

    op.drop_table('loose_coal_report')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_unit_id'))
        batch_op.drop_index(batch_op.f('ix_letter_sheet_id'))

    op.drop_table('letter')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_batch_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action_id'))

    op.drop_table('audit_log')
    with op.batch_alter_table('unit_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_alias_unit_id'))

    op.drop_table('unit_alias')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_lead_unit_id'))
        batch_op.drop_index(batch_op.f('ix_task_category_id'))

    op.drop_table('task')
    with op.batch_alter_table('supervision_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sheet_unit_id'))

    op.drop_table('supervision_sheet')
    with op.batch_alter_table('substitution_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitution_target_township_id'))

    op.drop_table('substitution_target')
    with op.batch_alter_table('loose_coal_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loose_coal_target_county_id'))

    op.drop_table('loose_coal_target')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_unit_id'))
        batch_op.drop_index(batch_op.f('ix_import_batch_sha256'))

    op.drop_table('import_batch')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprise_county_id'))

    op.drop_table('enterprise')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_parent_id'))

    op.drop_table('unit')
    op.drop_table('setting')
    op.drop_table('category')
    op.drop_table('calendar_day')
