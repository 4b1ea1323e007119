"""Figures as of a past date are rebuilt from history, not today's fields under an old clock."""

import datetime as dt

from aqdesk.domain.enums import Color, LoopStep, TaskStatus
from aqdesk.services.ledgers import task_edit
from aqdesk.services.ledgers.tasks import find_tasks, task_rows
from aqdesk.services.reports.status import office_status
from aqdesk.services.supervision import sheet_loop
from aqdesk.services.supervision.sheet_list import sheet_rows

OCTOBER, LATER = dt.date(2026, 10, 20), dt.date(2026, 11, 26)


def row(db, number, as_of):
    return next(r for r in task_rows(db, as_of) if r.number == number)


def open_task(db):
    """A task still open, due after October 20, that was not yet green then."""
    return next(r for r in task_rows(db, OCTOBER) if r.status is not TaskStatus.DONE and r.deadline
                and r.deadline > OCTOBER and r.color is not Color.GREEN)


def test_a_task_finished_on_11_25_keeps_its_october_colour(demo_db):
    before = open_task(demo_db)
    status_before = office_status(demo_db, OCTOBER).tasks
    detail = task_edit.task_detail(demo_db, before.id)
    task_edit.add_report(demo_db, before.id, detail.version, period=dt.date(2026, 11, 25), progress=100,
                         text="全部完成", reported_on=dt.date(2026, 11, 25))
    assert row(demo_db, before.number, LATER).status is TaskStatus.DONE
    then = row(demo_db, before.number, OCTOBER)
    assert (then.status, then.progress, then.latest, then.color) == (before.status, before.progress, before.latest,
                                                                      before.color)
    assert office_status(demo_db, OCTOBER).tasks == status_before
    assert before.number in {r.number for r in find_tasks(demo_db, OCTOBER, color=before.color)}


def test_a_postponement_made_later_does_not_move_the_deadline_back_then(demo_db):
    red = next(r for r in task_rows(demo_db, LATER) if r.color is Color.RED)
    detail = task_edit.task_detail(demo_db, red.id)
    task_edit.postpone(demo_db, red.id, detail.version, new_deadline=dt.date(2026, 12, 31), reason="经批准延期",
                       changed_on=LATER)
    assert row(demo_db, red.number, LATER).deadline == dt.date(2026, 12, 31)
    assert row(demo_db, red.number, LATER - dt.timedelta(days=1)).deadline == red.deadline
    assert row(demo_db, red.number, LATER - dt.timedelta(days=1)).color is Color.RED


def test_a_sheet_stands_at_the_step_it_had_reached(demo_db):
    sheet = next(s for s in sheet_rows(demo_db, LATER) if s.step is LoopStep.ISSUED)
    detail = sheet_loop.sheet_detail(demo_db, sheet.id)
    sheet_loop.record_step(demo_db, sheet.id, detail.version, LoopStep.RECEIVED, LATER)
    assert next(s for s in sheet_rows(demo_db, LATER) if s.id == sheet.id).step is LoopStep.RECEIVED
    assert next(s for s in sheet_rows(demo_db, LATER - dt.timedelta(days=1)) if s.id == sheet.id).step is LoopStep.ISSUED
    assert all(s.issued_on <= OCTOBER for s in sheet_rows(demo_db, OCTOBER))


def test_township_households_as_reported_by_then(demo_db, tmp_path):
    from aqdesk.services.importing.commit import commit
    from aqdesk.services.importing.prepare import prepare
    from aqdesk.services.ledgers import substitution
    from tests.services.importing.test_importing import workbook

    town = next(r for r in substitution.township_rows(demo_db, LATER) if r.county == "安平县" and not r.data_error
                and r.completed < r.target)
    path = workbook(tmp_path / "安平县.xlsx", {"双替代": [
        ["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"],
        ["安平县", town.township, town.kind.label, town.target, town.target, town.accepted]]})
    commit(demo_db, prepare(demo_db, path, unit="安平县", period=dt.date(2026, 11, 20)), accept_valid_rows=True)

    def completed(as_of):
        return next(r for r in substitution.township_rows(demo_db, as_of) if r.id == town.id).completed

    assert completed(LATER) == town.target
    assert completed(dt.date(2026, 11, 19)) == town.completed  # what the import found, before its period
