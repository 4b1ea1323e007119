import datetime as dt

import pytest

from aqdesk.domain.enums import Color, DayKind, LoopStep
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.common.workdays import load as load_calendar
from aqdesk.services.reports import overview
from aqdesk.services.supervision import sheet_items, sheet_list, sheet_loop, summons


def issue(db, day, unit="石桥县", keys=("5-06",), level=None, **kwargs):
    items = sheet_items.resolve(db, list(keys), day)
    return sheet_loop.issue_sheet(db, unit=unit, level=level or sheet_items.suggest_level(items), items=items,
                                  requirement="5个工作日内反馈整改方案。", issued_on=day, **kwargs)


def step(db, sheet_id, what, day, note="", attachments=(), checked_by=""):
    version = sheet_loop.sheet_detail(db, sheet_id).version
    return sheet_loop.record_step(db, sheet_id, version, what, day, note, attachments, checked_by)


def test_resolve_takes_natural_keys(demo_db, anchor):
    items = sheet_items.resolve(demo_db, ["2-07", "9141990268192155XH", "9141990268192155XH:建成投产",
                                          "太平镇", "安平县"], anchor)
    assert [i.kind for i in items] == ["task", "enterprise", "milestone", "township", "township", "county"]
    assert items[2].label.endswith("建成投产节点") and items[2].color is Color.RED
    assert items[1].reason.startswith("建成投产节点")
    with pytest.raises(UserError, match="找不到以下事项：9-99、无名镇"):
        sheet_items.resolve(demo_db, ["2-07", "9-99", "无名镇"], anchor)


def test_suggested_level_is_the_worst_colour(demo_db, anchor):
    items = sheet_items.unit_items(demo_db, "石桥", anchor)
    assert items[0].color is Color.RED and sheet_items.suggest_level(items) is Color.RED
    assert sheet_items.suggest_level([i for i in items if i.color is not Color.RED]) is Color.YELLOW
    assert sheet_items.suggest_level([]) is Color.GREEN


def test_issue_numbers_the_sheet_after_the_demo_series_and_counts_working_days(demo_db, anchor):
    issued = issue(demo_db, anchor)
    detail = sheet_loop.sheet_detail(demo_db, issued.sheet_id)
    assert detail.number == issued.number == "督办〔2026〕12号"
    assert detail.level is Color.RED and detail.deadline_days == 3  # the red default
    with demo_db.reading() as session:
        assert detail.deadline == load_calendar(session).add_workdays(anchor, 3)
    assert detail.state is LoopStep.ISSUED and [s.step for s in detail.steps] == [LoopStep.ISSUED]
    assert detail.items[0][2].startswith("5-06")
    assert issue(demo_db, anchor, level=Color.GREEN).number == "督办〔2026〕13号"


def test_natural_days_and_a_new_year_start_the_series_again(demo_db):
    issued = issue(demo_db, dt.date(2027, 1, 4), days=15, day_kind=DayKind.NATURAL)
    assert issued.number == "督办〔2027〕1号"
    assert issued.deadline == dt.date(2027, 1, 19)


def test_a_sheet_goes_through_the_whole_loop(demo_db, anchor, tmp_path):
    issued = issue(demo_db, anchor)
    sid = issued.sheet_id
    (tmp_path / "其他").mkdir()
    for path in (tmp_path / "石桥县整改方案.docx", tmp_path / "现场照片.jpg", tmp_path / "其他" / "现场照片.jpg"):
        path.write_bytes(path.name.encode())
    step(demo_db, sid, LoopStep.RECEIVED, anchor, "石桥县政府办签收")
    step(demo_db, sid, LoopStep.FEEDBACK, anchor + dt.timedelta(days=1), "已制定整改方案",
         [tmp_path / "石桥县整改方案.docx", str(tmp_path / "现场照片.jpg"), tmp_path / "其他" / "现场照片.jpg"])
    step(demo_db, sid, LoopStep.RETURNED, anchor + dt.timedelta(days=2), "方案缺少完成时限")
    step(demo_db, sid, LoopStep.FEEDBACK, anchor + dt.timedelta(days=2), "补充完成时限")
    step(demo_db, sid, LoopStep.VERIFIED, anchor + dt.timedelta(days=3), "现场核查到位")
    with pytest.raises(UserError, match="销号须填写核查人"):
        step(demo_db, sid, LoopStep.CLOSED, anchor + dt.timedelta(days=3), "同意销号")
    with pytest.raises(UserError, match="请填写销号说明"):
        step(demo_db, sid, LoopStep.CLOSED, anchor + dt.timedelta(days=3), " ", checked_by="王核查")
    assert sheet_loop.sheet_detail(demo_db, sid).state is LoopStep.VERIFIED
    step(demo_db, sid, LoopStep.CLOSED, anchor + dt.timedelta(days=3), "同意销号", checked_by="王核查")
    detail = sheet_loop.sheet_detail(demo_db, sid)
    assert (detail.steps[-1].note, detail.steps[-1].checked_by) == ("同意销号", "王核查")
    assert detail.state is LoopStep.CLOSED and detail.next_steps == ()
    assert [s.step.label for s in detail.steps] == ["交办", "签收", "反馈", "核查退回", "反馈", "核查", "销号"]
    assert detail.steps[2].attachments == ("石桥县整改方案.docx", "现场照片.jpg")
    assert [f.size for f in detail.steps[2].files] == [len("石桥县整改方案.docx".encode()), len("现场照片.jpg".encode())]
    assert detail.steps[-1].checked_by == "王核查" and detail.steps[-1].recorded_by
    assert not detail.late(anchor + dt.timedelta(days=30))
    row = next(r for r in sheet_list.sheet_rows(demo_db, anchor + dt.timedelta(days=30)) if r.id == sid)
    assert row.color is Color.GREEN and row.state == "销号" and row.answered_on == anchor + dt.timedelta(days=1)
    with pytest.raises(UserError, match="已销号"):
        step(demo_db, sid, LoopStep.FEEDBACK, anchor + dt.timedelta(days=4), "再反馈")


