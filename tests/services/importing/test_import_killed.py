"""An import killed in the middle of its commit leaves the database as it was."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[3]


def ledger_state(path: Path) -> str:
    with sqlite3.connect(path) as con:
        rows = [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("unit", "substitution_target", "import_batch", "audit_log")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.sqlite_only
def test_killed_import_changes_nothing(demo_db, tmp_path):
    plan = tmp_path / "大计划.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("双替代任务")
    sheet.append(["县（区）", "乡镇（街道）", "类型", "任务户数", "完成时限"])
    for i in range(20_000):
        sheet.append(["安平县", f"新乡镇{i}", "气代煤", 100 + i % 50, "2026-12-31"])
    book.save(plan)
    db_path = demo_db.path
    demo_db.close()
    before = ledger_state(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "import", str(plan), "--db", f"sqlite:///{db_path.as_posix()}"],
        cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # the commit is under way once its transaction has written well into the WAL file
    while child.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start_size + 2_000_000:
            break
        time.sleep(0.02)
    assert child.poll() is None, "the import finished before it could be killed; make the plan larger"
    child.kill()
    child.wait()
    assert ledger_state(db_path) == before
