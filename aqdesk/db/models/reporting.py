"""Reporting periods a unit covered without an import: a return by hand, by phone or on paper."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base
from aqdesk.db.models.units import Unit


class ReportReceived(Base):
    __tablename__ = "report_received"
    __table_args__ = (UniqueConstraint("unit_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period: Mapped[dt.date] = mapped_column(Date)  # the period's last day, as import batches store it
    received_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()
