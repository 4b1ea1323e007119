import datetime as dt
import re
from collections import Counter

import pdfplumber
import pytest
from sqlalchemy import select

from aqdesk.db.models import Letter
from aqdesk.errors import UserError
from aqdesk.exchange.pdf import fonts as pdf_fonts
from aqdesk.services.common import editing
from aqdesk.services.supervision import letters
from tests.exchange.pdf_reading import (
    MM,
    content_stream,
    page_lines,
    page_sizes,
    pages_text,
    unembedded_fonts,
)

LONG = "严格落实“一厂一策”要求，逐企建立问题清单和整改台账，明确责任人和完成时限。" * 130  # ~5,000 characters


def test_the_letter_says_what_is_overdue_and_by_when_to_reply(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "石桥", anchor, tmp_path)
    assert issued.number == "示例市大气办督〔2026〕4号" and issued.unit == "石桥县"  # after the demo's three
    assert issued.path.name == "示例市大气办督〔2026〕4号 石桥县督办函.pdf"
    text = "\n".join(pages_text(issued.path)).replace("\n", "")
    for expected in ("示例市大气污染防治攻坚办公室", "示例市大气办督〔2026〕4号", "关于督促办理逾期和临期事项的函",
                     "石桥县：", "一、逾期未完成事项", "重点任务5-06：石桥县铸造行业深度治理", "逾期23天",
                     "二、临近时限和进度滞后事项", "三、工作要求", "请于2026年11月30日前", "2026年11月23日"):
        assert expected in text, expected


def test_page_size_margins_grid_and_page_numbers(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "东城区", anchor, tmp_path, requirement=LONG[:1500])
    pages = page_lines(issued.path)
    assert len(pages) >= 3
    for width, height in page_sizes(issued.path):
        assert width == pytest.approx(210, abs=1) and height == pytest.approx(297, abs=1)
    first = pages[0]
    mark = first[0]
    assert mark[3] == "示例市大气污染防治攻坚办公室" and mark[0] == pytest.approx(30, abs=1)
    assert first[1][2] == pytest.approx(184, abs=1)  # the number flush right under the rule
    assert not any(re.fullmatch(r"—\d+—", line[3]) for line in first)  # no number on page 1
    for n, lines in enumerate(pages[1:], 2):
        body, number = lines[:-1], lines[-1]
        assert body[0][0] == pytest.approx(37, abs=1)  # top margin
        assert all(line[0] + 5.6 <= 262 + 1 for line in body)  # inside the 225 mm type area
        assert min(line[1] for line in body) == pytest.approx(28, abs=1)  # left margin
        assert max(line[2] for line in body) == pytest.approx(28 + 156, abs=1)  # 156 mm wide
        if n < len(pages):
            assert len(body) == 22  # a full page holds 22 lines
        grid = 225 / 22  # lines sit on a 22-line grid; blank lines leave whole steps
        steps = [(b[0] - a[0]) / grid for a, b in zip(body, body[1:], strict=False)]
        assert all(s >= 0.9 and abs(s - round(s)) * grid < 0.6 for s in steps)
        assert number[3] == f"—{n}—" and number[0] == pytest.approx(262 + 7, abs=1)
        if n % 2:
            assert number[2] == pytest.approx(184 - 14 / MM, abs=1)  # odd: right, one character in
        else:
            assert number[1] == pytest.approx(28 + 14 / MM, abs=1)  # even: left, one character in
    full = [line for lines in pages[1:] for line in lines[:-1]
            if re.fullmatch(r"[\u4e00-\u9fff，。、；：“”（）]+", line[3])]
    lengths = Counter(len(line[3]) for line in full)
    assert lengths.most_common(1)[0][0] == 28  # 28 characters a line
    # but for a line squeezed (标点挤压) to keep an opening quote with the character after it
    assert max(lengths) == 29 and all("“" in line[3][-2:] for line in full if len(line[3]) == 29)
    assert unembedded_fonts(issued.path) == []
    assert b"0 .8 .8 0 k" in content_stream(issued.path)  # red ink Y80 M80


def test_numbers_never_repeat_or_skip(demo_db, anchor, tmp_path):
    first = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path)
    second = letters.issue_letter(demo_db, "安平县", anchor, tmp_path)
    assert [first.number, second.number] == ["示例市大气办督〔2026〕4号", "示例市大气办督〔2026〕5号"]
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    with pytest.raises(UserError):
        letters.issue_letter(demo_db, "临川县", anchor, blocked / "letters")
    editing.undo_action(demo_db, second.action_id)  # withdrawn before it left the office
    third = letters.issue_letter(demo_db, "临川县", anchor, tmp_path)
    assert third.number == "示例市大气办督〔2026〕5号"
    next_year = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path, issued_on=dt.date(2027, 1, 4))
    assert next_year.number == "示例市大气办督〔2027〕1号"
    with demo_db.reading() as session:
        assert list(session.scalars(select(Letter.number).where(Letter.series == "示例市大气办督")
                                    .order_by(Letter.year, Letter.seq))) == [
            *(f"示例市大气办督〔2026〕{n}号" for n in range(1, 6)), "示例市大气办督〔2027〕1号"]


