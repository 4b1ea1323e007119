"""Reading produced PDFs back as a person would check them: text, lines, fonts, ink.

Geometry comes from PDFium (pypdfium2, which pdfplumber brings along): pdfminer leaves
out the character spacing after the last glyph of each string, so its positions drift
wherever a font's subset changes mid-line.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2

MM = 72 / 25.4


def page_lines(path: Path) -> list[list[tuple[float, float, float, str]]]:
    """For each page, (top, left, right, text) in millimetres of each line of characters,
    measured on the characters' advance boxes."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [_lines(page) for page in pdf]
    finally:
        pdf.close()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [(page.get_width() / MM, page.get_height() / MM) for page in pdf]
    finally:
        pdf.close()


def _lines(page) -> list[tuple[float, float, float, str]]:
    height = page.get_height()
    text = page.get_textpage()
    chars = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if ch.strip():
            left, _bottom, right, top = text.get_charbox(i, loose=True)
            chars.append(((height - top) / MM, left / MM, right / MM, ch))
    chars.sort()
    rows: list[list[tuple]] = []
    for c in chars:
        if rows and c[0] - rows[-1][0][0] < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [(min(c[0] for c in r), min(c[1] for c in r), max(c[2] for c in r),
             "".join(c[3] for c in sorted(r, key=lambda c: c[1]))) for r in rows]


def pages_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def unembedded_fonts(path: Path) -> list[str]:
    """Names of fonts used without an embedded font file."""
    missing = []
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for f in fonts:
                descriptor = f.get("/FontDescriptor")
                files = descriptor.get_object().keys() if descriptor else ()
                if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(files):
                    missing.append(str(f.get("/BaseFont")))
    return missing


def content_stream(path: Path, page: int = 0) -> bytes:
    return pypdf.PdfReader(path).pages[page].get_contents().get_data()
