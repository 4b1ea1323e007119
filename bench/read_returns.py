"""Speed of reading a 100,000-row 双替代 return. Run by hand: ``python bench/read_returns.py``.

Prints the time of ``read_workbook`` on the file, of reading it and parsing every count the way
an import does, and of openpyxl in read-only mode merely iterating the same rows. The import as
a whole has to be at least 3× faster than that openpyxl loop.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import openpyxl

from aqdesk.domain.values import parse_int_count
from aqdesk.exchange.workbook import read_workbook

N = 100_000
HEADER = ["序号", "县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"]


def write_return(path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("双替代")
    sheet.append(["示例市双替代进展情况（2026年11月）"])
    sheet.append([])
    sheet.append(HEADER)
    for n in range(N):
        # Hand-typed returns mix real numbers with text numbers.
        completed = f"{n % 900:,}" if n % 7 == 0 else n % 900
        sheet.append([n + 1, f"县{n % 12}", f"乡镇{n}", "气代煤" if n % 2 else "电代煤", 1000, completed, n % 500])
    book.save(path)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def read_and_parse(path: Path) -> None:
    book = read_workbook(path)
    for row in book.tables[0].rows:
        for heading in ("任务户数", "已完成户数", "已验收户数"):
            parse_int_count(row.cells[heading])


def openpyxl_rows(path: Path) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    for _ in book.active.iter_rows(values_only=True):
        pass
    book.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "双替代.xlsx"
        write_return(path)
        rows = len(read_workbook(path).tables[0].rows)
        assert rows == N, rows
        reading = min(timed(lambda: read_workbook(path)) for _ in range(3))
        importing = min(timed(lambda: read_and_parse(path)) for _ in range(3))
        baseline = min(timed(lambda: openpyxl_rows(path)) for _ in range(2))
    print(f"read_workbook, {N:,} rows:              {reading:.2f} s")
    print(f"read_workbook + parsing every count:    {importing:.2f} s")
    print(f"openpyxl read-only iter_rows, same rows: {baseline:.2f} s  ({baseline / importing:.1f}× slower)")


if __name__ == "__main__":
    main()
