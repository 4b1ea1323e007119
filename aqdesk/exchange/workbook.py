"""Reading a plan or a return: every sheet whose headings we know, row by row, as typed.

This layer only reads. Values stay raw (``aqdesk.domain.values`` parses them), and nothing is
checked against the ledger. What it guarantees: a file that is not a workbook, is damaged,
locked with a password, built to exhaust memory, or simply too big ends in a ``UserError``
naming the file, never in anything else.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import logging
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import ParseError

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from aqdesk.domain.headings import HeaderRow, SheetKind, closest_kind, read_header
from aqdesk.domain.names import normalize_name
from aqdesk.domain.problems import Problem, Severity
from aqdesk.domain.values import CellValue, cell_text, shown
from aqdesk.errors import UserError, os_reason
from aqdesk.exchange.ods_merges import Merge, ods_merges
from aqdesk.exchange.xls_extent import Damaged, sheet_extents

log = logging.getLogger(__name__)
T = TypeVar("T")

METADATA_SHEET = "_aqdesk"
INSTRUCTIONS_SHEET = "填报说明"  # our templates' instructions: text for people, never data
HEADER_SCAN_ROWS = 20
MAX_FILE_BYTES = 100 * 1024 * 1024
# Unpacked XML beyond this is a zip bomb, not a return: 200,000 real rows take ~100 MB.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
# Excel keeps a sheet as a dense grid; rows × columns past this would take gigabytes to hold.
MAX_CELLS = 5_000_000
CANCEL_EVERY_ROWS = 4096

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office keeps a password-protected xlsx as an OLE file with these streams; their names are
# stored in UTF-16 in the OLE directory.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet\b")
_ROW_NUMBER = re.compile(rb'row r="(\d+)')
# Cells from column BA on: rarer than data, so a normal sheet costs one fruitless scan.
# Any number of letters: calamine sizes its grid by the widest reference, ZZZZZ1 included.
_WIDE_CELL = re.compile(rb' r="([B-Z][A-Z]|[A-Z]{3,})\d')
# A cell's own row number counts as much as its row's (B99999999999 in row 1): the long ones
# on every sheet, all of them on a wide sheet, where a few thousand rows already make a big grid.
_FAR_CELL_ROW = re.compile(rb' r="[A-Z]+(\d{6,})"')
_CELL_ROW = re.compile(rb' r="[A-Z]+(\d+)"')
# A formula cell saved without its result (a file written by a program, not by Excel or WPS):
# calamine reads it as empty, and a figure would be lost unseen.
_UNCACHED_FORMULA = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(?:<v\s*/>|<v></v>)?</c>')
# A notes block under a table (注：, then 1. … 2. … on the lines below): after its first line, a
# row with a single text in it is one more note, though it looks like nothing in particular.
_NOTES_STARTS = ("备注", "注:", "注：", "说明", "填表说明", "填报说明", "附注")
_FOOTER_STARTS = ("合计", "总计", "小计", "填表人", "填报人", "审核人", "联系人", "联系电话", "负责人",
                  "单位负责人", "填报单位", "填表单位", "填报日期", "填表日期", "制表", *_NOTES_STARTS,
                  "单位(盖章)", "单位（盖章）", "(盖章)", "（盖章）")
_FOOTER_FIRST_CHARS = frozenset(s[0] for s in _FOOTER_STARTS)
# A row under the header holding only units (个 | 吨 | 次, or （户）) belongs to the header.
_UNIT_WORDS = frozenset({"个", "次", "吨", "户", "起", "家", "处", "座", "台", "辆", "项", "人", "%", "元", "万元",
                         "万吨", "蒸吨", "米", "公里", "千米", "平方米", "亩", "天", "日"})
# A cell saying only this makes its row a total wherever it stands (安平县 | 小计 | … under a county).
_TOTALS = frozenset({"合计", "小计", "总计"})


class ImportCancelled(UserError):
    """The clerk cancelled; nothing was read."""

    def __init__(self) -> None:
        super().__init__("已取消导入")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: ``number`` as Excel shows it (1-based, counting title and blank rows);
    ``cells`` holds every heading of the table with the cell's raw value ("" when empty), but
    for a cell too long to take, which is left out and reported in ``Workbook.problems``."""

    number: int
    cells: dict[str, CellValue]


