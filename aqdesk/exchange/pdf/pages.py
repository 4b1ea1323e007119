"""Running text over pages on the 22-line grid of the type area: lines of a paragraph,
pages that keep a heading with what follows it and a signature with the text above, and
page numbers from the second page on."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from aqdesk.domain.typography import title_words
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import Face, FontSet
from aqdesk.exchange.pdf.textflow import (
    TIGHTEN,
    Glyph,
    break_lines,
    draw,
    natural_width,
    shape,
    trim,
)


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


SQUEEZE = (0.25, 0.5, 0.75, 1.0)  # pt taken from the tracking, at most 1/16 em, to pull a line up
LOOSE = 2.0  # pt of extra tracking beyond the grid that reads as a gap


def paragraph(text: str, face: Face, fonts: FontSet, indent: float = gb.INDENT,
              heading: bool = False) -> list[Line]:
    """Justified lines, the first indented (two characters by default), the last ragged.

    Where a run that must not be split (an office's name) would leave a line visibly loose,
    the paragraph's 字距 is tightened a little so the run fits, as GB/T 9704 7.3.5.4 allows.
    (Squeezing a paragraph only to pull up a lone last character would cost its 28-character
    lines, so a 孤字 is left.)"""
    out = []
    for part in text.split("\n"):
        glyphs = shape(part, face, fonts, gb.SIZE_3)
        spacing = gb.BODY_SPACING
        broken = break_lines(glyphs, gb.TYPE_W, spacing, indent, TIGHTEN)
        if _loose(broken, indent):
            for squeeze in SQUEEZE:
                tighter = break_lines(glyphs, gb.TYPE_W, gb.BODY_SPACING - squeeze, indent, TIGHTEN - squeeze)
                if not _loose(tighter, indent):
                    broken, spacing = tighter, gb.BODY_SPACING - squeeze
                    break
        for i, line in enumerate(broken):
            x = gb.LEFT + (indent if i == 0 else 0)
            edge = gb.LEFT + gb.TYPE_W
            # the last line is ragged, unless it was tightened to take a run that would not fit
            last = i == len(broken) - 1 and x + natural_width(line, spacing) <= edge + 0.01
            out.append(Line(line, face, x=x, spacing=spacing,
                            justify_to=None if last else edge - x, heading=heading))
    return out


def _loose(lines: list[list[Glyph]], indent: float) -> bool:
    for i, glyphs in enumerate(lines[:-1]):
        glyphs = trim(glyphs)
        room = gb.TYPE_W - (indent if i == 0 else 0) - natural_width(glyphs, gb.BODY_SPACING)
        if len(glyphs) > 1 and room / (len(glyphs) - 1) > LOOSE:
            return True
    return False


def aligned(text: str, face: Face, fonts: FontSet, size: float, align: str, right_gap: float = 0.0) -> Line:
    """One line flush left, centred or flush right (``right_gap`` in from the right edge)."""
    glyphs = shape(title_words(text), face, fonts, size)
    spacing = gb.BODY_SPACING if size == gb.SIZE_3 else 0.0
    width = natural_width(glyphs, spacing)
    x = {"left": gb.LEFT, "center": gb.LEFT + (gb.TYPE_W - width) / 2,
         "right": gb.LEFT + gb.TYPE_W - right_gap - width}[align]
    return Line(glyphs, face, size, max(gb.LEFT, x), spacing)


def balanced(text: str, face: Face, fonts: FontSet, size: float) -> list[Line]:
    """A title, centred, on as few lines as it needs, of nearly equal length: the standard
    asks for a symmetrical shape rather than a full line and a stub."""
    glyphs = shape(title_words(text), face, fonts, size)
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


CARRIED = 2  # lines of text that go over with the signature (GB/T 9704 7.3.5.4: the seal page carries text)


def paginate(lines: list[Line], first_page_slots: int = gb.LINES) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    for line in lines:
        capacity = first_page_slots if len(pages) == 1 else gb.LINES
        if len(pages[-1]) >= capacity:
            carried: list[Line] = []
            if line.keep:  # a signature never stands alone: two lines of text come along
                page = pages[-1]
                while page and page[-1].keep:
                    carried.insert(0, page.pop())
                for _ in range(CARRIED):
                    while page and not page[-1].glyphs:
                        page.pop()
                    if page:
                        carried.insert(0, page.pop())
            opening = carried[0] if carried else line
            if opening.glyphs and opening.justify_to is None and pages[-1] and pages[-1][-1].justify_to is not None:
                carried.insert(0, pages[-1].pop())  # a paragraph's last line never opens a page alone
            while pages[-1] and pages[-1][-1].heading:
                carried.insert(0, pages[-1].pop())
            pages.append(carried)
        if not pages[-1] and not line.glyphs and len(pages) > 1:
            continue  # no page starts with an empty line
        pages[-1].append(line)
    _fill_seal_page(pages)
    return pages


def _fill_seal_page(pages: list[list[Line]]) -> None:
    """The page of the signature carries at least ``CARRIED`` lines of text, also when the page
    before it broke just ahead of a one-line closing paragraph."""
    last = pages[-1]
    if len(pages) < 2 or not any(line.keep for line in last):
        return
    before = pages[-2]
    text = sum(1 for line in last[:next(i for i, line in enumerate(last) if line.keep)] if line.glyphs)
    while before and (text < CARRIED or _opens_alone(last, before)):
        moved = before.pop()
        if moved.glyphs:
            last.insert(0, moved)
            text += 1
    while before and before[-1].heading:
        last.insert(0, before.pop())


def _opens_alone(page: list[Line], before: list[Line]) -> bool:
    """A paragraph's last line at the top of ``page`` with the rest of it on the page before."""
    return bool(page and page[0].glyphs and page[0].justify_to is None and before and before[-1].justify_to is not None)


def draw_pages(canvas: Canvas, fonts: FontSet, pages: list[list[Line]], first_top: float = gb.TOP,
               first_number: int = 1, number_first: bool = False) -> None:
    """Draw pages of lines; the first goes on the canvas's current page from ``first_top``
    and, as in the letter format, carries no page number unless ``number_first``.

    Every 3号 line sits on the body face's baselines whatever its own face: a 黑体 or 楷体
    heading placed by its own ascent would stand off the grid of the lines around it."""
    for offset, lines in enumerate(pages):
        number = first_number + offset
        if offset:
            canvas.showPage()
        if number > 1 or number_first:
            gb.page_number(canvas, fonts, number)
        top = first_top if offset == 0 else gb.TOP
        for slot, line in enumerate(lines):
            if line.glyphs:
                face = fonts["body"] if line.size == gb.SIZE_3 else line.face
                draw(canvas, line.glyphs, line.x, gb.baseline(face, top + slot * gb.PITCH, line.size),
                     line.size, line.spacing, line.justify_to)
