"""The letter's type measured on the produced PDF: the grid, the indents, where pages break."""

import re

import pdfplumber
import pytest

from aqdesk.exchange.pdf import fonts as pdf_fonts
from aqdesk.services.supervision import letters

PITCH = 225 * 72 / 25.4 / 22
LEFT = 28 * 72 / 25.4
CELL = 156 * 72 / 25.4 / 28


def text_lines(path):
    """Per page, the 3号 lines as (baseline, x0, text, font names), from the glyphs."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[float, list] = {}
            for c in page.chars:
                if abs(c["size"] - 16) < 0.5 and c["text"].strip():
                    base = page.height - c["matrix"][5]
                    key = next((k for k in rows if abs(k - base) < 1.5), base)
                    rows.setdefault(key, []).append((c["x0"], c["text"], c["fontname"], base))
            pages.append([(min(b for *_, b in row), min(x for x, *_ in row),
                           "".join(t for _, t, *_ in sorted(row)), {f for _, _, f, _ in row})
                          for _k, row in sorted(rows.items())])
    return pages


def test_an_indented_first_line_holds_26_characters(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "东城区", anchor, tmp_path, requirement="请你单位" * 30)
    firsts = [(x, text) for page in text_lines(issued.path) for _b, x, text, _f in page
              if abs(x - LEFT - 2 * CELL) < 1 and text.startswith("请你单位请你")]
    assert firsts and all(len(text) == 26 for _x, text in firsts)


def test_headings_and_body_share_one_baseline_grid(demo_db, anchor, tmp_path):
    fonts = pdf_fonts.font_set()
    if fonts["heading"].ascent == fonts["body"].ascent:
        pytest.skip("this machine's heading and body fonts have the same ascent")
    issued = letters.issue_letter(demo_db, "东城区", anchor, tmp_path)
    for page in text_lines(issued.path):
        first = page[0][0]
        for base, _x, text, _fonts in page:
            steps = (base - first) / PITCH
            assert abs(steps - round(steps)) * PITCH < 0.3, text


def test_the_seal_page_carries_two_lines_of_text_and_names_are_whole(demo_db, anchor, tmp_path):
    for step in letters.issue_letters(demo_db, None, anchor, tmp_path):
        pages = text_lines(step.letter.path)
        last = pages[-1]
        signature = next(i for i, line in enumerate(last) if line[2] == "示例市大气污染防治攻坚办公室")
        above = [line for line in last[:signature] if not re.fullmatch(r"—\d+—", line[2])]
        assert len(above) >= 2 and len(above[0][2]) > 2, (step.letter.unit, above)  # no lone 「施。」 on top
        lines = [line[2] for page in pages for line in page]
        for a, b in zip(lines, lines[1:], strict=False):
            assert not (a.endswith(("示例市", "示例市大气")) and b.startswith(("大气办", "办"))), (a, b)
            assert not re.search(r"〔\d{4}〕\d*$", a), (a, b)
