"""township names repeat across counties

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:07:01.553059
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_unit_name'), type_='unique')
        batch_op.create_index('uq_unit_name_top_level', ['name'], unique=True, sqlite_where=sa.text('parent_id IS NULL'), postgresql_where=sa.text('parent_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_unit_parent_id'), ['parent_id', 'name'])



def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_unit_parent_id'), type_='unique')
        batch_op.drop_index('uq_unit_name_top_level', sqlite_where=sa.text('parent_id IS NULL'), postgresql_where=sa.text('parent_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_unit_name'), ['name'])

