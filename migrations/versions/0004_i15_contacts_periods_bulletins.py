"""unit contacts, hand-reported periods, bulletins

Units gain the contact person and phone every agenda line and 催报 names (the leader was
already kept). report_received records a period a unit reported by hand, without an import.
bulletin keeps each issued 通报's figures frozen, beside its number in the letter register.

Revision ID: 0004_i15
Revises: 0003
Create Date: 2026-11-26 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_i15'
down_revision = '0004_i14'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_person', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('phone', sa.String(length=50), nullable=False, server_default=''))
    op.create_table(
        'report_received',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_report_received_unit_id_unit'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_received')),
        sa.UniqueConstraint('unit_id', 'period', name=op.f('uq_report_received_unit_id')),
    )
    op.create_table(
        'bulletin',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('letter_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('opening', sa.Text(), nullable=False),
        sa.Column('closing', sa.Text(), nullable=False),
        sa.Column('figures', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['letter_id'], ['letter.id'], name=op.f('fk_bulletin_letter_id_letter')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin')),
        sa.UniqueConstraint('letter_id', name=op.f('uq_bulletin_letter_id')),
        sa.UniqueConstraint('period', name=op.f('uq_bulletin_period')),
    )


def downgrade() -> None:
    op.drop_table('bulletin')
    op.drop_table('report_received')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('phone')
        batch_op.drop_column('contact_person')
