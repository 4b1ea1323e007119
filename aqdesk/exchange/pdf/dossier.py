"""A record in sections on the official page (一单位一档, for one): a title in 2号 小标宋, a
line saying as of when, then each section under a 黑体 heading with its numbered entries,
and the office and the date at the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO

from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet, font_set
from aqdesk.exchange.pdf.letter import signature_block
from aqdesk.exchange.pdf.pages import Line, balanced, draw_pages, paginate, paragraph

NUMERALS = "一二三四五六七八九十"


def render_dossier(title: str, intro: str, sections: Sequence[tuple[str, Sequence[str]]], signature: str,
                   date: dt.date, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or font_set()
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=title, author=signature)
    lines = balanced(title, fonts["title"], fonts, gb.SIZE_2) + [Line()]
    lines.extend(paragraph(intro, fonts["body"], fonts))
    for n, (heading, entries) in enumerate(sections):
        lines.extend(paragraph(f"{NUMERALS[n % 10]}、{heading}", fonts["heading"], fonts, heading=True))
        for k, entry in enumerate(entries or ["无。"], 1):
            lines.extend(paragraph(f"{k}.{entry}" if entries else entry, fonts["body"], fonts))
    lines.extend(signature_block(signature, date, fonts))
    pages = paginate(lines)
    if len(pages) > 1:  # not a letter: a record of several pages is numbered from its first
        gb.page_number(canvas, fonts, 1)
    draw_pages(canvas, fonts, pages)
    canvas.save()
    return buffer.getvalue()
