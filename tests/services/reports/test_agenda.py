import datetime as dt

import pytest
from sqlalchemy import select, update

from aqdesk.db.models import Letter
from aqdesk.errors import UserError
from aqdesk.services.common import editing, settings, workdays
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.reports import chase, returns
from aqdesk.services.reports.agenda import agenda, save_agenda_pdf
from aqdesk.services.supervision.register import record_reply
from tests.exchange.pdf_reading import pages_text
from tests.services.importing.test_importing import workbook

THURSDAY = dt.date(2026, 11, 26)  # the demo's anchor week: Monday 11-23


def section(result, key):
    return next(s for s in result.sections if s.key == key)


def labels(result, key):
    return [line.label for line in section(result, key).lines]


def test_each_item_is_in_one_section_by_its_deadline(demo_db):
    result = agenda(demo_db, THURSDAY)
    keys = [(line.kind, line.label) for s in result.sections if s.key != "missing_returns" for line in s.lines]
    assert len(keys) == len(set(keys))
    new_red = section(result, "newly_red").lines
    assert "3-05 国三及以下柴油货车淘汰" in labels(result, "newly_red")  # due Friday 11-20
    assert all("已逾期" in line.when for line in new_red)
    overdue = section(result, "overdue").lines
    days = [int(line.when.split("（")[1].rstrip("天）")) for line in overdue]
    assert days == sorted(days, reverse=True)  # longest overdue first
    assert "2-05 集中供热管网建设" in labels(result, "overdue")
    assert all(line.when.startswith(("11月26日", "11月27日", "11月28日", "11月29日"))
               for line in section(result, "due_this_week").lines)
    assert all(line.when.startswith(("11月30日", "12月")) for line in section(result, "due_next_week").lines)


def test_lines_name_the_units_contact_and_phone(demo_db):
    line = next(line for line in section(agenda(demo_db, THURSDAY), "newly_red").lines if line.unit == "市交通运输局")
    assert line.contact.person and line.contact.phone
    text = agenda(demo_db, THURSDAY).as_text()
    assert text.startswith("【本周待办】示例市大气办")
    assert f"市交通运输局｜重点任务｜3-05 国三及以下柴油货车淘汰｜11月20日到期，已逾期4个工作日（6天）｜联系人：{line.contact.text}" in text


def test_a_sheet_not_signed_for_is_listed_once_its_next_working_day_has_passed(demo_db):
    number = "督办〔2026〕11号"  # issued Thursday 11-19, never signed for

    def unsigned(day):
        return any(number in line.label and "未签收" in line.when for line in section(agenda(demo_db, day), "sheets").lines)

    assert not unsigned(dt.date(2026, 11, 20))  # Friday: its one working day
    assert unsigned(dt.date(2026, 11, 23))
    workdays.set_day(demo_db, dt.date(2026, 11, 20), False)  # the office closes that Friday
    assert not unsigned(dt.date(2026, 11, 23))  # Monday is now its one working day
    assert unsigned(dt.date(2026, 11, 24))


def test_a_period_is_received_by_an_import_and_by_a_hand_report(demo_db, tmp_path):
    def missing():
        return {r.unit for r in returns.period_returns(demo_db, THURSDAY).missing}

    assert {"清河县", "市财政局"} <= missing()
    path = workbook(tmp_path / "清河县.xlsx", {"散煤": [["县(区)", "取缔散煤销售点(个)", "检查次数", "反弹点位(个)"],
                                                     ["清河县", 2, 30, 0]]})
    batch = commit(demo_db, prepare(demo_db, path, unit="清河县", period=dt.date(2026, 11, 20)))
    assert "清河县" not in missing()
    undo_import(demo_db, batch)
    assert "清河县" in missing()
    action = returns.record_received(demo_db, "财政局", THURSDAY, THURSDAY, "纸质报送")
    assert "市财政局" not in missing()
    assert "市财政局" not in [line.unit for line in section(agenda(demo_db, THURSDAY), "missing_returns").lines]
    editing.undo_action(demo_db, action)
    assert "市财政局" in missing()


def test_returns_are_asked_for_only_from_the_week_they_fall_due(demo_db):
    assert section(agenda(demo_db, dt.date(2026, 11, 16)), "missing_returns").lines == ()
    assert section(agenda(demo_db, dt.date(2026, 11, 23)), "missing_returns").lines


def test_a_cycle_the_office_cannot_mean_is_refused(demo_db):
    with pytest.raises(UserError, match="报送周期应为"):
        settings.save_all(demo_db, {"report.cycle": "每旬", "report.monthly_due_day": 25})
    with pytest.raises(UserError, match="每月几日前报送应在 1–31 之间"):
        settings.save_all(demo_db, {"report.monthly_due_day": 40})
    assert settings.load_all(demo_db)["report.cycle"] == "每月"


def test_weekly_cycle_in_the_heating_season(demo_db):
    with demo_db.transaction() as s:
        settings.put(s, "report.cycle", "供暖季每周、其余每月")
    period = returns.period_returns(demo_db, THURSDAY).period
    assert period.weekly and period.start == dt.date(2026, 11, 23)


def test_chase_notice_lists_the_missing_units_with_contacts(demo_db):
    notice = chase.chase_notice(demo_db, THURSDAY, THURSDAY)
    text = notice.as_text()
    assert text.startswith("【催报】示例市大气办")
    assert "以下6个单位尚未报送" in text and "市财政局（联系人：" in text
    assert notice.reply_by == dt.date(2026, 11, 30)
    assert notice.pdf().startswith(b"%PDF")


def test_an_item_due_monday_is_next_week_on_sunday_and_this_week_on_monday(demo_db):
    sunday, monday = dt.date(2026, 11, 29), dt.date(2026, 11, 30)
    assert "2-06 产业集聚区集中供热" in labels(agenda(demo_db, sunday), "due_next_week")
    assert "2-06 产业集聚区集中供热" in labels(agenda(demo_db, monday), "due_this_week")
    assert "2-06 产业集聚区集中供热" not in labels(agenda(demo_db, monday), "due_next_week")


def test_a_letter_past_its_reply_date_is_listed_from_the_day_after_with_its_units_contact(demo_db, tmp_path):
    number, friday, monday = "示例市大气办督〔2026〕1号", dt.date(2026, 11, 27), dt.date(2026, 11, 30)
    with demo_db.transaction() as s:  # reply due on the last working day of the anchor week
        s.execute(update(Letter).where(Letter.number == number).values(reply_due=friday))

    def line(day):
        return next((x for x in section(agenda(demo_db, day), "letters").lines if number in x.label), None)

    assert line(friday) is None  # reply still due today
    late = line(monday)
    assert late.unit == "安平县" and late.kind == "督办函" and late.ledger == "letter"
    assert late.contact.person and late.contact.phone
    assert late.when == "应于11月27日前回复，已逾期1个工作日（3天）"
    result = agenda(demo_db, monday)
    assert f"安平县｜督办函｜{late.label}｜{late.when}｜联系人：{late.contact.text}" in result.as_text()
    printed = "".join(pages_text(save_agenda_pdf(result, tmp_path / "agenda.pdf"))).replace("\n", "")
    assert "函件逾期未回复" in printed and late.contact.phone in printed
    with demo_db.reading() as s:
        letter_id = s.scalar(select(Letter.id).where(Letter.number == number))
    record_reply(demo_db, letter_id, monday)
    assert line(monday) is None
