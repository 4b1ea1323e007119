"""A 督办函 as a Word draft, laid out as the PDF: the letter format's red head, the number
flush right under the rules, the title, the addressee, the text on the grid, the office
centred over the date four characters in from the right."""

from __future__ import annotations

import datetime as dt
import unicodedata

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet
from aqdesk.exchange.pdf.letter import LetterContent

FACES = {"body": "body", "heading": "heading", "subheading": "kai"}


def write_letter(content: LetterContent, fonts: FontSet | None = None) -> bytes:
    faces = wd.faces_for(fonts)
    doc = letter_body(content, faces)
    signature_block(doc, faces, content.signature, content.date, fonts)
    return wd.to_bytes(doc)


def letter_body(content: LetterContent, faces: dict[str, str]) -> DocumentObject:
    """The head, the number, the title, the addressee and the text: all but the signature
    (a 通报 puts its 附件 note between them)."""
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
    return doc


def signature_block(doc, faces: dict[str, str], signature: str, date: dt.date, fonts: FontSet | None = None) -> None:
    """Two blank lines for the seal, the office centred over the date, the date four
    characters in from the right; kept on the page of the last lines of text."""
    last = doc.paragraphs[-1]
    last.paragraph_format.keep_with_next = True
    last.paragraph_format.widow_control = True  # at least two of its lines come along
    for _ in range(2):
        doc.add_paragraph().paragraph_format.keep_with_next = True
    dated = chinese_date(date)
    gap = 4 * gb.CELL
    centre_offset = (_width(dated, fonts) - _width(signature, fonts)) / 2
    # set at the grid's tracking, not the body's: LibreOffice drops the tracking before a zero-width
    # space (the date has five), and the less there is to drop the truer the centring
    signed = wd.paragraph(doc, signature, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT,
                          right_indent=max(0.0, gap + centre_offset), keep_with_next=True, tracking=wd.GRID_TRACKING)
    signed.paragraph_format.right_indent = Pt(max(0.0, gap + centre_offset))
    on_date = wd.paragraph(doc, dated, faces["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=gap,
                           tracking=wd.GRID_TRACKING)
    for placed in (signed, on_date):
        wd.digits_in_chinese(placed)


def _width(text: str, fonts: FontSet | None) -> float:
    """Width in points of a 3号 line at the grid's tracking: measured in the body font where the
    draft names the font this machine has, else full-width characters 16 pt and others 8 pt,
    as 仿宋_GB2312 has them."""
    tracking = wd.GRID_TRACKING / 20
    if fonts is not None and wd.faces_for(fonts)["body"] == fonts["body"].family:
        face = fonts["body"]
        return sum(face.width(ch, gb.SIZE_3) + tracking for ch in text)
    return sum((gb.SIZE_3 if unicodedata.east_asian_width(ch) in "WF" else gb.SIZE_3 / 2) + tracking for ch in text)
