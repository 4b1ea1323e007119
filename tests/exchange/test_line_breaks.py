"""Where the lines of a document break, measured on the produced PDF: a line breaks only when
the next character (or whole figure) does not fit at the grid's tracking, document numbers stay
whole, and a line tightened to keep them so stays within the type area, legible."""

import datetime as dt
import io

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from sqlalchemy import select

from aqdesk.db.models import Letter
from aqdesk.exchange.pdf.bulletin import BulletinContent, Table, render_bulletin
from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.reports import unit_file
from aqdesk.services.reports.agenda import agenda
from aqdesk.services.supervision import escalation, register, summons_records
from aqdesk.services.supervision.sheet_list import sheet_rows

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, 184 * MM
SPACING = (156 * MM - 28 * 16) / 27  # the grid's tracking, −0.21 pt
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}>")


def body_lines(document: bytes) -> list[list[dict]]:
    """The 3号 lines of every page, top down, each a list of its characters (spaces left out)
    with their advance boxes in points, as PDFium places them (pdfminer drifts by the tracking
    at every change of text run)."""
    lines = []
    pdf = pypdfium2.PdfDocument(document)
    try:
        for page in pdf:
            chars = page.get_textpage()
            rows: dict[float, list] = {}
            for i in range(chars.count_chars()):
                ch = chars.get_text_range(i, 1)
                if ch in ("", " ", "\r", "\n") or abs(pdfium_c.FPDFText_GetFontSize(chars.raw, i) - 16) > 0.5:
                    continue
                left, _bottom, right, top = chars.get_charbox(i, loose=True)
                key = next((k for k in rows if abs(k - top) < 2), top)
                rows.setdefault(key, []).append({"text": ch, "x0": left, "x1": right})
            lines += [sorted(row, key=lambda c: c["x0"]) for _top, row in sorted(rows.items(), reverse=True)]
    finally:
        pdf.close()
    return lines