def test_the_batch_writes_one_letter_per_unit_with_red_items(demo_db, anchor, tmp_path):
    out = tmp_path / "letters"
    progress = list(letters.issue_letters(demo_db, None, anchor, out))
    units = letters.units_with_red(demo_db, anchor)
    assert [p.letter.unit for p in progress] == units and progress[-1].done == progress[-1].total == len(units)
    assert sorted(f.name for f in out.iterdir()) == sorted(p.letter.path.name for p in progress)
    seqs = sorted(int(re.search(r"〕(\d+)号", p.letter.number).group(1)) for p in progress)
    assert seqs == list(range(4, len(units) + 4))  # after the demo office's three letters


def test_awkward_text_makes_a_clean_letter(demo_db, anchor, tmp_path):
    requirement = "对<script>&amp;“散煤”复燃问题立即整改，A&B <b>不得</b>拖延。\n" + LONG
    issued = letters.issue_letter(demo_db, "石桥县", anchor, tmp_path, requirement=requirement)
    text = re.sub(r"— \d+ —", "", "".join(pages_text(issued.path)).replace("\n", ""))
    assert "对<script>&amp;“散煤”复燃问题立即整改，A&B <b>不得</b>拖延" in text
    assert text.count("严格落实") == 130
    assert unembedded_fonts(issued.path) == []
    assert not list(tmp_path.glob("*.part"))


def test_a_unit_with_nothing_overdue_gets_a_message_not_a_letter(demo_db, anchor, tmp_path):
    out = tmp_path / "letters"
    with pytest.raises(UserError, match="没有逾期或临期事项"):
        letters.issue_letter(demo_db, "市教育局", anchor, out)
    with pytest.raises(UserError, match="找不到单位"):
        letters.issue_letter(demo_db, "市不存在局", anchor, out)
    assert not out.exists()


def test_without_any_usable_font_the_clerk_is_told_and_nothing_is_written(demo_db, anchor, tmp_path, monkeypatch):
    pdf_fonts.font_set.cache_clear()
    monkeypatch.setattr(pdf_fonts, "BUNDLED", ("fonts/gone.ttc", 0))
    monkeypatch.setattr(pdf_fonts, "_fontconfig", lambda: {})
    monkeypatch.delenv("WINDIR", raising=False)
    try:
        with pytest.raises(UserError, match="找不到可用的中文字体"):
            letters.issue_letter(demo_db, "石桥县", anchor, tmp_path / "out")
    finally:
        pdf_fonts.font_set.cache_clear()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    with demo_db.reading() as session:  # only the demo office's own three letters
        assert session.scalars(select(Letter.seq).where(Letter.kind == "letter")).all() == [1, 2, 3]


def test_letter_format_rules_sizes_and_red_ink(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "东城区", anchor, tmp_path, requirement=LONG[:1500])
    with pdfplumber.open(issued.path) as pdf:
        first = pdf.pages[0]
        red = [r for r in first.rects if tuple(r["non_stroking_color"] or ()) == (0, 0.8, 0.8, 0)]
        assert len(red) == 4 and all(r["width"] / MM == pytest.approx(170, abs=1) for r in red)
        assert all(r["x0"] / MM == pytest.approx(20, abs=1) for r in red)  # centred on the page
        top_pair = sorted((r for r in red if r["top"] / MM < 100), key=lambda r: r["top"])
        bottom_pair = sorted((r for r in red if r["top"] / MM > 200), key=lambda r: r["top"])
        mark = [c for c in first.chars if tuple(c["non_stroking_color"] or ()) == (0, 0.8, 0.8, 0)]
        assert "".join(c["text"] for c in mark) == "示例市大气污染防治攻坚办公室"
        mark_bottom = max(c["bottom"] for c in mark) / MM
        assert top_pair[0]["top"] / MM == pytest.approx(mark_bottom + 4, abs=1)  # 4 mm below the mark
        assert top_pair[0]["height"] > top_pair[1]["height"]  # thick over thin
        assert bottom_pair[0]["height"] < bottom_pair[1]["height"]  # thin over thick
        assert (first.height - bottom_pair[1]["bottom"]) / MM == pytest.approx(20, abs=1)  # 20 mm above the edge
        title = [c for c in first.chars if c["text"] == "函" and c["size"] > 20]
        assert title and round(title[0]["size"]) == 22  # 2号
        assert {round(c["size"]) for c in first.chars if c["top"] / MM > 120} == {16}  # 3号 body
        second = pdf.pages[1]
        number = [c for c in second.chars if c["top"] / MM > 265]
        assert {round(c["size"]) for c in number} == {14}  # 4号 page number
