"""A plain numbered list on the official page (the 约谈 proposals, for instance): a title
in 2号 小标宋, an opening paragraph, one paragraph per entry, the office and the date;
every page numbered, the first too (GB/T 9704 7.5.1)."""

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
    fonts = fonts or font_set()
    fonts.refuse_undrawable((title, intro, entries, signature))
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=title, author=signature)
    lines = balanced(title, fonts["title"], fonts, gb.SIZE_2) + [Line()]
    lines.extend(paragraph(intro, fonts["body"], fonts))
    for n, entry in enumerate(entries, 1):
        lines.extend(paragraph(f"{n}.{entry}", fonts["body"], fonts))
    lines.extend(signature_block(signature, date, fonts))
    draw_pages(canvas, fonts, paginate(lines), number_first=True)
    canvas.save()
    return buffer.getvalue()
