"""通报: choose the month, edit the opening and closing paragraphs, preview, issue; an issued
bulletin is shown as published and can be reprinted, never changed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.reports import bulletin
from aqdesk.ui.contract import Acts, Page
from aqdesk.ui.dialogs.common import python_date
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.widgets.also_word import AlsoWord


class BulletinPage(Acts, Page):
    """Emits ``acted(description, action_id)`` after issuing, for undo and refresh."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.current: bulletin.Bulletin | None = None
        # the paragraphs as the draft wrote them: a box still holding its draft follows a new
        # date or month, one the clerk typed in keeps what was typed
        self._drafted: dict[QPlainTextEdit, str] = {}
        heading = QLabel(self.tr("通报"))
        heading.setObjectName("pageTitle")
        self.month_edit = QDateEdit()  # no calendar popup: a month is picked, not a day
        self.month_edit.setDisplayFormat("yyyy年M月")
        self.month_edit.dateChanged.connect(lambda _d: self.load())
        self.state_label = QLabel()
        self.opening = QPlainTextEdit()
        self.closing = QPlainTextEdit()
        for box in (self.opening, self.closing):
            box.setMinimumHeight(90)
        self.preview_text = QPlainTextEdit(readOnly=True)
        self.preview_button = QPushButton(self.tr("预览 PDF…"))
        self.preview_button.clicked.connect(self.preview)
        self.issue_button = QPushButton(self.tr("印发…"))
        self.issue_button.setToolTip(self.tr("取下一个通报编号，固定本期数据；印发后只能重印，不能修改"))
        self.issue_button.clicked.connect(self.issue)
        refresh = QPushButton(self.tr("按编辑内容更新"))
        refresh.clicked.connect(self.load)

        form = QFormLayout()
        form.addRow(self.tr("通报月份"), self.month_edit)
        form.addRow(self.tr("开头段落"), self.opening)
        form.addRow(self.tr("工作要求"), self.closing)
        buttons = QHBoxLayout()
        self.also_word = AlsoWord()
        for button in (refresh, self.preview_button, self.issue_button, self.also_word):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.state_label)
        left_layout.addLayout(buttons)
        left_layout.addStretch(1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.preview_text)
        split.setSizes([460, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.db, self.as_of = db, as_of
        self.month_edit.blockSignals(True)
        self.month_edit.setDate(QDate(as_of.year, as_of.month, 1))
        self.month_edit.blockSignals(False)
        self.load()

    @property
    def period(self) -> str:
        d = self.month_edit.date()
        return f"{d.year()}-{d.month():02d}"

    def load(self) -> bool:
        """Draft the month again with the paragraphs as they stand; False when it cannot be."""
        if self.db is None:
            return False
        first = python_date(self.month_edit.date())
        as_of = min(self.as_of, bulletin.month_end(first)) if first <= self.as_of else bulletin.month_end(first)
        typed: dict[QPlainTextEdit, str | None] = {
            box: text if (text := box.toPlainText().strip()) and text != self._drafted.get(box) else None
            for box in (self.opening, self.closing)}
        try:
            self.current = b = bulletin.draft(self.db, self.period, as_of, opening=typed[self.opening],
                                              closing=typed[self.closing])
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法生成通报"), str(exc))
            return False
        for box, text in ((self.opening, b.opening), (self.closing, b.closing)):
            if typed[box] is None or b.issued:
                self._drafted[box] = text
            if box.toPlainText() != text:
                box.setPlainText(text)
            box.setReadOnly(b.issued)
        self.issue_button.setEnabled(not b.issued)
        self.state_label.setText(
            self.tr("已印发：%1（%2），数据已固定，可重印").replace("%1", b.number).replace("%2", b.issued_on.isoformat())
            if b.issued else self.tr("预览稿，印发时编号：%1（数据截至 %2）").replace("%1", b.number)
            .replace("%2", b.figures["as_of"]))
        self.preview_text.setPlainText("\n".join([b.number, b.title, "", bulletin.ADDRESSEE]
                                                 + [p.text for p in bulletin.paragraphs(b)]))
        return True

    def preview(self) -> None:
        b = self.current if self.load() else None
        if b is not None:
            PdfPreviewDialog(self.tr("通报 %1").replace("%1", b.number), b.pdf(), f"{b.title}.pdf",
                             lambda path: bulletin.save_pdf(b, path, self.also_word.formats()), parent=self).exec()

    def issue(self) -> None:
        b = self.current if self.load() else None
        if b is None or self.db is None or b.issued:
            return
        answer = QMessageBox.question(self, self.tr("印发通报"), self.tr(
            "将以 %1 印发《%2》，并固定本期数据。印发后不能修改。是否继续？").replace("%1", b.number).replace("%2", b.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            issued, action = bulletin.issue(self.db, b)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未印发"), str(exc))
            return
        self.acted.emit(self.tr("印发通报 %1").replace("%1", issued.number), action)
        self.load()