@dataclass
class Table:
    """A sheet recognised by its headings. ``header_row`` is the Excel number of the header
    row (the lower one of a two-row header); ``columns`` maps each canonical heading found to
    its column, 0 for A."""

    sheet: str
    kind: SheetKind
    header_row: int
    columns: dict[str, int]
    rows: list[SourceRow] = field(default_factory=list)
    hidden: bool = False
    title: str = ""  # the text above the header row (「2027年重点任务清单」)


@dataclass
class Workbook:
    """``metadata`` is the key/value content of our templates' hidden ``_aqdesk`` sheet
    (template_version, unit, period as YYYY-MM-DD, generated_at), None for other files.
    ``problems`` are those found while reading: sheets skipped (a warning, or an error when
    the headings lack a required one), a heading repeated, cells too long to take, no sheet
    recognised at all (an error), a template made for another unit than ``unit_hint``."""

    path: Path
    sha256: str
    metadata: dict[str, str] | None
    tables: list[Table]
    problems: list[Problem]

    @property
    def file_name(self) -> str:
        return self.path.name


def read_workbook(
    path: str | Path,
    *,
    unit_hint: str | None = None,
    cancel: Callable[[], bool] = lambda: False,
    max_rows: int = 200_000,
    max_cell_chars: int = 10_000,
) -> Workbook:
    """Read every recognised sheet of ``path`` (xlsx, xlsm, xls, xlsb or ods), hidden ones
    included. The header row is looked for in the first 20 rows; rows after it that are blank,
    a total (合计) or the signature lines under a table (填表人…) are not data.

    ``unit_hint`` is the unit the clerk says the file is from: a template made for another
    unit is warned about. ``cancel`` is polled between sheets and every few thousand rows and
    ends the reading with ``ImportCancelled``. A sheet of more than ``max_rows`` rows (counted
    from row 1) refuses the file; a cell longer than ``max_cell_chars`` is an error on it.
    Anything wrong with the file itself raises ``UserError``."""
    path = Path(path)
    name = path.name
    data = _read_bytes(path)
    uncached = _check_container(data, name, max_rows, cancel)
    book = _open(path, data)
    reader = _SheetReader(name, cancel, max_rows, max_cell_chars, _ods_merges(data))
    metadata = None
    tables: list[Table] = []
    try:
        for info in book.sheets_metadata:
            if info.typ is not SheetTypeEnum.WorkSheet:
                continue
            if cancel():
                raise ImportCancelled
            sheet = _call(name, lambda n=info.name: book.get_sheet_by_name(n))
            if info.name == METADATA_SHEET:
                metadata = _call(name, lambda s=sheet: _metadata(s))
                continue
            if info.name == INSTRUCTIONS_SHEET:
                continue
            hidden = info.visible is not SheetVisibleEnum.Visible
            table = _call(name, lambda s=sheet, h=hidden: reader.read(s, hidden=h))
            if table is not None:
                tables.append(table)
    finally:
        book.close()
    problems = reader.problems
    for table in tables:
        if table.sheet in uncached:
            cells = uncached[table.sheet]
            problems.append(Problem(
                name, f"有公式单元格（如 {cells[0]}）没有保存计算结果，其中的数无法读取（文件可能由其他程序生成）："
                      "请用 Excel 或 WPS 打开、保存后再导入", Severity.ERROR, table.sheet))
    if not tables and not reader.any_content:
        problems.append(Problem(name, "文件中的工作表都是空的，没有可导入的内容：请确认发来的是填好的报送表"))
    elif not tables:
        problems.append(Problem(name, "文件中没有可识别的工作表：请确认表头与模板一致"))
    if unit_hint and metadata and metadata.get("unit"):
        if normalize_name(metadata["unit"]) != normalize_name(unit_hint):
            problems.append(Problem(
                name, f"文件是为「{metadata['unit']}」生成的模板，与所选单位「{unit_hint}」不一致",
                Severity.WARNING))
    return Workbook(path, hashlib.sha256(data).hexdigest(), metadata, tables, problems)


