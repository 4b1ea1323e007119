"""Merged cells of an OpenDocument spreadsheet (.ods), which calamine does not report.

LibreOffice users merge a county's cell down over its townships just as Excel users do; read
without its merges, every township row but the first would lack its county.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import iterparse

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_SHEET = _TABLE + "table"
_ROW = _TABLE + "table-row"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

Merge = tuple[tuple[int, int], tuple[int, int]]


def is_ods(archive: zipfile.ZipFile) -> bool:
    try:
        return archive.read("mimetype").strip() == _MIMETYPE
    except KeyError:
        return False


def ods_merges(data: bytes) -> dict[str, list[Merge]] | None:
    """Sheet name → its merged ranges as calamine gives them for Excel files:
    ((top, left), (bottom, right)), 0-based; None when ``data`` is not an .ods. The caller
    has checked the file is a safe zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not is_ods(archive):
            return None
        with archive.open("content.xml") as probe:
            if not any(b"-spanned=" in chunk for chunk in iter(lambda: probe.read(1 << 20), b"")):
                return {}  # nothing merged: no need to walk the XML
        with archive.open("content.xml") as content:
            return _walk(content)


def _walk(content) -> dict[str, list[Merge]]:
    merges: dict[str, list[Merge]] = {}
    ranges: list[Merge] = []
    row = column = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in _CELLS:
                rows = int(element.get(_TABLE + "number-rows-spanned", 1))
                columns = int(element.get(_TABLE + "number-columns-spanned", 1))
                if rows > 1 or columns > 1:
                    ranges.append(((row, column), (row + rows - 1, column + columns - 1)))
                column += int(element.get(_TABLE + "number-columns-repeated", 1))
            elif tag == _ROW:
                column = 0
            elif tag == _SHEET:
                ranges = merges.setdefault(element.get(_TABLE + "name", ""), [])
                row = 0
        elif tag == _ROW:
            row += int(element.get(_TABLE + "number-rows-repeated", 1))
            element.clear()  # keeps memory flat on a long sheet
    return merges
