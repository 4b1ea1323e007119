"""工作日历: see and correct which days are working days, for any year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import workdays
from aqdesk.ui.dialogs.calendar_palette import HOLIDAY, MAKEUP_WORKDAY, OFFICE_MARK, WORKDAY_INK
from aqdesk.ui.dialogs.common import python_date
from aqdesk.ui.dialogs.notice_dialog import NoticeDialog
from aqdesk.ui.text import arg


class CalendarDialog(QDialog):
    """Emits ``accepted`` on close when a day was changed, so colours are recomputed."""

    def __init__(self, db: Database, start: dt.date, parent=None):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle(self.tr("工作日历"))
        self.setMinimumWidth(460)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setSelectedDate(QDate(start))
        self.calendar.currentPageChanged.connect(lambda year, _month: self._paint(year))
        self.calendar.selectionChanged.connect(self._describe_day)
        self.year_label = QLabel()
        self.year_label.setWordWrap(True)
        self.day_label = QLabel()
        self.holiday_button = QPushButton(self.tr("设为休息日"))
        self.workday_button = QPushButton(self.tr("设为工作日"))
        self.reset_button = QPushButton(self.tr("恢复默认安排"))
        self.holiday_button.clicked.connect(lambda: self._set(False))
        self.workday_button.clicked.connect(lambda: self._set(True))
        self.reset_button.clicked.connect(self._reset)
        self.notice_button = QPushButton(self.tr("粘贴国务院办公厅通知…"))
        self.notice_button.setToolTip(self.tr("把每年公布的《关于××年部分节假日安排的通知》粘贴进来，一次标出全年的放假和调休上班日"))
        self.notice_button.clicked.connect(self._paste_notice)
        legend = QLabel(self.tr(
            '<span style="color:#e8a59e">■</span> 节假日　'
            '<span style="color:#9dbde8">■</span> 调休上班　'
            '<span style="color:#6b3fa0"><b>紫字</b></span> 本办公室修改'))
        buttons = QHBoxLayout()
        for button in (self.holiday_button, self.workday_button, self.reset_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.year_label)
        layout.addWidget(self.calendar)
        layout.addWidget(legend)
        layout.addWidget(self.day_label)
        layout.addLayout(buttons)
        layout.addWidget(self.notice_button)
        layout.addWidget(close)
        self._paint(start.year)
        self._describe_day()

    def _paint(self, year: int) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every format
        self.year = workdays.year_calendar(self.db, year)
        for day, (is_workday, source) in self.year.days.items():
            weekend = day.weekday() >= 5
            in_break = not is_workday and day in self.year.breaks
            if is_workday == (not weekend) and source != workdays.SOURCE_OFFICE and not in_break:
                continue
            fmt = QTextCharFormat()
            if is_workday != (not weekend) or in_break:
                fmt.setBackground(MAKEUP_WORKDAY if is_workday else HOLIDAY)
            if is_workday and weekend:  # a 调休 Saturday is a working day: not in the weekend's red
                fmt.setForeground(WORKDAY_INK)
            if source == workdays.SOURCE_OFFICE:
                fmt.setForeground(OFFICE_MARK)
                fmt.setFontWeight(700)
            self.calendar.setDateTextFormat(QDate(day), fmt)
        if self.year.official:
            text = arg(self.tr("%1年：已载入国务院办公厅公布的放假调休安排。"), str(year))
        else:
            text = arg(self.tr("%1年：没有官方放假安排数据，按周一至周五为工作日计算。"
                           "公布后请在此标出节假日和调休上班日。"), str(year))
        if self.year.office_days:
            text += arg(self.tr("本办公室修改了 %1 天。"), str(self.year.office_days))
        self.year_label.setText(text)

    def _selected(self) -> dt.date:
        return python_date(self.calendar.selectedDate())

    def _describe_day(self) -> None:
        day = self._selected()
        if day.year != self.year.year:
            self._paint(day.year)
        is_workday, source = self.year.days.get(day, (day.weekday() < 5, ""))
        origin = {workdays.SOURCE_OFFICE: "（本办公室设定）", workdays.SOURCE_OFFICIAL: "（官方安排）",
                  workdays.SOURCE_NOTICE: "（国务院办公厅通知）"}.get(source, "（按周一至周五）")
        self.day_label.setText(f"{day.year}年{day.month}月{day.day}日："
                               f"{'工作日' if is_workday else '休息日'}{origin}")

    def _set(self, is_workday: bool) -> None:
        day = self._selected()
        self._saving(lambda: workdays.set_day(self.db, day, is_workday, seen=self.year.versions.get(day)))

    def _reset(self) -> None:
        day = self._selected()
        self._saving(lambda: workdays.reset_day(self.db, day, seen=self.year.versions.get(day)))

    def _saving(self, save) -> None:
        try:
            save()
        except UserError as exc:  # another clerk changed the day meanwhile: show theirs
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
        self._after_change()

    def _paste_notice(self) -> None:
        dialog = NoticeDialog(self.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.notice is not None:
            self.calendar.setSelectedDate(QDate(dialog.notice.read_year, 1, 1))
            self._after_change()

    def _after_change(self) -> None:
        self.changed = True
        self._paint(self._selected().year)
        self._describe_day()
