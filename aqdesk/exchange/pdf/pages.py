"""Running text over pages on the 22-line grid of the type area: lines of a paragraph,
pages that keep a heading with what follows it and a signature with the text above, and
page numbers from the second page on."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import Face, FontSet
from aqdesk.exchange.pdf.textflow import Glyph, break_lines, draw, natural_width, shape


@dataclass
class Line:
    glyphs: list[Glyph] = field(default_factory=list)
    face: Face | None = None
    size: float = gb.SIZE_3
    x: float = gb.LEFT
    spacing: float = gb.BODY_SPACING
    justify_to: float | None = None
    keep: bool = False  # stays on the page of the line before it
    heading: bool = False  # never the last line of a page


def paragraph(text: str, face: Face, fonts: FontSet, indent: float = 2 * gb.CELL,
              heading: bool = False) -> list[Line]:
    """Justified lines, the first indented (two characters by default), the last ragged."""
    out = []
    for part in text.split("\n"):
        broken = break_lines(shape(part, face, fonts, gb.SIZE_3), gb.TYPE_W, gb.BODY_SPACING, indent)
        for i, glyphs in enumerate(broken):
            x = gb.LEFT + (indent if i == 0 else 0)
            last = i == len(broken) - 1
            out.append(Line(glyphs, face, x=x, justify_to=None if last else gb.LEFT + gb.TYPE_W - x,
                            heading=heading))
    return out


def aligned(text: str, face: Face, fonts: FontSet, size: float, align: str, right_gap: float = 0.0) -> Line:
    """One line flush left, centred or flush right (``right_gap`` in from the right edge)."""
    glyphs = shape(text, face, fonts, size)
    spacing = gb.BODY_SPACING if size == gb.SIZE_3 else 0.0
    width = natural_width(glyphs, spacing)
    x = {"left": gb.LEFT, "center": gb.LEFT + (gb.TYPE_W - width) / 2,
         "right": gb.LEFT + gb.TYPE_W - right_gap - width}[align]
    return Line(glyphs, face, size, max(gb.LEFT, x), spacing)


def balanced(text: str, face: Face, fonts: FontSet, size: float) -> list[Line]:
    """A title, centred, on as few lines as it needs, of nearly equal length: the standard
    asks for a symmetrical shape rather than a full line and a stub."""
    glyphs = shape(text, face, fonts, size)
    width = gb.TYPE_W - 2 * gb.CELL
    lines = break_lines(glyphs, width, 0)
    if len(lines) > 1:
        target = natural_width(glyphs, 0) / len(lines)
        for step in range(0, int(width - target) + 1, 4):
            candidate = break_lines(glyphs, target + step + 1, 0)
            if len(candidate) == len(lines):
                lines = candidate
                break
    return [Line(g, face, size, gb.LEFT + (gb.TYPE_W - natural_width(g, 0)) / 2, 0) for g in lines]


def slots_below(top: float) -> int:
    """Lines of the grid that fit between ``top`` and the bottom of the type area."""
    return int((gb.TYPE_BOTTOM - gb.SIZE_3 - top) / gb.PITCH) + 1


def paginate(lines: list[Line], first_page_slots: int = gb.LINES) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    for line in lines:
        capacity = first_page_slots if len(pages) == 1 else gb.LINES
        if len(pages[-1]) >= capacity:
            carried: list[Line] = []
            if line.keep:  # a signature never stands alone: the last line of text comes along
                page = pages[-1]
                while page and page[-1].keep:
                    carried.insert(0, page.pop())
                if page:
                    carried.insert(0, page.pop())
            while pages[-1] and pages[-1][-1].heading:
                carried.insert(0, pages[-1].pop())
            pages.append(carried)
        if not pages[-1] and not line.glyphs and len(pages) > 1:
            continue  # no page starts with an empty line
        pages[-1].append(line)
    return pages


def draw_pages(canvas: Canvas, fonts: FontSet, pages: list[list[Line]], first_top: float = gb.TOP,
               first_number: int = 1, number_first: bool = False) -> None:
    """Draw pages of lines; the first goes on the canvas's current page from ``first_top``
    and carries no page number, as in the letter format, unless ``number_first`` (a
    document of several pages without a letterhead)."""
    for offset, lines in enumerate(pages):
        number = first_number + offset
        if offset:
            canvas.showPage()
        if number > 1 or number_first:
            gb.page_number(canvas, fonts, number)
        top = first_top if offset == 0 else gb.TOP
        for slot, line in enumerate(lines):
            if line.glyphs:
                # every 3号 line sits on the body face's grid, a 黑体 or 楷体 heading too
                face = fonts["body"] if line.size == gb.SIZE_3 else line.face
                draw(canvas, line.glyphs, line.x, gb.baseline(face, top + slot * gb.PITCH, line.size),
                     line.size, line.spacing, line.justify_to)
