"""A 督办函 in the letter format (信函格式) of GB/T 9704-2012.

Everything sits on the 22 × 28 grid of the type area: 3号 仿宋 body squeezed to 28
characters a line, justified; 一、 headings in 黑体 and （一） in 楷体; the title in 2号
小标宋, centred; the addressee flush left; the office's signature centred over the date,
which stands four characters in from the right. The first page carries the red office
mark and double rules and no page number; later pages are numbered ``— 2 —``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import Face, FontSet, font_set
from aqdesk.exchange.pdf.textflow import Glyph, break_lines, draw, natural_width, shape

FACES = {"body": "body", "heading": "heading", "subheading": "kai"}


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # body | heading (一、) | subheading (（一）)


@dataclass(frozen=True)
class LetterContent:
    office_name: str  # the red mark at the head of the first page
    number: str
    title: str
    addressee: str
    paragraphs: tuple[Paragraph, ...]
    signature: str
    date: dt.date


@dataclass
class _Line:
    glyphs: list[Glyph] = field(default_factory=list)
    face: Face | None = None
    size: float = gb.SIZE_3
    x: float = gb.LEFT
    spacing: float = gb.BODY_SPACING
    justify_to: float | None = None
    keep: bool = False  # stays on the page of the line before it


def render_letter(content: LetterContent, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or font_set()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(gb.PAGE_W, gb.PAGE_H), pageCompression=1)
    canvas.setTitle(content.title)
    canvas.setAuthor(content.signature)
    canvas.setSubject(content.number)
    canvas.setCreator("aqdesk")
    rule_bottom = gb.letter_head(canvas, fonts, content.office_name)
    first_top = rule_bottom + gb.NUMBER_GAP
    pages = _paginate(_compose(content, fonts), _slots(first_top))
    for number, lines in enumerate(pages, 1):
        if number > 1:
            canvas.showPage()
            gb.page_number(canvas, fonts, number)
        top = first_top if number == 1 else gb.TOP
        for slot, line in enumerate(lines):
            if line.glyphs:
                draw(canvas, line.glyphs, line.x, gb.baseline(line.face, top + slot * gb.PITCH, line.size),
                     line.size, line.spacing, line.justify_to)
    canvas.save()
    return buffer.getvalue()


def _slots(first_top: float) -> int:
    """Lines that fit on the first page below the document number's line."""
    return int((gb.TYPE_BOTTOM - gb.SIZE_3 - first_top) / gb.PITCH) + 1


def _compose(c: LetterContent, fonts: FontSet) -> list[_Line]:
    body = fonts["body"]
    lines = [_aligned(c.number, body, fonts, gb.SIZE_3, "right"), _Line(), _Line()]
    title = fonts["title"]
    for glyphs in _balanced(shape(c.title, title, fonts, gb.SIZE_2), gb.TYPE_W - 2 * gb.CELL):
        width = natural_width(glyphs, 0)
        lines.append(_Line(glyphs, title, gb.SIZE_2, gb.LEFT + (gb.TYPE_W - width) / 2, 0))
    lines.append(_Line())
    lines.extend(_paragraph(c.addressee, body, fonts, indent=0))
    for p in c.paragraphs:
        lines.extend(_paragraph(p.text, fonts[FACES[p.kind]], fonts))
    date = _aligned(chinese_date(c.date), body, fonts, gb.SIZE_3, "right", right_gap=4 * gb.CELL)
    signature = _aligned(c.signature, body, fonts, gb.SIZE_3, "left")
    date_centre = date.x + natural_width(date.glyphs, gb.BODY_SPACING) / 2
    signature.x = max(gb.LEFT, date_centre - natural_width(signature.glyphs, gb.BODY_SPACING) / 2)
    for line in (_Line(), _Line(), signature, date):
        line.keep = True
        lines.append(line)
    return lines


def _balanced(glyphs: list[Glyph], width: float) -> list[list[Glyph]]:
    """A title on as few lines as it needs, of nearly equal length (the standard asks for
    a symmetrical, trapezoid or diamond shape rather than a full line and a stub)."""
    lines = break_lines(glyphs, width, 0)
    if len(lines) == 1:
        return lines
    target = natural_width(glyphs, 0) / len(lines)
    for step in range(0, int(width - target) + 1, 4):
        balanced = break_lines(glyphs, target + step + 1, 0)
        if len(balanced) == len(lines):
            return balanced
    return lines


def _paragraph(text: str, face: Face, fonts: FontSet, indent: float = 2 * gb.CELL) -> list[_Line]:
    out = []
    for part in text.split("\n"):
        glyphs = shape(part, face, fonts, gb.SIZE_3)
        broken = break_lines(glyphs, gb.TYPE_W, gb.BODY_SPACING, indent)
        for i, line in enumerate(broken):
            x = gb.LEFT + (indent if i == 0 else 0)
            last = i == len(broken) - 1
            out.append(_Line(line, face, x=x, justify_to=None if last else gb.LEFT + gb.TYPE_W - x))
    return out


def _aligned(text: str, face: Face, fonts: FontSet, size: float, align: str, right_gap: float = 0.0) -> _Line:
    glyphs = shape(text, face, fonts, size)
    width = natural_width(glyphs, gb.BODY_SPACING)
    x = gb.LEFT + gb.TYPE_W - right_gap - width if align == "right" else gb.LEFT
    return _Line(glyphs, face, size, max(gb.LEFT, x))


def _paginate(lines: list[_Line], first_page_slots: int) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    for line in lines:
        capacity = first_page_slots if len(pages) == 1 else gb.LINES
        if len(pages[-1]) >= capacity:
            carried: list[_Line] = []
            if line.keep:  # the signature never stands alone: the last line of text comes along
                page = pages[-1]
                while page and page[-1].keep:
                    carried.insert(0, page.pop())
                if page:
                    carried.insert(0, page.pop())
            pages.append(carried)
        if not pages[-1] and not line.glyphs and len(pages) > 1:
            continue  # no page starts with an empty line
        pages[-1].append(line)
    return pages
