"""Speed of the task ledger at 100,000 rows. Run by hand: ``python bench/ledger.py``.

Prints: colouring 100,000 tasks, one in twenty split into 10 county shares (target < 0.5 s) and filtering a 100,000-row ledger by
text in the proxy model (target < 0.2 s).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from aqdesk.domain.enums import Color, DeadlineKind, ShareRule, TaskStatus  # noqa: E402
from aqdesk.domain.warning import WarningSettings  # noqa: E402
from aqdesk.domain.workcalendar import WorkCalendar  # noqa: E402
from aqdesk.services.common.warning_colours import Assessor  # noqa: E402
from aqdesk.services.common.workdays import official_years  # noqa: E402
from aqdesk.services.ledgers.tasks import TaskRow  # noqa: E402

N = 100_000
AS_OF = dt.date(2026, 11, 23)
WORDS = ["散煤", "扬尘", "柴油货车", "VOCs", "秸秆", "锅炉", "双替代", "错峰生产", "油烟", "监测"]


def official_calendar() -> WorkCalendar:
    import chinese_calendar

    days = {}
    for year in official_years():
        day = dt.date(year, 1, 1)
        while day.year == year:
            days[day] = chinese_calendar.is_workday(day)
            day += dt.timedelta(days=1)
    return WorkCalendar(days)


def synthetic_tasks(rng: random.Random) -> list[SimpleNamespace]:
    items = []
    for _ in range(N):
        start = AS_OF - dt.timedelta(days=rng.randint(10, 200))
        standing = rng.random() < 0.1
        items.append(SimpleNamespace(
            status=TaskStatus.DONE if rng.random() < 0.2 else TaskStatus.IN_PROGRESS,
            deadline_kind=DeadlineKind.STANDING if standing else DeadlineKind.DATE,
            deadline=None if standing else AS_OF + dt.timedelta(days=rng.randint(-60, 400)),
            start_date=start, progress_pct=rng.randint(0, 100), done_on=None,
            last_reported_on=AS_OF - dt.timedelta(days=rng.randint(0, 60)),
            lead_unit_id=0, share_rule=rng.choice(list(ShareRule)), shares_needed=8, shares=(),
        ))
        if rng.random() < 0.05:  # a duty on every county
            items[-1].shares = tuple(synthetic_share(rng, i, items[-1].deadline) for i in range(10))
    return items


def synthetic_share(rng: random.Random, unit: int, deadline: dt.date | None) -> SimpleNamespace:
    done = rng.random() < 0.5
    return SimpleNamespace(
        unit_id=unit, unit=f"县{unit}", county=True, status=TaskStatus.DONE if done else TaskStatus.IN_PROGRESS,
        deadline=deadline if rng.random() < 0.8 else AS_OF + dt.timedelta(days=rng.randint(-30, 60)),
        progress_pct=100 if done else rng.randint(0, 99), done_on=AS_OF if done else None,
        last_reported_on=AS_OF - dt.timedelta(days=rng.randint(0, 60)),
    )


def bench_colouring(rng: random.Random) -> None:
    assessor = Assessor(AS_OF, official_calendar(), WarningSettings())
    items = synthetic_tasks(rng)
    assessor.task(items[0])  # the calendar builds its index on first use, as in the program
    start, cpu = time.perf_counter(), time.process_time()
    colours = [assessor.task(t).color for t in items]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = {c.label: colours.count(c) for c in Color}
    shared = sum(1 for t in items if t.shares)
    print(f"colouring {N:,} tasks ({shared:,} with 10 shares): {elapsed:.3f} s (CPU {cpu:.3f} s)  (target < 0.5 s)  {counts}")


def bench_filtering(rng: random.Random) -> None:
    from PySide6.QtWidgets import QApplication

    from aqdesk.ui.pages.ledgers import task_page

    QApplication([])
    rows = [
        TaskRow(id=i, number=f"{i // 1000 + 1}-{i % 1000:03d}", category=f"类别{i % 9}",
                title=f"{rng.choice(WORDS)}整治任务{i}", lead=f"单位{i % 40}", cooperator_names=(f"单位{(i + 7) % 40}",),
                deadline=AS_OF, deadline_text=AS_OF.isoformat(), status=TaskStatus.IN_PROGRESS,
                progress=i % 101, latest=f"已完成{rng.choice(WORDS)}排查{i % 500}处", color=rng.choice(list(Color)),
                reason="剩3个工作日", days_left=3, postponed=0)
        for i in range(N)
    ]
    page = task_page()  # the real screen's model, proxy and filters
    model, proxy = page.model, page.proxy
    start = time.perf_counter()
    model.set_rows(rows)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    proxy.set_filter("散煤")
    elapsed = time.perf_counter() - start
    print(f"loading {N:,} rows into the model and proxy: {loaded:.3f} s")
    print(f"filtering {N:,} rows by text in the proxy: {elapsed:.3f} s  (target < 0.2 s)  -> {proxy.rowCount():,} rows")
    start = time.perf_counter()
    proxy.set_filter("散煤", [None, "单位3", Color.RED.label, False])
    print(f"filtering by text + colour + unit: {time.perf_counter() - start:.3f} s  -> {proxy.rowCount():,} rows")
    proxy.set_filter("")
    for column in (0, 3):
        start = time.perf_counter()
        proxy.sort(column)
        print(f"sorting {proxy.rowCount():,} rows by {model.COLUMNS[column].header}: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    rng = random.Random(7)
    bench_colouring(rng)
    bench_filtering(rng)
