"""A 督办函 as a Word draft, laid out as the PDF: the letter format's red head, the number
flush right under the rules, the title, the addressee, the text on the grid, the office
centred over the date four characters in from the right."""

from __future__ import annotations

import datetime as dt
import unicodedata

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet
from aqdesk.exchange.pdf.letter import LetterContent

FACES = {"body": "body", "heading": "heading", "subheading": "kai"}
# LibreOffice and Word set the text of an exact-height line lower than the top of its slot;
# the number's em box must still stand 7/8 of a character under the rules
NUMBER_TOP = 51.5 * gb.MM


def write_letter(content: LetterContent, fonts: FontSet | None = None) -> bytes:
    faces = wd.faces_for(fonts)
    doc = wd.new_document(faces, first_page_number=False)
    wd.letter_head(doc, faces, content.office_name)
    head_bottom = gb.MARK_TOP + min(36.0, gb.TYPE_W / max(1, len(content.office_name))) + gb.RULE_GAP \
        + gb.THICK + gb.RULE_SPACE + gb.THIN
    number = wd.paragraph(doc, content.number, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT,
                          space_before=head_bottom + gb.NUMBER_GAP - gb.TOP)
    number.paragraph_format.keep_with_next = True
    wd.blank(doc)
    wd.blank(doc)
    wd.paragraph(doc, content.title, faces["title"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                 size=gb.SIZE_2, tracking=None)
    wd.blank(doc)
    wd.paragraph(doc, content.addressee, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    for p in content.paragraphs:
        wd.paragraph(doc, p.text, faces[FACES[p.kind]], keep_with_next=p.kind != "body")
    signature_block(doc, faces, content.signature, content.date)
    return wd.to_bytes(doc)


def signature_block(doc, faces: dict[str, str], signature: str, date: dt.date) -> None:
    """Two blank lines for the seal, the office centred over the date, the date four
    characters in from the right; kept on the page of the last lines of text."""
    last = doc.paragraphs[-1]
    last.paragraph_format.keep_with_next = True
    last.paragraph_format.widow_control = True  # at least two of its lines come along
    for _ in range(2):
        doc.add_paragraph().paragraph_format.keep_with_next = True
    dated = chinese_date(date)
    gap = 4 * gb.CELL
    centre_offset = (_width(dated) - _width(signature)) / 2
    signed = wd.paragraph(doc, signature, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT,
                          right_indent=max(0.0, gap + centre_offset), keep_with_next=True)
    signed.paragraph_format.right_indent = Pt(max(0.0, gap + centre_offset))
    wd.paragraph(doc, dated, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=gap)


def _width(text: str) -> float:
    """Width in points of a 3号 line on the grid: full-width characters a cell, others half."""
    return sum(gb.ADVANCE if unicodedata.east_asian_width(ch) in "WF" else gb.ADVANCE / 2 for ch in text)
