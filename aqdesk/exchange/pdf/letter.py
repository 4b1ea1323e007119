"""A 督办函 in the letter format (信函格式) of GB/T 9704-2012.

Everything sits on the 22 × 28 grid of the type area: 3号 仿宋 body squeezed to 28
characters a line, justified; 一、 headings in 黑体 and （一） in 楷体; the title in 2号
小标宋, centred; the addressee flush left; the office's signature centred over the date,
which stands four characters in from the right. The first page carries the red office
mark and double rules and no page number; later pages are numbered ``— 2 —``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet, font_set
from aqdesk.exchange.pdf.pages import (
    Line,
    aligned,
    balanced,
    draw_pages,
    paginate,
    paragraph,
    slots_below,
)
from aqdesk.exchange.pdf.textflow import natural_width

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


def render_letter(content: LetterContent, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or font_set()
    fonts.refuse_undrawable(content)
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=content.title, author=content.signature, subject=content.number)
    first_top = gb.letter_head(canvas, fonts, content.office_name) + gb.NUMBER_GAP
    draw_pages(canvas, fonts, paginate(_compose(content, fonts), slots_below(first_top)), first_top)
    canvas.save()
    return buffer.getvalue()


def _compose(c: LetterContent, fonts: FontSet) -> list[Line]:
    return letter_text(c.number, c.title, c.addressee, c.paragraphs, fonts) + signature_block(c.signature, c.date, fonts)


def letter_text(number: str, title: str, addressee: str, paragraphs: Sequence[Paragraph],
                fonts: FontSet) -> list[Line]:
    """发文字号, title, 主送机关 and the paragraphs of a letter-format 公文, up to its signature."""
    body = fonts["body"]
    lines = [aligned(number, body, fonts, gb.SIZE_3, "right"), Line(), Line()]
    lines.extend(balanced(title, fonts["title"], fonts, gb.SIZE_2))
    lines.append(Line())
    lines.extend(paragraph(addressee, body, fonts, indent=0))
    for p in paragraphs:
        lines.extend(paragraph(p.text, fonts[FACES[p.kind]], fonts, heading=p.kind != "body"))
    return lines


def signature_block(signature: str, date: dt.date, fonts: FontSet) -> list[Line]:
    """Two empty lines for the seal, the office centred over the date, the date four
    characters in from the right; kept on the page of the last line of text."""
    body = fonts["body"]
    dated = aligned(chinese_date(date), body, fonts, gb.SIZE_3, "right", right_gap=4 * gb.CELL)
    signed = aligned(signature, body, fonts, gb.SIZE_3, "left")
    centre = dated.x + natural_width(dated.glyphs, gb.BODY_SPACING) / 2
    signed.x = max(gb.LEFT, centre - natural_width(signed.glyphs, gb.BODY_SPACING) / 2)
    block = [Line(), Line(), signed, dated]
    for line in block:
        line.keep = True
    return block
