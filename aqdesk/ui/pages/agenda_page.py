"""本周待办: the page the program opens on — what falls due this week and next, what has
turned red, 督办单 to chase, units yet to report — printable and as text for WeChat."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain import palette
from aqdesk.domain.enums import Color
from aqdesk.services.reports.agenda import Agenda, agenda, save_agenda_pdf
from aqdesk.ui.contract import Page
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog

OPENABLE = {"task", "enterprise", "township", "sheet", "letter", "commitment", "finding", "unit"}
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_INK = {"newly_red": palette.INK[Color.RED], "overdue": palette.INK[Color.RED],
               "sheets": palette.INK[Color.YELLOW], "letters": palette.INK[Color.YELLOW],
               "missing_returns": palette.INK[Color.YELLOW]}


class AgendaPage(Page):
    """Emits ``item_opened(ledger, id)`` when a line is opened, ``chase_requested`` for 催报."""

    item_opened = Signal(str, int)
    chase_requested = Signal()
    copied = Signal(str)  # a note for the status bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current: Agenda | None = None
        heading = QLabel(self.tr("本周待办"))
        heading.setObjectName("pageTitle")
        self.week_label = QLabel()
        self.copy_button = QPushButton(self.tr("复制为文字"))
        self.copy_button.setToolTip(self.tr("按统一格式复制，可直接粘贴到微信工作群"))
        self.copy_button.clicked.connect(self.copy_text)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_agenda)
        chase = QPushButton(self.tr("催报…"))
        chase.setToolTip(self.tr("本期未报送的单位、催报通知"))
        chase.clicked.connect(self.chase_requested)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("事项"), self.tr("责任单位"), self.tr("时间"), self.tr("联系人"),
                                   self.tr("类别")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 260), (3, 200), (4, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.week_label, 1)
        for button in (chase, self.copy_button, self.print_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.current = result = agenda(db, as_of)
        w = result.weeks
        self.week_label.setText(self.tr("　%1至%2，截至%3，共%4项（双击打开）")
                                .replace("%1", f"{w.start.month}月{w.start.day}日")
                                .replace("%2", f"{w.end.month}月{w.end.day}日")
                                .replace("%3", f"{as_of.month}月{as_of.day}日").replace("%4", str(result.count)))
        self.tree.clear()
        bold = self.font()
        bold.setBold(True)
        for section in result.sections:
            top = QTreeWidgetItem([f"{section.title}（{len(section.lines)}）"])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(True)
            if section.key in SECTION_INK and section.lines:
                top.setForeground(0, QBrush(QColor(SECTION_INK[section.key])))
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for line in section.lines:
                child = QTreeWidgetItem([line.label, line.unit, line.when, line.contact.text, line.kind])
                child.setData(0, LINE_ROLE, line)
                child.setToolTip(0, line.label)
                top.addChild(child)
            top.setExpanded(section.key != "due_next_week")

    def copy_text(self) -> None:
        if self.current is not None:
            QGuiApplication.clipboard().setText(self.current.as_text())
            self.copied.emit(self.tr("已复制本周待办（统一格式文字），可粘贴到微信工作群"))

    def print_agenda(self) -> None:
        result = self.current
        if result is not None:
            PdfPreviewDialog(self.tr("本周待办"), result.pdf(), f"{result.title}.pdf",
                             lambda path: save_agenda_pdf(result, path), parent=self).exec()

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        line = item.data(0, LINE_ROLE)
        if line is not None and line.ledger in OPENABLE and line.id:
            self.item_opened.emit(line.ledger, line.id)
