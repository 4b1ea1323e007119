"""Reading the State Council's yearly holiday notice (国务院办公厅关于20XX年部分节假日安排的通知).

The office pastes the notice as published; each holiday's paragraph names the days off
(「2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。」) and the
weekend days worked instead (「2月14日（周六）、2月28日（周六）上班。」). Every other day is
Monday–Friday as usual.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

_YEAR = re.compile(r"关于\s*(\d{4})\s*年[^。]{0,10}节假日安排|现将\s*(\d{4})\s*年")
_ITEM = re.compile(r"[一二三四五六七八九十]+、\s*([^：:\n]{1,20})[：:]")
_PAREN = r"(?:（[^）]*）|\([^)]*\))?"
_DAY = rf"(?:(\d{{4}})年)?(?:(\d{{1,2}})月)?(\d{{1,2}})日{_PAREN}"
_RANGE = re.compile(rf"{_DAY}(?:\s*[至到—-]\s*{_DAY})?")
_COUNT = re.compile(r"共\s*(\d+)\s*天")


@dataclass(frozen=True)
class Holiday:
    name: str
    days_off: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]  # 调休上班


@dataclass
class HolidayNotice:
    year: int | None
    holidays: list[Holiday] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def days(self) -> dict[dt.date, bool]:
        """Every day the notice rules on → whether it is a working day."""
        ruled = {d: False for h in self.holidays for d in h.days_off}
        ruled.update({d: True for h in self.holidays for d in h.workdays})
        return ruled

    @property
    def read_year(self) -> int:
        """The year of a notice read without problems, which always names one."""
        if self.year is None:
            raise ValueError("the notice names no year")
        return self.year

    def year_days(self) -> dict[dt.date, bool]:
        """Every day of the year → whether it is a working day."""
        ruled, year = self.days, self.read_year
        day, days = dt.date(year, 1, 1), {}
        while day.year == year:
            days[day] = ruled.get(day, day.weekday() < 5)
            day += dt.timedelta(days=1)
        return days


def parse_notice(text: str) -> HolidayNotice:
    text = unicodedata.normalize("NFKC", text or "").replace("\r", "")
    text = text.replace("(", "（").replace(")", "）")  # NFKC made the brackets half-width
    found = _YEAR.search(text)
    if not found:
        return HolidayNotice(None, problems=[
            "未找到年份：请粘贴通知全文，包括标题「国务院办公厅关于20XX年部分节假日安排的通知」"])
    year = int(found[1] or found[2])
    notice = HolidayNotice(year)
    items = list(_ITEM.finditer(text))
    if not items:
        notice.problems.append("未找到“一、元旦：……”这样的放假安排条目，请粘贴通知正文")
        return notice
    ends = [following.start() for following in items[1:]] + [len(text)]
    for item, end in zip(items, ends, strict=True):
        _read_item(notice, year, item[1].strip(), text[item.end():end])
    if not notice.holidays:
        notice.problems.append("条目中没有读到放假日期")
    return notice


def _read_item(notice: HolidayNotice, year: int, name: str, body: str) -> None:
    days_off: list[dt.date] = []
    workdays: list[dt.date] = []
    for sentence in re.split(r"[。；\n]", body):
        if "放假" in sentence:
            first = _RANGE.search(sentence)
            if first is None:
                notice.problems.append(f"「{name}」：没有读到放假日期（{sentence.strip()}）")
                continue
            found = _range(notice, year, first)
            if found is None:
                continue
            start, end = found
            span = [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
            count = _COUNT.search(sentence)
            if count and int(count[1]) != len(span):
                notice.problems.append(f"「{name}」：{start.month}月{start.day}日至{end.month}月{end.day}日是"
                                       f"{len(span)}天，与通知所写“共{count[1]}天”不符")
            days_off.extend(span)
        elif "上班" in sentence:
            for match in _RANGE.finditer(sentence):
                found = _range(notice, year, match)
                if found is not None:
                    workdays.append(found[0])
    if days_off or workdays:
        notice.holidays.append(Holiday(name, tuple(days_off), tuple(workdays)))


def _range(notice: HolidayNotice, year: int, match: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day ``match`` names, or None (with the problem noted) if it names none."""
    year1, month1, day1, year2, month2, day2 = match.groups()
    if month1 is None:
        notice.problems.append(f"“{match[0]}”缺少月份")
        return None
    try:
        start = dt.date(int(year1 or year), int(month1), int(day1))
        if day2 is None:
            return start, start
        end = dt.date(int(year2 or year1 or year), int(month2 or month1), int(day2))
    except ValueError:
        notice.problems.append(f"“{match[0]}”不是有效日期")
        return None
    if end < start:
        # 「12月31日至1月2日」 runs into the next year
        end = end.replace(year=end.year + 1) if not year2 else end
    if end < start:
        notice.problems.append(f"“{match[0]}”的结束日期早于开始日期")
        return None
    return start, end
