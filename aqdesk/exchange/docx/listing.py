"""A plain numbered list on the official page (the 约谈 proposals, the 催报通知) as a Word
draft: the title, the opening paragraph, one paragraph per entry (under 黑体 headings where
there are parts, as the 专报 has), the office and the date; every page numbered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.docx.letter import signature_block
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet


def write_listing(title: str, intro: str, entries: Sequence[str], signature: str, date: dt.date,
                  fonts: FontSet | None = None) -> bytes:
    return write_parts(title, intro, [("", entries)], signature, date, fonts)


def write_parts(title: str, intro: str, parts: Sequence[tuple[str, Sequence[str]]], signature: str,
                date: dt.date, fonts: FontSet | None = None, numbered: bool = True) -> bytes:
    """As ``pdf.listing.render_parts``: (heading, entries), an empty heading gives entries
    with no heading above; entries numbered 1., 2.… unless ``numbered`` is false."""
    faces = wd.faces_for(fonts)
    doc = wd.new_document(faces, first_page_number=True)
    # a 2号 line sits higher in its slot than a 3号 one: its slot grows by the difference and
    # the blank line under it shrinks as much, so the text below stays on the grid
    shift = (wd.TEXT_DROP - wd.TITLE_DROP) * gb.MM
    wd.paragraph(doc, title, faces["title"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=gb.SIZE_2,
                 tracking=None, line=gb.PITCH + shift)
    wd.blank(doc).paragraph_format.line_spacing = Pt(gb.PITCH - shift)
    if intro:
        wd.paragraph(doc, intro, faces["body"])
    for heading, entries in parts:
        if heading:
            wd.paragraph(doc, heading, faces["heading"], keep_with_next=True)
        for n, entry in enumerate(entries, 1):
            wd.paragraph(doc, f"{n}.{entry}" if numbered else entry, faces["body"])
    signature_block(doc, faces, signature, date, fonts)
    return wd.to_bytes(doc)
