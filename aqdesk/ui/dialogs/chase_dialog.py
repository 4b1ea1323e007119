"""催报: the units that owe a period's return, who has sent it, the 催报通知 and its WeChat text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.services.reports import chase, returns
from aqdesk.ui.dialogs.common import EditDialog, date_edit, python_date
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.models.rows import ROW_ROLE, Column, RowsModel
from aqdesk.ui.widgets.also_word import AlsoWord
from aqdesk.ui.widgets.tables import rows_view


class ReturnsModel(RowsModel):
    COLUMNS = (
        Column("单位", lambda r: r.unit, 150),
        Column("类型", lambda r: r.kind.label, 70),
        Column("本期", lambda r: "已报送" if r.received else "未报送", 70),
        Column("收到日期", lambda r: r.received_on, 90),
        Column("方式", lambda r: r.how, 80),
        Column("联系人", lambda r: r.contact_person, 110),
        Column("联系电话", lambda r: r.phone, 110),
    )


class ChaseDialog(EditDialog):
    def __init__(self, db: Database, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.as_of = db, as_of
        self.setWindowTitle(self.tr("催报"))
        self.resize(760, 560)
        self.period_edit = date_edit(as_of)
        self.period_edit.dateChanged.connect(lambda _d: self.load())
        self.period_label = QLabel()
        self.rows = ReturnsModel(self)
        self.table = rows_view(self.rows, single=True)
        received = QPushButton(self.tr("登记收到"))
        received.setToolTip(self.tr("所选单位已通过纸质、邮件等方式报送本期报表"))
        received.clicked.connect(self.record_received)
        copy = QPushButton(self.tr("复制为文字"))
        copy.clicked.connect(self.copy_text)
        notice = QPushButton(self.tr("催报通知…"))
        notice.clicked.connect(self.show_notice)
        self.also_word = AlsoWord()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报送期内任一天：")))
        top.addWidget(self.period_edit)
        top.addWidget(self.period_label, 1)
        buttons = QHBoxLayout()
        for button in (received, copy, notice, self.also_word):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    @property
    def period_day(self) -> dt.date:
        return python_date(self.period_edit.date())

    def notice(self) -> chase.ChaseNotice:
        return chase.chase_notice(self.db, self.period_day, self.as_of)

    def load(self) -> None:
        result = returns.period_returns(self.db, self.period_day)
        missing = len(result.missing)
        rows = sorted(result.rows, key=lambda r: r.received)  # the missing first
        self.rows.set_rows(rows)
        self.period_label.setText(self.tr("　%1：应报%2个单位，未报送%3个").replace("%1", result.period.label)
                                  .replace("%2", str(len(rows))).replace("%3", str(missing)))

    def select_unit(self, unit_id: int) -> None:
        for r in range(self.rows.rowCount()):
            if self.rows.row_object(r).unit_id == unit_id:
                self.table.selectRow(r)
                return

    def record_received(self) -> None:
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.run(self.tr("登记收到 %1 的本期报表").replace("%1", row.unit),
                     lambda: returns.record_received(self.db, row.unit, self.period_day, self.as_of))

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.notice().as_text())

    def show_notice(self) -> None:
        notice = self.notice()
        PdfPreviewDialog(self.tr("催报通知"), notice.pdf(), f"{notice.title}.pdf",
                         lambda path: chase.save_chase_pdf(notice, path, self.also_word.formats()), parent=self).exec()


