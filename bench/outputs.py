"""Speed of the documents that leave the office. Run by hand: ``python bench/outputs.py``.

Prints: issuing 100 supervision letters, each numbered, rendered and written as a PDF
(target < 5 s), and writing a ledger workbook whose task sheet has 10,000 rows (target < 3 s).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import random
import tempfile
import time
from pathlib import Path

from aqdesk.db.database import open_database
from aqdesk.exchange.ledger_xlsx import write_ledgers
from aqdesk.exchange.pdf.fonts import font_set
from aqdesk.services import demo
from aqdesk.services.reports import ledger_export
from aqdesk.services.supervision import letters

AS_OF = dt.date(2026, 11, 23)
LETTERS = 100
ROWS = 10_000
WORDS = ["散煤", "扬尘", "柴油货车", "VOCs", "秸秆", "锅炉", "双替代", "错峰生产", "油烟", "监测"]


def bench_letters(db, folder: Path) -> None:
    units = letters.units_with_red(db, AS_OF)
    wanted = list(itertools.islice(itertools.cycle(units), LETTERS))
    font_set()  # fonts are found once per run, as in the program
    start = time.perf_counter()
    issued = list(letters.issue_letters(db, wanted, AS_OF, folder / "letters"))
    elapsed = time.perf_counter() - start
    pages = sum(p.letter.path.stat().st_size for p in issued) / 1024 / len(issued)
    print(f"{len(issued)} letters ({len(units)} units, ~{pages:.0f} KB each): {elapsed:.2f} s  (target < 5 s)")


def bench_workbook(db, folder: Path) -> None:
    rng = random.Random(7)
    book = ledger_export.ledger_book(db, AS_OF)
    tasks = book.ledgers[0]
    rows = [(rng.choice("红黄绿"), f"{i // 100 + 1}-{i % 100:02d}", f"类别{i % 9}", f"{rng.choice(WORDS)}整治任务{i}",
             f"单位{i % 40}", "、".join(f"单位{(i + k) % 40}" for k in range(1, 4)), "2026-12-31", "推进中", i % 101,
             f"已完成{rng.choice(WORDS)}排查{i % 500}处，" * rng.randint(1, 6), "剩3个工作日", i % 3)
             for i in range(ROWS)]
    colors = [{"红": "red", "黄": "yellow", "绿": "green"}[r[0]] for r in rows]
    big = dataclasses.replace(book, ledgers=(dataclasses.replace(tasks, rows=rows, colors=colors), *book.ledgers[1:]))
    start = time.perf_counter()
    path = write_ledgers(folder / "ledger.xlsx", big)
    elapsed = time.perf_counter() - start
    print(f"ledger workbook with {ROWS:,} task rows ({path.stat().st_size / 1024:.0f} KB): {elapsed:.2f} s  (target < 3 s)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("AQDESK_DATA_DIR", str(folder / "data"))
        db = open_database(f"sqlite:///{(folder / 'bench.db').as_posix()}")
        demo.load_demo(db, today=AS_OF)
        bench_letters(db, folder)
        bench_workbook(db, folder)
        db.close()
