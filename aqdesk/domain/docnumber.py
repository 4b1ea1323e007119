"""Document numbers and dates as GB/T 9704-2012 writes them.

A number is the issuer's code, the full year in 六角括号 and the sequence without leading
zeros or 第: ``示例市大气办督〔2026〕12号``. Dates use Arabic numerals without leading
zeros: ``2026年11月5日``.
"""

from __future__ import annotations

import datetime as dt
import re


def format_number(series: str, year: int, seq: int) -> str:
    return f"{series}〔{year}〕{seq}号"


def parse_seq(series: str, year: int, number: str) -> int | None:
    """The sequence of ``number`` if it belongs to ``series`` in ``year``."""
    match = re.fullmatch(re.escape(series) + r"[〔\[(（]" + str(year) + r"[〕\])）]第?(\d+)号", number.strip())
    return int(match.group(1)) if match else None


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
