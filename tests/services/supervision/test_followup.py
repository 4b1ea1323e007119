import datetime as dt
import io

import pytest

from aqdesk.domain.enums import Color
from aqdesk.domain.followup import (
    AccountabilityKind,
    ChainStep,
    DocKind,
    InspectionKind,
    ProblemSource,
)
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.supervision import (
    accountability,
    chain,
    escalation,
    inspections,
    register,
    sheet_items,
    sheet_list,
    sheet_loop,
    summons_records,
)
from aqdesk.services.supervision.summons_records import Person


def sheet_id(db, anchor, number):
    return next(r.id for r in sheet_list.sheet_rows(db, anchor) if r.number == number)


def test_a_reminder_is_numbered_registered_with_its_reply_date_and_written(demo_db, anchor, tmp_path):
    sid = sheet_id(demo_db, anchor, "督办〔2026〕3号")
    reminded = escalation.remind(demo_db, sid, anchor, tmp_path)
    # the demo office reminded 石桥县 once already
    assert reminded.number == f"示例市大气办催〔{anchor.year}〕2号" and reminded.path.read_bytes() == reminded.document
    [row] = [r for r in register.register_rows(demo_db) if r.number == reminded.number]
    assert (row.kind, row.sheet_id, row.unit, row.reply_due) == (DocKind.REMINDER, sid, "石桥县", reminded.reply_due)
    assert escalation.remind(demo_db, sid, anchor).number.endswith("3号")


def test_a_closed_sheet_is_neither_reminded_nor_raised(demo_db, anchor):
    sid = sheet_id(demo_db, anchor, "督办〔2026〕1号")
    with pytest.raises(UserError, match="已销号"):
        escalation.remind(demo_db, sid, anchor)
    with pytest.raises(UserError, match="已销号"):
        escalation.raise_sheet(demo_db, sid, 1, anchor)


def test_raising_a_yellow_sheet_makes_it_red_and_undo_takes_it_back(demo_db, anchor):
    items = sheet_items.resolve(demo_db, ["4-04"], anchor)
    issued = sheet_loop.issue_sheet(demo_db, unit="市城管执法局", level=Color.YELLOW, items=items,
                                    requirement="整改。", issued_on=anchor - dt.timedelta(days=10))
    version = sheet_loop.sheet_detail(demo_db, issued.sheet_id).version
    raised = escalation.raise_sheet(demo_db, issued.sheet_id, version, anchor)
    assert raised.level is Color.RED and sheet_loop.sheet_detail(demo_db, issued.sheet_id).level is Color.RED
    with pytest.raises(UserError, match="已是红色督办单"):
        escalation.raise_sheet(demo_db, issued.sheet_id, version + 1, anchor)
    editing.undo_action(demo_db, raised.action_id)
    assert sheet_loop.sheet_detail(demo_db, issued.sheet_id).level is Color.YELLOW


def test_raising_by_a_new_sheet_links_its_predecessor(demo_db, anchor):
    open_yellow = next(r for r in sheet_list.sheet_rows(demo_db, anchor) if r.level is Color.YELLOW and not r.closed)
    sid = open_yellow.id
    raised = escalation.raise_sheet(demo_db, sid, sheet_loop.sheet_detail(demo_db, sid).version, anchor,
                                    new_sheet=True)
    new = sheet_loop.sheet_detail(demo_db, raised.new_sheet.sheet_id)
    assert new.level is Color.RED and new.items == sheet_loop.sheet_detail(demo_db, sid).items
    events = chain.unit_chain(demo_db, open_yellow.unit, anchor)
    assert any(e.step is ChainStep.RAISED and raised.new_sheet.number in e.text for e in events)


def test_a_summons_commitment_going_overdue_turns_red_like_any_item(demo_db, anchor):
    sid, _ = summons_records.save_summons(demo_db, None, 0, unit="石桥县", planned_on=anchor,
                                          matters="铸造企业深度治理严重滞后", reason="红色督办单逾期")
    detail = summons_records.summons_detail(demo_db, sid, anchor)
    with pytest.raises(UserError, match="请填写被约谈人"):
        summons_records.save_summons(demo_db, sid, detail.version, unit="石桥县", planned_on=anchor,
                                     matters=detail.matters, held_on=anchor, held_by="市政府副市长")
    summons_records.save_summons(demo_db, sid, detail.version, unit="石桥县", planned_on=anchor, matters=detail.matters,
                                 held_on=anchor, held_by="市政府副市长", people=[Person("陈立国", "副县长")],
                                 published=True)
    deadline = anchor + dt.timedelta(days=14)
    summons_records.add_commitment(demo_db, sid, "13家铸造企业全部完成深度治理", deadline)
    assert summons_records.summons_detail(demo_db, sid, anchor).color is Color.GREEN
    late = deadline + dt.timedelta(days=1)
    detail = summons_records.summons_detail(demo_db, sid, late)
    assert detail.commitments[0].color is Color.RED and detail.color is Color.RED
    [item] = [i for i in sheet_items.all_items(demo_db, late) if i.label == "约谈承诺：13家铸造企业全部完成深度治理"]
    assert item.unit == "石桥县" and item.color is Color.RED and item.open
    summons_records.complete_commitment(demo_db, detail.commitments[0].id, late)
    assert summons_records.summons_detail(demo_db, sid, late).color is Color.GREEN


