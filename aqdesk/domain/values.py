"""Reading hand-typed cell values: dates, numbers, percentages, yes/no and counts.

Units type whatever Excel or WPS lets them: ``2026.11.30`` as text, ``１２００`` in full-width
digits, ``85%`` as text, ``11月底`` for a date. Each parser takes the raw value of a cell as the
spreadsheet reader gives it and returns the value, or the reason in Chinese why it cannot be
read. Nothing is guessed: a vague date stays text, words are not numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# What a spreadsheet reader hands over for one cell; "" or None for an empty one.
CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

SHOWN_CHARS = 50

# Dashes, slashes and 无 are how a form says "not applicable"; they mean an empty cell, not zero.
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "//", "无", "暂无"})
_SPACES = re.compile(r"\s+")
_DASHED = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a time of day after the date is dropped
)
_CHINESE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?")
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A unit typed after a count ("12个", "300吨") repeats the heading's unit; anything else
# (万, 余, 约) changes the meaning and stays an error.
_UNITS = ("个", "吨", "户", "起", "次", "家", "处", "座", "台", "辆")
_YES = frozenset({"是", "已完成", "完成", "y", "yes", "√", "✓", "✔", "true"})
_NO = frozenset({"否", "未完成", "没完成", "尚未完成", "未", "进行中", "推进中", "正在推进", "正在进行", "持续推进",
                 "n", "no", "×", "✗", "✘", "false"})
# Excel counts days from 1899-12-30; a serial outside 2000–2100 is a number in the wrong
# column (a percentage, a count), not a date anyone in this office would mean.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_SERIAL = (dt.date(2000, 1, 1) - _EXCEL_EPOCH).days
_LAST_SERIAL = (dt.date(2100, 12, 31) - _EXCEL_EPOCH).days


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A cell read as ``T``: ``value`` is None for an empty cell and for an unreadable one,
    which alone has ``problem``, the reason in Chinese (``“约八成”不是数字``)."""

    value: T | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A cell read as a date. A vague wording (``11月底``, ``年底前``, ``长期坚持``) is not
    turned into a day: it is kept in ``vague`` and ``problem`` says so. ``problem`` without
    ``vague`` means the cell is not a date at all."""

    date: dt.date | None = None
    vague: str | None = None
    problem: str | None = None


def cell_text(value: CellValue) -> str:
    """The cell as text, the way Excel would show it without formatting."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def shown(value: CellValue) -> str:
    """The cell's text cut to a length a message can carry."""
    text = cell_text(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _clean(text: str) -> str:
    """Full-width forms made half-width, every space and line break gone."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def is_blank(value: CellValue) -> bool:
    """Empty, or only a dash, slash or 无 saying there is nothing to report."""
    return _is_empty(value)


def _is_empty(value: CellValue) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        text = _clean(value)
        return not text or text in _PLACEHOLDERS
    return False


def parse_date(value: CellValue) -> ParsedDate:
    """Real dates and datetimes; text ``2026-11-30``, ``2026/11/30``, ``2026.11.30``,
    ``2026年11月30日`` and ``20261130`` (full-width digits and spaces allowed); a number is
    read as ``20261130`` when it has eight digits, else as an Excel serial day of 2000–2100."""
    if _is_empty(value):
        return ParsedDate()
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date())
    if isinstance(value, dt.date):
        return ParsedDate(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _date_from_number(value)
    if not isinstance(value, str):
        return ParsedDate(problem=f"“{shown(value)}”不是日期")
    text = _clean(value)
    match = _DASHED.fullmatch(text) or _CHINESE.fullmatch(text) or _COMPACT.fullmatch(text)
    if match:
        return _checked_date(int(match["y"]), int(match["m"]), int(match["d"]), value)
    if _HAS_CJK.search(text):
        return ParsedDate(vague=value.strip(), problem=f"“{shown(value)}”不是具体日期，已按原文保留")
    return ParsedDate(problem=f"“{shown(value)}”不是日期")


def _checked_date(year: int, month: int, day: int, value: CellValue) -> ParsedDate:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return ParsedDate(problem=f"“{shown(value)}”不是有效日期")
    if not 1900 <= year <= 2100:
        return ParsedDate(problem=f"“{shown(value)}”不是有效日期")
    return ParsedDate(date)


def _date_from_number(number: float) -> ParsedDate:
    if not math.isfinite(number):
        return ParsedDate(problem=f"“{shown(number)}”不是日期")
    whole = int(number)
    if whole == number and 19000101 <= whole <= 21001231:
        return _checked_date(whole // 10000, whole // 100 % 100, whole % 100, number)
    if _FIRST_SERIAL <= whole <= _LAST_SERIAL:
        return ParsedDate(_EXCEL_EPOCH + dt.timedelta(days=whole))
    return ParsedDate(problem=f"“{shown(number)}”不是日期")


def _number(value: CellValue) -> tuple[float, bool] | str:
    """The number in a non-empty cell and whether it carried a ``%``, or the reason it is
    not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return f"“{shown(value)}”不是数字"
    if not isinstance(value, str):
        if not math.isfinite(value):
            return f"“{shown(value)}”不是数字"
        return float(value), False
    text = _clean(value)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    elif text.endswith(_UNITS):
        text = text[:-1]
    if "," in text:
        if not _GROUPED_NUMBER.fullmatch(text):
            return f"“{shown(value)}”不是数字"
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(text):
        return f"“{shown(value)}”不是数字"
    amount = float(text)
    if not math.isfinite(amount):  # hundreds of digits overflow to infinity
        return f"“{shown(value)}”不是合理的数字"
    return amount, percent


def parse_number(value: CellValue) -> Parsed[float]:
    """Real numbers, and text such as ``1,200``, ``１２００``, ``300吨``; ``85%`` reads as 85.
    Words (``约八成``) are not numbers."""
    if _is_empty(value):
        return Parsed()
    if type(value) is float or type(value) is int:
        return Parsed(float(value)) if math.isfinite(value) else Parsed(problem=f"“{shown(value)}”不是数字")
    number = _number(value)
    if isinstance(number, str):
        return Parsed(problem=number)
    return Parsed(number[0])


def parse_percent(value: CellValue) -> Parsed[float]:
    """A percentage from 0 to 100: ``85``, ``85%`` and ``0.85`` all read as 85.

    The rule: a number written with ``%`` is the percentage itself; a number without one that
    lies strictly between 0 and 1 is a fraction and is multiplied by 100. That is what makes a
    percent-formatted cell work, since the reader gives 85% in such a cell as the float 0.85.
    The price is that a percent-formatted ``1%`` (0.01) reads as 1 — right — but a
    percent-formatted ``100%`` arrives as 1 and reads as 1: the cell's format is not seen.
    """
    if _is_empty(value):
        return Parsed()
    number = _number(value)
    if isinstance(number, str):
        return Parsed(problem=number)
    amount, percent = number
    if not percent and 0 < amount < 1:
        amount = round(amount * 100, 6)
    if not 0 <= amount <= 100:
        return Parsed(problem=f"“{shown(value)}”不在 0–100 之间")
    return Parsed(amount)


def parse_yes_no(value: CellValue) -> Parsed[bool]:
    """是/否, 已完成/未完成, Y/N, √/× and Excel's TRUE/FALSE."""
    if _is_empty(value):
        return Parsed()
    if isinstance(value, bool):
        return Parsed(value)
    text = _clean(value).lower() if isinstance(value, str) else None
    if text in _YES:
        return Parsed(True)
    if text in _NO:
        return Parsed(False)
    return Parsed(problem=f"“{shown(value)}”应填“是”或“否”")


def parse_int_count(value: CellValue) -> Parsed[int]:
    """A count of households, points or cases: a whole number, not negative (``1,200``,
    ``１２００``, ``120户`` and ``120.0`` are fine)."""
    if _is_empty(value):
        return Parsed()
    # Readers give most counts as floats (120.0): the common case skips the text path.
    if type(value) is float and value >= 0 and value.is_integer():
        return Parsed(int(value))
    if type(value) is int and value >= 0:
        return Parsed(value)
    number = _number(value)
    if isinstance(number, str):
        return Parsed(problem=number)
    amount, percent = number
    if percent or not amount.is_integer():
        return Parsed(problem=f"“{shown(value)}”不是整数")
    if amount < 0:
        return Parsed(problem=f"“{shown(value)}”不能是负数")
    return Parsed(int(amount))
