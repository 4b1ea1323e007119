"""双替代: households to switch from coal to gas or electricity, per township and kind."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.db.models.units import Unit
from aqdesk.domain.enums import SubstitutionKind
from aqdesk.domain.plan_years import season_of


def _season(context) -> int:
    deadline = context.get_current_parameters().get("deadline")
    return season_of(deadline) or dt.date.today().year


class SubstitutionTarget(Versioned, Base):
    __tablename__ = "substitution_target"
    __table_args__ = (UniqueConstraint("season", "township_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # the heating season the households are switched for, by the year it starts
    season: Mapped[int] = mapped_column(Integer, default=_season)
    township_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[SubstitutionKind] = mapped_column(EnumText(SubstitutionKind, 20))
    target_households: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    deadline: Mapped[dt.date | None] = mapped_column(Date)

    township: Mapped[Unit] = relationship()
    reports: Mapped[list[SubstitutionReport]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="SubstitutionReport.period"
    )


class SubstitutionReport(Base):
    """The figures a township reported for a period; the target row holds the latest."""

    __tablename__ = "substitution_report"
    __table_args__ = (UniqueConstraint("target_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no index of its own: the unique (target_id, period) serves lookups by target
    target_id: Mapped[int] = mapped_column(ForeignKey("substitution_target.id", ondelete="CASCADE"))
    period: Mapped[dt.date] = mapped_column(Date)
    completed: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    # Not indexed: only undoing an import looks rows up by batch, and an index would cost
    # every 100,000-row return a fifth of its writes.
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))

    target: Mapped[SubstitutionTarget] = relationship(back_populates="reports")
