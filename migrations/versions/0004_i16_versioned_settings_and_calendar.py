"""versioned settings and calendar days

Settings and the office's calendar days carry a version counter like the rows clerks edit, so
a 选项 dialog or calendar opened before another clerk saved cannot silently undo that change.
On PostgreSQL, substitution_target's pages keep room for updated rows (fillfactor 70): a
100,000-row 双替代 return then rewrites rows in place, without touching the indexes (HOT),
which halves its commit and undo. Pages written before this fill as they are rewritten.

Revision ID: 0004_i16
Revises: 0003
Create Date: 2026-11-26 13:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_i16'
down_revision = '0004_i17'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('setting', 'calendar_day'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE substitution_target SET (fillfactor = 70)')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE substitution_target RESET (fillfactor)')
    for table in ('setting', 'calendar_day'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
