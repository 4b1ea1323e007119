"""粘贴国务院办公厅通知: the office pastes the yearly holiday notice, sees the days it reads
on a calendar, and saves them as that year's working-day calendar."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from aqdesk.db.database import Database
from aqdesk.domain.holiday_notice import HolidayNotice
from aqdesk.errors import UserError
from aqdesk.services.common import workdays
from aqdesk.ui.dialogs.calendar_palette import HOLIDAY, MAKEUP_WORKDAY


class NoticeDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.notice: HolidayNotice | None = None
        self.setWindowTitle(self.tr("粘贴国务院办公厅通知"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr(
            "把“国务院办公厅关于20XX年部分节假日安排的通知”全文（含标题）粘贴到这里，然后点“读取通知”。"))
        self.read_button = QPushButton(self.tr("读取通知"))
        self.read_button.clicked.connect(self.read)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.summary = QLabel(self.tr("尚未读取。"))
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存为该年日历"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.text)
        left.addWidget(self.read_button)
        right = QVBoxLayout()
        right.addWidget(self.calendar)
        right.addWidget(self.summary, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.resize(900, 520)

    def read(self) -> None:
        try:
            self.notice = workdays.read_notice(self.text.toPlainText())
        except UserError as exc:
            self.notice = None
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.summary.setText(str(exc))
            return
        notice = self.notice
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        for day, working in notice.days.items():
            fmt = QTextCharFormat()
            fmt.setBackground(MAKEUP_WORKDAY if working else HOLIDAY)
            self.calendar.setDateTextFormat(QDate(day), fmt)
        first = min(notice.days)
        self.calendar.setSelectedDate(QDate(first))
        lines = [self.tr("%1年：").replace("%1", str(notice.year))]
        for holiday in notice.holidays:
            off = f"{_day(holiday.days_off[0])}至{_day(holiday.days_off[-1])}放假{len(holiday.days_off)}天" \
                if len(holiday.days_off) > 1 else (f"{_day(holiday.days_off[0])}放假" if holiday.days_off else "")
            work = "、".join(_day(d) for d in holiday.workdays)
            lines.append(f"{holiday.name}：{off}" + (f"；{work}上班" if work else ""))
        changes = workdays.notice_changes(self.db, notice)
        lines.append(self.tr("与当前日历相比改变 %1 天。核对无误后保存；该年原有的日历（含本办公室的修改）将被替换。")
                     .replace("%1", str(len(changes))))
        self.summary.setText("\n".join(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def save(self) -> None:
        if self.notice is None:
            return
        try:
            workdays.apply_notice(self.db, self.notice)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.accept()


def _day(day) -> str:
    return f"{day.month}月{day.day}日"
