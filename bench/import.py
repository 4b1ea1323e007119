"""Import speed. Run by hand: ``python bench/import.py``.

Prints the time to read, check and commit a 100,000-row 双替代 return and a 60-row task
return, beside the time openpyxl (read-only mode) takes merely to read the same 100,000
rows. Target: the whole import at least 3× faster than that read alone. Each figure is the
median of ROUNDS runs (the return is undone between runs), this VM being noisy.

With ``AQDESK_BENCH_PG`` naming an empty PostgreSQL database
(``postgresql+psycopg://aq:pw@127.0.0.1/aqdesk_bench``), the same return is also committed and
undone there, and the two engines are printed side by side. Target: PostgreSQL's commit and
undo within 2× of SQLite's. The database is filled by the run (make a new one for the next).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from rollup import AS_OF, build  # the 100,000-township database of bench/rollup.py

from aqdesk.db.database import open_database
from aqdesk.db.models import Unit
from aqdesk.domain.enums import UnitKind
from aqdesk.services import demo
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare

PERIOD = dt.date(2026, 11, 20)
ROUNDS = 3


def substitution_return(path: Path, rng: random.Random) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("双替代")
    sheet.append(["全市双替代进展报送表"])
    sheet.append(["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"])
    for i in range(50_000):
        for kind in ("气代煤", "电代煤"):
            done = rng.randint(0, 100)
            sheet.append([f"县区{i % 40}", f"乡镇{i}", kind, None, done, rng.randint(0, done)])
    book.save(path)
    return path


def task_return(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["任务编号", "本期进展情况", "完成比例（%）"])
    for category, count in enumerate((7, 9, 6, 8, 8, 6, 7, 4, 5), start=1):
        for n in range(1, count + 1):
            sheet.append([f"{category}-{n:02d}", f"第{n}项本期进展", "80%"])
    book.save(path)
    return path


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.3f} s")
    return result, elapsed


def median(label: str, times: list[float]) -> float:
    value = statistics.median(times)
    print(f"{label}: {value:.3f} s (median of {', '.join(f'{t:.3f}' for t in times)})")
    return value


def commit_and_undo(db, big: Path, label: str) -> tuple[list[float], list[float], object]:
    """ROUNDS commits and undos of the big return on ``db``; the times of each."""
    written, undone, plan = [], [], None
    for _ in range(ROUNDS):
        plan = prepare(db, big, unit="市发展改革委", period=PERIOD, today=AS_OF)
        assert not plan.file_errors, plan.file_errors[:3]
        batch, elapsed = timed(f"{label} commit", lambda plan=plan: commit(db, plan, accept_valid_rows=True))
        written.append(elapsed)
        undone.append(timed(f"{label} undo", lambda batch=batch: undo_import(db, batch))[1])
        # each round starts as the first: SQLite's WAL folded in; the server's dead rows of the
        # round before cleared, as autovacuum does between one clerk's imports and the next
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
    return written, undone, plan


def big_office(db, seed: int) -> None:
    build(db, random.Random(seed))
    with db.transaction() as session:  # a city department may report for every county
        session.add(Unit(name="市发展改革委", kind=UnitKind.DEPARTMENT.value))


def main() -> None:
    rng = random.Random(5)
    server = os.environ.get("AQDESK_BENCH_PG")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AQDESK_DATA_DIR"] = folder
        db = open_database(f"sqlite:///{Path(folder, 'big.db').as_posix()}")
        big_office(db, 3)
        big = substitution_return(Path(folder, "双替代.xlsx"), rng)

        def openpyxl_read():
            book = load_workbook(big, read_only=True)
            rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
            book.close()
            return rows

        baseline, read_check = [], []
        for _ in range(ROUNDS):
            baseline.append(timed("openpyxl read-only, merely reading 100,000 rows", openpyxl_read)[1])
            read_check.append(timed("aqdesk read + check 100,000-row 双替代 return", lambda: prepare(
                db, big, unit="市发展改革委", period=PERIOD, today=AS_OF))[1])
        written, undone, plan = commit_and_undo(db, big, "SQLite")
        print()
        base = median("openpyxl read-only, merely reading", baseline)
        total = median("aqdesk read + check", read_check) + median("aqdesk commit", written)
        print(f"whole import {total:.3f} s = {base / total:.1f}× faster than openpyxl's read alone "
              f"(target ≥ 3×); {len(plan.changes()):,} field changes, {len(plan.errors):,} errors")
        db.close()

        if server:
            db = open_database(server)
            big_office(db, 3)  # the same office as the SQLite one
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")  # as autovacuum would after the load
            pg_written, pg_undone, _plan = commit_and_undo(db, big, "PostgreSQL")
            db.close()
            print()
            print(f"{'100,000-row 双替代 return':<28}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}   (target ≤ 2×)")
            for label, lite, pg in (("commit", written, pg_written), ("undo", undone, pg_undone)):
                a, b = statistics.median(lite), statistics.median(pg)
                print(f"{label:<28}{a:>9.3f}s{b:>11.3f}s{b / a:>7.1f}×")

        demo_db = Path(folder, "demo.db")
        db = open_database(f"sqlite:///{demo_db.as_posix()}")
        demo.load_demo(db, today=AS_OF)
        small = task_return(Path(folder, "重点任务.xlsx"))
        plan, a = timed("aqdesk read + check 60-row task return", lambda: prepare(db, small, unit="市生态环境局",
                                                                                   period=PERIOD, today=AS_OF))
        _batch, b = timed("aqdesk commit 60-row task return", lambda: commit(db, plan, accept_valid_rows=True))
        print(f"60-row task return in all: {a + b:.3f} s")
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
