import datetime as dt

from aqdesk.domain.enums import Color, LoopStep
from aqdesk.domain.followup import RuleAction, RuleKind
from aqdesk.services.supervision import letters, rules, sheet_items, sheet_loop, summons


def issue(db, day, unit, keys, level):
    items = sheet_items.resolve(db, list(keys), day)
    return sheet_loop.issue_sheet(db, unit=unit, level=level, items=items, requirement="整改。", issued_on=day)


def rule(db, kind):
    return next(r for r in rules.rules(db) if r.kind is kind)


def units(db, day, action, kind):
    return {h.unit for h in rules.evaluate(db, day, action) if h.rule.kind is kind}


def test_the_default_rules_are_the_seeds_examples_and_read_as_sentences(demo_db):
    texts = [r.text for r in rules.rules(demo_db)]
    assert "最近90天内收到黄色督办单2件及以上→发督办函" in texts
    assert "有事项逾期30个工作日以上仍未完成→列入约谈建议" in texts
    assert "有1件及以上发文超过回复时限未回复→催办" in texts


def test_two_yellow_sheets_within_the_window_call_for_a_letter(demo_db, anchor):
    assert "市城管执法局" not in units(demo_db, anchor, RuleAction.LETTER, RuleKind.YELLOW_SHEETS)
    issue(demo_db, anchor - dt.timedelta(days=100), "市城管执法局", ["4-04"], Color.YELLOW)  # outside 90 days
    issue(demo_db, anchor - dt.timedelta(days=20), "市城管执法局", ["4-04"], Color.YELLOW)
    assert "市城管执法局" not in units(demo_db, anchor, RuleAction.LETTER, RuleKind.YELLOW_SHEETS)
    issue(demo_db, anchor - dt.timedelta(days=5), "市城管执法局", ["4-04"], Color.YELLOW)
    assert "市城管执法局" in units(demo_db, anchor, RuleAction.LETTER, RuleKind.YELLOW_SHEETS)


def test_returned_twice_puts_a_unit_on_the_summons_list_saying_so(demo_db, anchor):
    sid = issue(demo_db, anchor - dt.timedelta(days=10), "市城管执法局", ["4-04"], Color.GREEN).sheet_id
    for on, what, note in ((1, LoopStep.RECEIVED, ""), (2, LoopStep.FEEDBACK, "已整改"), (3, LoopStep.RETURNED, "不到位"),
                           (4, LoopStep.FEEDBACK, "再整改"), (5, LoopStep.RETURNED, "仍不到位")):
        version = sheet_loop.sheet_detail(demo_db, sid).version
        sheet_loop.record_step(demo_db, sid, version, what, anchor - dt.timedelta(days=10 - on), note)
    row = next(r for r in summons.summons_list(demo_db, anchor).rows if r.unit == "市城管执法局")
    assert row.rules == "核查退回达到次数" and "多次交办仍然整改不到位" in row.reason


def test_an_unanswered_letter_calls_for_a_reminder(demo_db, anchor, tmp_path):
    # the demo's letter to 安平县 and reminder to 石桥县 are unanswered; 东城区 replied in time
    assert units(demo_db, anchor, RuleAction.REMIND, RuleKind.LETTER_UNANSWERED) == {"安平县", "石桥县"}
    letters.issue_letter(demo_db, "西城区", anchor, tmp_path)
    assert "西城区" not in units(demo_db, anchor + dt.timedelta(days=5), RuleAction.REMIND, RuleKind.LETTER_UNANSWERED)
    assert "西城区" in units(demo_db, anchor + dt.timedelta(days=30), RuleAction.REMIND, RuleKind.LETTER_UNANSWERED)


def test_the_office_changes_a_rule_and_the_list_follows(demo_db, anchor):
    overdue = rule(demo_db, RuleKind.RED_TASK_OVERDUE)
    assert "东城区" in units(demo_db, anchor, RuleAction.SUMMONS, RuleKind.RED_TASK_OVERDUE)
    rules.save_rule(demo_db, overdue.id, overdue.kind, 300, 0, RuleAction.SUMMONS)
    assert units(demo_db, anchor, RuleAction.SUMMONS, RuleKind.RED_TASK_OVERDUE) == set()
    red = rule(demo_db, RuleKind.RED_SHEET_LATE)
    rules.save_rule(demo_db, red.id, red.kind, red.threshold, red.window_days, red.action, enabled=False)
    assert "石桥县" not in {r.unit for r in summons.summons_list(demo_db, anchor).rows}
