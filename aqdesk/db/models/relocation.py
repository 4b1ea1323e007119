"""退城入园: enterprises leaving the city and their four milestones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.db.models.units import Unit
from aqdesk.domain.enums import MilestoneKind


class Enterprise(Versioned, Base):
    __tablename__ = "enterprise"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    industry: Mapped[str] = mapped_column(String(100), default="")
    original_site: Mapped[str] = mapped_column(String(200), default="")
    park: Mapped[str] = mapped_column(String(200), default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    # The programme runs over years; an enterprise is in each year's ledger from the year it
    # joined until the year it left (NULL: still in), its milestones in the years they fall in.
    first_year: Mapped[int] = mapped_column(Integer, default=lambda: dt.date.today().year)
    last_year: Mapped[int | None] = mapped_column(Integer)

    county: Mapped[Unit] = relationship()
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", order_by="Milestone.seq"
    )


class Milestone(Versioned, Base):
    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("enterprise_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(
        ForeignKey("enterprise.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MilestoneKind] = mapped_column(EnumText(MilestoneKind, 20))
    seq: Mapped[int] = mapped_column(Integer)
    planned_date: Mapped[dt.date | None] = mapped_column(Date)
    actual_date: Mapped[dt.date | None] = mapped_column(Date)

    enterprise: Mapped[Enterprise] = relationship(back_populates="milestones")