def text(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-_/%+@#:")


def early_breaks(document: bytes) -> list[str]:
    """Justified lines that had room, at the grid's tracking, for the first character of the
    line after them (a figure counts whole; a character carried down with a closing mark is
    the customary exception)."""
    lines = body_lines(document)
    assert len(lines) > 3
    early = []
    for a, b in zip(lines, lines[1:], strict=False):
        continues = abs(a[-1]["x1"] - RIGHT) < 0.6 and abs(b[0]["x0"] - LEFT) < 0.6 and len(b) > 1
        if not continues or b[0]["text"] in NO_LINE_START or b[1]["text"] in NO_LINE_START:
            continue
        unit = [b[0]]
        while word(unit[0]["text"]) and len(unit) < len(b) and word(b[len(unit)]["text"]):
            unit.append(b[len(unit)])
        natural = sum(c["x1"] - c["x0"] for c in a) + SPACING * (len(a) - 1)
        if RIGHT - a[0]["x0"] - natural >= sum(c["x1"] - c["x0"] for c in unit) + SPACING * len(unit) - 0.05:
            early.append(text(a))
    return early


def letter(*paragraphs: str) -> bytes:
    return render_letter(LetterContent("示例市大气污染防治攻坚办公室", "示例市大气办催〔2026〕2号", "关于催办的函",
                                       "石桥县：", tuple(Paragraph(p) for p in paragraphs),
                                       "示例市大气污染防治攻坚办公室", dt.date(2026, 11, 26)))


STRADDLING = ("2026年10月20日，示例市大气办以红色督办单（督办〔2026〕3号）向你单位交办“铸造企业深度治理进度严重滞后”，"
              "要求于2026年10月27日前办结并书面反馈。")


def test_a_document_number_at_the_line_end_is_kept_whole_by_tightening_the_line_not_by_breaking_early():
    document = letter(STRADDLING)
    lines = [text(line) for line in body_lines(document)]
    assert any("（督办〔2026〕3号）" in line for line in lines)  # one line holds the number and its 代字
    assert not any(line.endswith(("督", "（", "〔")) for line in lines)
    assert early_breaks(document) == []


def test_a_tightened_line_stays_in_the_type_area_with_its_characters_apart():
    lines = body_lines(letter(STRADDLING))
    tight = next(line for line in lines if "〔2026〕3号）" in text(line))
    assert abs(tight[-1]["x1"] - RIGHT) < 0.3 and tight[0]["x0"] >= LEFT - 0.3  # justified, not overrunning
    for a, b in zip(tight, tight[1:], strict=False):
        gap = b["x0"] - a["x1"]
        if a["text"] in "，。、；：）》」』】〕〉”’" or b["text"] in "（《「『【〔〈“‘":  # punctuation on half its body
            assert gap >= -8.01, (a["text"], b["text"])
        else:  # tracking tightened by at most 1 pt beyond the grid's
            assert gap >= SPACING - 1.01, (a["text"], b["text"], gap)


def test_a_space_typed_beside_chinese_is_not_set():
    document = render_listing("约谈石桥县记录", "约谈人：市政府副市长 李明。", ["2026年10月31日　5-06 石桥县铸造行业深度治理：逾期26天"],
                              "示例市大气污染防治攻坚办公室", dt.date(2026, 11, 26))
    with pdfplumber.open(io.BytesIO(document)) as pdf:
        chars = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert "副市长李明" in chars and "5-06石桥县" in chars and " " not in chars.replace("— 1 —", "")


def test_the_demo_reminder_record_and_unit_file_break_no_line_early(demo_db, anchor):
    red = next(row for row in sheet_rows(demo_db, anchor) if row.number == "督办〔2026〕3号")
    reminder = escalation.remind(demo_db, red.id, anchor).document
    held = next(r for r in summons_records.summons_records(demo_db, anchor) if r.held_on)
    record = summons_records.record_pdf(demo_db, held.id, anchor)
    dossier = unit_file.unit_file_pdf(demo_db, "石桥县", anchor)
    for document in (reminder, record, dossier):
        assert early_breaks(document) == []


def test_a_separating_full_width_space_at_a_line_break_is_not_set(demo_db, anchor):
    """The agenda's 「联系人：郑佳（科长）　0319-5814421」: where the break falls at the 　, the line
    before still ends on the type area's edge and the next starts flush left."""
    document = agenda(demo_db, anchor).pdf()
    lines = body_lines(document)
    assert not any(line[0]["text"] == "\u3000" for line in lines)
    broken_at_space = [a for a, b in zip(lines, lines[1:], strict=False)
                       if text(b).startswith("0319-") and abs(b[0]["x0"] - LEFT) < 0.6]
    assert broken_at_space and all(abs(a[-1]["x1"] - RIGHT) < 0.3 and a[-1]["text"] != "\u3000"
                                   for a in broken_at_space)
    assert early_breaks(document) == []


def test_the_attachment_note_numbers_align_and_a_long_name_wraps_under_its_first_character():
    columns = (("单位", 0.5), ("得分", 0.5))
    long_name = "市直部门和各县（区）大气污染防治重点工作按时完成率、红色事项占比和督办单逾期退回情况排名"
    content = BulletinContent(
        "示例市大气污染防治攻坚办公室", "示例市大气办通〔2026〕1号", "关于2026年11月大气污染防治工作情况的通报",
        "各县（区）人民政府，市直有关部门：", (Paragraph("现将11月工作情况通报如下。"),),
        (Table("县（区）空气质量排名", columns, (("东城区", "90"),)), Table(long_name, columns, (("西城区", "80"),))),
        "示例市大气污染防治攻坚办公室", dt.date(2026, 11, 30))
    lines = body_lines(render_bulletin(content))
    first = next(i for i, line in enumerate(lines) if text(line).startswith("附件：1."))
    one, two, wrapped = lines[first], lines[first + 1], lines[first + 2]
    assert abs(one[0]["x0"] - (LEFT + 2 * 156 * MM / 28)) < 0.3  # 左空二字
    assert text(two).startswith("2.市直部门") and abs(two[0]["x0"] - one[3]["x0"]) < 0.3  # 2. under 1.
    assert abs(two[2]["x0"] - one[5]["x0"]) < 0.3  # the names start in one column
    assert long_name.startswith(text(two)[2:]) and long_name.endswith(text(wrapped))
    assert abs(wrapped[0]["x0"] - two[2]["x0"]) < 0.3  # wraps under the name's first character
    assert max(c["x1"] for line in (one, two, wrapped) for c in line) <= RIGHT + 0.3


def test_figures_stay_whole_and_with_the_word_after_them(demo_db, anchor):
    """A closing mark that takes a figure's last digit down takes the whole figure (the agenda's
    phone numbers); a figure keeps the word it counts (「逾期23天」) by tightening its line."""
    for document in (agenda(demo_db, anchor).pdf(), unit_file.unit_file_pdf(demo_db, "石桥县", anchor)):
        lines = body_lines(document)
        for a, b in zip(lines, lines[1:], strict=False):
            assert not (word(a[-1]["text"]) and word(b[0]["text"])), (text(a), text(b))  # no figure split
            assert not (a[-1]["text"].isdigit() and len(b) <= 2 and "\u4e00" <= b[0]["text"] <= "\u9fff"), text(b)


def test_a_number_too_long_to_squeeze_in_starts_the_next_line_at_its_bracket():
    """Where 办〔2026〕3号 can neither fit nor be squeezed onto a line, the line ends on its 代字
    (「…督办单督办｜〔2026〕3号…」): full, with the number whole below, not short of a character."""
    document = letter("你单位铸造企业深度治理进度严重滞后，对红色督办单督办〔2026〕3号逾期未反馈，经催办仍整改不到位。")
    lines = [text(line) for line in body_lines(document)]
    assert any(line.startswith("〔2026〕3号逾期") for line in lines)
    assert early_breaks(document) == []


def test_the_demo_register_letters_break_no_line_early(demo_db):
    with demo_db.reading() as session:
        stored = session.scalars(select(Letter.id).where(Letter.document_sha256.is_not(None))).all()
    assert len(stored) >= 3
    for letter_id in stored:
        assert early_breaks(register.reprint(demo_db, letter_id)) == []


def lines_of_size(document: bytes, size: float) -> list[str]:
    """The text of every line set at ``size`` points on the first page, top down."""
    pdf = pypdfium2.PdfDocument(document)
    try:
        chars = pdf[0].get_textpage()
        rows: dict[float, list] = {}
        for i in range(chars.count_chars()):
            ch = chars.get_text_range(i, 1)
            if ch.strip() and abs(pdfium_c.FPDFText_GetFontSize(chars.raw, i) - size) < 0.5:
                left, _bottom, _right, top = chars.get_charbox(i, loose=True)
                rows.setdefault(next((k for k in rows if abs(k - top) < 2), top), []).append((left, ch))
        return ["".join(ch for _x, ch in sorted(row)) for _top, row in sorted(rows.items(), reverse=True)]
    finally:
        pdf.close()


def test_a_title_on_two_lines_breaks_between_words():
    """GB/T 9704 7.3.1: a title's lines keep its words whole. Balanced by length alone, the
    通报's title broke as 「…全市大气污 / 染防治重点工作…」."""
    title = "关于2026年11月全市大气污染防治重点工作推进情况的通报"
    document = render_letter(LetterContent("示例市大气污染防治攻坚办公室", "示例市大气办通〔2026〕1号", title, "各县（区）：",
                                           (Paragraph("正文。"),), "示例市大气污染防治攻坚办公室", dt.date(2026, 12, 3)))
    title_lines = [line for line in lines_of_size(document, 22) if line in title and line != title]
    assert "".join(title_lines) == title and len(title_lines) == 2
    for words in ("2026年11月", "大气污染防治", "重点工作", "推进情况", "通报"):
        assert any(words in line for line in title_lines), (words, title_lines)
