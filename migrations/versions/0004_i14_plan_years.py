"""plan years

Tasks (numbers now unique within a year), 双替代 targets (per heating season), supervision
sheets and relocation enterprises get the plan year they belong to; plan_year records the
years the office has opened and closed. Existing rows are placed by their dates: until now the
ledger held one plan, so all its tasks go to the year most of their deadlines fall in (a 2026
plan has tasks due in the spring of 2027), each target to the season its deadline prepares for,
each sheet to the year it was issued, each enterprise from the year of its first milestone.

Revision ID: 0004_i14
Revises: 0003
Create Date: 2026-11-26 13:30:00
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = '0004_i14'
down_revision = '0004_i11'
branch_labels = None
depends_on = None


# As aqdesk.domain.plan_years decided it when this revision was written; a migration must not
# change with later code.
def year_of_dates(dates) -> int | None:
    counts = Counter(d.year for d in dates if d is not None)
    return min(counts, key=lambda year: (-counts[year], year)) if counts else None


def season_of(deadline: dt.date | None) -> int | None:
    if deadline is None:
        return None
    return deadline.year - 1 if deadline.month < 4 else deadline.year


def upgrade() -> None:
    conn = op.get_bind()
    this_year = dt.date.today().year
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('substitution_target', schema=None) as batch_op:
        batch_op.add_column(sa.Column('season', sa.Integer(), nullable=True))
    with op.batch_alter_table('supervision_sheet', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_year', sa.Integer(), nullable=True))
    op.create_table('plan_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_plan_year'))
    )

    task = sa.table('task', sa.column('id', sa.Integer), sa.column('deadline', sa.Date),
                    sa.column('start_date', sa.Date), sa.column('plan_year', sa.Integer))
    plan_year = year_of_dates(d for (d,) in conn.execute(sa.select(task.c.deadline))) \
        or year_of_dates(d for (d,) in conn.execute(sa.select(task.c.start_date))) or this_year
    conn.execute(task.update().values(plan_year=plan_year))

    target = sa.table('substitution_target', sa.column('id', sa.Integer), sa.column('deadline', sa.Date),
                      sa.column('season', sa.Integer))
    seasons = {i: season_of(d) for i, d in conn.execute(sa.select(target.c.id, target.c.deadline))}
    usual = year_of_dates(dt.date(s, 6, 1) for s in seasons.values() if s) or this_year
    for season in set(seasons.values()):
        ids = [i for i, s in seasons.items() if s == season]
        conn.execute(target.update().where(target.c.id.in_(ids)).values(season=season or usual))

    sheet = sa.table('supervision_sheet', sa.column('issued_on', sa.Date), sa.column('year', sa.Integer),
                     sa.column('id', sa.Integer))
    for sheet_id, issued in conn.execute(sa.select(sheet.c.id, sheet.c.issued_on)).all():
        conn.execute(sheet.update().where(sheet.c.id == sheet_id).values(year=issued.year))

    enterprise = sa.table('enterprise', sa.column('id', sa.Integer), sa.column('first_year', sa.Integer))
    milestone = sa.table('milestone', sa.column('enterprise_id', sa.Integer), sa.column('planned_date', sa.Date),
                         sa.column('actual_date', sa.Date))
    firsts: dict[int, int] = {}
    for enterprise_id, planned, actual in conn.execute(sa.select(
            milestone.c.enterprise_id, milestone.c.planned_date, milestone.c.actual_date)):
        for day in (planned, actual):
            if day is not None:
                firsts[enterprise_id] = min(firsts.get(enterprise_id, day.year), day.year)
    for enterprise_id, in conn.execute(sa.select(enterprise.c.id)).all():
        conn.execute(enterprise.update().where(enterprise.c.id == enterprise_id)
                     .values(first_year=min(firsts.get(enterprise_id, plan_year), plan_year)))

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.alter_column('plan_year', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_task_number'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_task_plan_year'), ['plan_year', 'number'])
        batch_op.create_index(batch_op.f('ix_task_carried_from_id'), ['carried_from_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_task_carried_from_id_task'), 'task', ['carried_from_id'], ['id'])
    with op.batch_alter_table('substitution_target', schema=None) as batch_op:
        batch_op.alter_column('season', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_substitution_target_township_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_substitution_target_season'),
                                          ['season', 'township_id', 'kind'])
    with op.batch_alter_table('supervision_sheet', schema=None) as batch_op:
        batch_op.alter_column('year', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_supervision_sheet_year'), ['year'], unique=False)
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.alter_column('first_year', existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    # Only a ledger of one year fits the old schema, where numbers never repeat.
    op.drop_table('plan_year')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_column('last_year')
        batch_op.drop_column('first_year')
    with op.batch_alter_table('supervision_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sheet_year'))
        batch_op.drop_column('year')
    with op.batch_alter_table('substitution_target', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_substitution_target_season'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_substitution_target_township_id'), ['township_id', 'kind'])
        batch_op.drop_column('season')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_task_carried_from_id_task'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_task_carried_from_id'))
        batch_op.drop_constraint(batch_op.f('uq_task_plan_year'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_task_number'), ['number'])
        batch_op.drop_column('carried_from_id')
        batch_op.drop_column('plan_year')
