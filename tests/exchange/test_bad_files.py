"""Whatever arrives, reading ends in a Chinese UserError naming the file, or in data."""

import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from aqdesk.errors import UserError
from aqdesk.exchange import workbook
from aqdesk.exchange.workbook import read_workbook

FIXTURES = Path(__file__).parent / "fixtures"
SHEET_XML = "xl/worksheets/sheet1.xml"


def refused(path, match, **options):
    with pytest.raises(UserError, match=match) as caught:
        read_workbook(path, **options)
    assert f"「{path.name}」" in str(caught.value)
    return str(caught.value)


def small_xlsx(path):
    book = openpyxl.Workbook()
    book.active.append(["任务编号", "进展情况"])
    book.active.append(["1-01", "a"])
    book.save(path)
    return path


def with_part(source, target, part, content):
    """``source`` with one part of its zip replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, content if item.filename == part else old.read(item))
    return target


def sheet_xml(rows: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            f"{rows}</sheetData></worksheet>").encode()


def test_text_file_renamed(tmp_path):
    path = tmp_path / "报送表.xlsx"
    path.write_text("县（区）,乡镇\n示例县,城关镇\n", encoding="utf-8")
    refused(path, "不是 Excel 或 WPS 表格文件")


def test_web_page_saved_as_xls(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text("<html><table><tr><td>县（区）</td></tr></table></html>", encoding="utf-8")
    refused(path, "另存为 .xlsx")


def test_empty_missing_and_folder(tmp_path):
    (tmp_path / "空.xlsx").write_bytes(b"")
    refused(tmp_path / "空.xlsx", "是空文件")
    refused(tmp_path / "没有.xlsx", "找不到文件")
    (tmp_path / "目录.xlsx").mkdir()
    refused(tmp_path / "目录.xlsx", "是文件夹")


def test_too_big_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1000)
    refused(small_xlsx(tmp_path / "大.xlsx"), "超过导入上限")


def test_damaged_zip(tmp_path):
    data = small_xlsx(tmp_path / "好.xlsx").read_bytes()
    path = tmp_path / "坏.xlsx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "已损坏")
    path.write_bytes(data[:200] + b"\0" * 400 + data[600:])
    refused(path, "已损坏|无法读取")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "文档.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(path, "无法读取")


def test_ole_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "旧文档.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 64)
    refused(path, "无法读取")


@pytest.mark.parametrize("name", ["encrypted.xlsx", "encrypted.xls"])
def test_password_protected(tmp_path, name):
    path = tmp_path / name.replace("encrypted", "加密")
    shutil.copy(FIXTURES / name, path)
    refused(path, "设置了打开密码")


def test_xml_bomb(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
            '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            "</sheetData></worksheet>")
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "炸弹.xlsx", SHEET_XML, bomb)
    refused(path, "不安全的 XML")


def test_zip_bomb(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1_000_000)
    padding = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * 2_000_000)
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "压缩炸弹.xlsx", SHEET_XML, padding)
    assert path.stat().st_size < 50_000
    refused(path, "解压后过大")


def test_half_a_million_rows_are_refused_before_loading(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 500_001))
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "五十万行.xlsx", SHEET_XML, sheet_xml(rows))
    started = time.perf_counter()
    message = refused(path, "超过导入上限")
    assert "「Sheet」有 500,000 行，超过导入上限 200,000 行" in message
    assert time.perf_counter() - started < 5


def test_rows_without_numbers_are_counted(tmp_path):
    rows = "<row><c><v>1</v></c></row>" * 1_001
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "无行号.xlsx", SHEET_XML, sheet_xml(rows))
    refused(path, "有 1,001 行，超过导入上限 1,000 行", max_rows=1_000)


def test_two_far_apart_cells_are_refused_not_allocated(tmp_path):
    # Excel keeps a sheet as a grid: A1 and XFD150000 would make 2.4 billion cells.
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="150000"><c r="XFD150000"><v>1</v></c></row>'
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "稀疏.xlsx", SHEET_XML, sheet_xml(rows))
    refused(path, "范围过大（150,000 行 × 16,384 列）")


def test_row_limit_after_loading_for_other_formats(tmp_path):
    path = tmp_path / "报送.xls"
    shutil.copy(FIXTURES / "returns.xls", path)
    refused(path, "「本月报送」有 12 行，超过导入上限 5 行", max_rows=5)


def test_calamine_failures_become_user_errors(tmp_path, monkeypatch):
    class Broken:
        @classmethod
        def from_filelike(cls, stream):
            raise BaseException("Rust panic")  # what pyo3 turns a panic into

    monkeypatch.setattr(workbook, "CalamineWorkbook", Broken)
    refused(small_xlsx(tmp_path / "表.xlsx"), "无法读取")



HEADER_AND_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>任务编号</t></is></c><c r="B1" t="inlineStr"><is>'
                  '<t>进展情况</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1-01</t></is></c>'
                  '<c r="B2" t="inlineStr"><is><t>a</t></is></c></row>')


@pytest.mark.parametrize("cell", ["B99999999999", "ZZZZZ999"])
def test_a_cell_far_beyond_the_rows_is_refused_not_allocated(tmp_path, cell):
    # calamine sized its grid by this one reference and the process died of SIGABRT
    rows = f'<row r="1"><c r="A1"><v>1</v></c><c r="{cell}"><v>1</v></c></row>'
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "远.xlsx", SHEET_XML, sheet_xml(rows))
    refused(path, "超过导入上限|范围过大")


def test_a_narrow_cell_far_down_a_wide_sheet_counts(tmp_path):
    rows = '<row r="1"><c r="XFD1"><v>1</v></c><c r="A9999"><v>1</v></c></row>'
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "宽.xlsx", SHEET_XML, sheet_xml(rows))
    refused(path, "范围过大（9,999 行 × 16,384 列）")


def test_a_merge_down_a_billion_rows_is_clipped_to_the_sheet(tmp_path):
    xml = sheet_xml(HEADER_AND_ROW).replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A2:A999999999"/></mergeCells>')
    path = with_part(small_xlsx(tmp_path / "源.xlsx"), tmp_path / "合并.xlsx", SHEET_XML, xml)
    started = time.perf_counter()
    assert [len(t.rows) for t in read_workbook(path).tables] == [1]
    assert time.perf_counter() - started < 5


def test_an_ods_merge_down_a_billion_rows_is_clipped_to_the_sheet(tmp_path):
    path = tmp_path / "合并.ods"
    source = FIXTURES / "returns.ods"
    content = zipfile.ZipFile(source).read("content.xml").replace(
        b'number-rows-spanned="2"', b'number-rows-spanned="1000000000"')
    with_part(source, path, "content.xml", content)
    started = time.perf_counter()
    assert read_workbook(path).tables
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(("first_row", "last_row", "match"), [
    (0x400000, 12, "无法读取"),  # the byte flip that made calamine ask for 1.3 TB and abort
    (0, 1_000_000_000, "有 1,000,000,000 行，超过导入上限"),
])
def test_an_xls_claiming_an_impossible_extent_is_refused_before_loading(tmp_path, first_row, last_row, match):
    data = bytearray((FIXTURES / "returns.xls").read_bytes())
    at = data.index(b"\x00\x02\x0e\x00") + 4  # the first worksheet's DIMENSIONS record
    data[at:at + 8] = first_row.to_bytes(4, "little") + last_row.to_bytes(4, "little")
    path = tmp_path / "范围.xls"
    path.write_bytes(bytes(data))
    refused(path, match)
