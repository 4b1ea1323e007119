"""The three-colour supervision sheet (三色督办单): one A4 page headed in the level's colour,
a ruled form with the unit, the items and their warnings, the requirement and the time
limit, and room for the unit to sign for it and report back and for the office to verify.

Long text is set smaller, down to 五号; what still does not fit goes on continuation pages
(续页) after the form, so the form itself stays one page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import Face, FontSet, font_set
from aqdesk.exchange.pdf.pages import Line, aligned, balanced, draw_pages, paginate, paragraph
from aqdesk.exchange.pdf.textflow import Glyph, break_lines, draw, natural_width, shape

MM = gb.MM
INK = {
    "red": gb.RED,
    "yellow": CMYKColor(0, 0.3, 1, 0),  # a yellow dark enough to read as text on white
    "green": CMYKColor(0.8, 0, 0.9, 0.15),
}
TITLE_SIZE = 30.0
CELL_SIZES = (14.0, 13.0, 12.0, 11.0, 10.5)  # 4号 down to 五号
LABEL_W = 28 * MM
PAD_X, PAD_Y = 2.5 * MM, 2.2 * MM
TABLE_TOP = 60 * MM
TABLE_BOTTOM = 252 * MM
SIGN_H = 13 * MM
FEEDBACK_H = (32 * MM, 60 * MM)  # least and most the 反馈 box takes
CHECK_H = (20 * MM, 26 * MM)
MORE = "（下转续页）"


@dataclass(frozen=True)
class ItemLine:
    text: str
    color: str  # red | yellow | green


@dataclass(frozen=True)
class SheetContent:
    office_name: str
    office_short_name: str
    level: str  # red | yellow | green
    level_label: str  # 红
    number: str
    issued_on: dt.date
    unit: str
    unit_leader: str
    subject: str
    source: str
    items: tuple[ItemLine, ...]
    requirement: str
    time_limit: str


@dataclass
class _Cell:
    label: str
    lines: list[list[Glyph]]
    size: float
    height: float
    markers: list[str | None]  # an item's colour on the first line of each item
    indents: list[float] | None = None  # the hanging indent of an item's later lines
    hint: str = ""


def render_sheet(content: SheetContent, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or font_set()
    fonts.refuse_undrawable(content)
    buffer = BytesIO()
    canvas = gb.new_canvas(buffer, fonts, title=f"{content.level_label}色督办单 {content.number}",
                           author=content.office_name, subject=content.subject)
    ink = INK[content.level]
    _head(canvas, fonts, content, ink)
    cells, overflow = _layout(content, fonts)
    _table(canvas, fonts, cells, ink)
    _foot(canvas, fonts, content)
    if overflow:
        canvas.showPage()
        lines = balanced(f"{content.level_label}色督办单续页（{content.number}）", fonts["heading"], fonts, gb.SIZE_3)
        lines.append(Line())
        for label, text in overflow:
            lines.extend(paragraph(f"{label}（续）", fonts["heading"], fonts, indent=0, heading=True))
            lines.extend(paragraph(text, fonts["body"], fonts, indent=0))
        draw_pages(canvas, fonts, paginate(lines), first_number=2)
    canvas.save()
    return buffer.getvalue()


def _head(canvas: Canvas, fonts: FontSet, c: SheetContent, ink: Color) -> None:
    canvas.saveState()
    canvas.setFillColor(ink)
    title = fonts["title"]
    office = shape(c.office_name, title, fonts, gb.SIZE_2)
    width = natural_width(office, 0)
    size = gb.SIZE_2 * min(1.0, gb.TYPE_W / width)
    if size != gb.SIZE_2:
        office = shape(c.office_name, title, fonts, size)
    draw(canvas, office, (gb.PAGE_W - natural_width(office, 0)) / 2, gb.baseline(title, 20 * MM, size), size, 0)
    heading = shape(f"{c.level_label}色督办单", title, fonts, TITLE_SIZE)
    spacing = TITLE_SIZE * 0.5
    draw(canvas, heading, (gb.PAGE_W - natural_width(heading, spacing)) / 2,
         gb.baseline(title, 31 * MM, TITLE_SIZE), TITLE_SIZE, spacing)
    canvas.restoreState()
    _band(canvas, 46 * MM, ink)
    body = fonts["body"]
    left = shape(f"编号：{c.number}", body, fonts, 14)
    right = shape(f"交办日期：{chinese_date(c.issued_on)}", body, fonts, 14)
    top = 51 * MM
    draw(canvas, left, gb.LEFT, gb.baseline(body, top, 14), 14, 0)
    draw(canvas, right, gb.LEFT + gb.TYPE_W - natural_width(right, 0), gb.baseline(body, top, 14), 14, 0)


def _band(canvas: Canvas, top: float, ink: Color) -> None:
    """The level's colour across the head of the form, a thick band over a thin rule."""
    canvas.saveState()
    canvas.setFillColor(ink)
    canvas.rect(gb.LEFT, gb.y(top + 2.2 * MM), gb.TYPE_W, 2.2 * MM, stroke=0, fill=1)
    canvas.rect(gb.LEFT, gb.y(top + 3.2 * MM), gb.TYPE_W, 0.35 * MM, stroke=0, fill=1)
    canvas.restoreState()


