"""Property-based fuzzing of the reader: whatever the bytes, reading ends in a workbook or a
``UserError`` naming the file, within seconds. Bounded so the suite stays fast; the long
campaign is ``bench/fuzz.py``."""

import io
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqdesk.errors import UserError
from aqdesk.exchange.workbook import read_workbook
from tests.exchange.test_bad_files import SHEET_XML, sheet_xml, small_xlsx, with_part

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = {name: (FIXTURES / name).read_bytes() for name in ("returns.xlsx", "returns.ods", "returns.xls")}
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS = 5


def read_within_contract(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            read_workbook(path)
        except UserError as refused:
            assert f"「{name}」" in str(refused), str(refused)
        assert time.perf_counter() - started < SECONDS


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)),
                                                 min_size=1, max_size=24))
def test_byte_flips(name, flips):
    data = bytearray(SEEDS[name])
    for at, value in flips:
        data[at % len(data)] = value
    read_within_contract(f"翻转{Path(name).suffix}", bytes(data))


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


refs = st.one_of(
    st.builds(lambda c, r: f"{_column(c)}{r}", st.integers(1, 60), st.integers(1, 40)),
    st.builds(lambda c, r: f"{_column(c)}{r}", st.integers(1, 20_000_000), st.integers(0, 10 ** 13)),
    st.sampled_from(["", "A0", "a1", "1A", "ZZZZZ999", "A-1", "XFD1048576"]),
)
cell_types = st.sampled_from(["", ' t="s"', ' t="n"', ' t="b"', ' t="e"', ' t="str"', ' t="d"', ' t="zz"'])
values = st.one_of(
    st.sampled_from(["任务编号", "进展情况", "县（区）", "检查次数", "1e309", "NaN", "-1", "99999999", "9" * 400, ""]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<&\x00"), max_size=30),
)
cells = st.builds(lambda r, t, v: f'<c r="{r}"{t}><v>{v}</v></c>', refs, cell_types, values)
header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>任务编号</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>进展情况</t></is></c></row>')


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10 ** 10), st.lists(cells, max_size=6)), max_size=8),
       st.lists(st.tuples(refs, refs), max_size=3))
def test_hostile_sheet_xml(rows, merges):
    body = header + "".join(f'<row r="{n}">{"".join(c)}</row>' for n, c in rows)
    xml = sheet_xml(body)
    if merges:
        listed = "".join(f'<mergeCell ref="{a}:{b}"/>' for a, b in merges)
        xml = xml.replace(b"</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{listed}</mergeCells>'.encode())
    with tempfile.TemporaryDirectory() as folder:
        source = small_xlsx(Path(folder) / "源.xlsx")
        data = with_part(source, Path(folder) / "x.xlsx", SHEET_XML, xml).read_bytes()
    read_within_contract("结构.xlsx", data)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["number-rows-spanned", "number-columns-spanned", "number-rows-repeated",
                                           "number-columns-repeated"]),
                          st.sampled_from(["1000000000", "2147483648", "-5", "0", "x", "1" * 30, "3"])),
                min_size=1, max_size=4))
def test_hostile_ods_spans_and_repeats(changes):
    content = zipfile.ZipFile(io.BytesIO(SEEDS["returns.ods"])).read("content.xml")
    for attribute, value in changes:
        content = content.replace(b"<table:table-cell ", f'<table:table-cell table:{attribute}="{value}" '.encode(), 2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SEEDS["returns.ods"])) as old, zipfile.ZipFile(buffer, "w") as new:
        for item in old.infolist():
            new.writestr(item, content if item.filename == "content.xml" else old.read(item))
    read_within_contract("跨行.ods", buffer.getvalue())