def _read_bytes(path: Path) -> bytes:
    """The whole file, once: what is hashed is exactly what is read."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(f"「{name}」有 {size / 1024 / 1024:.0f} MB，超过导入上限 "
                            f"{MAX_FILE_BYTES // 1024 // 1024} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件「{name}」") from None
    except IsADirectoryError:
        raise UserError(f"「{name}」是文件夹，不是表格文件") from None
    except PermissionError:
        raise UserError(f"没有权限读取「{name}」") from None
    except OSError as error:
        raise UserError(f"无法读取「{name}」：{os_reason(error)}") from None


def _check_container(data: bytes, name: str, max_rows: int, cancel: Callable[[], bool]) -> dict[str, list[str]]:
    """Refuse what calamine should never be handed: not a workbook, an encrypted one, or a
    zip that unpacks to far more than any return. Returns the cells of each xlsx sheet (by
    name) holding a formula without its result, which calamine would give as empty."""
    if data.startswith(_OLE_MAGIC):
        if any(stream in data for stream in _ENCRYPTED_STREAMS):
            raise _password_error(name)
        _check_xls(data, name, max_rows)
        return {}
    if not data.startswith(_ZIP_MAGIC):
        raise _not_a_workbook(name, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _check_zip(archive, name, max_rows, cancel)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise UserError(f"「{name}」已损坏，无法打开（压缩结构错误）") from None


def _check_zip(archive: zipfile.ZipFile, name: str, max_rows: int,
               cancel: Callable[[], bool]) -> dict[str, list[str]]:
    parts = archive.infolist()
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise UserError(f"「{name}」解压后过大，不是正常的报送表，已拒绝")
    for part in parts:
        if part.filename.endswith((".xml", ".rels")):
            with archive.open(part) as stream:
                head = stream.read(4096)
            if any(marker in head for marker in _DTD):
                raise UserError(f"「{name}」含有不安全的 XML 内容（文档类型定义），已拒绝")
    names = None
    uncached: dict[str, list[str]] = {}
    for part in parts:
        if _WORKSHEET_PART.fullmatch(part.filename):
            formulas: list[str] = []
            rows, columns = _extent(archive, part, cancel, _FAR_CELL_ROW, formulas)
            if columns:
                rows, columns = _extent(archive, part, cancel, _CELL_ROW)
            if rows > max_rows or rows * columns > MAX_CELLS or formulas:
                names = names if names is not None else _sheet_names(archive)
                sheet = names.get(part.filename, part.filename.rsplit("/", 1)[-1])
                _check_extent(name, sheet, rows, columns, max_rows)
                if formulas:
                    uncached[sheet] = formulas
    return uncached


def _check_xls(data: bytes, name: str, max_rows: int) -> None:
    """An old .xls is sized from its own records before calamine allocates the grid."""
    try:
        extents = list(sheet_extents(data))
    except (Damaged, struct.error) as error:
        log.info("%s: damaged compound file (%s)", name, error)
        raise _unreadable(name) from None
    for sheet, rows, columns in extents:
        if rows > max_rows or rows * columns > MAX_CELLS:
            _check_extent(name, sheet, rows, columns, max_rows)


def _extent(archive: zipfile.ZipFile, part: zipfile.ZipInfo, cancel: Callable[[], bool],
            cell_rows: re.Pattern[bytes], uncached: list[str] | None = None) -> tuple[int, int]:
    """Rows of a worksheet part, and its columns when it reaches past AZ (else 0), streamed in
    bounded memory: calamine allocates the whole grid before anything can be looked at.
    Plain byte counts and literal patterns keep this near the speed of unzipping."""
    rows = tags = columns = 0
    carry = b""
    row_tags: tuple[bytes, bytes] | None = None
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 22):
            if cancel():
                raise ImportCancelled
            # Scan up to the last complete tag; the rest waits for the next chunk.
            text = carry + chunk
            end = text.rfind(b">") + 1
            text, carry = text[:end], text[end:][-(1 << 16):]
            if row_tags is None:
                root = _ROOT_PREFIX.search(text)
                prefix = (root[1] or b"") if root else b""
                row_tags = (b"<" + prefix + b"row ", b"<" + prefix + b"row>")
            tags += text.count(row_tags[0]) + text.count(row_tags[1])
            numbers = _ROW_NUMBER.findall(text)
            if numbers:
                rows = max(rows, *map(int, numbers))
            numbers = cell_rows.findall(text)
            if numbers:
                rows = max(rows, *map(int, set(numbers)))
            for letters in set(_WIDE_CELL.findall(text)):
                columns = max(columns, _column_number(letters.decode()))
            if uncached is not None and b"<f" in text and len(uncached) < 10:
                uncached.extend(ref.decode() for ref in _UNCACHED_FORMULA.findall(text)[:10])
    # A row without its number (the attribute is optional) still counts.
    return max(rows, tags), columns


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_extent(name: str, sheet: str, rows: int, columns: int, max_rows: int) -> None:
    if rows > max_rows:
        raise UserError(f"「{name}」的工作表「{sheet}」有 {rows:,} 行，超过导入上限 {max_rows:,} 行，"
                        "请删去多余的行或拆分后再导入")
    if rows * columns > MAX_CELLS:
        raise UserError(f"「{name}」的工作表「{sheet}」范围过大（{rows:,} 行 × {columns:,} 列），"
                        "请删去多余的行和列后再导入")


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name, from the workbook's own list."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\s[^>]*>", rels):
        attributes = dict(_ATTRIBUTE.findall(tag))
        target = attributes.get("Target", "")
        targets[attributes.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\s[^>]*>", book):
        attributes = {key.split(":")[-1]: value for key, value in _ATTRIBUTE.findall(tag)}
        if attributes.get("id") in targets:
            names[targets[attributes["id"]]] = html.unescape(attributes.get("name", ""))
    return names


def _open(path: Path, data: bytes) -> CalamineWorkbook:
    try:
        return _call(path.name, lambda: CalamineWorkbook.from_filelike(io.BytesIO(data)))
    except UserError:
        if data.startswith(_OLE_MAGIC):
            # Told the bytes alone, calamine cannot tell a locked .xls from junk; told the
            # file's extension, it names the password.
            _call(path.name, lambda: CalamineWorkbook.from_path(path).close())
        raise


def _ods_merges(data: bytes) -> dict[str, list[Merge]] | None:
    """The merges of an .ods, None for other files (calamine reports theirs). A broken
    content.xml is left for calamine to report."""
    if not data.startswith(_ZIP_MAGIC):
        return None
    try:
        return ods_merges(data)
    except (ValueError, ParseError, zipfile.BadZipFile, zlib.error, KeyError, EOFError):
        return None


def _call(name: str, action: Callable[[], T]) -> T:
    """Run a calamine step; whatever it fails with becomes a UserError naming the file."""
    try:
        return action()
    except UserError:
        raise
    except PasswordError:
        raise _password_error(name) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # calamine's Rust panics arrive as BaseException
        log.info("calamine could not read %s: %r", name, error)
        raise _unreadable(name) from None


def _unreadable(name: str) -> UserError:
    return UserError(f"「{name}」无法读取，文件可能已损坏，或不是 Excel / WPS 表格文件")


def _password_error(name: str) -> UserError:
    return UserError(f"「{name}」设置了打开密码，请在 Excel 或 WPS 中取消密码后再导入")


def _not_a_workbook(name: str, data: bytes) -> UserError:
    if not data:
        return UserError(f"「{name}」是空文件")
    return UserError(f"「{name}」不是 Excel 或 WPS 表格文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")


def _metadata(sheet: CalamineSheet) -> dict[str, str]:
    """Key/value rows of the template's metadata sheet."""
    pairs = {}
    for row in sheet.iter_rows():
        if len(row) >= 2 and cell_text(row[0]):
            pairs[cell_text(row[0])] = cell_text(row[1])
    return pairs


