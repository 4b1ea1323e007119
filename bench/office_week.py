"""The office's week at scale. Run by hand: ``python bench/office_week.py``.

Builds a temporary office of 40 units (20 departments, 20 counties), 1,000 key tasks,
10,000 townships with a 双替代 target each, 200 enterprises (800 milestones), 20 散煤
counties and 100 supervision sheets, then times the 本周待办 agenda, the ranking and a 通报
(figures and PDF). Each is timed cold (the first call in the process, SQL statements not
yet compiled) and warm (median of three further calls). Target: under 1 s each.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from aqdesk.db.database import open_database
from aqdesk.db.models import (
    Category,
    Enterprise,
    LooseCoalTarget,
    Milestone,
    SheetStep,
    SubstitutionTarget,
    SupervisionSheet,
    Task,
    Unit,
)
from aqdesk.domain.enums import Color, LoopStep, MilestoneKind, TaskStatus, UnitKind
from aqdesk.exchange.pdf.fonts import font_set
from aqdesk.services.common import workdays
from aqdesk.services.reports import bulletin
from aqdesk.services.reports.agenda import agenda
from aqdesk.services.reports.ranking import ranking

DEPARTMENTS, COUNTIES, TASKS, TOWNSHIPS, ENTERPRISES, SHEETS = 20, 20, 1_000, 10_000, 200, 100
AS_OF = dt.date(2026, 11, 26)


def day(rng: random.Random, low: int, high: int) -> dt.date:
    return AS_OF + dt.timedelta(days=rng.randint(low, high))


def build(db, rng: random.Random) -> None:
    with db.transaction() as s:
        workdays.seed_if_empty(s)
        units = [Unit(name=f"市直部门{i}", kind=UnitKind.DEPARTMENT.value, sort_order=i, contact_person=f"联系人{i}",
                      phone=f"0319-500{i:04d}") for i in range(DEPARTMENTS)]
        units += [Unit(name=f"县区{i}", kind=UnitKind.COUNTY.value, sort_order=DEPARTMENTS + i,
                       contact_person=f"县联系人{i}", phone=f"0319-600{i:04d}") for i in range(COUNTIES)]
        s.add_all(units)
        categories = [Category(code=i + 1, name=f"类别{i + 1}") for i in range(9)]
        s.add_all(categories)
        s.flush()
        counties = units[DEPARTMENTS:]
        tasks = []
        for i in range(TASKS):
            deadline = day(rng, -90, 120)
            done = rng.random() < 0.3
            tasks.append({"number": f"{i // 100 + 1}-{i % 100 + 1:02d}", "category_id": categories[i % 9].id,
                          "title": f"重点任务{i}", "target": "", "lead_unit_id": rng.choice(units).id, "leader": "",
                          "deadline_kind": "date", "deadline": deadline, "start_date": deadline - dt.timedelta(days=200),
                          "status": TaskStatus.DONE.value if done else TaskStatus.IN_PROGRESS.value,
                          "progress_pct": 100 if done else rng.randint(0, 95),
                          "done_on": deadline + dt.timedelta(days=rng.randint(-20, 10)) if done else None,
                          "latest_progress": "", "problems": "", "next_steps": "", "version": 1})
        s.execute(Task.__table__.insert(), tasks)
        s.execute(Unit.__table__.insert(), [
            {"name": f"乡镇{i}", "kind": UnitKind.TOWNSHIP.value, "parent_id": counties[i % COUNTIES].id, "leader": "",
             "contact_person": "", "phone": "", "sort_order": 100 + i, "active": True, "version": 1}
            for i in range(TOWNSHIPS)])
        townships = [r[0] for r in s.execute(Unit.__table__.select().with_only_columns(Unit.id)
                                             .where(Unit.kind == UnitKind.TOWNSHIP.value))]
        targets = []
        for township_id in townships:
            target = rng.randint(100, 3000)
            done = rng.randint(int(target * 0.7), target)
            targets.append({"township_id": township_id, "kind": rng.choice(("gas", "electric")),
                            "target_households": target, "completed": done, "accepted": done // 2,
                            "deadline": day(rng, -20, 60), "version": 1})
        s.execute(SubstitutionTarget.__table__.insert(), targets)
        s.execute(Enterprise.__table__.insert(), [
            {"name": f"企业{i}", "credit_code": None, "county_id": counties[i % COUNTIES].id, "industry": "",
             "original_site": "", "park": "", "problems": "", "version": 1} for i in range(ENTERPRISES)])
        enterprises = [r[0] for r in s.execute(Enterprise.__table__.select().with_only_columns(Enterprise.id))]
        milestones = []
        for enterprise_id in enterprises:
            reached = rng.randint(0, 4)
            for seq, kind in enumerate(MilestoneKind):
                planned = day(rng, -200, 300)
                milestones.append({"enterprise_id": enterprise_id, "kind": kind.value, "seq": seq, "version": 1,
                                   "planned_date": planned, "actual_date": planned if seq < reached else None})
        s.execute(Milestone.__table__.insert(), milestones)
        s.execute(LooseCoalTarget.__table__.insert(), [
            {"county_id": c.id, "year": AS_OF.year, "banned_points": 10, "clean_coal_outlets": 5, "clean_coal_tonnes": 100,
             "inspections": 50, "inferior_coal_tonnes": 0, "cases": 5, "version": 1} for c in counties])
        for i in range(SHEETS):
            issued = day(rng, -60, 0)
            sheet = SupervisionSheet(number=f"督办〔2026〕{i + 1}号", level=rng.choice(list(Color)).value,
                                     unit_id=rng.choice(units).id, subject=f"督办事项{i}", issued_on=issued,
                                     deadline=issued + dt.timedelta(days=7),
                                     state=rng.choice((LoopStep.ISSUED, LoopStep.RECEIVED, LoopStep.FEEDBACK,
                                                       LoopStep.RETURNED, LoopStep.CLOSED)).value)
            s.add(sheet)
            s.flush()
            if sheet.state != LoopStep.ISSUED.value:
                s.add(SheetStep(sheet_id=sheet.id, step=LoopStep.RECEIVED.value, on_date=issued + dt.timedelta(days=1)))


def timed(call) -> tuple[float, list[float], list[float], object]:
    """Cold wall time, warm wall times and warm CPU times: on a shared machine the CPU time
    says what the work costs when the wall clock also counts other people's processes."""
    start = time.perf_counter()
    result = call()
    cold = time.perf_counter() - start
    warm, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        warm.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return cold, warm, cpu, result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AQDESK_DATA_DIR"] = folder
        db = open_database(f"sqlite:///{Path(folder, 'bench.db').as_posix()}")
        build(db, random.Random(15))
        font_set()  # the fonts load once per process, at the first document of any kind
        results = {
            "agenda (本周待办)": timed(lambda: agenda(db, AS_OF)),
            "ranking (排名)": timed(lambda: ranking(db, AS_OF)),
            "bulletin figures (通报数据)": timed(lambda: bulletin.draft(db, "2026-11", AS_OF)),
        }
        draft = results["bulletin figures (通报数据)"][3]
        results["bulletin PDF (通报排版)"] = timed(draft.pdf)
        results["bulletin, figures and PDF"] = timed(lambda: bulletin.draft(db, "2026-11", AS_OF).pdf())
        db.close()
    print(f"office: {DEPARTMENTS + COUNTIES} units, {TASKS:,} tasks, {TOWNSHIPS:,} townships, "
          f"{ENTERPRISES} enterprises, {SHEETS} sheets; as of {AS_OF}")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, (cold, warm, cpu, _result) in results.items():
        print(f"  {name:<28} cold {cold:.3f} s   warm median {statistics.median(warm):.3f} s   "
              f"(CPU {statistics.median(cpu):.3f} s)   target < 1 s")
    lines = results["agenda (本周待办)"][3].count
    print(f"  agenda lines: {lines:,}; bulletin PDF: {len(draft.pdf()):,} bytes")


if __name__ == "__main__":
    main()
