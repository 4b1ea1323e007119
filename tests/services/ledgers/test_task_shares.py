import datetime as dt

import pytest
from sqlalchemy import select

from aqdesk.db.models import Category, Task, TaskShare, Unit
from aqdesk.domain.enums import Color, ItemKind, ShareRule, TaskStatus, UnitKind
from aqdesk.errors import UserError
from aqdesk.services.common.editing import undo_action
from aqdesk.services.ledgers.task_shares import (
    postpone_share,
    report_share,
    set_share_target,
    set_shares,
    shares_of,
    task_units,
)
from aqdesk.services.ledgers.tasks import find_tasks, task_rows
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.supervision.letters import draft_text, letter_items
from aqdesk.services.supervision.sheet_items import all_items

AS_OF = dt.date(2026, 11, 26)
PAST, FUTURE = dt.date(2026, 11, 10), dt.date(2026, 12, 20)
COUNTIES = ("甲县", "乙区", "丙县")


@pytest.fixture
def office(empty_db):
    """市住建局 leads one task due on PAST; 甲县, 乙区 and 丙县 are the counties."""
    with empty_db.transaction() as s:
        category = Category(code=1, name="类")
        lead = Unit(name="市住建局", kind=UnitKind.DEPARTMENT.value, sort_order=0)
        s.add_all([category, lead, *(Unit(name=n, kind=UnitKind.COUNTY.value, sort_order=i + 1)
                                     for i, n in enumerate(COUNTIES))])
        s.flush()
        s.add(Task(number="2-01", category=category, title="划定管控区", lead_unit_id=lead.id, deadline=PAST,
                   start_date=dt.date(2026, 9, 1), status=TaskStatus.IN_PROGRESS.value, progress_pct=50))
    return empty_db


def task_version(db) -> tuple[int, int]:
    with db.reading() as s:
        task = s.scalars(select(Task)).one()
        return task.id, task.version


def split(db, finished=("甲县",), **kw) -> None:
    """Shares for every county; ``finished`` have done theirs on time."""
    task_id, version = task_version(db)
    set_shares(db, task_id, version, ["全部县区"], **kw)
    with db.transaction() as s:
        for share in s.scalars(select(TaskShare)):
            if share.unit.name in finished:
                share.status, share.progress_pct, share.done_on = TaskStatus.DONE, 100, PAST


def test_every_county_gets_a_share_and_undo_takes_them_away(office):
    task_id, version = task_version(office)
    action = set_shares(office, task_id, version, ["全部县区"])
    assert [s.unit for s in shares_of(office, task_id)] == list(COUNTIES)
    undo_action(office, action)
    assert shares_of(office, task_id) == []


def test_removing_a_share_and_changing_the_lead_are_one_undoable_action(office):
    split(office, finished=())
    task_id, version = task_version(office)
    action = set_shares(office, task_id, version, ["甲县", "乙区"], lead="丙县")
    assert [s.unit for s in shares_of(office, task_id)] == ["甲县", "乙区"]
    assert task_rows(office, AS_OF)[0].lead == "丙县"
    undo_action(office, action)
    assert [s.unit for s in shares_of(office, task_id)] == list(COUNTIES)
    assert task_rows(office, AS_OF)[0].lead == "市住建局"


def test_an_unknown_unit_or_an_impossible_count_is_refused(office):
    task_id, version = task_version(office)
    with pytest.raises(UserError, match="找不到以下单位：丁县"):
        set_shares(office, task_id, version, ["甲县", "丁县"])
    with pytest.raises(UserError, match="1到3之间"):
        set_shares(office, task_id, version, ["全部县区"], rule=ShareRule.COUNT, needed=4)
    assert shares_of(office, task_id) == []


def test_the_task_row_says_how_many_counties_finished_and_which_are_late(office):
    split(office)
    row = task_rows(office, AS_OF)[0]
    assert row.color is Color.RED
    assert row.reason == "3个县区中1个已完成，2个逾期：乙区、丙县"
    assert row.progress == 33
    assert [r.number for r in find_tasks(office, AS_OF, unit="乙区")] == ["2-01"]


def test_a_count_of_shares_finishes_the_task(office):
    split(office, finished=("甲县", "乙区"), rule=ShareRule.COUNT, needed=2)
    row = task_rows(office, AS_OF)[0]
    assert (row.color, row.status) == (Color.GREEN, TaskStatus.DONE)
    assert row.reason == "3个县区中2个已完成，1个逾期：丙县（需完成2个）"


