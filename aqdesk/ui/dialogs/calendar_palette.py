"""The colours the working-day calendars mark days with, as Qt colours of the one palette."""

from PySide6.QtGui import QColor

from aqdesk.domain import palette

HOLIDAY = QColor(palette.HOLIDAY)
MAKEUP_WORKDAY = QColor(palette.MAKEUP_WORKDAY)
OFFICE_MARK = QColor(palette.OFFICE_MARK)
WORKDAY_INK = QColor(palette.WORKDAY_INK)
