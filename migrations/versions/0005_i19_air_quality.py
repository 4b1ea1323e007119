"""air quality: the daily figures of each county and the city (a row without a county is the
city's), and their targets per year.

Revision ID: 0005_i19
Revises: 0004_i17
Create Date: 2026-11-26 13:48:22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_i19'
down_revision = '0004_i16'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('air_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('good_rate', sa.Float(), nullable=True),
    sa.Column('pm25', sa.Float(), nullable=True),
    sa.Column('heavy_days', sa.Integer(), nullable=True),
    sa.Column('stages', sa.String(length=100), server_default='', nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['unit.id'], name=op.f('fk_air_target_county_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_air_target')),
    sa.UniqueConstraint('county_id', 'year', name=op.f('uq_air_target_county_id'))
    )
    with op.batch_alter_table('air_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_air_target_county_id'), ['county_id'], unique=False)
        batch_op.create_index('uq_air_target_city', ['year'], unique=True, sqlite_where=sa.text('county_id IS NULL'), postgresql_where=sa.text('county_id IS NULL'))

    op.create_table('air_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('aqi', sa.Integer(), nullable=True),
    sa.Column('pm25', sa.Float(), nullable=True),
    sa.Column('pm10', sa.Float(), nullable=True),
    sa.Column('o3_8h', sa.Float(), nullable=True),
    sa.Column('no2', sa.Float(), nullable=True),
    sa.Column('so2', sa.Float(), nullable=True),
    sa.Column('co', sa.Float(), nullable=True),
    sa.Column('primary_pollutant', sa.String(length=50), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_air_day_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['county_id'], ['unit.id'], name=op.f('fk_air_day_county_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_air_day')),
    sa.UniqueConstraint('county_id', 'day', name=op.f('uq_air_day_county_id'))
    )
    with op.batch_alter_table('air_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_air_day_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_air_day_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_air_day_day'), ['day'], unique=False)
        batch_op.create_index('uq_air_day_city', ['day'], unique=True, sqlite_where=sa.text('county_id IS NULL'), postgresql_where=sa.text('county_id IS NULL'))



def downgrade() -> None:
    with op.batch_alter_table('air_day', schema=None) as batch_op:
        batch_op.drop_index('uq_air_day_city', sqlite_where=sa.text('county_id IS NULL'), postgresql_where=sa.text('county_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_air_day_day'))
        batch_op.drop_index(batch_op.f('ix_air_day_county_id'))
        batch_op.drop_index(batch_op.f('ix_air_day_batch_id'))

    op.drop_table('air_day')
    with op.batch_alter_table('air_target', schema=None) as batch_op:
        batch_op.drop_index('uq_air_target_city', sqlite_where=sa.text('county_id IS NULL'), postgresql_where=sa.text('county_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_air_target_county_id'))

    op.drop_table('air_target')
