"""The colours the working-day calendars mark days with."""

from PySide6.QtGui import QColor

HOLIDAY = QColor("#f8d0cc")
MAKEUP_WORKDAY = QColor("#cfe0f6")
OFFICE_MARK = QColor("#6b3fa0")
