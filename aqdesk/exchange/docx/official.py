"""The GB/T 9704-2012 page in Word: A4 with the 156 × 225 mm type area at 28/37 mm, the
document grid of 22 lines × 28 characters, fonts by role set for East Asian text, the red
office mark and double rules of the letter format as shapes fixed to the page, and page
numbers ``— N —`` in 4号 宋体, odd pages right and even pages left.

Word and LibreOffice read the same file: the grid, exact line pitch and character spacing
are all given, so neither has to guess.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from aqdesk.domain import palette
from aqdesk.domain.typography import JOINER, prepare
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import CHOSEN, STAND_IN, FontSet

# the typefaces a clerk's Word looks for, by role (the office's own fonts, not this machine's)
FACES = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "kai": "楷体_GB2312", "song": "宋体"}
RED = RGBColor.from_string(palette.excel(palette.OFFICIAL_RED))
PITCH_TWIPS = round(gb.PITCH * 20)  # 28.99 pt, the 22-line grid
# twentieths of a point after each character: 0.5 pt, more than the grid's −0.21 pt but short of the
# −0.75 pt at which a 29th character would fit, so a full line still holds 28 and is justified out to
# the grid. The slack is for LibreOffice, which sets no tracking after a character that a zero-width
# space follows (see word_text): at −0.25 pt a letter and the 催报通知 of the demo broke lines early
# or loose through LibreOffice, at −0.4 pt none did
TRACKING = -10
# the grid's own tracking, a shade under −0.21 pt, for short lines placed by measure (署名, 日期)
GRID_TRACKING = round(gb.BODY_SPACING * 20) - 1
INDENT = Twips(round(gb.INDENT * 20))
FOOT_SHIFT = 1.66  # mm: LibreOffice sets a footer's 14 pt line that much above its slot's foot
TEXT_DROP = 2.55  # mm from the top of an exact 28.99 pt line to the em box of its 3号 text
TITLE_DROP = 0.44  # mm, the same for 2号 text
MARK_DROP = 1.53  # mm from a frame's top to the em box of the office mark in it
# mm the office mark is raised above its em box's 30 mm: the stand-in's ink sits 1.7 mm inside the em
# box, so 0.8 mm up puts both the em box and the printed ink within the standard's ±1 mm of 30 mm
MARK_LIFT = 0.8
# Chinese as the language of Latin letters and digits in lines placed by measure (署名, 日期): where the
# office's font is missing, LibreOffice then draws their digits from a Chinese font, half-width as in
# 仿宋_GB2312 and the PDF, not from a wide Western one. Not for running text: for Chinese it breaks
# lines inside numbers, joiners or not (LibreOffice 7.4)
DIGITS_LANGUAGE = "zh-CN"
ZWSP = "\u200b"  # ZERO WIDTH SPACE: a break opportunity that prints nothing
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSING = "，。、；：！？）》」』】〕〉"
_BOUNDARY = re.compile(f"(?<=[{_IDEOGRAPH}{_CLOSING}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_IDEOGRAPH}])")


# WordprocessingML wants a paragraph's and a run's properties in this order; Word refuses a
# file where they are not
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
             "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
             "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
             "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
             "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
             "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
             "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
             "w:specVanish", "w:oMath")


def place(parent, child, order: tuple[str, ...]):
    """Put ``child`` among ``parent``'s properties where the schema's order wants it."""
    tag = next(t for t in order if qn(t) == child.tag)
    parent.insert_element_before(child, *order[order.index(tag) + 1:])
    return child


def faces_for(fonts: FontSet | None) -> dict[str, str]:
    """The family named for each role: the office's typeface by its usual name (a Windows
    font file's name is no family name), or the font the office chose or the machine's
    stand-in (so the draft shows what the PDF shows), never a borrowed or built-in face
    standing for another role."""
    if fonts is None:
        return dict(FACES)
    return {role: fonts[role].family if fonts.origins.get(role) in (CHOSEN, STAND_IN) else name
            for role, name in FACES.items()}


def new_document(faces: dict[str, str], *, first_page_number: bool) -> DocumentObject:
    """An empty A4 document on the official grid."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.top_margin = Mm(28), Mm(37 - TEXT_DROP)
    section.right_margin, section.bottom_margin = Mm(210 - 28 - 156), Mm(297 - 37 - 225 + TEXT_DROP)
    section.header_distance = Mm(15)
    # the number's em box 7 mm below the type area: its 14 pt line ends 297 − 269 − 4.94 mm above the edge
    section.footer_distance = Mm(297 - (gb.TYPE_BOTTOM + gb.PAGE_NUMBER_GAP) / gb.MM - gb.SIZE_4 / gb.MM - FOOT_SHIFT)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # Word's grid pitch is recorded, but the grid is not switched on. Measured in LibreOffice 7.4: a
    # lines-only grid moves every line 4 mm down (a ruby band) and keeps its Chinese–Latin gap; a
    # lines-and-characters grid of 15.79 pt cells gives each 16 pt character two cells (14 a line).
    # The exact line pitch and the tracking make the grid.
    grid.set(qn("w:linePitch"), str(PITCH_TWIPS))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(gb.SIZE_3)
    set_faces(normal.element.get_or_add_rPr(), faces["body"])
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(PITCH_TWIPS)
    fmt.widow_control = False
    # no extra space between Chinese and Latin letters or digits: the PDF sets none, and the
    # grid's 28 characters a line count on it
    no_autospace(normal.element.get_or_add_pPr())
    _page_numbers(doc, faces["song"], first_page_number)
    return doc


