"""The program's colours, as hex strings read by the screens, the workbooks and the dialogs
(Qt and openpyxl each make their own colour objects from them), and the order of the
warning colours: the worst first."""

from __future__ import annotations

from aqdesk.domain.air.aqi import Level
from aqdesk.domain.enums import Color

ORDER = (Color.RED, Color.YELLOW, Color.GREEN)
SEVERITY = {color: rank for rank, color in enumerate(ORDER)}

# a warning colour as a cell's background, and as text or bars on white
FILL = {Color.RED: "#F8D0CC", Color.YELLOW: "#FCEFC0", Color.GREEN: "#D5ECD4"}
INK = {Color.RED: "#B3261E", Color.YELLOW: "#8A6100", Color.GREEN: "#1E6B2A"}

LEDGER_HEADING = "#DDE4EE"  # the Excel ledger's header rows
LEDGER_BORDER = "#000000"
TEMPLATE_BORDER = "#808080"
TEMPLATE_KEY = "#D9D9D9"  # a template's locked key columns
TEMPLATE_HEADING = "#DDEBF7"
PROBLEM_FILL, PROBLEM_INK = "#FFC7CE", "#9C0006"  # a problem list's offending cells

OFFICIAL_RED = "#FF0000"  # a 公文's 红头 and its double rules
SHEET_TINT = {Color.RED: "#FBE0E0", Color.YELLOW: "#FFF4D6", Color.GREEN: "#E0F6DC"}  # a sheet's level band (Word)

HOLIDAY = FILL[Color.RED]  # the calendar's days off
MAKEUP_WORKDAY = "#CFE0F6"
OFFICE_MARK = "#6B3FA0"  # a day the office set by hand
WORKDAY_INK = "#1A1A1A"  # a 调休 Saturday is a working day, inked as one

COMPLETED, ACCEPTED, OTHER = "#1F5FA8", "#2A9D8F", "#9AA5B1"  # figure charts' series


def excel(colour: str) -> str:
    """openpyxl writes colours without the ``#``."""
    return colour.lstrip("#")


# HJ 633-2012 表2's colours of the six AQI levels: the calendar heat map's cells
AQI_LEVEL = dict(zip(Level, ("#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"), strict=True))
AQI_NO_DATA = "#EEEEEE"  # a day without a valid figure
GOOD_RATE_LINE, TARGET_LINE = "#1F5FA8", "#B3261E"  # the chart of 优良率 by month and its target
