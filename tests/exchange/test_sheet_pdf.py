import re

import pytest

from aqdesk.domain.enums import Color
from aqdesk.errors import UserError
from aqdesk.services.supervision import sheet_items, sheet_list, sheet_loop, sheet_print
from tests.exchange.pdf_reading import (
    content_stream,
    page_lines,
    page_sizes,
    pages_text,
    unembedded_fonts,
)

REQUIREMENT = "5个工作日内对未完成治理的13家铸造企业逐企制定整改方案，整改方案经县政府主要负责同志签字后反馈。"


def issue(db, day, path, level=Color.RED, requirement=REQUIREMENT, unit="石桥县", count=4):
    items = sheet_items.unit_items(db, unit, day)[:count]
    return sheet_print.issue_sheet_pdf(db, path, unit=unit, level=level, items=items, requirement=requirement,
                                       issued_on=day, source="11月调度会台账预警")


def test_the_sheet_is_one_page_with_everything_the_unit_needs(demo_db, anchor, tmp_path):
    path = tmp_path / "督办单.pdf"
    issued = issue(demo_db, anchor, path)
    assert [pytest.approx(v, abs=1) for v in page_sizes(path)[0]] == [210, 297]
    (text,) = pages_text(path)
    flat = text.replace("\n", "").replace(" ", "")
    for expected in ("示例市大气污染防治攻坚办公室", "红色督办单", f"编号：{issued.number}", "交办日期：2026年11月23日",
                     "石桥县（责任领导：陈立国〔副县长〕）", "11月调度会台账预警", "石桥县铸造行业深度治理：逾期23天",
                     REQUIREMENT[:20], REQUIREMENT[-12:], "3个工作日内（2026年11月26日前）办结", "签收人", "反馈情况", "核查意见",
                     "交办单位（盖章）：示例市大气污染防治攻坚办公室"):
        assert expected.replace(" ", "") in flat, expected
    lines = page_lines(path)[0]
    assert min(line[1] for line in lines) == pytest.approx(28, abs=1)
    assert max(line[2] for line in lines) <= 184 + 1
    assert unembedded_fonts(path) == []
    assert b"0 .8 .8 0 k" in content_stream(path)  # the red of a red sheet


@pytest.mark.parametrize(("level", "ink"), [(Color.YELLOW, b"0 .3 1 0 k"), (Color.GREEN, b".8 0 .9 .15 k")])
def test_the_level_sets_the_colour_of_title_and_band(demo_db, anchor, tmp_path, level, ink):
    path = tmp_path / "sheet.pdf"
    issue(demo_db, anchor, path, level=level, count=1)
    assert f"{level.label}色督办单" in pages_text(path)[0].replace(" ", "")
    assert ink in content_stream(path)


def test_a_long_requirement_continues_on_a_second_page(demo_db, anchor, tmp_path):
    long = "严格落实“一厂一策”要求，逐企建立问题清单和整改台账，明确责任人和完成时限。" * 130
    path = tmp_path / "sheet.pdf"
    issue(demo_db, anchor, path, requirement="对<b>&“反弹”问题\n" + long, unit="东城区", count=60)
    pages = pages_text(path)
    assert len(pages) > 1 and "（下转续页）" in pages[0]
    first, rest = pages[0].replace("\n", ""), "".join(pages[1:]).replace("\n", "")
    assert "整改要求（续）" in rest and "对<b>&“反弹”问题" in first
    assert unembedded_fonts(path) == []


def test_the_continuation_goes_on_where_the_form_stopped(demo_db, anchor, tmp_path):
    path = tmp_path / "sheet.pdf"
    issue(demo_db, anchor, path, unit="东城区", count=60)
    pages = pages_text(path)
    first, rest = pages[0].replace("\n", ""), "".join(pages[1:]).replace("\n", "")
    on_form = re.findall(r"（(\d+)）", first.split("涉及事项")[1].split("（下转续页）")[0])
    continued = re.findall(r"（(\d+)）", rest)
    assert on_form and continued
    assert int(continued[0]) == int(on_form[-1]) + 1  # numbering goes on, nothing repeated
    assert not re.search(r"\d\.\d+-\d", first + rest)  # （3）5-01, never 3.5-01


def test_a_sheet_that_cannot_be_written_is_not_left_issued(demo_db, anchor, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    with pytest.raises(UserError):
        issue(demo_db, anchor, blocked / "sheet.pdf")
    again = issue(demo_db, anchor, tmp_path / "sheet.pdf")
    assert again.number == "督办〔2026〕12号"
    assert sheet_loop.sheet_detail(demo_db, again.sheet_id).number == again.number


def test_an_old_sheet_prints_with_its_items_current_warnings(demo_db, anchor, tmp_path):
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor)
                    if r.number == "督办〔2026〕3号")
    path = sheet_print.save_sheet_pdf(demo_db, sheet_id, anchor, tmp_path / "3.pdf")
    text = pages_text(path)[0].replace("\n", "")
    assert "督办〔2026〕3号" in text and "逾期23天" in text
