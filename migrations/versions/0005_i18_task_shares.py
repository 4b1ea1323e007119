"""Shared duties: a task split into shares, one per responsible unit, each with its own
target, deadline, progress, reports and postponements; the task states how its colour
follows from its shares.

Revision ID: 0005_i18
Revises: 0004_i17
Create Date: 2026-11-26 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_i18'
down_revision = '0005_i19'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share_rule', sa.String(length=10), nullable=False, server_default='all'))
        batch_op.add_column(sa.Column('shares_needed', sa.Integer(), nullable=True))
    op.create_table('task_share',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress_pct', sa.Integer(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('latest_progress', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('last_reported_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('progress_pct BETWEEN 0 AND 100', name=op.f('ck_task_share_progress_range')),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_share_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_task_share_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_share')),
    sa.UniqueConstraint('task_id', 'unit_id', name=op.f('uq_task_share_task_id'))
    )
    with op.batch_alter_table('task_share', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_share_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_share_unit_id'), ['unit_id'], unique=False)
    op.create_table('share_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('share_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('progress_pct', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_share_progress_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['share_id'], ['task_share.id'], name=op.f('fk_share_progress_share_id_task_share'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_share_progress'))
    )
    with op.batch_alter_table('share_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_share_progress_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_share_progress_share_id'), ['share_id'], unique=False)
    op.create_table('share_postponement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('share_id', sa.Integer(), nullable=False),
    sa.Column('old_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['share_id'], ['task_share.id'], name=op.f('fk_share_postponement_share_id_task_share'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_share_postponement'))
    )
    with op.batch_alter_table('share_postponement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_share_postponement_share_id'), ['share_id'], unique=False)


def downgrade() -> None:
    op.drop_table('share_postponement')
    op.drop_table('share_progress')
    op.drop_table('task_share')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('shares_needed')
        batch_op.drop_column('share_rule')
