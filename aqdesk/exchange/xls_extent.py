"""How big each sheet of an old .xls (BIFF inside an OLE compound file) claims to be.

calamine sizes a sheet's grid from its DIMENSIONS record and the cells' positions before
anything can be looked at: one damaged record (a first row past the last) asked it for 1.3 TB
and the process died of SIGABRT. This reads just the record headers, in bounded time, so the
reader can refuse such a file with a message instead.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _BOUNDSHEET, _DIMENSIONS, _FILEPASS, _ROW = 0x0809, 0x0085, 0x0200, 0x002F, 0x0208
# Records that start with the cell's row and column (u16 each).
_CELLS = frozenset({0x0203, 0x00FD, 0x027E, 0x0201, 0x0204, 0x0205, 0x0006, 0x00D6})
_SPANS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column, …, last column


class Damaged(ValueError):
    """The compound file's structure does not hold together."""


def sheet_extents(data: bytes) -> Iterator[tuple[str, int, int]]:
    """(name, rows, columns) of each worksheet, as far as its records reach. Nothing for a
    file locked with a password: its records are ciphered, and calamine names the lock."""
    stream = _workbook_stream(data)
    names: dict[int, str] = {}
    name, rows, columns = "", 0, 0
    in_sheet = False
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4:at + 4 + length]
        start, at = at, at + 4 + length
        if kind == _FILEPASS:
            return
        if kind == _BOUNDSHEET and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _sheet_name(body)
        elif kind == _BOF:
            if in_sheet:
                yield name, rows, columns
            name, rows, columns = names.get(start, f"第{len(names)}个工作表"), 0, 0
            in_sheet = len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == 0x0010  # a worksheet
        elif not in_sheet:
            continue
        elif kind == _DIMENSIONS and len(body) >= 14:
            first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", body)
            if first_row > last_row or first_column > last_column:
                raise Damaged("DIMENSIONS")
            rows, columns = max(rows, last_row), max(columns, last_column)
        elif kind in _CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in _SPANS and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            if first > last:
                raise Damaged("MULRK")
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == _ROW and len(body) >= 6:
            row, _first, last = struct.unpack_from("<HHH", body)
            rows, columns = max(rows, row + 1), max(columns, last)
    if in_sheet:
        yield name, rows, columns


def _sheet_name(body: bytes) -> str:
    """BOUNDSHEET: position u32, visibility, type, then a short string (length, flags, text)."""
    length, wide = body[6], body[7] & 1
    text = body[8:8 + length * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


def _workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` (or older ``Book``) stream of an OLE compound file."""
    if len(data) < 512:
        raise Damaged("header")
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
    if sector_size not in (512, 4096) or mini_size != 64:
        raise Damaged("sector size")
    directory_start, = struct.unpack_from("<I", data, 0x30)
    cutoff, mini_fat_start = struct.unpack_from("<II", data, 0x38)
    difat_start, difat_count = struct.unpack_from("<II", data, 0x44)
    sectors = (len(data) - 512) // sector_size

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise Damaged("sector")
        offset = 512 + number * sector_size
        return data[offset:offset + sector_size]

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    for _ in range(min(difat_count, sectors)):
        if difat_start >= sectors:
            break
        block = struct.unpack(f"<{sector_size // 4}I", sector(difat_start))
        fat_sectors.extend(block[:-1])
        difat_start = block[-1]
    fat: list[int] = []
    for number in fat_sectors:
        if number not in (_FREE, _END_OF_CHAIN) and number < sectors:
            fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))

    def chain(start: int, table: list[int]) -> Iterator[int]:
        seen = 0
        while start not in (_FREE, _END_OF_CHAIN):
            if start >= len(table) or seen > len(table):
                raise Damaged("chain")
            yield start
            seen += 1
            start = table[start]

    directory = b"".join(sector(n) for n in chain(directory_start, fat))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise Damaged("directory")
    names = {}
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        names[entry[:max(length - 2, 0)].decode("utf-16-le", "replace")] = entry
    entry = names.get("Workbook") or names.get("Book")
    if entry is None:
        raise Damaged("no Workbook stream")
    start, size = struct.unpack_from("<II", entry, 116)
    if size >= cutoff:
        stream = b"".join(sector(n) for n in chain(start, fat))
    else:  # small streams live in 64-byte pieces of the root entry's mini stream
        root_start = struct.unpack_from("<I", entries[0], 116)[0]
        mini_stream = b"".join(sector(n) for n in chain(root_start, fat))
        mini_fat_bytes = b"".join(sector(n) for n in chain(mini_fat_start, fat))
        mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
        stream = b"".join(mini_stream[n * mini_size:(n + 1) * mini_size] for n in chain(start, mini_fat))
    return stream[:size]