def _is_footer(value: CellValue) -> bool:
    """A total or the signature lines under a table: not data, whatever column they are in."""
    if value.__class__ is not str:
        return False
    text = value.lstrip()
    if text[:1] not in _FOOTER_FIRST_CHARS:
        return False
    text = "".join(text.split())
    return text.startswith(_FOOTER_STARTS) or text.endswith("合计") or text == "注"


def _is_unit(text: str) -> bool:
    text = "".join(unicodedata.normalize("NFKC", text).split()).removeprefix("单位:")
    return text.strip("()") in _UNIT_WORDS


def _starts_notes(value: str) -> bool:
    text = "".join(value.split())
    return text.startswith(_NOTES_STARTS) or text == "注"


class _SheetReader:
    """Reads sheets of one file, collecting the problems it meets on the way."""

    def __init__(self, file: str, cancel: Callable[[], bool], max_rows: int, max_cell_chars: int,
                 ods_merges: dict[str, list[Merge]] | None = None):
        self.file = file
        self.ods_merges = ods_merges
        self.cancel = cancel
        self.max_rows = max_rows
        self.max_cell_chars = max_cell_chars
        self.problems: list[Problem] = []
        self.any_content = False

    def read(self, sheet: CalamineSheet, *, hidden: bool) -> Table | None:
        end = sheet.end
        if end is None:
            return None  # an empty sheet, like the Sheet2 and Sheet3 Excel adds, is no news
        self.any_content = True
        _check_extent(self.file, sheet.name, end[0] + 1, end[1] + 1, self.max_rows)
        first_column = sheet.start[1] if sheet.start else 0
        # calamine pads the rows above the data but starts each row at the first used column.
        rows = enumerate(sheet.iter_rows(), start=1)
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        found = _find_header(head)
        if found is None:
            self._skip(sheet.name, None, hidden)
            return None
        number, header = found
        kind = header.kind
        if kind is None:
            self._skip(sheet.name, (number, header), hidden)
            return None
        for heading in header.repeated:
            self.problems.append(Problem(
                self.file, f"「{heading}」出现在多列，只读取第一列（{_letters(header.columns[heading] + first_column)}列）",
                Severity.WARNING, sheet.name, number, heading))
        if header.unknown and kind is not SheetKind.AIR_DAILY:  # the station's many extra columns are its own
            # a heading worded past recognition would lose its column unseen
            named = "、".join(f"「{shown(text)}」" for text in header.unknown)
            self.problems.append(Problem(
                self.file, f"表头中的{named}不是“{kind.label}”表的列，该列未导入；如有数据，请改用模板中的列名",
                Severity.WARNING, sheet.name, number))
        body = itertools.chain((pair for pair in head if pair[0] > number), rows)
        title = " ".join(v.strip() for n, row in head if n < number for v in row if v.__class__ is str and v.strip())
        table = Table(sheet.name, kind, number,
                      {h: i + first_column for h, i in header.columns.items()}, hidden=hidden, title=title)
        table.rows = self._rows(table, header, body, _header_text(head, number, header))
        if hidden and table.rows:
            # often last month's figures kept out of sight: read, but never unseen
            self.problems.append(Problem(
                self.file, f"这是隐藏的工作表，其中 {len(table.rows)} 行数据也将导入；如是旧数据，请删除该表后重新检查",
                Severity.WARNING, sheet.name))
        merges = self.ods_merges.get(sheet.name, ()) if self.ods_merges is not None else sheet.merged_cell_ranges
        _fill_merged(table, merges or ())
        return table

    def _skip(self, sheet: str, found: tuple[int, HeaderRow] | None, hidden: bool) -> None:
        if found is not None and len(found[1].columns) >= 2:
            kind, missing = closest_kind(found[1].columns)
            wanted = "、".join(f"「{h}」" for h in missing)
            self.problems.append(Problem(
                self.file, f"表头缺少{wanted}，无法作为“{kind.label}”表读取，已跳过",
                Severity.ERROR, sheet, found[0]))
        else:
            what = "隐藏工作表" if hidden else "工作表"
            self.problems.append(Problem(
                self.file, f"{what}没有可识别的表头，已跳过", Severity.WARNING, sheet))

    def _rows(self, table: Table, header: HeaderRow, body: Iterator[tuple[int, list]],
              header_text: str) -> list[SourceRow]:
        """The data rows. Per-cell work stays in C (one comprehension, then whole-row string
        operations): a sheet can have 200,000 rows. A row whose first cell repeats the header's
        (``header_text``) is the header again, pasted with the rows of another page."""
        headings = tuple(header.columns)
        indexes = tuple(header.columns.values())
        width = len(indexes)
        pick = itemgetter(*indexes) if width > 1 else lambda row: (row[indexes[0]],)
        limit = self.max_cell_chars
        rows = []
        notes = False
        under_header = True
        for number, row in body:
            if not number % CANCEL_EVERY_ROWS and self.cancel():
                raise ImportCancelled
            values = pick(row)
            if values.count("") == width or values[0] == header_text:
                continue
            texts = [value for value in values if value.__class__ is str]
            if texts:
                joined = "".join(texts)
                if len(texts) == width and not joined.strip():
                    continue
                if len(joined) > limit and max(map(len, texts)) > limit:
                    rows.append(self._with_long_cells(table, number, headings, values))
                    continue
                if "计" in joined and any("".join(text.split()) in _TOTALS for text in texts if len(text) < 20):
                    continue
                if under_header and all(v == "" or v.__class__ is str and _is_unit(v) for v in values):
                    continue
            under_header = False
            first = row[0]
            if first == "":
                first = next(value for value in row if value != "")
            if first.__class__ is str and (first[:1] in _FOOTER_FIRST_CHARS or first[:1].isspace()) \
                    and _is_footer(first):
                notes = notes or _starts_notes(first)
                continue
            if notes and width - values.count("") == 1 and any(v.__class__ is str and v.strip() for v in values):
                continue
            rows.append(SourceRow(number, dict(zip(headings, values, strict=False))))  # pick made them one length
        return rows

    def _with_long_cells(self, table: Table, number: int, headings: tuple[str, ...],
                         values: tuple[CellValue, ...]) -> SourceRow:
        """A cell too long to be anything typed by hand is an error on that cell, and the cell
        is left out so that no one commits a truncated text by mistake."""
        cells = {}
        for heading, value in zip(headings, values, strict=True):
            if value.__class__ is str and len(value) > self.max_cell_chars:
                self.problems.append(Problem(
                    self.file, f"内容过长（{len(value):,} 个字符，上限 {self.max_cell_chars:,}）",
                    Severity.ERROR, table.sheet, number, heading, value))
            else:
                cells[heading] = value
        return SourceRow(number, cells)


