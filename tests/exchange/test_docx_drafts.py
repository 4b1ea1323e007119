"""Word drafts: the same GB/T 9704 page as the PDFs, read back from the .docx (and, where
LibreOffice is installed, from the PDF it makes of it)."""

import shutil
import subprocess
from io import BytesIO

import docx
import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm

from aqdesk.cli import main
from aqdesk.services.supervision import letters, sheet_list
from tests.exchange.docx_text import plain
from tests.exchange.pdf_reading import page_lines, pages_text


def east_asian_fonts(document) -> set[str]:
    return {f.get(qn("w:eastAsia")) for f in document.element.body.iter(qn("w:rFonts"))}


def test_letters_in_both_formats_share_the_number(capsys, demo_db, anchor, tmp_path):
    code = main(["letters", "--unit", "石桥", "--out", str(tmp_path), "--as-of", anchor.isoformat(),
                 "--format", "both", "--db", demo_db.url])
    assert code == 0
    pdf, word = tmp_path / "示例市大气办督〔2026〕4号 石桥县督办函.pdf", tmp_path / "示例市大气办督〔2026〕4号 石桥县督办函.docx"
    assert pdf.exists() and word.exists()
    document = docx.Document(str(word))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1) and abs(section.right_margin - Mm(26)) < Mm(0.1)
    text = plain("\n".join(p.text for p in document.paragraphs))
    for expected in ("示例市大气污染防治攻坚办公室", "示例市大气办督〔2026〕4号", "关于督促办理逾期和临期事项的函", "石桥县：",
                     "一、逾期未完成事项", "三、工作要求", "2026年11月23日"):
        assert expected in text, expected
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= east_asian_fonts(document)
    xml = document.element.xml
    assert xml.count('w:fill="FF0000"') == 4  # two red double rules, each a red frame
    footer = section.footer._element.xml
    assert "PAGE" in footer and "—" in footer and section.different_first_page_header_footer
    assert document.settings.odd_and_even_pages_header_footer  # odd pages right, even pages left


def test_a_draft_takes_no_number(demo_db, anchor, tmp_path):
    text = letters.draft_text(demo_db, "石桥县", anchor)
    document = docx.Document(BytesIO(letters.draft_docx(demo_db, "石桥县", anchor, text)))
    assert "示例市大气办督〔2026〕\u3000号" in [plain(p.text) for p in document.paragraphs]
    assert letters.issue_letter(demo_db, "石桥县", anchor, tmp_path).number == "示例市大气办督〔2026〕4号"


def test_sheet_and_summons_as_word(capsys, demo_db, anchor, tmp_path):
    assert main(["sheet", "--unit", "石桥县", "--item", "5-06", "--out", str(tmp_path / "单.pdf"), "--format", "docx",
                 "--as-of", anchor.isoformat(), "--db", demo_db.url]) == 0
    assert not (tmp_path / "单.pdf").exists()
    sheet = docx.Document(str(tmp_path / "单.docx"))
    assert "红色督办单" in "".join(p.text for p in sheet.paragraphs)
    assert sheet.tables[0].cell(0, 0).text == "责任单位"
    labels = [row.cells[0] for row in sheet.tables[0].rows]
    assert {c.vertical_alignment for c in labels} == {WD_CELL_VERTICAL_ALIGNMENT.CENTER}  # mid-row, as in the PDF
    borders = sheet.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    weights = {b.tag.split("}")[1]: int(b.get(qn("w:sz"))) / 8 for b in borders}
    assert weights == {"top": 1.25, "left": 1.25, "bottom": 1.25, "right": 1.25, "insideH": 0.625, "insideV": 0.625}
    assert main(["summons", "--out", str(tmp_path / "约谈.pdf"), "--format", "both", "--as-of", anchor.isoformat(),
                 "--db", demo_db.url]) == 0
    listing = docx.Document(str(tmp_path / "约谈.docx"))
    assert listing.paragraphs[0].text == "约谈建议名单"
    assert not listing.sections[0].different_first_page_header_footer  # the one page is numbered too


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_letter_prints_on_the_same_grid(demo_db, anchor, tmp_path):
    issued = letters.issue_letter(demo_db, "东城区", anchor, tmp_path, requirement="请你单位" * 60,
                                  formats=("docx",))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(issued.path)],
                   capture_output=True, timeout=180, check=True)
    pdf = issued.path.with_suffix(".pdf")
    pages = page_lines(pdf)
    later = pages[1]
    assert later[0][0] == pytest.approx(37, abs=1)  # the type area's top on a later page
    assert min(line[1] for line in later) == pytest.approx(28, abs=1)
    full = [line for page in pages for line in page if line[3].startswith("请你单位") and len(line[3]) > 20]
    assert any(len(line[3]) == 26 for line in full)  # 26 characters after the two-character indent
    assert any(line[3] == "—2—" for line in later)
    assert "示例市大气办督〔2026〕4号" in pages_text(pdf)[0].replace(" ", "")


