"""Air-quality import speed. Run by hand: ``python bench/air_import.py``.

A monitoring workbook of 365 days × 20 counties (7,300 rows, every pollutant), previewed and
committed into an office with 20 counties. Target: preview + commit under 1 s. Each figure is
the median of ROUNDS runs (the batch is undone between runs), this VM being noisy.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from aqdesk.db.database import open_database
from aqdesk.db.models import Unit
from aqdesk.domain.enums import UnitKind
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare

COUNTIES = [f"第{n}县" for n in range(1, 21)]
YEAR = 2025
ROUNDS = 3


def station_workbook(path: Path) -> Path:
    rng = random.Random(19)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("日报")
    sheet.append([f"{YEAR}年环境空气质量日报"])
    sheet.append(["监测日期", "点位名称", "AQI", "PM2.5（μg/m³）", "PM10（μg/m³）", "O3-8h（μg/m³）", "NO2（μg/m³）",
                  "SO2（μg/m³）", "CO（mg/m³）", "首要污染物", "质量类别"])
    for n in range(365):
        day = dt.date(YEAR, 1, 1) + dt.timedelta(n)
        for county in COUNTIES:
            pm25 = rng.randint(8, 220)
            sheet.append([day, f"{county}监测站", None, pm25, round(pm25 * 1.7), rng.randint(30, 220),
                          rng.randint(10, 70), rng.randint(3, 30), round(rng.uniform(0.3, 2.5), 1), None, None])
    book.save(path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder, 'office.db').as_posix()}")
        with db.transaction() as session:
            session.add_all(Unit(name=name, kind=UnitKind.COUNTY, sort_order=i) for i, name in enumerate(COUNTIES))
        path = station_workbook(Path(folder) / "空气质量日报.xlsx")
        previews, commits = [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            plan = prepare(db, path, today=dt.date(YEAR + 1, 1, 5))
            previews.append(time.perf_counter() - start)
            assert not plan.errors, plan.errors[:3]
            start = time.perf_counter()
            batch = commit(db, plan)
            commits.append(time.perf_counter() - start)
            undo_import(db, batch)
        preview, written = statistics.median(previews), statistics.median(commits)
        print(f"{len(plan.inserts())} rows: preview {preview:.3f} s, commit {written:.3f} s, "
              f"together {preview + written:.3f} s (target < 1 s)")
        db.close()


if __name__ == "__main__":
    main()
