"""Roll-ups and colours from the database at scale. Run by hand: ``python bench/rollup.py``.

Builds a temporary database with 100,000 township targets and 10,000 enterprises (40,000
milestones), then times what the 双替代 and 退城入园 screens and the overview compute:
every row's colour, the roll-up township → county → city, and the relocation stages.
Target: under 1 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from aqdesk.db.database import open_database
from aqdesk.db.models import Enterprise, Milestone, SubstitutionTarget, Unit
from aqdesk.domain.enums import MilestoneKind, SubstitutionKind, UnitKind
from aqdesk.services.common import workdays
from aqdesk.services.ledgers import relocation, substitution

TOWNSHIPS, ENTERPRISES, COUNTIES = 100_000, 10_000, 40
AS_OF = dt.date(2026, 11, 23)


def build(db, rng: random.Random) -> None:
    with db.transaction() as s:
        workdays.seed_if_empty(s)
        counties = [Unit(name=f"县区{i}", kind=UnitKind.COUNTY.value) for i in range(COUNTIES)]
        s.add_all(counties)
        s.flush()
        units = [{"name": f"乡镇{i}", "kind": UnitKind.TOWNSHIP.value, "parent_id": counties[i % COUNTIES].id,
                  "leader": "", "sort_order": i, "active": True, "version": 1} for i in range(TOWNSHIPS // 2)]
        s.execute(Unit.__table__.insert(), units)
        ids = [row[0] for row in s.execute(Unit.__table__.select().with_only_columns(Unit.id)
                                           .where(Unit.kind == UnitKind.TOWNSHIP.value))]
        targets = []
        for township_id in ids:
            for kind in SubstitutionKind:
                target = rng.randint(100, 3000)
                done = rng.randint(0, target)
                targets.append({"township_id": township_id, "kind": kind.value, "target_households": target,
                                "completed": done, "accepted": rng.randint(0, done), "version": 1,
                                "deadline": AS_OF + dt.timedelta(days=rng.randint(-30, 60))})
        s.execute(SubstitutionTarget.__table__.insert(), targets)
        s.execute(Enterprise.__table__.insert(), [
            {"name": f"企业{i}", "credit_code": None, "county_id": counties[i % COUNTIES].id, "industry": "",
             "original_site": "", "park": "", "problems": "", "version": 1} for i in range(ENTERPRISES)])
        enterprise_ids = [row[0] for row in s.execute(Enterprise.__table__.select().with_only_columns(Enterprise.id))]
        milestones = []
        for enterprise_id in enterprise_ids:
            reached = rng.randint(0, 4)
            for seq, kind in enumerate(MilestoneKind):
                planned = AS_OF + dt.timedelta(days=rng.randint(-200, 400))
                milestones.append({"enterprise_id": enterprise_id, "kind": kind.value, "seq": seq, "version": 1,
                                   "planned_date": planned, "actual_date": planned if seq < reached else None})
        s.execute(Milestone.__table__.insert(), milestones)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AQDESK_DATA_DIR"] = folder
        db = open_database(f"sqlite:///{Path(folder, 'bench.db').as_posix()}")
        build(db, random.Random(3))
        start = time.perf_counter()
        townships = substitution.township_rows(db, AS_OF)
        totals = substitution.totals(townships)
        middle = time.perf_counter()
        enterprises = relocation.enterprise_rows(db, AS_OF)
        stages = relocation.stage_counts(enterprises)
        end = time.perf_counter()
        db.close()
    print(f"{len(townships):,} township targets: colours and roll-ups {middle - start:.3f} s "
          f"({len(totals):,} totals; city gas completed {totals[('全市', '气代煤')].percent:.1f}%)")
    print(f"{len(enterprises):,} enterprises, {len(enterprises) * 4:,} milestones: colours and stages "
          f"{end - middle:.3f} s ({stages})")
    print(f"all roll-ups and colours from the database: {end - start:.3f} s  (target < 1 s)")


if __name__ == "__main__":
    main()
