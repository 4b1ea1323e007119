"""The same office prints the same on SQLite and on a server."""


from sqlalchemy import delete, insert, select

from aqdesk.db.models import LooseCoalReport, Task, Unit, task_cooperator
from aqdesk.domain.enums import UnitKind
from aqdesk.services.ledgers import loose_coal, tasks


def test_whole_tonnes_read_back_as_whole_numbers_and_fractions_stay(demo_db, anchor):
    with demo_db.transaction() as s:
        report = s.scalars(select(LooseCoalReport).order_by(LooseCoalReport.id)).first()
        report.clean_coal_tonnes, report.inferior_coal_tonnes = 30770, 12.5
        report_id = report.id
    rows = loose_coal.county_rows(demo_db, anchor)
    figures = next(p.figures for r in rows for p in r.history if p.id == report_id)
    assert (str(figures["clean_coal_tonnes"]), str(figures["inferior_coal_tonnes"])) == ("30770", "12.5")
    printed = [str(v) for r in rows for v in (*r.actual.values(), *r.target.values())]
    assert not [text for text in printed if text.endswith(".0")]


def test_cooperating_units_come_in_one_order_however_they_were_linked(demo_db, anchor):
    with demo_db.transaction() as s:
        task = s.scalars(select(Task).order_by(Task.id)).first()
        units = s.scalars(select(Unit.id).where(Unit.kind == UnitKind.COUNTY, Unit.id != task.lead_unit_id)
                          .order_by(Unit.id)).all()[:3]
        s.execute(delete(task_cooperator).where(task_cooperator.c.task_id == task.id))
        for unit_id in reversed(units):  # linked last unit first, as a plan might list them
            s.execute(insert(task_cooperator).values(task_id=task.id, unit_id=unit_id))
        names = {u.id: u.name for u in s.scalars(select(Unit).where(Unit.id.in_(units)))}
    row = next(r for r in tasks.task_rows(demo_db, anchor) if r.id == task.id)
    assert row.cooperator_names == tuple(names[i] for i in units)
