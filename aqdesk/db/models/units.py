"""Responsible units (市直部门 / 县区 / 乡镇街道) and the other names they go by."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.column_types import EnumText
from aqdesk.domain.enums import UnitKind


class Unit(Versioned, Base):
    __tablename__ = "unit"
    # Township names repeat across counties (every county seat has its 城关镇): a name is
    # unique among a county's townships, and among the units that belong to no county.
    __table_args__ = (
        UniqueConstraint("parent_id", "name"),
        Index("uq_unit_name_top_level", "name", unique=True, sqlite_where=text("parent_id IS NULL"),
              postgresql_where=text("parent_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[UnitKind] = mapped_column(EnumText(UnitKind, 20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    leader: Mapped[str] = mapped_column(String(100), default="")
    # Who answers the office's calls about the unit's returns: every agenda line and 催报 names them.
    contact_person: Mapped[str] = mapped_column(String(100), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(50), default="", server_default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id])
    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )


class UnitAlias(Base):
    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)

    unit: Mapped[Unit] = relationship(back_populates="aliases")
