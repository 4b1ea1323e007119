"""Property-based fuzzing of the import checks and commit: any value in any column of any
kind of sheet ends in a plan (whose commit and undo then work) or a ``UserError``, never in
another exception. Bounded for CI; the long campaign is ``bench/fuzz.py``."""

import datetime as dt
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqdesk.domain import headings as H
from aqdesk.errors import UserError
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from tests.services.importing.test_importing import PERIOD, workbook

# One honest row per kind of sheet, in the demo office's terms; the fuzz replaces one cell.
SHEETS = {
    "任务清单": {"任务编号": "9-90", "类别": "新类别", "任务名称": "新任务", "牵头单位": "市城管执法局",
             "完成时限": "2026-12-31", "配合单位": "市公安局、市新设局", "开始时间": "2026-11-01"},
    "重点任务": {"任务编号": "4-03", "进展情况": "又推进了", "完成比例（%）": 90, "是否完成": "否"},
    "双替代": {"县（区）": "安平县", "乡镇（街道）": "安城街道", "类型": "气代煤", "已完成户数": 600, "已验收户数": 500},
    "双替代任务": {"县（区）": "安平县", "乡镇（街道）": "新镇", "类型": "电代煤", "任务户数": 300, "完成时限": "2026-12-31"},
    "散煤": {"县（区）": "安平县", **{h: 3 for h in H.LOOSE_COAL_FIGURES}, H.RELAPSES: 0},
    "散煤目标": {"县（区）": "安平县", **{h: 30 for h in H.LOOSE_COAL_TARGETS}},
    "退城入园": {"企业名称": "安平县金丰铸造有限公司", "当前阶段": "已拆除", "拆除完成时间": "2026-10-01"},
    "退城入园企业": {"企业名称": "新企业", "县（区）": "安平县", "统一社会信用代码": "91419921645954303E",
               "计划投产时间": "2027-06-30"},
}

hostile = st.one_of(
    st.sampled_from(["", " ", "1e20", "1" * 400, "-1", "NaN", "inf", "101%", "=1+1", "𠮷😀", "x" * 12_000, "11月底",
                     "2026-02-30", "否", "合计", "不存在县", "市不存在局", "2-07"]),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.booleans(),
    st.text(max_size=40).filter(lambda t: all(ch.isprintable() or ch in "\n\t" for ch in t)),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_in_any_column_is_a_plan_or_a_message(demo_db, data):
    sheet = data.draw(st.sampled_from(sorted(SHEETS)))
    row = dict(SHEETS[sheet])
    heading = data.draw(st.sampled_from(sorted(row)))
    value = data.draw(hostile)
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    row[heading] = value
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder) / "fuzz.xlsx", {sheet: [list(row), list(row.values())]})
        try:
            plan = prepare(demo_db, path, unit="安平县" if sheet in ("双替代", "散煤", "退城入园") else "市城管执法局",
                           period=PERIOD, create_units=True, today=PERIOD)
        except UserError:
            return
        if not plan.committable(True) or not (plan.changes() or plan.inserts()):
            return
        try:
            batch = commit(demo_db, plan, accept_valid_rows=True)
        except UserError:
            return
        undo_import(demo_db, batch)
