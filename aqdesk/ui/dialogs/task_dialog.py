"""Task detail (任务详情): edit the fields, add a progress report, postpone the deadline,
change the responsible units and shares.

Every button is one service call, one transaction and one undoable action; the dialog
reloads the task after each so what it shows is what was stored.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import DeadlineKind, TaskStatus
from aqdesk.services.ledgers import task_edit, task_shares
from aqdesk.ui.dialogs.common import (
    EditDialog,
    date_edit,
    fill,
    line_edit,
    may_close,
    python_date,
    table,
    text_box,
    warning_html,
)
from aqdesk.ui.dialogs.task_units_tab import TaskUnitsTab
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg


class TaskDialog(EditDialog):

    def __init__(self, db: Database, task_id: int, today: dt.date | None = None, parent: QWidget | None = None, *,
                 as_of: dt.date | None = None):
        super().__init__(parent)
        self.db, self.task_id = db, task_id
        self.today = today or dt.date.today()
        self.as_of = as_of or self.today
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._fields_tab(), self.tr("基本信息"))
        self.tabs.addTab(self._report_tab(), self.tr("进展报送"))
        self.tabs.addTab(self._postpone_tab(), self.tr("推迟时限"))
        self.units_tab = TaskUnitsTab()
        self.units_tab.save_button.clicked.connect(self.save_units)
        self.units_tab.target_button.clicked.connect(self.save_share_target)
        self.units_tab.postpone_button.clicked.connect(self.postpone_share)
        self.units_tab.report_button.clicked.connect(self.report_share)
        self.tabs.addTab(self.units_tab, self.tr("责任单位"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        fit(self, 780, 640)
        self.load()

    # tabs ----------------------------------------------------------------------------
    def _fields_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title_edit = line_edit("task", "title")
        self.target_edit = text_box()
        self.leader_edit = line_edit("task", "leader")
        self.start_edit = date_edit(None)
        self.kind_combo = QComboBox()
        for kind in DeadlineKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.deadline_label = QLabel()
        # a label grows to fill a spare row's height and would float apart from its caption
        self.deadline_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.status_combo = QComboBox()
        for status in TaskStatus:
            self.status_combo.addItem(status.label, status.value)
        self.progress_spin = QSpinBox(minimum=0, maximum=100, suffix=" %")
        self.problems_edit = text_box()
        self.next_edit = text_box()
        save = QPushButton(self.tr("保存修改"))
        save.setDefault(True)
        save.clicked.connect(self.save_fields)
        form.addRow(self.tr("任务名称"), self.title_edit)
        form.addRow(self.tr("工作目标"), self.target_edit)
        form.addRow(self.tr("责任领导"), self.leader_edit)
        form.addRow(self.tr("开始时间"), self.start_edit)
        form.addRow(self.tr("时限类型"), self.kind_combo)
        form.addRow(self.tr("完成时限"), self.deadline_label)
        form.addRow(self.tr("状态"), self.status_combo)
        form.addRow(self.tr("完成比例"), self.progress_spin)
        form.addRow(self.tr("存在问题"), self.problems_edit)
        form.addRow(self.tr("下步计划"), self.next_edit)
        form.addRow("", save)
        return page

    def _report_tab(self) -> QWidget:
        page = QWidget()
        self.history = table([self.tr("报送期"), self.tr("报送日期"), self.tr("进度"), self.tr("进展情况"),
                               self.tr("存在问题")])
        form = QFormLayout()
        self.period_edit = date_edit(self.today)
        self.report_progress = QSpinBox(minimum=0, maximum=100, suffix=" %")
        self.report_text = text_box()
        self.report_problems = text_box(48)
        self.report_next = text_box(48)
        add = QPushButton(self.tr("添加报送"))
        add.clicked.connect(self.add_report)
        form.addRow(self.tr("报送期"), self.period_edit)
        form.addRow(self.tr("完成比例"), self.report_progress)
        form.addRow(self.tr("进展情况"), self.report_text)
        form.addRow(self.tr("存在问题"), self.report_problems)
        form.addRow(self.tr("下步计划"), self.report_next)
        form.addRow("", add)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("历次报送（最新在上）")))
        layout.addWidget(self.history, 1)
        layout.addLayout(form)
        return page

    def _postpone_tab(self) -> QWidget:
        page = QWidget()
        self.postponements = table([self.tr("原时限"), self.tr("新时限"), self.tr("推迟日期"), self.tr("理由")])
        self.new_deadline = date_edit(self.today)
        self.reason_edit = text_box(48)
        postpone = QPushButton(self.tr("推迟"))
        postpone.clicked.connect(self.postpone)
        form = QFormLayout()
        form.addRow(self.tr("新的完成时限"), self.new_deadline)
        form.addRow(self.tr("推迟理由（必填）"), self.reason_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(postpone)
        layout = QVBoxLayout(page)
        layout.addWidget(self.postponements, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        return page

    def reject(self) -> None:
        typed = ((self.tr("进展情况"), self.report_text), (self.tr("推迟理由"), self.reason_edit))
        if may_close(self, [name for name, box in typed if box.toPlainText().strip()]):
            super().reject()

    # data ----------------------------------------------------------------------------
    def load(self) -> None:
        d = task_edit.task_detail(self.db, self.task_id, self.as_of)
        self.detail = d
        f = d.fields
        self.setWindowTitle(arg(self.tr("任务 %1"), d.number))
        closed = (f"<br><span style='color:#b3261e'><b>{d.year}年度已结转关闭：本任务只能查看，不能修改。</b></span>"
                  if d.closed else "")
        self.header.setText(f"<b>{d.number}　{escape(f['title'])}</b>（{d.year}年度）　"
                            f"{warning_html(d.warning.color, d.warning.reason)}"
                            f"<br>{d.category}｜牵头：{d.lead}" + (f"｜配合：{d.cooperators}" if d.cooperators else "")
                            + closed)
        self.title_edit.setText(f["title"])
        self.target_edit.setPlainText(f["target"])
        self.leader_edit.setText(f["leader"])
        self.start_edit.setDate(QDate(f["start_date"] or self.today))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(f["deadline_kind"]))
        kind = DeadlineKind(f["deadline_kind"])
        self.deadline_label.setText(f["deadline"].isoformat() if f["deadline"] else kind.label)
        self.status_combo.setCurrentIndex(self.status_combo.findData(f["status"]))
        self.progress_spin.setValue(f["progress_pct"])
        self.problems_edit.setPlainText(f["problems"])
        self.next_edit.setPlainText(f["next_steps"])
        self.report_progress.setValue(f["progress_pct"])
        # the report starts from what the task says now; a box left as it is keeps it
        self.report_problems.setPlainText(f["problems"])
        self.report_next.setPlainText(f["next_steps"])
        fill(self.history, [[r.period.isoformat(), r.reported_on.isoformat(), f"{r.progress}%", r.text, r.problems]
                             for r in d.reports])
        fill(self.postponements, [[p.old.isoformat() if p.old else "", p.new.isoformat(), p.changed_on.isoformat(),
                                    p.reason] for p in d.postponements])
        self.tabs.setTabText(2, self.tr("推迟时限") + (f"（{len(d.postponements)}）" if d.postponements else ""))
        self.new_deadline.setDate(QDate(f["deadline"] or self.today))
        self.new_deadline.setEnabled(kind is DeadlineKind.DATE)
        units = task_shares.task_units(self.db, self.task_id, self.as_of)
        self.units_tab.show_units(units)
        self.tabs.setTabText(3, self.tr("责任单位") + (f"（{len(units.shares)}个分工）" if units.shares else ""))

    def save_fields(self) -> None:
        values = {
            "title": self.title_edit.text().strip(), "target": self.target_edit.toPlainText().strip(),
            "leader": self.leader_edit.text().strip(), "start_date": python_date(self.start_edit.date()),
            "deadline_kind": self.kind_combo.currentData(), "status": self.status_combo.currentData(),
            "progress_pct": self.progress_spin.value(), "problems": self.problems_edit.toPlainText().strip(),
            "next_steps": self.next_edit.toPlainText().strip(),
        }
        self.run(arg(self.tr("修改任务 %1"), self.detail.number),
                  lambda: task_edit.update_task(self.db, self.task_id, self.detail.version, **values))

    def save_units(self) -> None:
        values = self.units_tab.values()
        self.run(arg(self.tr("修改任务 %1 责任单位"), self.detail.number),
                 lambda: task_shares.set_shares(self.db, self.task_id, self.detail.version, **values))

    def save_share_target(self) -> None:
        tab, share = self.units_tab, self.units_tab.chosen()
        if share is not None:
            self.run(arg(self.tr("修改任务 %1 %2分工目标"), self.detail.number, share.unit),
                     lambda: task_shares.set_share_target(self.db, share.id, share.version, tab.target_edit.text()))

    def postpone_share(self) -> None:
        tab, share = self.units_tab, self.units_tab.chosen()
        if share is not None:
            self.run(arg(self.tr("推迟任务 %1 %2分工"), self.detail.number, share.unit),
                     lambda: task_shares.postpone_share(self.db, share.id, share.version,
                                                        new_deadline=python_date(tab.deadline_edit.date()),
                                                        reason=tab.reason_edit.text(), changed_on=self.today))

    def report_share(self) -> None:
        tab, share = self.units_tab, self.units_tab.chosen()
        if share is not None:
            self.run(arg(self.tr("报送任务 %1 %2分工进展"), self.detail.number, share.unit),
                     lambda: task_shares.report_share(self.db, share.id, share.version, period=self.today,
                                                      progress=tab.progress_spin.value(), text=tab.report_edit.text(),
                                                      reported_on=self.today))

    def add_report(self) -> None:
        if self.run(arg(self.tr("报送任务 %1 进展"), self.detail.number), lambda: task_edit.add_report(
            self.db, self.task_id, self.detail.version, period=python_date(self.period_edit.date()),
            progress=self.report_progress.value(), text=self.report_text.toPlainText().strip(),
            problems=self.report_problems.toPlainText().strip(), next_steps=self.report_next.toPlainText().strip(),
            reported_on=self.today,
        )):
            self.report_text.clear()

    def postpone(self) -> None:
        if self.run(arg(self.tr("推迟任务 %1"), self.detail.number), lambda: task_edit.postpone(
            self.db, self.task_id, self.detail.version, new_deadline=python_date(self.new_deadline.date()),
            reason=self.reason_edit.toPlainText(), changed_on=self.today,
        )):
            self.reason_edit.clear()
