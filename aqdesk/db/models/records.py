"""What the program keeps about its own work: import batches, the audit log, the
working-day calendar and the office's settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.db.models.units import Unit
from aqdesk.domain.enums import BatchKind


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[BatchKind] = mapped_column(EnumText(BatchKind, 20), default=BatchKind.RETURN)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    period: Mapped[dt.date | None] = mapped_column(Date)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_changed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    skipped_rows: Mapped[str] = mapped_column(Text, default="")  # JSON list of skipped rows
    committed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
    committed_by: Mapped[str] = mapped_column(String(100), default="")
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str] = mapped_column(String(100), default="")
    # The last audit entry written before this batch: entries after it are later edits.
    audit_mark: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    unit: Mapped[Unit | None] = relationship()


class ImportChanges(Base):
    """Every field one import changed, old and new, kept as one compact JSON text rather than
    an audit entry each: a city-wide return changes 200,000 fields
    (``aqdesk.services.common.import_record`` reads and writes it)."""

    __tablename__ = "import_changes"

    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One field of one row changed; entries of one user action share ``action_id``."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[str] = mapped_column(String(36), index=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(50), default="manual")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)


class CalendarDay(Versioned, Base):
    __tablename__ = "calendar_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(30))  # chinese_calendar | office


class Setting(Versioned, Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class PlanYear(Base):
    """A plan year the office has opened; once closed its items are read-only."""

    __tablename__ = "plan_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
