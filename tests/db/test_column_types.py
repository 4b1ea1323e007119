"""Closed vocabularies come back from the database as their enums, stored as plain text."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from aqdesk.db.models import SheetItem, SupervisionSheet, Task, Unit
from aqdesk.domain.enums import Color, DeadlineKind, ItemKind, LoopStep, TaskStatus, UnitKind


def test_enum_columns_read_back_as_members_and_are_stored_as_text(demo_db):
    with demo_db.reading() as session:
        task = session.scalars(select(Task)).first()
        assert isinstance(task.status, TaskStatus) and isinstance(task.deadline_kind, DeadlineKind)
        sheet = session.scalars(select(SupervisionSheet)).first()
        assert isinstance(sheet.level, Color) and isinstance(sheet.state, LoopStep)
        assert isinstance(session.scalars(select(SheetItem)).first().item_kind, ItemKind)
        assert session.scalars(select(Unit.kind)).first() in set(UnitKind)
        stored = session.execute(text("SELECT status FROM task LIMIT 1")).scalar()
        assert type(stored) is str and stored == task.status.value


def test_a_value_outside_the_vocabulary_is_refused(demo_db):
    with pytest.raises(StatementError, match="not a UnitKind"), demo_db.transaction() as session:
        session.add(Unit(name="某单位", kind="department-ish"))
        session.flush()
    with demo_db.transaction() as session:
        session.add(Unit(name="某单位", kind="department"))  # the stored value is taken too
    with demo_db.reading() as session:
        assert session.scalars(select(Unit.kind).where(Unit.name == "某单位")).one() is UnitKind.DEPARTMENT