def word_text(text: str) -> str:
    """``text`` as a Word draft holds it: document numbers joined as the PDF has them, and a
    zero-width space where Chinese text meets a Latin letter or digit. LibreOffice would put a
    fifth of an em between a Chinese character and a letter or digit (it ignores
    ``w:autoSpaceDE``/``autoSpaceDN``, which Word honours), and breaks no line between a
    closing mark and a letter or digit (``），PM2.5``), which Chinese typesetting allows; the
    zero-width space prints nothing, in Word either.
    Other joiners (an office's name) are the PDF's business: a draft's lines are the editor's."""
    return _BOUNDARY.sub(ZWSP, prepare(text.replace(JOINER, "")))


def digits_in_chinese(paragraph: Paragraph) -> None:
    """Latin letters and digits of ``paragraph`` marked Chinese (see DIGITS_LANGUAGE)."""
    for r in paragraph.runs:
        rpr = r._element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = place(rpr, OxmlElement("w:lang"), RPR_ORDER)
        lang.set(qn("w:val"), DIGITS_LANGUAGE)


def no_autospace(ppr) -> None:
    """No extra space between Chinese and Latin letters or digits, and no punctuation hung
    past the right edge of the type area (Word reads these from the style too; LibreOffice only
    from each paragraph, ignores the first, see word_text, and takes w:overflowPunct the wrong
    way round, which does no harm while its East Asian language is not Chinese)."""
    for name in ("w:overflowPunct", "w:autoSpaceDE", "w:autoSpaceDN"):
        if ppr.find(qn(name)) is None:
            off = OxmlElement(name)
            off.set(qn("w:val"), "0")
            place(ppr, off, PPR_ORDER)


def set_faces(rpr, face: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = place(rpr, OxmlElement("w:rFonts"), RPR_ORDER)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face)


def run(paragraph: Paragraph, text: str, face: str, size: float = gb.SIZE_3, *, color: RGBColor | None = None,
        tracking: int | None = TRACKING):
    r = paragraph.add_run(word_text(text))
    r.font.size = Pt(size)
    set_faces(r._element.get_or_add_rPr(), face)
    if color is not None:
        r.font.color.rgb = color
    if tracking:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(tracking))
        place(r._element.get_or_add_rPr(), spacing, RPR_ORDER)
    return r


