import datetime as dt

import pytest

from aqdesk.domain.values import (
    cell_text,
    parse_date,
    parse_int_count,
    parse_number,
    parse_percent,
    parse_yes_no,
    shown,
)

NOV30 = dt.date(2026, 11, 30)


@pytest.mark.parametrize("value", [
    NOV30, dt.datetime(2026, 11, 30, 0, 0), dt.datetime(2026, 11, 30, 15, 20),
    "2026-11-30", "2026/11/30", "2026.11.30", "2026年11月30日", "2026年11月30号", "20261130",
    "２０２６年１１月３０日", " 2026 . 11 . 30 ", "2026-11-30 00:00:00", "２０２６－１１－３０",
    20261130, 20261130.0, 46356, 46356.5,
])
def test_date_forms(value):
    assert parse_date(value).date == NOV30
    assert parse_date(value).problem is None


def test_short_month_and_day_are_fine():
    assert parse_date("2026-1-5").date == dt.date(2026, 1, 5)
    assert parse_date("2026年1月5日").date == dt.date(2026, 1, 5)


@pytest.mark.parametrize("text", ["11月底", "年底前", "长期坚持", "2026年11月", "已完成"])
def test_vague_dates_are_kept_and_flagged(text):
    parsed = parse_date(text)
    assert parsed.date is None and parsed.vague == text
    assert parsed.problem == f"“{text}”不是具体日期，已按原文保留"


@pytest.mark.parametrize("value, message", [
    ("2026-02-30", "“2026-02-30”不是有效日期"),
    ("20261399", "“20261399”不是有效日期"),
    ("2026-11/30", "“2026-11/30”不是日期"),
    ("abc", "“abc”不是日期"),
    (85, "“85”不是日期"),
    (85.5, "“85.5”不是日期"),
    (True, "“TRUE”不是日期"),
    (dt.time(8, 30), "“08:30:00”不是日期"),
])
def test_not_dates(value, message):
    parsed = parse_date(value)
    assert parsed.date is None and parsed.vague is None and parsed.problem == message


@pytest.mark.parametrize("value", [None, "", "  ", "\n", "-", "—", "/", "——"])
def test_empty_cells_are_empty_everywhere(value):
    assert parse_date(value).date is None and parse_date(value).problem is None
    for parse in (parse_number, parse_percent, parse_yes_no, parse_int_count):
        assert parse(value).value is None and parse(value).problem is None


@pytest.mark.parametrize("value, number", [
    (1200, 1200), (12.5, 12.5), ("1200", 1200), ("1,200", 1200), ("1,200.5", 1200.5),
    ("１２００", 1200), ("１，２００", 1200), ("85%", 85), ("８５％", 85), (" 3.5 ", 3.5),
    ("-2", -2), ("300吨", 300), ("12个", 12), (".5", 0.5), (0, 0),
])
def test_numbers(value, number):
    parsed = parse_number(value)
    assert parsed.problem is None and parsed.value == number


@pytest.mark.parametrize("value", ["约八成", "八十", "1,2", "12,00", "1.2.3", "nan", "inf", "1e3",
                                   "12万", "约100", True, float("nan"), NOV30])
def test_not_numbers(value):
    parsed = parse_number(value)
    assert parsed.value is None and parsed.problem == f"“{shown(value)}”不是数字"


def test_the_contract_example():
    assert parse_percent("约八成").problem == "“约八成”不是数字"


@pytest.mark.parametrize("value", [85, 85.0, "85", "85%", "８５％", 0.85, "0.85", " 85 % "])
def test_percent_forms_all_mean_85(value):
    assert parse_percent(value).value == pytest.approx(85)
    assert parse_percent(value).problem is None


def test_percent_edges():
    assert parse_percent(0).value == 0
    assert parse_percent(1).value == 1  # 1 is not a fraction: only 0 < x < 1 is
    assert parse_percent(100).value == 100
    assert parse_percent("100%").value == 100
    assert parse_percent("0.5%").value == 0.5
    assert parse_percent(0.005).value == pytest.approx(0.5)
    assert parse_percent(0.85).value == 85  # no binary fraction left over


@pytest.mark.parametrize("value", [120, "120%", -5, "-0.5"])
def test_percent_out_of_range(value):
    assert parse_percent(value).problem == f"“{shown(value)}”不在 0–100 之间"


@pytest.mark.parametrize("value, answer", [
    ("是", True), ("否", False), ("已完成", True), ("未完成", False), ("Y", True), ("n", False),
    ("√", True), ("×", False), ("✓", True), (True, True), (False, False), (" 是 ", True),
    ("yes", True), ("NO", False),
])
def test_yes_no(value, answer):
    assert parse_yes_no(value).value is answer


@pytest.mark.parametrize("value", ["也许", "基本完成", 1, 0.5])
def test_not_yes_no(value):
    assert parse_yes_no(value).problem == f"“{shown(value)}”应填“是”或“否”"


@pytest.mark.parametrize("value, count", [
    (120, 120), (120.0, 120), ("120", 120), ("1,200", 1200), ("１２００", 1200), ("120户", 120), (0, 0),
])
def test_counts(value, count):
    parsed = parse_int_count(value)
    assert parsed.problem is None and parsed.value == count and type(parsed.value) is int


@pytest.mark.parametrize("value, message", [
    (12.5, "“12.5”不是整数"), ("12.5", "“12.5”不是整数"), ("85%", "“85%”不是整数"),
    (-3, "“-3”不能是负数"), ("-3", "“-3”不能是负数"), ("约一百", "“约一百”不是数字"),
])
def test_bad_counts(value, message):
    assert parse_int_count(value).problem == message


def test_cell_text_and_shown():
    assert cell_text(12.0) == "12" and cell_text(0.85) == "0.85" and cell_text(" a ") == "a"
    assert cell_text(dt.datetime(2026, 11, 30)) == "2026-11-30"
    assert cell_text(None) == "" and cell_text(False) == "FALSE"
    long = "长" * 100
    assert len(shown(long)) == 50 and shown(long).endswith("…")
    assert parse_number(long).problem == f"“{'长' * 49}…”不是数字"
