import datetime as dt

import pytest

from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.ledgers import loose_coal, relocation, substitution
from aqdesk.services.reports import overview


def test_demo_ledgers_show_all_three_colours(demo_db, anchor):
    for rows in (relocation.enterprise_rows(demo_db, anchor), substitution.township_rows(demo_db, anchor),
                 loose_coal.county_rows(demo_db, anchor)):
        assert {r.color for r in rows} == set(Color)


def test_relapsing_counties_are_red(demo_db, anchor):
    reds = {r.county: r.reason for r in loose_coal.county_rows(demo_db, anchor) if r.color is Color.RED}
    assert reds and all(reason.startswith("反弹点位") for reason in reds.values())


def test_invalid_credit_code_is_refused(demo_db, anchor):
    row = relocation.enterprise_rows(demo_db, anchor)[0]
    with pytest.raises(UserError, match="校验位错误"):
        relocation.update_enterprise(demo_db, row.id, row.version, credit_code=row.credit_code[:17] + "0"
                                     if row.credit_code[17] != "0" else row.credit_code[:17] + "1")
    assert relocation.enterprise_rows(demo_db, anchor)[0].credit_code == row.credit_code


def test_future_actual_date_is_refused_and_a_real_one_moves_the_stage(demo_db, anchor):
    row = next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.stage == "未启动")
    with pytest.raises(UserError, match="将来的日期"):
        relocation.set_actual_dates(demo_db, row.id, row.version, {MilestoneKind.STOP: anchor + dt.timedelta(days=3)},
                                    today=anchor)
    action = relocation.set_actual_dates(demo_db, row.id, row.version, {MilestoneKind.STOP: anchor}, today=anchor)
    assert next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.id == row.id).stage == "已停产"
    editing.undo_action(demo_db, action)
    assert next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.id == row.id).stage == "未启动"


def test_milestone_postponement_is_counted(demo_db, anchor):
    row = next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.color is Color.RED)
    milestone = next(m for m in row.milestones if m.color is Color.RED)
    with pytest.raises(UserError, match="理由"):
        relocation.postpone_milestone(demo_db, milestone.id, milestone.version,
                                      new_date=anchor + dt.timedelta(days=60), reason="")
    relocation.postpone_milestone(demo_db, milestone.id, milestone.version, new_date=anchor + dt.timedelta(days=60),
                                  reason="园区配套管网未建成")
    after = next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.id == row.id)
    assert after.postponed == row.postponed + 1
    assert relocation.postponements(demo_db, row.id)[-1][1].reason == "园区配套管网未建成"


def test_accepted_above_completed_is_refused(demo_db, anchor):
    row = substitution.township_rows(demo_db, anchor)[0]
    with pytest.raises(UserError, match="不能超过已完成户数"):
        substitution.update_township(demo_db, row.id, row.version, target=row.target, completed=10, accepted=20,
                                     deadline=row.deadline)
    with pytest.raises(UserError, match="不能为负数"):
        loose_coal.update_period(demo_db, loose_coal.county_rows(demo_db, anchor)[0].history[0].id, 1, cases=-3)


def test_data_error_row_is_shown(demo_db, anchor):
    errors = [r for r in substitution.township_rows(demo_db, anchor) if r.data_error]
    assert len(errors) == 1 and "超过任务" in errors[0].data_error


def test_overview_figures(demo_db, anchor):
    data = overview.overview(demo_db, anchor)
    assert sum(data.stages.values()) == 77
    assert data.milestones.total == 77 * 4
    assert set(data.households) == {"气代煤", "电代煤", ""}
    assert data.households[""].target == data.households["气代煤"].target + data.households["电代煤"].target
    days = [i.days_overdue for i in data.most_overdue]
    assert len(days) == 10 and days == sorted(days, reverse=True) and min(days) > 0
    status = data.as_json()
    assert status["relocation"]["stages"]["已投产"] == data.stages["已投产"]
    assert status["substitution"]["households"]["电代煤"]["completed"] == data.households["电代煤"].completed
    assert {"red", "yellow", "green"} <= set(status["loose_coal"])


def test_a_townships_new_deadline_needs_a_reason_and_counts_as_a_postponement(demo_db, anchor):
    row = next(r for r in substitution.township_rows(demo_db, anchor) if r.color is not Color.GREEN)
    figures = {"target": row.target, "completed": row.completed, "accepted": row.accepted}
    assert substitution.update_township(demo_db, row.id, row.version, **figures, deadline=row.deadline) is None
    later = dt.date(row.deadline.year + 1, 3, 31)
    with pytest.raises(UserError, match="推迟必须填写理由"):
        substitution.update_township(demo_db, row.id, row.version, **figures, deadline=later, reason=" ")
    action = substitution.update_township(demo_db, row.id, row.version, **figures, deadline=later,
                                          reason="气源管线未通", changed_on=anchor)
    after = next(r for r in substitution.township_rows(demo_db, anchor) if r.id == row.id)
    assert (after.deadline, after.postponed) == (later, row.postponed + 1)
    change = substitution.postponements(demo_db, row.id)[-1]
    assert (change.old_date, change.new_date, change.reason) == (row.deadline, later, "气源管线未通")
    editing.undo_action(demo_db, action)
    after = next(r for r in substitution.township_rows(demo_db, anchor) if r.id == row.id)
    assert (after.deadline, after.postponed) == (row.deadline, row.postponed)
