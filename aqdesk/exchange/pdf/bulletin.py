"""A 通报 in the letter format of GB/T 9704-2012, its tables as 附件.

The body is set as the 督办函 is (``letter``): number, title, addressee, 一、 headings,
the 附件 note two characters in under the text, the signature and date. Each 附件 starts a
page with ``附件1`` in 黑体 on the first line of the type area, its title centred on the
third, and a ruled table in 五号 across the type area whose header row repeats on every page
it runs over. Pages are numbered throughout. (Nine columns fit the 156 mm type area at 五号,
so the tables stay on A4 portrait like the rest of the document.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet, font_set
from aqdesk.exchange.pdf.letter import Paragraph, letter_text, signature_block
from aqdesk.exchange.pdf.pages import (
    Line,
    balanced,
    draw_pages,
    paginate,
    slots_below,
)
from aqdesk.exchange.pdf.textflow import break_lines, draw, natural_width, shape, wrap

TABLE_SIZE = 10.5  # 五号
CELL_PAD = 1.2 * gb.MM
LEADING = TABLE_SIZE * 1.4


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[tuple[str, float], ...]  # header, share of the table's width
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class BulletinContent:
    office_name: str
    number: str
    title: str
    addressee: str
    paragraphs: tuple[Paragraph, ...]
    attachments: tuple[Table, ...]
    signature: str
    date: dt.date


def render_bulletin(content: BulletinContent, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or font_set()
    fonts.refuse_undrawable(content)
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=content.title, author=content.signature, subject=content.number,
                           invariant=True)
    first_top = gb.letter_head(canvas, fonts, content.office_name) + gb.NUMBER_GAP
    pages = paginate(_compose(content, fonts), slots_below(first_top))
    draw_pages(canvas, fonts, pages, first_top)
    number = len(pages)
    for n, table in enumerate(content.attachments, 1):
        number = _attachment(canvas, fonts, n, table, number + 1)
    canvas.save()
    return buffer.getvalue()


def _compose(c: BulletinContent, fonts: FontSet) -> list[Line]:
    lines = letter_text(c.number, c.title, c.addressee, c.paragraphs, fonts)
    if c.attachments:
        # the blank line, the note and the signature move to a new page together with the last
        # line of text, so the note never heads a page (GB/T 9704 7.3.4: 正文下空一行)
        lines.append(Line(keep=True))
        lines.extend(_attachment_note(c.attachments, fonts))
    lines.extend(signature_block(c.signature, c.date, fonts))
    return lines


def _attachment_note(tables: tuple[Table, ...], fonts: FontSet) -> list[Line]:
    """附件：1.… two characters in; later numbers under the first, and a name too long for its
    line wraps under its own first character (GB/T 9704 7.3.4); no stop after a name. The
    lines are not justified, so the names start exactly where they align."""
    body = fonts["body"]
    x_note = gb.LEFT + 2 * gb.CELL
    lead = shape("附件：", body, fonts, gb.SIZE_3)
    x_number = x_note + natural_width(lead, gb.BODY_SPACING) + gb.BODY_SPACING
    lines = []
    for n, table in enumerate(tables, 1):
        number = shape(f"{n}.", body, fonts, gb.SIZE_3) if len(tables) > 1 else []
        x_name = x_number + (natural_width(number, gb.BODY_SPACING) + gb.BODY_SPACING if number else 0.0)
        name = shape(table.title, body, fonts, gb.SIZE_3)
        for i, glyphs in enumerate(break_lines(name, gb.LEFT + gb.TYPE_W - x_name, gb.BODY_SPACING)):
            if i:
                lines.append(Line(glyphs, body, x=x_name, keep=True))
            elif n == 1:
                lines.append(Line(lead + number + glyphs, body, x=x_note, keep=True))
            else:
                lines.append(Line(number + glyphs, body, x=x_number, keep=True))
    return lines


def _attachment(canvas: Canvas, fonts: FontSet, n: int, table: Table, number: int) -> int:
    """Pages for one 附件, from a new page; returns the last page number used."""
    widths = [share * gb.TYPE_W for _h, share in table.columns]
    head, body = fonts["heading"], fonts["body"]
    canvas.showPage()
    gb.page_number(canvas, fonts, number)
    draw(canvas, shape(f"附件{n}", head, fonts, gb.SIZE_3), gb.LEFT, gb.baseline(body, gb.TOP, gb.SIZE_3),
         gb.SIZE_3, gb.BODY_SPACING)
    top = gb.TOP + 2 * gb.PITCH
    for line in balanced(table.title, fonts["title"], fonts, gb.SIZE_2):
        draw(canvas, line.glyphs, line.x, gb.baseline(body, top, gb.SIZE_2), gb.SIZE_2, 0)
        top += gb.PITCH
    top += gb.PITCH / 2
    header = [wrap(h, head, fonts, TABLE_SIZE, w - 2 * CELL_PAD) for (h, _s), w in zip(table.columns, widths, strict=True)]
    top = _row(canvas, header, widths, top)
    for row in table.rows:
        cells = [wrap(text, body, fonts, TABLE_SIZE, w - 2 * CELL_PAD) for text, w in zip(row, widths, strict=True)]
        if top + _height(cells) > gb.TYPE_BOTTOM:
            canvas.showPage()
            number += 1
            gb.page_number(canvas, fonts, number)
            top = _row(canvas, header, widths, gb.TOP)
        top = _row(canvas, cells, widths, top)
    return number


def _height(cells: list[list]) -> float:
    return max(1, *(len(lines) for lines in cells)) * LEADING + 2 * CELL_PAD


def _row(canvas: Canvas, cells: list[list], widths: list[float], top: float) -> float:
    """One ruled row; a cell of one line is centred, longer text flush left."""
    height = _height(cells)
    x = gb.LEFT
    canvas.setLineWidth(0.5)
    for lines, width in zip(cells, widths, strict=True):
        canvas.rect(x, gb.y(top + height), width, height, stroke=1, fill=0)
        line_top = top + (height - len(lines) * LEADING) / 2
        for glyphs in lines:
            if glyphs:
                w = natural_width(glyphs, 0)
                x_text = x + (width - w) / 2 if len(lines) == 1 else x + CELL_PAD
                draw(canvas, glyphs, x_text, gb.baseline(glyphs[0].face, line_top + (LEADING - TABLE_SIZE) / 2,
                                                         TABLE_SIZE), TABLE_SIZE, 0)
            line_top += LEADING
        x += width
    return top + height
