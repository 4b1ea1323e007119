import datetime as dt

from aqdesk.db.models import Category, Task, Unit
from aqdesk.domain.enums import Color, TaskStatus, UnitKind
from aqdesk.services.common import settings
from aqdesk.services.reports import ledger_export
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.reports.unit_view import unit_summaries

AS_OF = dt.date(2026, 11, 26)
PAST, FUTURE = dt.date(2026, 11, 10), dt.date(2026, 12, 20)


def office(db, units: dict[str, tuple[UnitKind, list[str]]]):
    """Units, each with tasks described as 'done' (on time), 'late' (done after the
    deadline), 'red' (overdue) or 'open' (not yet due)."""
    with db.transaction() as s:
        category = Category(code=1, name="类")
        s.add(category)
        n = 0
        for order, (name, (kind, tasks)) in enumerate(units.items()):
            unit = Unit(name=name, kind=kind.value, sort_order=order)
            s.add(unit)
            s.flush()
            for state in tasks:
                n += 1
                done = state in ("done", "late")
                s.add(Task(number=f"1-{n:02d}", category=category, title=f"任务{n}", lead_unit_id=unit.id,
                           deadline=FUTURE if state == "open" else PAST,
                           status=TaskStatus.DONE.value if done else TaskStatus.IN_PROGRESS.value,
                           progress_pct=100 if done else 50,
                           done_on={"done": PAST, "late": PAST + dt.timedelta(days=3)}.get(state)))


def test_rates_not_counts_a_unit_with_more_work_is_not_punished_for_it(empty_db):
    office(empty_db, {
        "市大局": (UnitKind.DEPARTMENT, ["done"] * 8 + ["red"] * 2 + ["open"] * 2),  # 2 red of 12
        "市小局": (UnitKind.DEPARTMENT, ["done", "red", "open"]),  # 1 red of 3
    })
    result = ranking(empty_db, AS_OF)
    big, small = (next(u for u in result.departments if u.unit == name) for name in ("市大局", "市小局"))
    assert big.colors[Color.RED] == 2 > small.colors[Color.RED]  # more red items…
    assert big.rank == 1 and small.rank == 2  # …yet ranked above: a smaller share of its work is late
    assert big.on_time_rate == 80.0 and small.on_time_rate == 50.0
    assert (big.periods, big.missed) == (6, 6)  # no return ever came: the same 20 points off for both
    assert big.score == round(80 - 0.5 * 100 * 2 / 12 - 0.2 * 100, 1)


def test_equal_scores_share_a_rank_and_the_next_skips(empty_db):
    office(empty_db, {
        "市甲局": (UnitKind.DEPARTMENT, ["done", "red"]),
        "市乙局": (UnitKind.DEPARTMENT, ["done", "done", "red", "red"]),
        "市丙局": (UnitKind.DEPARTMENT, ["red"]),
    })
    ranks = {u.unit: u.rank for u in ranking(empty_db, AS_OF).departments}
    assert ranks == {"市甲局": 1, "市乙局": 1, "市丙局": 3}


def test_departments_and_counties_are_ranked_separately(empty_db):
    office(empty_db, {
        "市甲局": (UnitKind.DEPARTMENT, ["red"]),
        "甲县": (UnitKind.COUNTY, ["done"]),
        "乙县": (UnitKind.COUNTY, ["late"]),
    })
    result = ranking(empty_db, AS_OF)
    assert [(u.unit, u.rank) for u in result.departments] == [("市甲局", 1)]
    assert [(u.unit, u.rank) for u in result.counties] == [("甲县", 1), ("乙县", 2)]
    assert next(u for u in result.counties if u.unit == "乙县").on_time_rate == 0.0  # done, but late


def test_the_weights_are_office_settings(empty_db):
    office(empty_db, {"市甲局": (UnitKind.DEPARTMENT, ["done", "red"])})
    assert ranking(empty_db, AS_OF).departments[0].score == 50 - 25 - 20
    settings.save_all(empty_db, {"ranking.weight.red": 0, "ranking.weight.missing_returns": 10})
    result = ranking(empty_db, AS_OF)
    assert result.departments[0].score == 50 - 10 and "−0%×红色事项占比" in result.rule


def test_every_view_uses_the_same_ranking(demo_db, tmp_path):
    import openpyxl

    result = ranking(demo_db, AS_OF)
    ranked = [(u.unit, u.rank) for u in result.all]
    shown = [(u.name, u.rank) for u in unit_summaries(demo_db, AS_OF) if u.rank is not None]
    assert shown == [pair for pair in ranked if pair[0] in dict(shown)]
    wb = openpyxl.load_workbook(ledger_export.export_ledgers(demo_db, tmp_path / "台账.xlsx", AS_OF))
    summary = wb["分单位汇总"]
    rows = [(summary.cell(r, 4).value, summary.cell(r, 2).value) for r in range(5, summary.max_row + 1)
            if summary.cell(r, 2).value]
    assert rows == ranked
