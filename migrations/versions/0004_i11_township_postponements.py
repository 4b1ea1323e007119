"""postponements of a 双替代 township's deadline

deadline_change.target_id lets a township's deadline change be recorded, with its reason, as
a postponement like a task's or a milestone's.

Revision ID: 0004_i11
Revises: 0003
Create Date: 2026-11-26 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_i11'
down_revision = '0003'
branch_labels = None
depends_on = None

ONE_OF_TWO = '(task_id IS NULL) <> (milestone_id IS NULL)'
ONE_OF_THREE = ('(CASE WHEN task_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN milestone_id IS NULL THEN 0 ELSE 1 END)'
                ' + (CASE WHEN target_id IS NULL THEN 0 ELSE 1 END) = 1')  # PostgreSQL adds no booleans


def upgrade() -> None:
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_deadline_change_target_id'), ['target_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_deadline_change_target_id_substitution_target'),
                                    'substitution_target', ['target_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_deadline_change_one_subject'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_deadline_change_one_subject'), ONE_OF_THREE)


def downgrade() -> None:
    op.execute('DELETE FROM deadline_change WHERE target_id IS NOT NULL')
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_deadline_change_one_subject'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_deadline_change_one_subject'), ONE_OF_TWO)
        batch_op.drop_constraint(batch_op.f('fk_deadline_change_target_id_substitution_target'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_deadline_change_target_id'))
        batch_op.drop_column('target_id')
