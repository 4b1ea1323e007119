"""乡镇双替代: the township's target, completed and accepted households and deadline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from aqdesk.db.database import Database
from aqdesk.services.ledgers import substitution
from aqdesk.ui.dialogs.common import EditDialog, date_edit, python_date, warning_html
from aqdesk.ui.text import arg

MAX_HOUSEHOLDS = 1_000_000


class TownshipDialog(EditDialog):
    def __init__(self, db: Database, target_id: int, as_of: dt.date, parent: QWidget | None = None, *,
                 year: int | None = None):
        """``year``: the plan year shown in the window (None follows ``as_of``)."""
        super().__init__(parent)
        self.db, self.target_id, self.as_of, self.year = db, target_id, as_of, year
        self.header = QLabel()
        self.header.setWordWrap(True)
        # negative counts cannot be typed; the service refuses them from any other source
        self.target_spin, self.completed_spin, self.accepted_spin = (
            QSpinBox(minimum=0, maximum=MAX_HOUSEHOLDS, suffix=" 户") for _ in range(3))
        self.deadline_edit = date_edit(None)
        self.reason_edit = QLineEdit(placeholderText=self.tr("改完成时限时必填，计为一次推迟"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.header)
        form.addRow(self.tr("任务户数"), self.target_spin)
        form.addRow(self.tr("已完成户数"), self.completed_spin)
        form.addRow(self.tr("已验收户数"), self.accepted_spin)
        form.addRow(self.tr("完成时限"), self.deadline_edit)
        form.addRow(self.tr("推迟理由"), self.reason_edit)
        form.addRow(buttons)
        self.setMinimumWidth(420)  # the head (place, kind, colour and reason) on one line
        self.load()

    def load(self) -> None:
        row = next(r for r in substitution.township_rows(self.db, self.as_of, year=self.year) if r.id == self.target_id)
        self.row = row
        self.setWindowTitle(f"{row.township}（{row.kind.label}）")
        problem = f"<br><span style='color:#b3261e'>数据问题：{row.data_error}</span>" if row.data_error else ""
        postponed = arg(self.tr("｜推迟%1次"), row.postponed) if row.postponed else ""
        self.header.setText(f"<b>{row.county} {row.township}　{row.kind.label}</b>　"
                            f"{warning_html(row.color, row.reason)}{postponed}{problem}")
        self.target_spin.setValue(row.target)
        self.completed_spin.setValue(row.completed)
        self.accepted_spin.setValue(row.accepted)
        self.deadline_edit.setDate(QDate(row.deadline or self.as_of))

    def save(self) -> None:
        if self.run(arg(self.tr("修改 %1 双替代"), self.row.township), lambda: substitution.update_township(
            self.db, self.target_id, self.row.version, target=self.target_spin.value(),
            completed=self.completed_spin.value(), accepted=self.accepted_spin.value(),
            deadline=python_date(self.deadline_edit.date()), reason=self.reason_edit.text())):
            self.reason_edit.clear()
