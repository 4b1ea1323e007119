import pytest

from aqdesk.domain.headings import (
    SPECS,
    SheetKind,
    canonical_heading,
    closest_kind,
    heading_key,
    read_header,
    recognise,
)


@pytest.mark.parametrize("text, heading", [
    ("县（区）", "县（区）"), ("县(区)", "县（区）"), (" 县 ( 区 )\n", "县（区）"), ("县区", "县（区）"),
    ("县（市、区）", "县（区）"), ("乡镇(街道)", "乡镇（街道）"), ("乡镇", "乡镇（街道）"),
    ("完成比例（%）", "完成比例（%）"), ("完成比例(%)", "完成比例（%）"), ("完成比例", "完成比例（%）"),
    ("完成\n比例\n（％）", "完成比例（%）"), ("完成进度", "完成比例（%）"),
    ("本期进展情况", "进展情况"), ("进展\n情况", "进展情况"), ("具体内容", "工作目标"), ("目标任务", "工作目标"),
    ("取缔散煤销售点", "取缔散煤销售点（个）"), ("取缔散煤销售点(处)", "取缔散煤销售点（个）"),
    ("配送洁净型煤（万吨）", "配送洁净型煤（吨）"), ("已完成户数（户）", "已完成户数"),
    ("*任务编号", "任务编号"), ("目标取缔散煤销售点（个）", "目标取缔散煤销售点（个）"),
    ("计划投产时间", "计划投产时间"), ("投产时间", "投产时间"),
])
def test_headings_match_however_typed(text, heading):
    assert canonical_heading(text) == heading


@pytest.mark.parametrize("text", ["序号", "备注", "二〇二六年重点任务进展情况表", "", None, 12])
def test_other_cells_are_not_headings(text):
    assert canonical_heading(text) is None


def test_key_strips_only_trailing_brackets():
    assert heading_key("（个）") == "(个)"
    assert heading_key("县（区）名称") == "县(区)名称"


def test_completion_date_and_deadline_differ():
    assert canonical_heading("完成时间") == "完成时间" and canonical_heading("完成时限") == "完成时限"


SHEETS = {
    SheetKind.TASK_PROGRESS: ["序号", "任务编号", "任务名称", "本期进展情况", "完成比例（%）", "存在问题"],
    SheetKind.LOOSE_COAL: ["县（区）", "取缔散煤销售点（个）", "配送洁净型煤（吨）", "反弹点位（个）"],
    SheetKind.RELOCATION: ["企业名称", "统一社会信用代码", "当前阶段", "停产时间", "计划停产时间"],
    SheetKind.SUBSTITUTION: ["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"],
    SheetKind.TASK_PLAN: ["任务编号", "类别", "任务名称", "具体内容", "牵头单位", "配合单位", "完成时限"],
    SheetKind.RELOCATION_PLAN: ["企业名称", "县（区）", "行业", "计划停产时间", "计划投产时间"],
    SheetKind.SUBSTITUTION_PLAN: ["县（区）", "乡镇（街道）", "类型", "任务户数", "完成时限"],
    SheetKind.LOOSE_COAL_TARGET: ["县（区）", "目标取缔散煤销售点（个）", "目标检查次数"],
    SheetKind.AIR_DAILY: ["监测日期", "点位名称", "AQI", "PM2.5（μg/m³）", "O3-8h", "CO(mg/m3)", "首要污染物"],
}


@pytest.mark.parametrize("kind", list(SheetKind))
def test_each_kind_is_recognised_by_its_headings(kind):
    header = read_header(SHEETS[kind])
    assert header.kind is kind


@pytest.mark.parametrize("kind", list(SheetKind))
def test_required_headings_alone_are_enough(kind):
    spec = SPECS[kind]
    assert recognise([*spec.required, *spec.any_of[:1]]) is kind


def test_a_return_carrying_its_plan_columns_is_a_return():
    # A 重点任务 return template shows the plan's columns beside the progress.
    headings = ["任务编号", "类别", "任务名称", "牵头单位", "完成时限", "进展情况"]
    assert recognise(canonical_heading(h) for h in headings) is SheetKind.TASK_PROGRESS
    assert recognise(["县（区）", "目标检查次数", "检查次数"]) is SheetKind.LOOSE_COAL


def test_labels_and_plan_flags():
    assert [k.label for k in SheetKind if k.is_plan] == ["任务清单", "退城入园企业", "双替代任务", "散煤目标"]
    assert SheetKind.from_label("双替代") is SheetKind.SUBSTITUTION


def test_too_few_headings_fit_nothing_and_say_what_is_missing():
    assert recognise(["任务编号", "任务名称"]) is None
    kind, missing = closest_kind(["任务编号", "任务名称", "存在问题"])
    assert kind is SheetKind.TASK_PROGRESS and missing == ["进展情况"]
    kind, missing = closest_kind(["县（区）"])
    assert missing and missing[-1].endswith("（至少一列）")


def test_two_row_header_takes_merged_headings_from_above():
    above = ["县（区）", "乡镇（街道）", "类型", "完成情况", ""]
    row = ["", "", "", "已完成户数", "已验收户数"]
    header = read_header(row, above)
    assert header.kind is SheetKind.SUBSTITUTION
    assert header.columns == {"县（区）": 0, "乡镇（街道）": 1, "类型": 2, "已完成户数": 3, "已验收户数": 4}


def test_a_repeated_heading_keeps_its_first_column():
    header = read_header(["任务编号", "进展情况", "进展情况"])
    assert header.columns["进展情况"] == 1 and header.repeated == ("进展情况",)
