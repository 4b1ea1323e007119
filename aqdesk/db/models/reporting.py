"""The office's reporting cycle: periods a unit covered without an import (a return by
hand, by phone or on paper), and the 通报 issued on them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base
from aqdesk.db.models.supervision import Letter
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


class Bulletin(Base):
    """An issued 通报: its number is in the office's register (``letter``); its figures are
    frozen here as JSON, so a reprint years later is the same document and the next
    bulletin's 进位/退位 compare with what was actually published."""

    __tablename__ = "bulletin"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id"), unique=True)
    period: Mapped[dt.date] = mapped_column(Date, unique=True)  # the month's first day
    as_of: Mapped[dt.date] = mapped_column(Date)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    opening: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    figures: Mapped[str] = mapped_column(Text)  # JSON, as published

    letter: Mapped[Letter] = relationship()