def test_the_loop_refuses_steps_out_of_order_and_dates_going_back(demo_db, anchor):
    sid = issue(demo_db, anchor).sheet_id
    with pytest.raises(UserError, match="下一步只能是：签收"):
        step(demo_db, sid, LoopStep.CLOSED, anchor)
    step(demo_db, sid, LoopStep.RECEIVED, anchor + dt.timedelta(days=2))
    with pytest.raises(UserError, match="早于上一环节"):
        step(demo_db, sid, LoopStep.FEEDBACK, anchor + dt.timedelta(days=1), "反馈")
    with pytest.raises(UserError, match="请填写反馈内容"):
        step(demo_db, sid, LoopStep.FEEDBACK, anchor + dt.timedelta(days=2), "  ")
    with pytest.raises(UserError, match="已被他人修改"):
        sheet_loop.record_step(demo_db, sid, 1, LoopStep.FEEDBACK, anchor + dt.timedelta(days=3), "反馈")


def test_issuing_needs_a_requirement_and_a_subject(demo_db, anchor):
    with pytest.raises(UserError, match="请至少选择一个督办事项.*请填写整改要求"):
        sheet_loop.issue_sheet(demo_db, unit="石桥县", level=Color.RED, items=[], requirement=" ",
                               issued_on=anchor)
    with pytest.raises(UserError, match="找不到单位"):
        sheet_loop.issue_sheet(demo_db, unit="火星县", level=Color.RED, items=[], subject="巡查发现问题",
                               requirement="立即整改", issued_on=anchor)


def test_undoing_an_issue_gives_the_number_back(demo_db, anchor):
    first = issue(demo_db, anchor)
    editing.undo_action(demo_db, first.action_id)
    with pytest.raises(UserError):
        sheet_loop.sheet_detail(demo_db, first.sheet_id)
    assert issue(demo_db, anchor).number == first.number  # no gap in the series


def test_steps_are_undoable(demo_db, anchor):
    sid = issue(demo_db, anchor).sheet_id
    action = step(demo_db, sid, LoopStep.RECEIVED, anchor)
    editing.undo_action(demo_db, action)
    detail = sheet_loop.sheet_detail(demo_db, sid)
    assert detail.state is LoopStep.ISSUED and len(detail.steps) == 1


def test_an_overdue_open_sheet_is_red_in_the_overview(demo_db, anchor):
    before = overview.overview(demo_db, anchor).sheets.red
    issued = issue(demo_db, anchor - dt.timedelta(days=14), keys=("4-04",), unit="市城管执法局")
    assert issued.deadline < anchor
    assert overview.overview(demo_db, anchor).sheets.red == before + 1
    row = next(r for r in sheet_list.sheet_rows(demo_db, anchor, unit="城管局"))
    assert row.id == issued.sheet_id and row.late and row.reason.startswith("逾期")


def test_a_unit_with_repeated_overdue_sheets_is_proposed_for_summons(demo_db, anchor):
    before = {r.unit: r for r in summons.summons_list(demo_db, anchor).rows}
    assert before["石桥县"].rules == "红色督办单逾期"  # 督办〔2026〕3号 has had no feedback
    issued = issue(demo_db, dt.date(2026, 11, 10))  # 石桥县 again: due 11-13, no feedback
    row = next(r for r in summons.summons_list(demo_db, anchor).rows if r.unit == "石桥县")
    assert row.leader == "陈立国（副县长）"
    late = next(h for h in row.hits if h.rule.kind.value == "late_sheets")
    assert late.evidence == ("督办〔2026〕3号", issued.number)
    assert "逾期反馈或逾期未反馈2件及以上" in row.reason


def test_feedback_on_time_keeps_a_unit_off_the_summons_list(demo_db, anchor):
    before = summons.summons_list(demo_db, anchor).rows
    issued = issue(demo_db, dt.date(2026, 11, 10), unit="市城管执法局", keys=("4-04",), level=Color.RED)
    step(demo_db, issued.sheet_id, LoopStep.RECEIVED, dt.date(2026, 11, 10))
    step(demo_db, issued.sheet_id, LoopStep.FEEDBACK, dt.date(2026, 11, 13), "按时反馈")
    assert summons.summons_list(demo_db, anchor).rows == before