def test_the_summons_notice_is_numbered_once_and_the_record_prints(demo_db, anchor, tmp_path):
    sid, _ = summons_records.save_summons(demo_db, None, 0, unit="安平县", planned_on=anchor + dt.timedelta(days=3),
                                          matters="气代煤工程进度滞后", place="市政府第三会议室")
    with pytest.raises(UserError, match="尚未举行"):
        summons_records.record_pdf(demo_db, sid, anchor)
    number, data = summons_records.issue_notice(demo_db, sid, anchor, tmp_path)
    assert number == f"示例市大气办约〔{anchor.year}〕2号" and data.startswith(b"%PDF")  # the demo's is 1号
    assert summons_records.summons_detail(demo_db, sid, anchor).notice_number == number
    with pytest.raises(UserError, match="已发出约谈通知"):
        summons_records.issue_notice(demo_db, sid, anchor)


def test_accountability_is_counted_by_year_each_person_once(empty_db, anchor):
    demo_db = empty_db
    from aqdesk.services import demo
    demo.load_demo(demo_db, today=anchor)
    with demo_db.transaction() as session:  # without the demo's own records
        from sqlalchemy import delete

        from aqdesk.db.models import Accountability
        session.execute(delete(Accountability))
    for person, kind, day in (("张三", AccountabilityKind.WARNING_TALK, dt.date(2026, 3, 1)),
                              ("张三", AccountabilityKind.CRITICISM, dt.date(2026, 9, 1)),
                              ("李四", AccountabilityKind.DISCIPLINE, dt.date(2026, 10, 1)),
                              ("王五", AccountabilityKind.CRITICISM, dt.date(2025, 12, 1))):
        accountability.record_accountability(demo_db, person=person, unit="石桥县", post="副局长", matter="整改不力",
                                             kind=kind, decided_by="市纪委监委", decided_on=day)
    counts = {c.year: c for c in accountability.counts_by_year(demo_db)}
    assert counts[2026].people == 2 and counts[2025].people == 1
    assert counts[2026].sentence == "2026年共问责2人（诫勉谈话1人、通报批评1人、党纪政务处分1人）"
    with pytest.raises(UserError, match="请填写问责决定机关"):
        accountability.record_accountability(demo_db, person="赵六", unit="石桥县", post="", matter="x",
                                             kind=AccountabilityKind.OTHER, decided_by=" ", decided_on=anchor)


def test_an_inspection_finding_becomes_an_item_and_sources_are_counted(demo_db, anchor):
    inspections.record_inspection(
        demo_db, kind=InspectionKind.UNANNOUNCED, on_date=anchor, team="市暗查暗访组", places="东城区建设路",
        source=ProblemSource.UNANNOUNCED, findings=[inspections.FindingInput("东城区", "工地未覆盖裸土", anchor),
                                                    inspections.FindingInput("东城区", "", None)])
    [item] = [i for i in sheet_items.all_items(demo_db, anchor + dt.timedelta(days=2))
              if i.kind == "finding" and i.label.endswith("工地未覆盖裸土")]
    assert item.unit == "东城区" and item.label == "暗查暗访发现问题：工地未覆盖裸土" and item.color is Color.RED
    [found] = sheet_items.resolve(demo_db, [item.key], anchor)
    issued = sheet_loop.issue_sheet(demo_db, unit="东城区", level=found.color, items=[found], requirement="立即覆盖。",
                                    issued_on=anchor, source=ProblemSource.UNANNOUNCED.label)
    [row] = [f for i in inspections.inspection_rows(demo_db) for f in i.findings if f.id == item.id]
    assert row.sheet == issued.number  # the finding is now supervised by the sheet
    counts = {s: (found, sheets) for s, found, sheets in inspections.counts_by_source(demo_db, anchor.year)}
    assert counts[ProblemSource.UNANNOUNCED] == (3, 1)  # two of the findings the demo's; the sheet just issued
    with pytest.raises(UserError, match="找不到单位：无名局"):
        inspections.record_inspection(demo_db, kind=InspectionKind.PATROL, on_date=anchor, team="巡查组", places="",
                                      source=ProblemSource.CITY_PATROL,
                                      findings=[inspections.FindingInput("无名局", "问题")])


def test_a_units_chain_runs_from_warning_to_accountability_in_date_order(demo_db, anchor):
    sid = sheet_id(demo_db, anchor, "督办〔2026〕3号")
    escalation.remind(demo_db, sid, anchor - dt.timedelta(days=7))
    summons_records.save_summons(demo_db, None, 0, unit="石桥县", planned_on=anchor - dt.timedelta(days=3),
                                 matters="铸造企业治理滞后")
    accountability.record_accountability(demo_db, person="张三", unit="石桥县", post="局长", matter="整改不力",
                                         kind=AccountabilityKind.CRITICISM, decided_by="县纪委", decided_on=anchor)
    events = chain.unit_chain(demo_db, "石桥", anchor)
    steps = [e.step for e in events]
    assert {ChainStep.WARNING, ChainStep.ISSUED, ChainStep.REMINDED, ChainStep.SUMMONED, ChainStep.ACCOUNTED} <= set(steps)
    assert [e.on_date for e in events] == sorted(e.on_date for e in events)
    assert steps[-1] is ChainStep.ACCOUNTED
    assert chain.chain_pdf(demo_db, "石桥县", anchor).startswith(b"%PDF")


def test_the_notice_says_the_rules_reason_in_a_sentence_of_its_own(demo_db, anchor):
    from pypdf import PdfReader

    sid, _ = summons_records.save_summons(demo_db, None, 0, unit="安平县", planned_on=anchor + dt.timedelta(days=3),
                                          matters="气代煤工程进度滞后", reason="红色督办单逾期；任务逾期仍未完成")
    _, data = summons_records.issue_notice(demo_db, sid, anchor)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert "存在以下问题：红色督办单逾期；任务逾期仍未完成。经研究，决定对你单位进行约谈。" in text
