"""The task dialog's 责任单位 tab: lead, cooperating units and shares (one per unit, with the
rule that colours the task from them), saved as one undoable action; and, for the share
selected, its own target, a postponement or a progress report."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aqdesk.domain.enums import ShareRule
from aqdesk.domain.palette import FILL
from aqdesk.domain.shares import rule_of
from aqdesk.services.ledgers.task_shares import ShareLine, TaskUnits
from aqdesk.ui.dialogs.common import date_edit, fill, iso, table

_SEPARATORS = re.compile(r"[、，,;；\s]+")


def names(text: str) -> list[str]:
    return [n for n in _SEPARATORS.split(text) if n]


class TaskUnitsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lead_combo = QComboBox(editable=True)
        self.cooperators_edit = QLineEdit()
        self.cooperators_edit.setPlaceholderText(self.tr("用顿号分隔，如：市公安局、市交通运输局"))
        self.shares_edit = QLineEdit()
        self.shares_edit.setPlaceholderText(self.tr("各自承担并报送一份的单位；可填“全部县区”"))
        self.rule_combo = QComboBox()
        for rule in ShareRule:
            self.rule_combo.addItem(rule.label, rule.value)
        self.needed_spin = QSpinBox(minimum=1, maximum=999)
        self.rule_combo.currentIndexChanged.connect(self._rule_changed)
        self.save_button = QPushButton(self.tr("保存责任单位"))
        self.shares_table = table([self.tr("分工单位"), self.tr("完成时限"), self.tr("进度"), self.tr("预警"),
                                   self.tr("预警原因")])
        form = QFormLayout()
        form.addRow(self.tr("牵头单位"), self.lead_combo)
        form.addRow(self.tr("配合单位"), self.cooperators_edit)
        form.addRow(self.tr("分工单位"), self.shares_edit)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule_combo)
        rule_row.addWidget(QLabel(self.tr("需完成")))
        rule_row.addWidget(self.needed_spin)
        rule_row.addStretch(1)
        form.addRow(self.tr("完成认定"), rule_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.shares_table.itemSelectionChanged.connect(self._share_chosen)
        self.target_edit = QLineEdit()
        self.target_button = QPushButton(self.tr("保存分工目标"))
        self.deadline_edit = date_edit(None)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("推迟理由（必填）"))
        self.postpone_button = QPushButton(self.tr("推迟分工时限"))
        self.progress_spin = QSpinBox(minimum=0, maximum=100, suffix=" %")
        self.report_edit = QLineEdit()
        self.report_edit.setPlaceholderText(self.tr("本期进展情况"))
        self.report_button = QPushButton(self.tr("报送分工进展"))
        share_form = QFormLayout()
        for label, widgets in ((self.tr("分工目标"), (self.target_edit, self.target_button)),
                               (self.tr("新的时限"), (self.deadline_edit, self.reason_edit, self.postpone_button)),
                               (self.tr("完成比例"), (self.progress_spin, self.report_edit, self.report_button))):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
            share_form.addRow(label, row)
        self.share_box = QWidget()
        self.share_box.setLayout(share_form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.shares_table, 1)
        layout.addWidget(self.share_box)
        self.shares: tuple[ShareLine, ...] = ()

    def show_units(self, units: TaskUnits) -> None:
        self.lead_combo.clear()
        self.lead_combo.addItems(list(units.units))
        self.lead_combo.setCurrentText(units.lead)
        self.cooperators_edit.setText("、".join(units.cooperators))
        self.shares_edit.setText("、".join(s.unit for s in units.shares))
        self.rule_combo.setCurrentIndex(self.rule_combo.findData(units.rule.value))
        self.needed_spin.setValue(units.needed or max(1, len(units.shares)))
        self._rule_changed()
        self.shares = units.shares
        fill(self.shares_table, [[s.unit, iso(s.deadline), f"{s.progress}%", s.color.label, s.reason]
                                 for s in units.shares])
        self.share_box.setEnabled(False)
        for row, share in enumerate(units.shares):
            cell = self.shares_table.item(row, 3)
            if cell is not None:
                cell.setBackground(QBrush(QColor(FILL[share.color])))

    def values(self) -> dict:
        rule = rule_of(self.rule_combo.currentData())
        return {"units": names(self.shares_edit.text()), "rule": rule,
                "needed": self.needed_spin.value() if rule is ShareRule.COUNT else None,
                "lead": self.lead_combo.currentText().strip(),
                "cooperators": names(self.cooperators_edit.text())}

    def chosen(self) -> ShareLine | None:
        rows = self.shares_table.selectionModel().selectedRows()
        return self.shares[rows[0].row()] if rows and rows[0].row() < len(self.shares) else None

    def _share_chosen(self) -> None:
        share = self.chosen()
        self.share_box.setEnabled(share is not None)
        if share is not None:
            self.target_edit.setText(share.target)
            if share.deadline:
                self.deadline_edit.setDate(QDate(share.deadline))
            self.progress_spin.setValue(share.progress)

    def _rule_changed(self) -> None:
        self.needed_spin.setEnabled(self.rule_combo.currentData() == ShareRule.COUNT.value)
