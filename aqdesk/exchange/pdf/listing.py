"""A plain numbered list on the official page (the 约谈 proposals, the 催报通知, the week's
agenda): a title in 2号 小标宋, an opening paragraph, one paragraph per entry — under 一、
headings in 黑体 when the list has parts — and the office and the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO

from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet, font_set
from aqdesk.exchange.pdf.letter import signature_block
from aqdesk.exchange.pdf.pages import Line, balanced, draw_pages, paginate, paragraph


def render_listing(title: str, intro: str, entries: Sequence[str], signature: str, date: dt.date,
                   fonts: FontSet | None = None) -> bytes:
    return render_parts(title, intro, [("", entries)], signature, date, fonts)


def render_parts(title: str, intro: str, parts: Sequence[tuple[str, Sequence[str]]], signature: str,
                 date: dt.date, fonts: FontSet | None = None, closing: str = "", numbered: bool = True) -> bytes:
    """``parts``: (heading, entries); an empty heading gives entries with no heading above."""
    fonts = fonts or font_set()
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=title, author=signature)
    pages = paginate(_lines(title, intro, parts, signature, date, fonts, closing, numbered))
    draw_pages(canvas, fonts, pages, number_first=len(pages) > 1)
    canvas.save()
    return buffer.getvalue()


def page_count(title: str, intro: str, parts: Sequence[tuple[str, Sequence[str]]], signature: str,
               date: dt.date, fonts: FontSet | None = None, closing: str = "", numbered: bool = True) -> int:
    """The pages ``render_parts`` would fill, without drawing them."""
    fonts = fonts or font_set()
    return len(paginate(_lines(title, intro, parts, signature, date, fonts, closing, numbered)))


def _lines(title, intro, parts, signature, date, fonts: FontSet, closing: str, numbered: bool) -> list[Line]:
    lines = balanced(title, fonts["title"], fonts, gb.SIZE_2) + [Line()]
    if intro:
        lines.extend(paragraph(intro, fonts["body"], fonts))
    for heading, entries in parts:
        if heading:
            lines.extend(paragraph(heading, fonts["heading"], fonts, heading=True))
        for n, entry in enumerate(entries, 1):
            lines.extend(paragraph(f"{n}.{entry}" if numbered else entry, fonts["body"], fonts))
    if closing:
        lines.extend(paragraph(closing, fonts["body"], fonts))
    lines.extend(signature_block(signature, date, fonts))
    return lines