def _wrap(text: str, face: Face, fonts: FontSet, size: float, hang: float = 0.0) -> list[list[Glyph]]:
    """Lines of a cell; with ``hang`` every line after the first is that much narrower, for
    the hanging indent under an item's number."""
    width = gb.TYPE_W - LABEL_W - 2 * PAD_X - hang
    lines = []
    for part in (text or "").split("\n"):
        lines.extend(break_lines(shape(part, face, fonts, size), width, 0, -hang))
    return lines


def _leading(size: float) -> float:
    return size * 1.45


def _height(lines: int, size: float) -> float:
    return max(lines, 1) * _leading(size) + 2 * PAD_Y


def _number(n: int) -> str:
    """（1）, not 1.: a task code follows, and 「1.5-01」 would read as one number."""
    return f"（{n}）"


def _items(c: SheetContent, fonts: FontSet, size: float
           ) -> tuple[list[list[Glyph]], list[str | None], list[float], list[int]]:
    """The items' lines, their colour markers and hanging indents, and where each item's
    lines start."""
    lines, markers, indents, starts = [], [], [], []
    numbered = len(c.items) > 1
    for n, item in enumerate(c.items, 1):
        prefix = _number(n) if numbered else ""
        hang = natural_width(shape(prefix, fonts["body"], fonts, size), 0)
        wrapped = _wrap(prefix + item.text, fonts["body"], fonts, size, hang)
        starts.append(len(lines))
        lines.extend(wrapped)
        markers.extend([item.color] + [None] * (len(wrapped) - 1))
        indents.extend([0.0] + [hang] * (len(wrapped) - 1))
    return lines, markers, indents, starts