def test_a_late_share_is_the_sharing_units_late_item_naming_the_lead(office):
    split(office)
    items = all_items(office, AS_OF)
    mine = letter_items(items, "乙区")
    assert [(i.kind, i.key, i.color) for i in mine] == [(ItemKind.SHARE, "2-01:乙区", Color.RED)]
    assert mine[0].label == "2-01 划定管控区（乙区分工，市住建局牵头）" and mine[0].number == "2-01"
    assert letter_items(items, "甲县") == []
    [(_heading, [line])] = draft_text(office, "乙区", AS_OF).sections
    assert line.startswith("重点任务2-01：划定管控区（乙区分工，市住建局牵头）。") and "逾期16天" in line
    lead = letter_items(items, "市住建局")
    assert lead[0].kind is ItemKind.TASK and "2个逾期：乙区、丙县" in lead[0].reason


def test_the_ranking_counts_each_units_share(office):
    split(office)
    scores = ranking(office, AS_OF).by_name()
    assert (scores["乙区"].items, scores["乙区"].colors[Color.RED]) == (1, 1)
    assert (scores["甲县"].items, scores["甲县"].on_time, scores["甲县"].colors[Color.RED]) == (1, 1, 0)
    assert scores["市住建局"].colors[Color.RED] == 1


def test_cooperating_units_are_edited_and_undone_with_the_shares(office):
    task_id, version = task_version(office)
    action = set_shares(office, task_id, version, ["甲县"], cooperators=["乙区", "丙县"])
    units = task_units(office, task_id, AS_OF)
    assert units.cooperators == ("乙区", "丙县") and [s.unit for s in units.shares] == ["甲县"]
    assert units.shares[0].color is Color.RED and "市住建局" in units.units
    undo_action(office, action)
    units = task_units(office, task_id, AS_OF)
    assert units.cooperators == () and units.shares == ()


def test_the_unit_view_lists_a_share_under_its_unit(office):
    from aqdesk.services.reports.unit_view import unit_summaries

    split(office)
    by_name = {u.name: u for u in unit_summaries(office, AS_OF)}
    assert [(role, row.number) for role, row in by_name["乙区"].tasks] == [("分工", "2-01")]


def test_as_of_a_day_before_a_share_finished_it_was_not_done(office):
    split(office, finished=("甲县", "乙区", "丙县"))
    assert task_rows(office, AS_OF)[0].status is TaskStatus.DONE
    before = task_rows(office, PAST - dt.timedelta(days=1))[0]
    assert before.status is not TaskStatus.DONE and before.reason.startswith("3个县区中0个已完成")


def test_the_agenda_lists_a_late_share_under_its_unit_opening_the_task(office):
    from aqdesk.services.reports.agenda import agenda

    split(office)
    task_id, _version = task_version(office)
    lines = [line for s in agenda(office, AS_OF).sections for line in s.lines if line.unit == "乙区"]
    assert [(line.ledger, line.id, line.label) for line in lines] == [("task", task_id, "2-01 划定管控区（乙区分工，市住建局牵头）")]


def test_a_share_has_its_own_target_postponement_and_reports_each_undoable(office):
    split(office, finished=())
    task_id, _ = task_version(office)
    share = next(s for s in shares_of(office, task_id) if s.unit == "乙区")
    set_share_target(office, share.id, share.version, "划定禁燃区3个")
    share = next(s for s in shares_of(office, task_id) if s.unit == "乙区")
    with pytest.raises(UserError, match="理由"):
        postpone_share(office, share.id, share.version, new_deadline=FUTURE, reason=" ")
    moved = postpone_share(office, share.id, share.version, new_deadline=FUTURE, reason="征求意见延长", changed_on=AS_OF)
    row = task_rows(office, AS_OF)[0]
    # the task keeps its own deadline; 乙区, no longer late, lags its time (nothing done since 9-01)
    assert row.reason == "3个县区中0个已完成，2个逾期：甲县、丙县，1个预警：乙区" and row.deadline == PAST
    share = next(s for s in shares_of(office, task_id) if s.unit == "乙区")
    assert (share.target, share.deadline, share.color) == ("划定禁燃区3个", FUTURE, Color.YELLOW)
    reported = report_share(office, share.id, share.version, period=AS_OF, progress=100, text="已公布。",
                            reported_on=AS_OF)
    assert next(s for s in shares_of(office, task_id) if s.unit == "乙区").done
    undo_action(office, reported)
    undo_action(office, moved)
    share = next(s for s in shares_of(office, task_id) if s.unit == "乙区")
    assert (share.deadline, share.done, share.color) == (PAST, False, Color.RED)


def test_a_sheet_is_issued_to_a_unit_for_its_late_share(office):
    from aqdesk.services.supervision.sheet_items import items_by_ref, resolve
    from aqdesk.services.supervision.sheet_loop import issue_sheet

    split(office)
    [item] = resolve(office, ["2-01:乙区"], AS_OF)
    assert (item.kind, item.unit) == (ItemKind.SHARE, "乙区")
    issued = issue_sheet(office, unit="乙区", level=Color.RED, items=[item], requirement="限期划定。", issued_on=AS_OF)
    assert issued.number
    assert items_by_ref(office, [(ItemKind.SHARE, item.id)], AS_OF)[(ItemKind.SHARE, item.id)].color is Color.RED
