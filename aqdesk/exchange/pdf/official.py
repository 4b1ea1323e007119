"""GB/T 9704-2012 page geometry and the furniture of an official page: the red issuing
office mark and rules of the letter format (信函格式), and page numbers.

Lengths are in points (1/72 inch); the standard gives millimetres.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from aqdesk.exchange.pdf.fonts import Face, FontSet
from aqdesk.exchange.pdf.textflow import draw, natural_width, shape

MM = 72 / 25.4
PAGE_W, PAGE_H = A4
LEFT, TOP = 28 * MM, 37 * MM
TYPE_W, TYPE_H = 156 * MM, 225 * MM
TYPE_BOTTOM = TOP + TYPE_H  # from the top edge
LINES, CHARS = 22, 28
PITCH = TYPE_H / LINES  # one line of the 22-line grid
CELL = TYPE_W / CHARS  # one character of the 28-character grid

SIZE_2 = 22.0  # 2号: titles
SIZE_3 = 16.0  # 3号: body
SIZE_4 = 14.0  # 4号: page numbers
BODY_SPACING = (TYPE_W - CHARS * SIZE_3) / (CHARS - 1)  # 28 full-width 3号 characters span 156 mm
ADVANCE = SIZE_3 + BODY_SPACING  # one character on the body's grid
INDENT = 2 * ADVANCE  # 首行缩进二字: exactly two advances, so 26 characters follow, not 25

RED = CMYKColor(0, 0.8, 0.8, 0)  # Y80 M80, as the standard prescribes for red ink
MARK_TOP = 30 * MM  # 信函格式: the office's name 30 mm from the top edge
RULE_GAP = 4 * MM  # and the first double rule 4 mm below it
RULE_LENGTH = 170 * MM
BOTTOM_RULE = 20 * MM  # the second double rule 20 mm above the bottom edge
THICK, THIN, RULE_SPACE = 2.25, 0.75, 0.75
NUMBER_GAP = SIZE_3 * 7 / 8  # 发文字号 below the rule: 7/8 of a 3号 character
PAGE_NUMBER_GAP = 7 * MM  # page numbers 7 mm below the type area


def new_canvas(target: BinaryIO, fonts: FontSet, *, title: str, author: str, subject: str = "",
               invariant: bool = False) -> Canvas:
    """An A4 canvas whose every font is one of ours, so nothing unembedded (reportlab's
    default Helvetica) is left in the file. ``invariant``: no creation time or random file
    id, so the same content gives the same bytes (a reprint of an issued document)."""
    canvas = Canvas(target, pagesize=(PAGE_W, PAGE_H), pageCompression=1,
                    initialFontName=fonts["body"].name, initialFontSize=SIZE_3, invariant=1 if invariant else 0)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("aqdesk")
    return canvas


def y(top: float) -> float:
    """reportlab measures from the bottom edge; the standard from the top."""
    return PAGE_H - top


def baseline(face: Face, top: float, size: float) -> float:
    """The baseline that puts the top of ``face``'s em box at ``top`` from the top edge."""
    return y(top + face.ascent * size)


def double_rule(canvas: Canvas, top: float, thick_first: bool) -> float:
    """A red 170 mm double rule, centred; returns the distance of its bottom from the top edge."""
    x = (PAGE_W - RULE_LENGTH) / 2
    canvas.saveState()
    canvas.setFillColor(RED)
    widths = (THICK, THIN) if thick_first else (THIN, THICK)
    at = top
    for i, width in enumerate(widths):
        canvas.rect(x, y(at + width), RULE_LENGTH, width, stroke=0, fill=1)
        at += width + (RULE_SPACE if i == 0 else 0)
    canvas.restoreState()
    return at


def office_mark(canvas: Canvas, fonts: FontSet, name: str) -> float:
    """The issuing office's name in red 小标宋, centred, its top 30 mm from the top edge,
    as large as fits up to 36 pt; returns the distance of its bottom from the top edge."""
    face = fonts["title"]
    size = 36.0
    glyphs = shape(name, face, fonts, size)
    width = natural_width(glyphs, 0)
    if width > TYPE_W:
        size *= TYPE_W / width
        glyphs = shape(name, face, fonts, size)
        width = natural_width(glyphs, 0)
    canvas.saveState()
    canvas.setFillColor(RED)
    draw(canvas, glyphs, (PAGE_W - width) / 2, baseline(face, MARK_TOP, size), size, 0)
    canvas.restoreState()
    return MARK_TOP + size


def letter_head(canvas: Canvas, fonts: FontSet, office_name: str) -> float:
    """Mark and both double rules of a first page in letter format; returns where the
    first double rule ends, measured from the top edge."""
    mark_bottom = office_mark(canvas, fonts, office_name)
    double_rule(canvas, PAGE_H - BOTTOM_RULE - THICK - THIN - RULE_SPACE, thick_first=False)
    return double_rule(canvas, mark_bottom + RULE_GAP, thick_first=True)


def page_number(canvas: Canvas, fonts: FontSet, number: int) -> None:
    """``— 2 —`` in 4号 宋体 7 mm below the type area: odd pages one character in from the
    right, even pages one character in from the left."""
    face = fonts["song"]
    glyphs = shape(f"— {number} —", face, fonts, SIZE_4)
    width = natural_width(glyphs, 0)
    x = LEFT + TYPE_W - SIZE_4 - width if number % 2 else LEFT + SIZE_4
    draw(canvas, glyphs, x, baseline(face, TYPE_BOTTOM + PAGE_NUMBER_GAP, SIZE_4), SIZE_4, 0)
