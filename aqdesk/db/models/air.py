"""Air quality: the monitored daily figures of each county and of the city, and the targets
each is held to per year. A row with no county is the city's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aqdesk.db.base import Base, Versioned
from aqdesk.db.models.units import Unit


class AirDay(Base):
    __tablename__ = "air_day"
    # NULL is never equal to NULL in a unique constraint: the city's days need their own index
    __table_args__ = (
        UniqueConstraint("county_id", "day"),
        Index("uq_air_day_city", "day", unique=True, sqlite_where=text("county_id IS NULL"),
              postgresql_where=text("county_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    aqi: Mapped[int | None] = mapped_column(Integer)
    pm25: Mapped[float | None] = mapped_column(Float)
    pm10: Mapped[float | None] = mapped_column(Float)
    o3_8h: Mapped[float | None] = mapped_column(Float)
    no2: Mapped[float | None] = mapped_column(Float)
    so2: Mapped[float | None] = mapped_column(Float)
    co: Mapped[float | None] = mapped_column(Float)  # mg/m³
    primary_pollutant: Mapped[str] = mapped_column(String(50), default="")  # 首要污染物 as the station wrote it
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    county: Mapped[Unit | None] = relationship()


class AirTarget(Versioned, Base):
    __tablename__ = "air_target"
    __table_args__ = (
        UniqueConstraint("county_id", "year"),
        Index("uq_air_target_city", "year", unique=True, sqlite_where=text("county_id IS NULL"),
              postgresql_where=text("county_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    good_rate: Mapped[float | None] = mapped_column(Float)  # percent
    pm25: Mapped[float | None] = mapped_column(Float)  # μg/m³, annual mean
    heavy_days: Mapped[int | None] = mapped_column(Integer)  # 重污染天数 at most
    # 「1、2、3月优良率累计分别达到…」 as "3:60,6:70" (month: the rate from January to its end)
    stages: Mapped[str] = mapped_column(String(100), default="", server_default="")

    county: Mapped[Unit | None] = relationship()