def _layout(c: SheetContent, fonts: FontSet) -> tuple[list[_Cell], list[tuple[str, str]]]:
    body = fonts["body"]
    leader = f"（责任领导：{c.unit_leader}）" if c.unit_leader else ""
    fixed = [("责任单位", c.unit + leader), ("督办事项", c.subject), ("问题来源", c.source or "台账预警"),
             ("办理时限", c.time_limit)]
    fixed_cells = [_Cell(label, lines, 14.0, _height(len(lines), 14.0), [None] * len(lines))
                   for label, text in fixed for lines in [_wrap(text, body, fonts, 14.0)]]
    room = TABLE_BOTTOM - TABLE_TOP - sum(cell.height for cell in fixed_cells) - SIGN_H
    overflow: list[tuple[str, str]] = []
    for size in CELL_SIZES:
        item_lines, markers, indents, starts = _items(c, fonts, size)
        req_lines = _wrap(c.requirement, body, fonts, size)
        flexible = _height(len(item_lines), size) + _height(len(req_lines), size)
        if flexible + FEEDBACK_H[0] + CHECK_H[0] <= room:
            break
    else:
        size = CELL_SIZES[-1]
        budget = int((room - FEEDBACK_H[0] - CHECK_H[0] - 4 * PAD_Y) / _leading(size))
        keep_items = min(len(item_lines), max(1, budget // 2))
        if keep_items < len(item_lines):  # whole items on the form, the rest continued on the 续页
            shown = sum(1 for start in starts[1:] if start <= keep_items - 1)
            overflow.append(("涉及事项", "\n".join(f"{_number(n)}{i.text}" for n, i in
                                                enumerate(c.items[shown:], shown + 1))))
            item_lines = item_lines[:starts[shown]] + _wrap(MORE, body, fonts, size)
            markers, indents = markers[:starts[shown]] + [None], indents[:starts[shown]] + [0.0]
        keep_req = max(1, budget - len(item_lines))
        if keep_req < len(req_lines):
            overflow.append(("整改要求", "".join(g.ch for line in req_lines[keep_req - 1:] for g in line)))
            req_lines = req_lines[:keep_req - 1] + _wrap(MORE, body, fonts, size)
        flexible = _height(len(item_lines), size) + _height(len(req_lines), size)
    spare = room - flexible - FEEDBACK_H[0] - CHECK_H[0]
    check = CHECK_H[0] + min(spare / 3, CHECK_H[1] - CHECK_H[0])
    feedback = min(FEEDBACK_H[1], FEEDBACK_H[0] + spare - (check - CHECK_H[0]))
    cells = fixed_cells[:3] + [
        _Cell("涉及事项", item_lines, size, _height(len(item_lines), size), markers, indents=indents),
        _Cell("整改要求", req_lines, size, _height(len(req_lines), size), [None] * len(req_lines)),
        fixed_cells[3],
        _Cell("签收", [shape("签收人：　　　　　　　签收时间：　　年　　月　　日", body, fonts, 14.0)], 14.0,
              SIGN_H, [None]),
        _Cell("反馈情况", [], 14.0, feedback, [], hint="（责任单位填写整改措施和完成情况，附佐证材料，可另附页）"),
        _Cell("核查意见", [], 14.0, check, [], hint=f"（{c.office_short_name}填写）　□ 核查通过，同意销号　　□ 退回整改"),
    ]
    return cells, overflow


def _table(canvas: Canvas, fonts: FontSet, cells: list[_Cell], ink: Color) -> None:
    top = TABLE_TOP
    right = gb.LEFT + gb.TYPE_W
    tint = CMYKColor(*(v * 0.12 for v in (ink.cyan, ink.magenta, ink.yellow, ink.black)))
    label_face, body = fonts["heading"], fonts["body"]
    canvas.saveState()
    canvas.setLineWidth(0.6)
    # the label column is tinted in one piece first: a cell's tint painted after the rule above
    # it would cover that rule
    height = sum(cell.height for cell in cells)
    canvas.setFillColor(tint)
    canvas.rect(gb.LEFT, gb.y(top + height), LABEL_W, height, stroke=0, fill=1)
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    for cell in cells:
        bottom = top + cell.height
        label = shape(cell.label, label_face, fonts, 14.0)
        spacing = 14.0 * 0.5 if len(label) <= 2 else 0.0
        label_top = top + (cell.height - 14.0) / 2
        draw(canvas, label, gb.LEFT + (LABEL_W - natural_width(label, spacing)) / 2,
             gb.baseline(label_face, label_top, 14.0), 14.0, spacing)
        x = gb.LEFT + LABEL_W + PAD_X
        if cell.hint:
            canvas.setFillColor(CMYKColor(0, 0, 0, 0.6))
            draw(canvas, shape(cell.hint, body, fonts, 10.5), x, gb.baseline(body, top + PAD_Y, 10.5), 10.5, 0)
            canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        line_top = top + PAD_Y + (_leading(cell.size) - cell.size) / 2
        indents = cell.indents or [0.0] * len(cell.lines)
        for glyphs, marker, indent in zip(cell.lines, cell.markers, indents, strict=False):
            if marker:  # a coloured tick in the margin shows the item's warning colour
                canvas.setFillColor(INK[marker])
                canvas.rect(x - 1.9 * MM, gb.y(line_top + cell.size * 0.75), 1.1 * MM, cell.size * 0.55,
                            stroke=0, fill=1)
                canvas.setFillColor(CMYKColor(0, 0, 0, 1))
            draw(canvas, glyphs, x + indent, gb.baseline(body, line_top, cell.size), cell.size, 0)
            line_top += _leading(cell.size)
        canvas.line(gb.LEFT, gb.y(bottom), right, gb.y(bottom))
        top = bottom
    canvas.setLineWidth(1.2)
    canvas.rect(gb.LEFT, gb.y(top), gb.TYPE_W, top - TABLE_TOP, stroke=1, fill=0)
    canvas.setLineWidth(0.6)
    canvas.line(gb.LEFT + LABEL_W, gb.y(TABLE_TOP), gb.LEFT + LABEL_W, gb.y(top))
    canvas.restoreState()


def _foot(canvas: Canvas, fonts: FontSet, c: SheetContent) -> None:
    body = fonts["body"]
    note = (f"说明：责任单位收到本督办单后应即签收，并于办理时限内将整改情况书面反馈{c.office_short_name}；"
            "逾期未反馈或整改不到位的，将按程序约谈直至问责。")
    top = TABLE_BOTTOM + 4 * MM
    for glyphs in break_lines(shape(note, body, fonts, 10.5), gb.TYPE_W, 0):
        draw(canvas, glyphs, gb.LEFT, gb.baseline(body, top, 10.5), 10.5, 0)
        top += _leading(10.5)
    signed = aligned(f"交办单位（盖章）：{c.office_name}", body, fonts, 14.0, "right")
    draw(canvas, signed.glyphs, signed.x, gb.baseline(body, top + 4 * MM, 14.0), 14.0, 0)


@dataclass(frozen=True)
class FormSplit:
    """What of a sheet's text the one-page form holds, for a writer that sets the same form
    (the Word draft): the items shown, the requirement shown, their size, and the rest."""

    items_shown: int
    requirement_shown: str
    size: float
    continued: list[tuple[str, str]]


def form_split(content: SheetContent, fonts: FontSet | None = None) -> FormSplit:
    cells, overflow = _layout(content, fonts or font_set())
    items, requirement = cells[3], cells[4]
    cut = {label for label, _text in overflow}
    shown = sum(1 for m in items.markers if m) if "涉及事项" in cut else len(content.items)
    text = ("".join(g.ch for line in requirement.lines[:-1] for g in line) if "整改要求" in cut
            else content.requirement)
    return FormSplit(shown, text, items.size, overflow)
