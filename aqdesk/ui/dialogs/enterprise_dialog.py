"""企业详情 (退城入园): the enterprise's fields, its four milestones (planned and actual),
and postponements of a planned date with their reasons."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import MilestoneKind
from aqdesk.services.ledgers import relocation
from aqdesk.ui.dialogs.common import (
    EditDialog,
    date_edit,
    fill,
    iso,
    line_edit,
    python_date,
    table,
    text_box,
    warning_html,
)
from aqdesk.ui.screen_fit import fit, scrolled
from aqdesk.ui.text import arg


class EnterpriseDialog(EditDialog):
    def __init__(self, db: Database, enterprise_id: int, as_of: dt.date, today: dt.date | None = None,
                 parent: QWidget | None = None, *, year: int | None = None):
        """``year``: the plan year shown in the window (None follows ``as_of``)."""
        super().__init__(parent)
        self.db, self.enterprise_id, self.as_of, self.year = db, enterprise_id, as_of, year
        self.today = today or dt.date.today()
        self.header = QLabel()

        fields = QGroupBox(self.tr("企业信息"))
        form = QFormLayout(fields)
        self.name_edit, self.code_edit = line_edit("enterprise", "name"), line_edit("enterprise", "credit_code")
        self.industry_edit, self.site_edit, self.park_edit = (
            line_edit("enterprise", "industry"), line_edit("enterprise", "original_site"), line_edit("enterprise", "park"))
        self.problems_edit = text_box(48)
        save = QPushButton(self.tr("保存企业信息"))
        save.clicked.connect(self.save_fields)
        for label, widget in ((self.tr("企业名称"), self.name_edit), (self.tr("统一社会信用代码"), self.code_edit),
                              (self.tr("行业"), self.industry_edit), (self.tr("原址"), self.site_edit),
                              (self.tr("搬迁园区"), self.park_edit), (self.tr("存在问题"), self.problems_edit),
                              ("", save)):
            form.addRow(label, widget)

        nodes = QGroupBox(self.tr("节点（计划 / 实际）"))
        grid = QGridLayout(nodes)
        self.planned_labels: dict[MilestoneKind, QLabel] = {}
        self.actual_checks: dict[MilestoneKind, QCheckBox] = {}
        self.actual_edits: dict[MilestoneKind, QDateEdit] = {}
        for row, kind in enumerate(MilestoneKind):
            grid.addWidget(QLabel(kind.label), row, 0)
            self.planned_labels[kind] = QLabel()
            grid.addWidget(self.planned_labels[kind], row, 1)
            check = QCheckBox(self.tr("已完成，实际时间"))
            edit = date_edit(None, self.today)
            check.toggled.connect(edit.setEnabled)
            self.actual_checks[kind], self.actual_edits[kind] = check, edit
            grid.addWidget(check, row, 2)
            grid.addWidget(edit, row, 3)
        save_actuals = QPushButton(self.tr("保存实际时间"))
        save_actuals.clicked.connect(self.save_actuals)
        grid.addWidget(save_actuals, len(MilestoneKind), 3)

        postpone_box = QGroupBox(self.tr("推迟计划时间"))
        postpone_layout = QVBoxLayout(postpone_box)
        self.history = table([self.tr("节点"), self.tr("原计划"), self.tr("新计划"), self.tr("推迟日期"), self.tr("理由")])
        self.milestone_combo = QComboBox()
        for kind in MilestoneKind:
            self.milestone_combo.addItem(kind.label, kind.value)
        self.new_date = date_edit(None, self.today)
        self.reason_edit = QLineEdit(placeholderText=self.tr("推迟理由（必填）"))
        postpone = QPushButton(self.tr("推迟"))
        postpone.clicked.connect(self.postpone)
        postpone_row = QHBoxLayout()
        for part in (self.milestone_combo, self.new_date, self.reason_edit, postpone):
            postpone_row.addWidget(part)
        postpone_layout.addWidget(self.history)
        postpone_layout.addLayout(postpone_row)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(fields)
        body_layout.addWidget(nodes)
        body_layout.addWidget(postpone_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(close)
        fit(self, 860, 780)
        self.load()

    def load(self) -> None:
        row = next(r for r in relocation.enterprise_rows(self.db, self.as_of, year=self.year) if r.id == self.enterprise_id)
        self.row = row
        self.setWindowTitle(row.name)
        self.header.setText(f"<b>{escape(row.name)}</b>　{warning_html(row.color, row.reason)}<br>{row.county}｜"
                            f"当前阶段：{row.stage}" + (f"｜推迟{row.postponed}次" if row.postponed else ""))
        for edit, value in ((self.name_edit, row.name), (self.code_edit, row.credit_code),
                            (self.industry_edit, row.industry), (self.site_edit, row.original_site),
                            (self.park_edit, row.park)):
            edit.setText(value)
        self.problems_edit.setPlainText(row.problems)
        for m in row.milestones:
            self.planned_labels[m.kind].setText(
                f"计划 {iso(m.planned)}　{m.color.label}：{m.reason}" + (f"（推迟{m.postponed}次）" if m.postponed else ""))
            self.actual_checks[m.kind].setChecked(m.actual is not None)
            self.actual_edits[m.kind].setEnabled(m.actual is not None)
            self.actual_edits[m.kind].setDate(QDate(m.actual or self.today))
        fill(self.history, [[kind.label, iso(c.old_date), iso(c.new_date), iso(c.changed_on), c.reason]
                            for kind, c in relocation.postponements(self.db, self.enterprise_id)])

    def save_fields(self) -> None:
        values = {"name": self.name_edit.text().strip(), "credit_code": self.code_edit.text().strip() or None,
                  "industry": self.industry_edit.text().strip(), "original_site": self.site_edit.text().strip(),
                  "park": self.park_edit.text().strip(), "problems": self.problems_edit.toPlainText().strip()}
        self.run(arg(self.tr("修改企业 %1"), self.row.name),
                 lambda: relocation.update_enterprise(self.db, self.enterprise_id, self.row.version, **values))

    def save_actuals(self) -> None:
        actuals = {kind: python_date(self.actual_edits[kind].date()) if self.actual_checks[kind].isChecked() else None
                   for kind in MilestoneKind}
        self.run(arg(self.tr("填写 %1 节点实际时间"), self.row.name), lambda: relocation.set_actual_dates(
            self.db, self.enterprise_id, self.row.version, actuals, today=self.today))

    def postpone(self) -> None:
        kind = MilestoneKind(self.milestone_combo.currentData())
        milestone = next(m for m in self.row.milestones if m.kind is kind)
        if self.run(arg(self.tr("推迟 %1 %2"), self.row.name, kind.label),
                    lambda: relocation.postpone_milestone(
                        self.db, milestone.id, milestone.version, new_date=python_date(self.new_date.date()),
                        reason=self.reason_edit.text(), changed_on=self.today)):
            self.reason_edit.clear()
