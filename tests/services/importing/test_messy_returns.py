"""Returns as county clerks really type them: title rows, notes under the table, a sheet
copied beside the original, headings in their own words."""

import datetime as dt

from aqdesk.services.importing.prepare import prepare
from tests.services.importing.test_importing import PERIOD, workbook

TODAY = dt.date(2026, 11, 26)


def _prepare(db, path, unit="安平县"):
    return prepare(db, path, unit=unit, period=PERIOD, today=TODAY)


def test_a_notes_block_under_the_table_is_not_data(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["县（区）", "检查次数", "取缔散煤销售点（个）"],
        ["安平县", 60, 4],
        [],
        ["注："],
        ["1. 本表数据截至每月20日；"],
        ["2. 检查次数含联合执法。"],
        ["单位（盖章）"],
    ]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [(i.row, i.values["inspections"]) for i in plan.inserts()] == [(2, 60)]


def test_a_row_of_figures_after_the_notes_is_still_read(demo_db, tmp_path):
    # a row that is not a single note line is data wherever it stands: never lost unseen
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["县（区）", "检查次数"], ["说明：检查次数含联合执法"], ["安平县", 60]]})
    plan = _prepare(demo_db, path)
    assert [(i.row, i.values["inspections"]) for i in plan.inserts()] == [(3, 60)]
