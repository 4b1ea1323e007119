"""The monitoring station's daily workbook through the import pipeline: preview, commit, undo,
headings as offices write them, stations mapped to counties, bad figures refused."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import AirDay, Unit, UnitAlias
from aqdesk.domain.enums import UnitKind
from aqdesk.errors import UserError
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from tests.services.importing.test_importing import workbook

TODAY = dt.date(2026, 11, 26)
HEADINGS = ["监测日期", "点位名称", "AQI", "PM2.5（μg/m³）", "PM10(μg/m³)", "O3-8h", "NO2", "SO2", "CO(mg/m3)",
            "首要污染物", "质量级别"]


@pytest.fixture
def office(empty_db):
    with empty_db.transaction() as s:
        east = Unit(name="东城区", kind=UnitKind.COUNTY, aliases=[UnitAlias(alias="东城站")])
        s.add_all([east, Unit(name="安平县", kind=UnitKind.COUNTY)])
    return empty_db


def stored(db):
    with db.reading() as s:
        return s.execute(select(Unit.name, AirDay.day, AirDay.aqi, AirDay.pm25, AirDay.primary_pollutant)
                         .outerjoin(Unit, Unit.id == AirDay.county_id).order_by(AirDay.day, Unit.name.nulls_first())).all()


def test_a_station_workbook_previews_commits_and_undoes(office, tmp_path):
    path = workbook(tmp_path / "空气质量日报.xlsx", {"日报": [
        ["示例市环境空气质量日报"], HEADINGS,
        [dt.datetime(2026, 11, 1), "东城区监测站", 132, 100, 151, 80, 40, 10, 1.2, "PM2.5", "轻度污染"],
        ["2026-11-01", "安平县", None, 30, 70, 90, 20, 8, 0.6, None, "良"],  # AQI worked out: PM10 70 → 60
        ["2026/11/2", "东城站", 45, 20, "—", 90, 30, 8, 0.8, "", "优"],
        ["2026-11-02", "全市", 70, 50, 80, 100, 30, 9, 0.9, "PM2.5", "良"],
    ]})
    plan = prepare(office, path, today=TODAY)
    assert not plan.errors, [str(p) for p in plan.errors]
    assert len(plan.inserts()) == 4
    batch = commit(office, plan)
    rows = stored(office)
    assert rows[0] == ("东城区", dt.date(2026, 11, 1), 132, 100, "PM2.5")
    assert rows[1][:3] == ("安平县", dt.date(2026, 11, 1), 60) and rows[1][4] == "PM10"
    assert rows[2][:4] == (None, dt.date(2026, 11, 2), 70, 50)  # the city
    assert rows[3][:3] == ("东城区", dt.date(2026, 11, 2), 45)
    with office.reading() as s:
        assert s.scalar(select(AirDay.pm10).where(AirDay.aqi == 45)) is None  # 「—」: not measured
    undo_import(office, batch)
    assert stored(office) == []


def test_bad_figures_are_refused_with_row_and_value_and_nothing_is_written(office, tmp_path):
    path = workbook(tmp_path / "日报.xlsx", {"Sheet1": [
        ["日期", "县区", "AQI", "PM2.5"],
        ["2026-11-01", "东城区", 520, 300],
        ["2026-11-02", "东城区", 80, -5],
        ["2026-11-03", "南城区", 80, 50],
        ["2026-11-04", "安平县", 80, 50],
        ["2026-11-04", "安平县", 90, 60],
        ["2026-11-05", "安平县", 80.5, 50],
        ["2026-12-30", "安平县", 80, 50],
    ]})
    plan = prepare(office, path, today=TODAY)
    found = {(p.row, str(p.value)): p.message for p in plan.errors}
    assert "AQI 不能超过 500" in found[(2, "520")]
    assert "负数" in found[(3, "-5")]
    assert "南城区" in found[(4, "南城区")]
    assert "已在第5行出现，数据不同（AQI 80 与 90）" in found[(6, "2026-11-04")]
    assert (7, "80.5") in found
    assert "将来" in found[(8, "2026-12-30")]
    with pytest.raises(UserError, match="处错误，未导入"):
        commit(office, plan)
    assert stored(office) == []


def test_a_day_already_stored_is_skipped_when_the_same_and_refused_when_different(office, tmp_path):
    first = workbook(tmp_path / "十月.xlsx", {"日报": [["日期", "县区", "AQI", "PM2.5"], ["2026-10-31", "东城区", 80, 50]]})
    commit(office, prepare(office, first, today=TODAY))
    again = workbook(tmp_path / "十月至十一月.xlsx", {"日报": [
        ["日期", "县区", "AQI", "PM2.5"], ["2026-10-31", "东城区", 80, 50], ["2026-11-01", "东城区", 60, 40]]})
    plan = prepare(office, again, today=TODAY)
    assert not plan.errors and len(plan.inserts()) == 1
    changed = workbook(tmp_path / "更正.xlsx", {"日报": [["日期", "县区", "AQI", "PM2.5"], ["2026-10-31", "东城区", 95, 70]]})
    plan = prepare(office, changed, today=TODAY)
    assert "已在台账中（AQI 80），与本行（AQI 95）不同" in plan.errors[0].message


def test_a_workbook_without_a_county_column_is_the_city_s(office, tmp_path):
    path = workbook(tmp_path / "全市.xlsx", {"全市": [["日期", "空气质量指数", "细颗粒物"], ["2026-11-01", 88, 60]]})
    commit(office, prepare(office, path, today=TODAY))
    with office.reading() as s:
        assert s.scalar(select(func.count()).select_from(AirDay).where(AirDay.county_id.is_(None))) == 1
