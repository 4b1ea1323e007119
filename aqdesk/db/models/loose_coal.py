"""散煤治理: a county's yearly targets and its figures per reporting period."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from aqdesk.db.base import Base, Versioned
from aqdesk.db.models.units import Unit


class Tonnes(TypeDecorator):
    """Tonnes to two decimals, read back as SQLite does on every engine: a whole number as an
    int, so 30770 t prints as 30770 rather than 30770.0 from a server's NUMERIC."""

    impl = Numeric(12, 2, asdecimal=False)
    cache_ok = True

    def process_result_value(self, value, dialect):
        return int(value) if value is not None and value == int(value) else value


class LooseCoalFigures:
    """The figures of the 散煤治理 return (RETURNS.md), shared by targets and reports."""

    banned_points: Mapped[int] = mapped_column(Integer, default=0)
    clean_coal_outlets: Mapped[int] = mapped_column(Integer, default=0)
    clean_coal_tonnes: Mapped[float] = mapped_column(Tonnes(), default=0)
    inspections: Mapped[int] = mapped_column(Integer, default=0)
    inferior_coal_tonnes: Mapped[float] = mapped_column(Tonnes(), default=0)
    cases: Mapped[int] = mapped_column(Integer, default=0)


class LooseCoalTarget(LooseCoalFigures, Versioned, Base):
    __tablename__ = "loose_coal_target"
    __table_args__ = (UniqueConstraint("county_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)

    county: Mapped[Unit] = relationship()


class LooseCoalReport(LooseCoalFigures, Versioned, Base):
    __tablename__ = "loose_coal_report"
    __table_args__ = (UniqueConstraint("county_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    period: Mapped[dt.date] = mapped_column(Date)
    relapse_points: Mapped[int] = mapped_column(Integer, default=0)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    county: Mapped[Unit] = relationship()
