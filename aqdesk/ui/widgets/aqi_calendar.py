"""A county's year day by day: a row per month, a cell per day in the colour of its AQI level
(HJ 633-2012), the AQI and 首要 level in the cell's tooltip."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from aqdesk.domain import palette
from aqdesk.domain.air.aqi import Level
from aqdesk.services.air.days import CalendarCell

LEVEL_FILL = {level: QColor(colour) for level, colour in palette.AQI_LEVEL.items()}
NO_DATA = QColor(palette.AQI_NO_DATA)
LEFT, TOP, LEGEND = 34, 16, 22  # px: month labels, day numbers, the legend below


class AqiCalendar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = dt.date.today().year
        self.cells: dict[dt.date, CalendarCell] = {}
        self.setMinimumSize(QSize(LEFT + 31 * 9, TOP + 12 * 9 + LEGEND))

    def show_year(self, year: int, cells: dict[dt.date, CalendarCell]) -> None:
        self.year, self.cells = year, cells
        self.update()

    def _cell_size(self) -> int:
        return max(6, min((self.width() - LEFT - 4) // 31, (self.height() - TOP - LEGEND - 4) // 12))

    def _rect(self, day: dt.date) -> QRect:
        size = self._cell_size()
        return QRect(LEFT + (day.day - 1) * size, TOP + (day.month - 1) * size, size - 1, size - 1)

    def _day_at(self, point: QPoint) -> dt.date | None:
        size = self._cell_size()
        month, day = (point.y() - TOP) // size + 1, (point.x() - LEFT) // size + 1
        if point.x() < LEFT or point.y() < TOP or not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        try:
            return dt.date(self.year, month, day)
        except ValueError:
            return None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        size = self._cell_size()
        painter.setPen(self.palette().text().color())
        for numbered in (1, 5, 10, 15, 20, 25, 31):
            painter.drawText(QRect(LEFT + (numbered - 1) * size - 4, 0, size + 8, TOP), Qt.AlignmentFlag.AlignCenter,
                             str(numbered))
        day = dt.date(self.year, 1, 1)
        while day.year == self.year:
            if day.day == 1:
                painter.setPen(self.palette().text().color())
                painter.drawText(QRect(0, TOP + (day.month - 1) * size, LEFT - 4, size),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{day.month}月")
            cell = self.cells.get(day)
            painter.fillRect(self._rect(day), LEVEL_FILL[cell.level] if cell and cell.level else NO_DATA)
            day += dt.timedelta(days=1)
        x, y = LEFT, TOP + 12 * size + 6
        for level in Level:
            painter.fillRect(QRect(x, y + 2, 12, 12), LEVEL_FILL[level])
            painter.setPen(QPen(self.palette().text().color()))
            width = painter.fontMetrics().horizontalAdvance(level.label) + 10
            painter.drawText(QRect(x + 15, y, width, 16), Qt.AlignmentFlag.AlignVCenter, level.label)
            x += 15 + width
        painter.end()

    def event(self, event) -> bool:
        if isinstance(event, QHelpEvent):
            day = self._day_at(event.pos())
            cell = self.cells.get(day) if day else None
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip(day, cell), self)
            return True
        return super().event(event)


def tooltip(day: dt.date, cell: CalendarCell | None) -> str:
    if cell is None or cell.aqi is None or cell.level is None:
        return f"{day.month}月{day.day}日：无数据"
    return f"{day.month}月{day.day}日：AQI {cell.aqi}，{cell.level.label}"
