"""A 通报 as a Word draft, laid out as the PDF: the letter's head, number, title, addressee
and text, the 附件 note two characters in under the text, the signature and date; each 附件
from a new page with ``附件N`` in 黑体, its title centred, and a ruled table in 五号 across the
type area whose header row repeats on every page it runs over."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from aqdesk.exchange.docx import official as wd
from aqdesk.exchange.docx.letter import letter_body, signature_block
from aqdesk.exchange.pdf import official as gb
from aqdesk.exchange.pdf.bulletin import CELL_PAD, TABLE_SIZE, BulletinContent, Table
from aqdesk.exchange.pdf.fonts import FontSet
from aqdesk.exchange.pdf.letter import LetterContent

NOTE_LEAD = 3  # cells taken by 附件：, under which the later names align


def write_bulletin(content: BulletinContent, fonts: FontSet | None = None) -> bytes:
    faces = wd.faces_for(fonts)
    doc = letter_body(LetterContent(content.office_name, content.number, content.title, content.addressee,
                                    content.paragraphs, content.signature, content.date), faces)
    tables = content.attachments
    if tables:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
        wd.blank(doc).paragraph_format.keep_with_next = True  # 正文下空一行
        for n, table in enumerate(tables, 1):
            name = f"{n}.{table.title}" if len(tables) > 1 else table.title
            note = wd.paragraph(doc, ("附件：" if n == 1 else "") + name, faces["body"], indent=False,
                                align=WD_ALIGN_PARAGRAPH.LEFT, keep_with_next=True)
            note.paragraph_format.left_indent = Pt(gb.INDENT + (0 if n == 1 else NOTE_LEAD * gb.CELL))
    signature_block(doc, faces, content.signature, content.date, fonts)
    for n, table in enumerate(tables, 1):
        _attachment(doc, faces, n, table)
    return wd.to_bytes(doc)


def _attachment(doc, faces: dict[str, str], n: int, table: Table) -> None:
    head = wd.paragraph(doc, f"附件{n}", faces["heading"], indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    head.paragraph_format.page_break_before = True
    wd.blank(doc)
    wd.paragraph(doc, table.title, faces["title"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=gb.SIZE_2,
                 tracking=None)
    ruled = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    ruled.style = doc.styles["Table Grid"]
    ruled.alignment = WD_TABLE_ALIGNMENT.CENTER
    ruled.autofit = False
    widths = [Mm(share * gb.TYPE_W / gb.MM) for _h, share in table.columns]
    for column, width in zip(ruled.columns, widths, strict=True):
        column.width = width
    _repeat_header(ruled.rows[0])
    cells = [[h for h, _s in table.columns], *table.rows]
    for r, texts in enumerate(cells):
        for c, text in enumerate(texts):
            cell = ruled.cell(r, c)
            cell.width = widths[c]
            p = cell.paragraphs[0]
            # one-line figures centred, longer text flush left, as the PDF sets them
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or len(text) <= 8 \
                else WD_ALIGN_PARAGRAPH.LEFT
            p.paragraph_format.line_spacing = Pt(TABLE_SIZE * 1.4)
            p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(CELL_PAD)
            wd.run(p, text, faces["heading" if r == 0 else "body"], TABLE_SIZE, tracking=None)


def _repeat_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)
