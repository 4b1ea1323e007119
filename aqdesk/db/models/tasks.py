"""The key-task ledger: categories, tasks, their progress reports and postponements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.db.models.units import Unit
from aqdesk.domain.enums import DeadlineKind, ShareRule, TaskStatus
from aqdesk.domain.plan_years import year_of_dates

task_cooperator = Table(
    "task_cooperator",
    Base.metadata,
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True, index=True),
)


class Category(Versioned, Base):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


def _plan_year(context) -> int:
    """A task added without a year belongs to the year its dates say."""
    values = context.get_current_parameters()
    return year_of_dates([values.get("deadline") or values.get("start_date")]) or dt.date.today().year


class Task(Versioned, Base):
    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress_range"),
        UniqueConstraint("plan_year", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # numbers repeat from year to year: 1-01 of 2027 is not 1-01 of 2026
    plan_year: Mapped[int] = mapped_column(Integer, default=_plan_year)
    number: Mapped[str] = mapped_column(String(20))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text, default="")
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    leader: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    # deadline_kind: domain.enums.DeadlineKind; deadline is set only for a dated task.
    deadline_kind: Mapped[DeadlineKind] = mapped_column(EnumText(DeadlineKind, 20), default=DeadlineKind.DATE)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus, 20), default=TaskStatus.IN_PROGRESS)
    progress_pct: Mapped[int] = mapped_column(Integer, default=0)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    latest_progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    last_reported_on: Mapped[dt.date | None] = mapped_column(Date)
    # 结转: the unfinished task of an earlier year this one continues; its history stays there
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"), index=True)
    # a task split into shares takes its colour from them by this rule (domain.shares)
    share_rule: Mapped[ShareRule] = mapped_column(EnumText(ShareRule, 10), default=ShareRule.ALL)
    shares_needed: Mapped[int | None] = mapped_column(Integer)  # for ShareRule.COUNT

    category: Mapped[Category] = relationship()
    lead_unit: Mapped[Unit] = relationship()
    # in one order on every engine (a server returns link rows in no particular order)
    cooperators: Mapped[list[Unit]] = relationship(secondary=task_cooperator, order_by=Unit.id)
    reports: Mapped[list[TaskProgress]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskProgress.period"
    )
    shares: Mapped[list[TaskShare]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskShare.unit_id"
    )


class TaskShare(Versioned, Base):
    """One responsible unit's part of a shared task, reported and coloured on its own."""

    __tablename__ = "task_share"
    __table_args__ = (
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress_range"),
        UniqueConstraint("task_id", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    target: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date)  # None: the task's deadline
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus, 20), default=TaskStatus.NOT_STARTED)
    progress_pct: Mapped[int] = mapped_column(Integer, default=0)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    latest_progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    last_reported_on: Mapped[dt.date | None] = mapped_column(Date)

    task: Mapped[Task] = relationship(back_populates="shares")
    unit: Mapped[Unit] = relationship()
    reports: Mapped[list[ShareProgress]] = relationship(
        cascade="all, delete-orphan", order_by="ShareProgress.period"
    )
    postponements: Mapped[list[SharePostponement]] = relationship(
        cascade="all, delete-orphan", order_by="SharePostponement.changed_on"
    )


class ShareProgress(Base):
    """A progress report on one share, as a unit's return gave it."""

    __tablename__ = "share_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    share_id: Mapped[int] = mapped_column(ForeignKey("task_share.id", ondelete="CASCADE"), index=True)
    period: Mapped[dt.date] = mapped_column(Date)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    progress_pct: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)


class SharePostponement(Base):
    """A share's own deadline moved (the task's other shares keep theirs)."""

    __tablename__ = "share_postponement"

    id: Mapped[int] = mapped_column(primary_key=True)
    share_id: Mapped[int] = mapped_column(ForeignKey("task_share.id", ondelete="CASCADE"), index=True)
    old_date: Mapped[dt.date | None] = mapped_column(Date)
    new_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    changed_on: Mapped[dt.date] = mapped_column(Date)


class TaskProgress(Base):
    __tablename__ = "task_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    period: Mapped[dt.date] = mapped_column(Date)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    progress_pct: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)

    task: Mapped[Task] = relationship(back_populates="reports")


class DeadlineChange(Base):
    """A postponement of a task deadline, a milestone's planned date or a 双替代 township's
    deadline: exactly one of them."""

    __tablename__ = "deadline_change"
    __table_args__ = (
        CheckConstraint(
            # counted with CASE: PostgreSQL adds no booleans
            "(CASE WHEN task_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN milestone_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN target_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_subject",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("substitution_target.id", ondelete="CASCADE"), index=True
    )
    old_date: Mapped[dt.date | None] = mapped_column(Date)
    new_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    changed_on: Mapped[dt.date] = mapped_column(Date)
