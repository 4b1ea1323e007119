"""Word drafts printed through LibreOffice as the PDFs print: the settings that make it so,
read back from the .docx (these run everywhere), and, where LibreOffice is installed, the lines
of the PDF it makes of a draft."""

import re
import shutil
import subprocess
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from aqdesk.domain.typography import JOINER, unbreakable
from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.pdf import official as gb
from aqdesk.services.supervision import letters
from tests.exchange.docx_text import plain
from tests.exchange.pdf_reading import page_lines

IDEOGRAPH_MEETS_LATIN = re.compile(r"[\u4e00-\u9fff][0-9A-Za-z]|[0-9A-Za-z][\u4e00-\u9fff]")
soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@pytest.fixture
def letter(demo_db, anchor, tmp_path):
    """东城区's letter: four pages' worth of dates, task codes and counts among Chinese text."""
    return letters.issue_letter(demo_db, "东城区", anchor, tmp_path, formats=("docx",)).path


def body_paragraphs(document):
    return [p for p in document.paragraphs if p.text.strip()]


def test_word_text_spaces_chinese_from_digits_and_keeps_numbers_whole():
    assert wd.word_text("截至2026年11月，PM2.5超标") == "截至\u200b2026\u200b年\u200b11\u200b月，\u200bPM2.5\u200b超标"
    assert wd.word_text("反馈" + unbreakable("示例市大气办") + "。") == "反馈示例市大气办。"  # a draft's lines are the editor's
    number = wd.word_text("见督〔2026〕4号文")
    assert JOINER.join("督〔2026〕4号") in number and "\u200b" not in number  # a document number stays one piece
    assert plain(wd.word_text("截至2026年")) == "截至2026年"


def test_no_chinese_character_touches_a_digit_in_a_draft(letter):
    document = docx.Document(str(letter))
    texts = [t.text for t in document.element.body.iter(qn("w:t")) if t.text]
    assert not [t for t in texts if IDEOGRAPH_MEETS_LATIN.search(t)]
    body = "".join(texts)
    assert body.count(wd.ZWSP) > 50
    assert "2026" in body  # dates and codes are plain text, searchable in Word


def test_every_paragraph_turns_off_autospace_and_hanging_punctuation(letter):
    document = docx.Document(str(letter))
    for p in body_paragraphs(document)[5:]:  # after the head's frames
        ppr = p._p.pPr
        for name in ("w:overflowPunct", "w:autoSpaceDE", "w:autoSpaceDN"):
            assert ppr.find(qn(name)).get(qn("w:val")) == "0", (name, p.text)


def test_tracking_holds_28_characters_a_line(letter):
    document = docx.Document(str(letter))
    spacings = {int(s.get(qn("w:val"))) for p in body_paragraphs(document)[6:-2] for r in p.runs
                for s in r._r.rPr.findall(qn("w:spacing"))}
    assert spacings == {wd.TRACKING}
    line = gb.TYPE_W  # points
    assert 28 * (gb.SIZE_3 + wd.TRACKING / 20) <= line < 29 * (gb.SIZE_3 + wd.TRACKING / 20)


def test_only_the_signature_and_date_take_chinese_digits(letter):
    document = docx.Document(str(letter))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert not defaults.find(qn("w:lang")).get(qn("w:val")).startswith("zh")  # LibreOffice would split numbers
    marked = [plain(p.text) for p in document.paragraphs
              if any(r._r.rPr.find(qn("w:lang")) is not None for r in p.runs)]
    assert marked == ["示例市大气污染防治攻坚办公室", "2026年11月23日"]


def test_office_mark_sits_between_its_em_box_and_its_ink(letter):
    document = docx.Document(str(letter))
    mark = document.paragraphs[0]
    size = mark.runs[0].font.size.pt
    top = int(mark._p.pPr.find(qn("w:framePr")).get(qn("w:y"))) / 20
    # LibreOffice sets the em box 0.1 em below the frame's top, less MARK_DROP (measured: 29.99 mm unlifted)
    em_top = (top + 0.1 * size) / gb.MM - wd.MARK_DROP
    assert 29.0 <= em_top <= 29.5  # the stand-in's ink 1.7 mm lower: both within 30 ± 1 mm


def test_a_draft_from_the_window_is_spaced_too(demo_db, anchor):
    text = letters.draft_text(demo_db, "东城区", anchor)
    document = docx.Document(BytesIO(letters.draft_docx(demo_db, "东城区", anchor, text)))
    assert not [p.text for p in document.paragraphs if IDEOGRAPH_MEETS_LATIN.search(p.text)]


@soffice
def test_converted_draft_breaks_lines_only_when_full(letter, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(letter)],
                   capture_output=True, timeout=180, check=True)
    lines = [ln for page in page_lines(letter.with_suffix(".pdf")) for ln in page if ln[0] < 262]
    body = [ln for ln in lines if abs(ln[1] - 28) < 0.5 or abs(ln[1] - 28 - 2 * gb.CELL / gb.MM) < 0.5]
    pairs = list(zip(lines, lines[1:], strict=False))
    following = {id(a): b for a, b in pairs}
    continued = [ln for ln in body if id(ln) in following and abs(following[id(ln)][1] - 28) < 0.5]
    assert len(continued) > 20
    # every line a paragraph runs on from is full: no early break before a number, none hung past the edge
    assert [ln[3] for ln in continued if abs(ln[2] - 184) > 0.5] == []
    split = [(a[3], b[3]) for a, b in pairs if a[3][-1].isdigit() and b[3][0].isdigit()]
    assert split == []  # no number broken across lines
    signature, date = next((a, b) for a, b in pairs if b[3] == "2026年11月23日")
    assert abs((signature[1] + signature[2]) / 2 - (date[1] + date[2]) / 2) < 1  # 署名 centred over the date
    assert abs(date[2] - (184 - 4 * gb.CELL / gb.MM)) < 1  # the date four characters in
