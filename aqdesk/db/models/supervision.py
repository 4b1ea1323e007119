"""三色督办单 and their closed loop, and the numbered letters the office sends."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.db.models.units import Unit
from aqdesk.domain.enums import Color, DayKind, ItemKind, LoopStep


def _sheet_year(context) -> int:
    issued = context.get_current_parameters().get("issued_on")
    return issued.year if issued else dt.date.today().year


class SupervisionSheet(Versioned, Base):
    __tablename__ = "supervision_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, default=_sheet_year, index=True)
    number: Mapped[str] = mapped_column(String(50), unique=True)
    level: Mapped[Color] = mapped_column(EnumText(Color, 10))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200), default="")
    requirement: Mapped[str] = mapped_column(Text, default="")
    responsible_person: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    deadline_days: Mapped[int | None] = mapped_column(Integer)
    day_kind: Mapped[DayKind] = mapped_column(EnumText(DayKind, 10), default=DayKind.WORKDAY)
    state: Mapped[LoopStep] = mapped_column(EnumText(LoopStep, 20), default=LoopStep.ISSUED)
    # 升级督办 by a new sheet at a higher level names the sheet it escalates
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("supervision_sheet.id"))

    unit: Mapped[Unit] = relationship()
    items: Mapped[list[SheetItem]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan"
    )
    steps: Mapped[list[SheetStep]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="SheetStep.on_date"
    )


class SheetItem(Base):
    """A ledger item a sheet is about: a task, milestone, enterprise, township or county."""

    __tablename__ = "sheet_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_sheet.id", ondelete="CASCADE"), index=True
    )
    item_kind: Mapped[ItemKind] = mapped_column(EnumText(ItemKind, 20))
    item_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300), default="")

    sheet: Mapped[SupervisionSheet] = relationship(back_populates="items")


class SheetStep(Base):
    __tablename__ = "sheet_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_sheet.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[LoopStep] = mapped_column(EnumText(LoopStep, 20))
    on_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[str] = mapped_column(Text, default="")  # file names, one per line
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
    recorded_by: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 登记人
    checked_by: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 核查人

    sheet: Mapped[SupervisionSheet] = relationship(back_populates="steps")


class Letter(Base):
    """A numbered outgoing document (发文登记); (series, year, seq) never repeats, and a
    voided number stays in the register so it is never given again."""

    __tablename__ = "letter"
    __table_args__ = (UniqueConstraint("series", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    sheet_id: Mapped[int | None] = mapped_column(ForeignKey("supervision_sheet.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str] = mapped_column(String(20), default="letter", server_default="letter")  # DocKind
    reply_due: Mapped[dt.date | None] = mapped_column(Date)
    replied_on: Mapped[dt.date | None] = mapped_column(Date)
    voided_on: Mapped[dt.date | None] = mapped_column(Date)
    void_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # the document exactly as issued, so a reprint is the same file
    document_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    recorded_by: Mapped[str] = mapped_column(String(100), default="", server_default="")

    unit: Mapped[Unit | None] = relationship()


class SeriesStart(Base):
    """Where a series begins in a year when the office moved to aqdesk part-way through it."""

    __tablename__ = "series_start"
    __table_args__ = (UniqueConstraint("series", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    first_seq: Mapped[int] = mapped_column(Integer)