def _header_text(head: list[tuple[int, list]], number: int, header: HeaderRow) -> str:
    """The text of the first heading's cell, from the row above when merged down over both; a
    value no cell equals when there is none."""
    column = next(iter(header.columns.values()))
    for n, row in reversed(head):
        if n <= number and column < len(row) and row[column].__class__ is str and row[column].strip():
            return row[column]
        if n < number:
            break
    return "\0no heading"


def _find_header(head: list[tuple[int, list]]) -> tuple[int, HeaderRow] | None:
    """The row among the first ones that makes a known kind of sheet with most headings; the
    first such row on a tie, so a blank row under the header does not take its place."""
    best, best_key = None, (False, 0)
    above: list = []
    for number, row in head:
        header = read_header(row, above)
        key = (header.kind is not None, len(header.columns))
        if key > best_key:
            best, best_key = (number, header), key
        above = row
    return best


def _fill_merged(table: Table, merges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A cell merged down over several rows (a county over its townships) holds its value in
    the top row only; it belongs to every row it covers."""
    by_column = {column: heading for heading, column in table.columns.items()}
    by_number = None
    # A merge reaching past the last row (A3:A999999999) covers nothing more than that row.
    last = table.rows[-1].number if table.rows else 0
    for (top, left), (bottom, _right) in merges:
        heading = by_column.get(left)
        if heading is None or bottom == top or top < table.header_row:
            continue
        if by_number is None:
            by_number = {row.number: row for row in table.rows}
        source = by_number.get(top + 1)
        if source is None or heading not in source.cells:
            continue
        for number in range(top + 2, min(bottom + 2, last + 1)):
            row = by_number.get(number)
            if row is not None and row.cells.get(heading) == "":
                row.cells[heading] = source.cells[heading]


def _letters(column: int) -> str:
    """Excel's letters for a 0-based column."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