def paragraph(doc: DocumentObject, text: str, face: str, *, indent: bool = True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
              size: float = gb.SIZE_3, keep_with_next: bool = False, tracking: int | None = TRACKING,
              space_before: float = 0.0, right_indent: float = 0.0, line: float | None = None) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    no_autospace(fmt.element.get_or_add_pPr())
    fmt.alignment = align
    if indent:
        fmt.first_line_indent = INDENT
        ind = fmt.element.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "200")
    if right_indent:
        fmt.right_indent = Pt(right_indent)
    if space_before:
        fmt.space_before = Pt(space_before)
    if line is not None:
        fmt.line_spacing = Pt(line)
    fmt.keep_with_next = keep_with_next
    if text:
        run(p, text, face, size, tracking=tracking)
    return p


def blank(doc: DocumentObject) -> Paragraph:
    return doc.add_paragraph()


def letter_head(doc: DocumentObject, faces: dict, office_name: str) -> None:
    """The red office mark 30 mm from the top edge and the two red 170 mm double rules, in
    frames fixed to the first page (a frame's red shading is each rule); the first paragraph
    after them must start below the upper rules."""
    size = min(36.0, gb.TYPE_W / max(1, len(office_name)))
    mark = doc.add_paragraph()
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.line_spacing = Pt(size * 1.2)
    _frame(mark, gb.TYPE_W, size * 1.2, gb.MARK_TOP - size * 0.1 + (MARK_DROP - MARK_LIFT) * gb.MM)
    run(mark, office_name, faces["title"], size, color=RED, tracking=None)
    top = gb.MARK_TOP + size + gb.RULE_GAP
    bottom_top = gb.PAGE_H - gb.BOTTOM_RULE - gb.THICK - gb.THIN - gb.RULE_SPACE
    for at, height in ((top, gb.THICK), (top + gb.THICK + gb.RULE_SPACE, gb.THIN),
                       (bottom_top, gb.THIN), (bottom_top + gb.THIN + gb.RULE_SPACE, gb.THICK)):
        rule = doc.add_paragraph()
        rule.paragraph_format.line_spacing = Pt(height)
        _frame(rule, gb.RULE_LENGTH, height, at)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), palette.excel(palette.OFFICIAL_RED))
        place(rule.paragraph_format.element.get_or_add_pPr(), shading, PPR_ORDER)


def _frame(paragraph: Paragraph, width: float, height: float, top: float) -> None:
    """Fix ``paragraph`` in a frame of that size, centred on the page, ``top`` from its top edge."""
    frame = OxmlElement("w:framePr")
    for key, value in (("w:w", str(round(width * 20))), ("w:h", str(round(height * 20))), ("w:hRule", "exact"),
                       ("w:wrap", "none"), ("w:vAnchor", "page"), ("w:hAnchor", "page"), ("w:xAlign", "center"),
                       ("w:y", str(round(top * 20)))):
        frame.set(qn(key), value)
    place(paragraph.paragraph_format.element.get_or_add_pPr(), frame, PPR_ORDER)


def _page_numbers(doc: DocumentObject, face: str, first_page_number: bool) -> None:
    section = doc.sections[0]
    doc.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = not first_page_number
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        p = footer.paragraphs[0]
        no_autospace(p.paragraph_format.element.get_or_add_pPr())
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.line_spacing = Pt(gb.SIZE_4)
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        if odd:
            p.paragraph_format.right_indent = Pt(gb.SIZE_4)
        else:
            p.paragraph_format.left_indent = Pt(gb.SIZE_4)
        run(p, "— ", face, gb.SIZE_4, tracking=None)
        _field(run(p, "", face, gb.SIZE_4, tracking=None), "PAGE")
        run(p, " —", face, gb.SIZE_4, tracking=None)


def _field(r, code: str) -> None:
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        r._element.append(el)


def to_bytes(doc: DocumentObject) -> bytes:
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

