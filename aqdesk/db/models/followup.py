"""What the office does beyond a sheet: 催办 and 升级督办, the rules that propose 约谈,
约谈 records with their commitments, 问责 and inspections with their findings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.models.units import Unit


class Escalation(Base):
    """One 催办 (a numbered reminder) or 升级督办 (a higher level, or a new sheet) of a sheet."""

    __tablename__ = "escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("supervision_sheet.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # domain.followup.EscalationKind
    on_date: Mapped[dt.date] = mapped_column(Date)
    from_level: Mapped[str] = mapped_column(String(10), default="")
    to_level: Mapped[str] = mapped_column(String(10), default="")
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id"))
    new_sheet_id: Mapped[int | None] = mapped_column(ForeignKey("supervision_sheet.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class OfficeRule(Base):
    """A rule the office sets: when ``kind`` counts ``threshold`` within ``window_days``, do ``action``."""

    __tablename__ = "office_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # domain.followup.RuleKind
    threshold: Mapped[int] = mapped_column(Integer, default=1)
    window_days: Mapped[int] = mapped_column(Integer, default=90)
    action: Mapped[str] = mapped_column(String(20))  # domain.followup.RuleAction
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)


class SummonsRecord(Versioned, Base):
    """A 约谈: who was summoned, by whom, on what, and what they promised."""

    __tablename__ = "summons_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    planned_on: Mapped[dt.date] = mapped_column(Date)
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    held_by: Mapped[str] = mapped_column(String(200), default="")  # 约谈人
    people: Mapped[str] = mapped_column(Text, default="")  # 被约谈人: one "name|post" a line
    matters: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # the rule that proposed it
    published: Mapped[bool] = mapped_column(Boolean, default=False)  # 媒体公布
    reported_to_org: Mapped[bool] = mapped_column(Boolean, default=False)  # 报组织部，计入负面清单
    notice_letter_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id"))
    recorded_by: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship()
    commitments: Mapped[list[SummonsCommitment]] = relationship(
        back_populates="summons", cascade="all, delete-orphan", order_by="SummonsCommitment.id")


class SummonsCommitment(Base):
    """An 整改 commitment made at a 约谈, tracked and coloured like any ledger item."""

    __tablename__ = "summons_commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    summons_id: Mapped[int] = mapped_column(ForeignKey("summons_record.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)

    summons: Mapped[SummonsRecord] = relationship(back_populates="commitments")


class Accountability(Base):
    """A 问责: the person held to account, for what, how and by whom."""

    __tablename__ = "accountability"

    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    post: Mapped[str] = mapped_column(String(200), default="")
    matter: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))  # domain.followup.AccountabilityKind
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_on: Mapped[dt.date] = mapped_column(Date)
    doc_ref: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship()


class Inspection(Base):
    """A 督查, 巡查, 暗查暗访 or 专项督察 and what it found."""

    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # domain.followup.InspectionKind
    on_date: Mapped[dt.date] = mapped_column(Date)
    team: Mapped[str] = mapped_column(String(200), default="")
    places: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20))  # domain.followup.ProblemSource

    findings: Mapped[list[InspectionFinding]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="InspectionFinding.id")


class InspectionFinding(Base):
    """One problem an inspection found, answered for by a unit; put on a sheet when supervised."""

    __tablename__ = "inspection_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    sheet_id: Mapped[int | None] = mapped_column(ForeignKey("supervision_sheet.id"))

    inspection: Mapped[Inspection] = relationship(back_populates="findings")
    unit: Mapped[Unit] = relationship()
