"""The three-colour supervision sheet as a Word draft: the head in the level's colour, the
ruled form, the note and the issuing office on one page, as the PDF has them; what the form
cannot hold goes on a 续页 section with the official margins, split where the PDF splits."""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from aqdesk.domain import palette
from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.fonts import FontSet
from aqdesk.exchange.pdf.sheet import MORE, SheetContent, form_split

INK = {"red": RGBColor(0xFF, 0x00, 0x00), "yellow": RGBColor(0xFF, 0xB3, 0x00), "green": RGBColor(0x2B, 0xD9, 0x16)}
TINT = {color.value: palette.excel(tint) for color, tint in palette.SHEET_TINT.items()}
CELL_SIZE = 14.0
TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
              "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
LABEL_W = 28  # mm
FRAME_SZ, RULE_SZ = 10, 5  # eighths of a point: 1.2 and 0.6 pt, rounded up
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def write_sheet(content: SheetContent, fonts: FontSet | None = None) -> bytes:
    faces = wd.faces_for(fonts)
    doc = wd.new_document(faces, first_page_number=False)
    form = doc.sections[0]
    form.top_margin, form.bottom_margin = Mm(15), Mm(10)  # the form's page, as the PDF's (office name at 20 mm)
    split = form_split(content, fonts)
    ink = INK[content.level]
    _line(doc, content.office_name, faces["title"], gb.SIZE_2, ink, WD_ALIGN_PARAGRAPH.CENTER)
    heading = _line(doc, f"{content.level_label}色督办单", faces["title"], 30.0, ink, WD_ALIGN_PARAGRAPH.CENTER,
                    tracking=300)
    _rule(heading, content.level)
    numbered = doc.add_paragraph()
    numbered.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    numbered.paragraph_format.space_before = Pt(8)
    wd.run(numbered, f"编号：{content.number}\t交办日期：{chinese_date(content.issued_on)}", faces["body"], CELL_SIZE,
           tracking=None)
    leader = f"（责任领导：{content.unit_leader}）" if content.unit_leader else ""
    numbered_items = len(content.items) > 1
    items = [f"（{n}）{i.text}" if numbered_items else i.text for n, i in enumerate(content.items, 1)]
    shown = items[:split.items_shown] + ([MORE] if split.items_shown < len(items) else [])
    requirement = [p for p in split.requirement_shown.splitlines() if p.strip()]
    if split.requirement_shown != content.requirement:
        requirement.append(MORE)
    rows = [("责任单位", [content.unit + leader], 0), ("督办事项", [content.subject], 0),
            ("问题来源", [content.source or "台账预警"], 0), ("涉及事项", shown, split.size),
            ("整改要求", requirement, split.size),
            ("办理时限", [content.time_limit], 0),
            ("签收", ["签收人：　　　　　　　签收时间：　　年　　月　　日"], 13),
            ("反馈情况", ["（责任单位填写整改措施和完成情况，附佐证材料，可另附页）"], 32),
            ("核查意见", [f"（{content.office_short_name}填写）　□ 核查通过，同意销号　　□ 退回整改"], 20)]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    _frame(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, (LABEL_W, 156 - LABEL_W), strict=True):
        column.width = Mm(width)
    for r, (label, texts, size) in enumerate(rows):
        left, right = table.cell(r, 0), table.cell(r, 1)
        left.width, right.width = Mm(LABEL_W), Mm(156 - LABEL_W)
        _shade(left, TINT[content.level])
        left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # the label mid-row, as the PDF sets it
        _cell_text(left, label, faces["heading"], WD_ALIGN_PARAGRAPH.CENTER)
        least = {"签收": 13, "反馈情况": 32, "核查意见": 20}.get(label)
        for i, text in enumerate(texts):
            _cell_text(right, text, faces["body"], WD_ALIGN_PARAGRAPH.LEFT, first=i == 0,
                       size=10.5 if least and least > 13 else size or CELL_SIZE)
        if least:
            table.rows[r].height = Mm(least)
    note = wd.paragraph(doc, f"说明：责任单位收到本督办单后应即签收，并于办理时限内将整改情况书面反馈{content.office_short_name}；"
                             "逾期未反馈或整改不到位的，将按程序约谈直至问责。", faces["body"], indent=False, size=10.5,
                        tracking=None, space_before=6, line=10.5 * 1.45)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    wd.paragraph(doc, f"交办单位（盖章）：{content.office_name}", faces["body"], indent=False,
                 align=WD_ALIGN_PARAGRAPH.RIGHT, size=CELL_SIZE, tracking=None, space_before=8, line=CELL_SIZE * 1.45)
    if split.continued:
        _continuation(doc, faces, content, split.continued)
    return wd.to_bytes(doc)


def _continuation(doc, faces: dict[str, str], content: SheetContent, continued: list[tuple[str, str]]) -> None:
    """The 续页: a new section on the official margins, numbered from 2."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # the 续页 is page 2 and numbered
    section.top_margin = Mm(37 - wd.TEXT_DROP)
    section.bottom_margin = Mm(297 - 37 - 225 + wd.TEXT_DROP)
    wd.paragraph(doc, f"{content.level_label}色督办单续页（{content.number}）", faces["heading"], indent=False,
                 align=WD_ALIGN_PARAGRAPH.CENTER)
    wd.blank(doc)
    for label, text in continued:
        wd.paragraph(doc, f"{label}（续）", faces["heading"], indent=False, keep_with_next=True)
        for part in text.split("\n"):
            wd.paragraph(doc, part, faces["body"], indent=False)


def _line(doc, text: str, face: str, size: float, ink: RGBColor, align, tracking: int | None = None):
    p = doc.add_paragraph()
    p.paragraph_format.alignment = align
    p.paragraph_format.line_spacing = Pt(size * 1.4)
    wd.run(p, text, face, size, color=ink, tracking=tracking)
    return p


def _rule(paragraph, level: str) -> None:
    """The level's colour across the head of the form: a thick line over a thin one."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "4"),
                       ("w:color", str(INK[level]))):
        bottom.set(qn(key), value)
    border.append(bottom)
    wd.place(paragraph.paragraph_format.element.get_or_add_pPr(), border, wd.PPR_ORDER)


def _frame(table) -> None:
    """The form's rules as the PDF draws them: a 1.2 pt frame round 0.6 pt rules."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = OxmlElement(f"w:{side}")
        outer = not side.startswith("inside")
        for key, value in (("w:val", "single"), ("w:sz", str(FRAME_SZ if outer else RULE_SZ)), ("w:space", "0"),
                           ("w:color", "auto")):
            rule.set(qn(key), value)
        borders.append(rule)
    table._tbl.tblPr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    wd.place(cell._tc.get_or_add_tcPr(), shading, TCPR_ORDER)


def _cell_text(cell, text: str, face: str, align, first: bool = True, size: float = CELL_SIZE) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.paragraph_format.alignment = align
    p.paragraph_format.line_spacing = Pt(size * 1.45)
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(2)
    wd.run(p, text, face, size, tracking=None)