def test_edited_letter_text_is_checked_before_a_number_is_taken(demo_db, anchor, tmp_path):
    from aqdesk.errors import UserError

    text = letters.draft_text(demo_db, "石桥县", anchor)
    empty = letters.LetterText(tuple((title, ()) for title, _ in text.sections), text.requirement, text.reply_by)
    with pytest.raises(UserError, match="至少应列出一项"):
        letters.issue_letter(demo_db, "石桥县", anchor, tmp_path, text=empty)
    early = letters.LetterText(text.sections, text.requirement, anchor.replace(day=1))
    with pytest.raises(UserError, match="反馈日期.*不能早于成文日期"):
        letters.issue_letter(demo_db, "石桥县", anchor, tmp_path, text=early)
    assert letters.issue_letter(demo_db, "石桥县", anchor, tmp_path, text=text).number == "示例市大气办督〔2026〕4号"


def _text(document) -> str:
    return plain("\n".join(p.text for p in document.paragraphs))


def test_chase_bulletin_and_brief_as_word(capsys, demo_db, anchor, tmp_path):
    day = ["--db", demo_db.url]
    assert main(["chase", "--period", anchor.isoformat(), "--date", anchor.isoformat(), "--out",
                 str(tmp_path / "催报.pdf"), "--format", "docx", *day]) == 0
    assert not (tmp_path / "催报.pdf").exists()
    chase = docx.Document(str(tmp_path / "催报.docx"))
    text = _text(chase)
    assert "关于催报" in text and "1.市财政局（联系人：" in text and f"{anchor:%Y}年{anchor.month}月{anchor.day}日" in text
    assert {"仿宋_GB2312", "方正小标宋简体"} <= east_asian_fonts(chase)

    assert main(["bulletin", "--period", "2026-11", "--as-of", anchor.isoformat(), "--issue", "--out",
                 str(tmp_path / "通报.pdf"), "--format", "both", *day]) == 0
    assert (tmp_path / "通报.pdf").exists()
    bulletin = docx.Document(str(tmp_path / "通报.docx"))
    text = _text(bulletin)
    for expected in ("示例市大气办通报〔2026〕1号", "关于2026年11月全市大气污染防治重点工作推进情况的通报",
                     "一、空气质量", "附件：1.县（区）空气质量排名", "4.逾期未完成事项清单", "附件1", "附件4"):
        assert expected in text, expected
    assert bulletin.element.xml.count('w:fill="FF0000"') == 4  # the letter head's red double rules
    air, departments = bulletin.tables[0], bulletin.tables[1]
    assert [c.text for c in air.rows[0].cells][:3] == ["排名", "县（区）", "优良天数率（%）"]
    assert air.rows[1].cells[0].text == "1" and air.rows[1].cells[1].text == "龙泉县"
    assert air.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header repeats
    assert departments.rows[0].cells[1].text == "单位" and len(departments.rows) > 10
    headed = [p for p in bulletin.paragraphs if plain(p.text).startswith("附件") and plain(p.text)[2:].isdigit()]
    assert len(headed) == 4 and all(p.paragraph_format.page_break_before for p in headed)

    assert main(["brief", "--as-of", anchor.isoformat(), "--out", str(tmp_path / "专报"), "--format", "docx",
                 *day]) == 0
    brief = docx.Document(str(tmp_path / "专报.docx"))
    text = _text(brief)
    assert text.startswith(f"大气污染防治工作专报（{anchor.month}月{anchor.day}日）")
    assert "空气质量：全市优良率" in text and "逾期最久：①" in text and "约谈建议" in text
    assert "1.空气质量" not in text  # paragraphs, not a numbered list
    out = capsys.readouterr().out
    assert str(tmp_path / "专报.docx") in out and str(tmp_path / "通报.docx") in out


def test_reminder_and_summons_notice_as_word(capsys, demo_db, anchor, tmp_path):
    from aqdesk.services.supervision import summons_records

    sheet = next(r for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == f"督办〔{anchor.year}〕3号")
    assert main(["remind", sheet.number, "--out", str(tmp_path), "--date", anchor.isoformat(), "--format", "both",
                 "--db", demo_db.url]) == 0
    number = f"示例市大气办催〔{anchor.year}〕2号"
    pdf, word = (tmp_path / f"{number} 石桥县催办函.{kind}" for kind in ("pdf", "docx"))
    assert pdf.exists() and word.exists() and f"{pdf}、{word}" in capsys.readouterr().out
    text = _text(docx.Document(str(word)))
    assert number in text and f"关于催办{sheet.number}督办单的函" in text and "石桥县：" in text

    sid, _ = summons_records.save_summons(demo_db, None, 0, unit="安平县", planned_on=anchor, matters="气代煤工程进度滞后")
    notice, _ = summons_records.issue_notice(demo_db, sid, anchor, tmp_path, formats=("docx",))
    [written] = tmp_path.glob("*约谈通知.*")
    assert written.name == f"{notice} 安平县约谈通知.docx"  # the draft alone, with the notice's number
    text = _text(docx.Document(str(written)))
    assert notice in text and "关于约谈安平县的通知" in text and "二、约谈安排" in text
