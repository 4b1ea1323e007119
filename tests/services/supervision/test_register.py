import datetime as dt

import pytest

from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.supervision import letters, register, sheet_items, sheet_print


def test_a_letter_enters_the_register_with_its_reply_date_and_reprints_identically(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path)
    [row] = [r for r in register.register_rows(demo_db, anchor.year) if r.number == issued.number]
    assert (row.kind, row.unit, row.file_name) == (DocKind.LETTER, "石桥县", issued.path.name)
    assert row.reply_due is not None and row.reply_due > anchor and row.replied_on is None
    assert register.reprint(demo_db, row.id) == issued.path.read_bytes()


def test_letters_past_their_reply_date_await_a_reply_until_it_is_recorded(demo_db, anchor, tmp_path):
    def awaiting(day):
        return [r.number for r in register.letters_awaiting_reply(demo_db, day)]

    # the demo office's letter to 安平县 and its reminder to 石桥县 are past their reply dates
    assert awaiting(anchor) == [f"示例市大气办催〔{anchor.year}〕1号", f"示例市大气办督〔{anchor.year}〕1号"]
    issued = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path)
    [row] = [r for r in register.register_rows(demo_db) if r.number == issued.number]
    assert issued.number not in awaiting(row.reply_due)  # due that day: not yet late
    late = row.reply_due + dt.timedelta(days=1)
    assert awaiting(late)[-1] == issued.number
    with pytest.raises(UserError, match="早于成文日期"):
        register.record_reply(demo_db, row.id, anchor - dt.timedelta(days=1))
    register.record_reply(demo_db, row.id, late)
    assert issued.number not in awaiting(late)


def test_a_voided_number_stays_in_the_register_and_is_never_given_again(demo_db, anchor, tmp_path):
    first = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path)
    [row] = [r for r in register.register_rows(demo_db) if r.number == first.number]
    with pytest.raises(UserError, match="请填写作废原因"):
        register.void_number(demo_db, row.id, anchor, "  ")
    register.void_number(demo_db, row.id, anchor, "地址写错，重新发文")
    second = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path / "again")
    assert (first.number, second.number) == (f"示例市大气办督〔{anchor.year}〕4号", f"示例市大气办督〔{anchor.year}〕5号")
    voided = next(r for r in register.register_rows(demo_db) if r.number == first.number)
    assert voided.voided and "地址写错" in voided.state
    assert not voided.awaiting_reply(anchor + dt.timedelta(days=60))
    with pytest.raises(UserError, match="已作废"):
        register.record_reply(demo_db, row.id, anchor)


def test_an_office_starts_its_series_part_way_through_the_year(demo_db, anchor, tmp_path):
    series = "示例市大气办督"
    register.start_series(demo_db, series, anchor.year, 57)
    issued = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path)
    assert issued.number == f"{series}〔{anchor.year}〕57号"
    with pytest.raises(UserError, match="起始号只能大于 57"):
        register.start_series(demo_db, series, anchor.year, 40)
    assert letters.issue_letter(demo_db, "西城区", anchor, tmp_path).number.endswith("58号")


def test_an_issued_sheet_keeps_its_form_and_undoing_it_leaves_the_register_as_before(demo_db, anchor, tmp_path):
    before = register.register_rows(demo_db)
    items = sheet_items.resolve(demo_db, ["5-06"], anchor)
    issued = sheet_print.issue_sheet_pdf(demo_db, tmp_path / "sheet.pdf", unit="石桥县", level=items[0].color,
                                         items=items, requirement="立即整改。", issued_on=anchor)
    [row] = [r for r in register.register_rows(demo_db) if r.sheet_id == issued.sheet_id]
    assert row.kind is DocKind.SHEET and row.has_document
    assert register.reprint(demo_db, row.id) == (tmp_path / "sheet.pdf").read_bytes()
    editing.undo_action(demo_db, issued.action_id)
    assert register.register_rows(demo_db) == before
