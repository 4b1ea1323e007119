"""工具→年度结转: close a plan year, print its year-end summary, open the next one with the
carry-over the office chooses, or reopen a closed year for a correction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import years
from aqdesk.services.ledgers import rollover
from aqdesk.services.reports import year_summary

YEAR_ROLE = Qt.ItemDataRole.UserRole


class YearDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle(self.tr("年度结转"))
        self.years = QListWidget()
        self.years.currentRowChanged.connect(lambda *_: self._enable())
        self.close_button = QPushButton(self.tr("结转关闭所选年度…"))
        self.close_button.clicked.connect(self.close_year)
        self.summary_button = QPushButton(self.tr("年终汇总…"))
        self.summary_button.clicked.connect(self.save_summary)
        self.reopen_button = QPushButton(self.tr("重新打开"))
        self.reopen_button.clicked.connect(self.reopen_year)
        side = QVBoxLayout()
        for button in (self.close_button, self.summary_button, self.reopen_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.years, 1)
        top.addLayout(side)

        self.open_group = QGroupBox()
        self.carry = {c: QCheckBox(c.label) for c in rollover.Carry}
        for box in self.carry.values():
            box.setChecked(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_year)
        group = QVBoxLayout(self.open_group)
        group.addWidget(QLabel(self.tr("结转到新年度的事项（其余事项留在上一年度）：")))
        for box in self.carry.values():
            group.addWidget(box)
        group.addWidget(self.open_button)

        note = QLabel(self.tr("结转关闭后，该年度的事项只能查看：修改、撤销和导入该年度的报送都会被拒绝。"
                              "结转的任务编号前加“结转”，保留原有进展记录和推迟次数。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.open_group)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.load()

    def load(self) -> None:
        with self.db.reading() as session:
            known, closed = years.known_years(session), years.closed_years(session)
            self.next_year = years.year_to_open(session)
        self.years.clear()
        for year in known:
            text = self.tr("%1年度　已结转关闭（只读）") if year in closed else self.tr("%1年度　进行中")
            item = QListWidgetItem(text.replace("%1", str(year)))
            item.setData(YEAR_ROLE, year)
            self.years.addItem(item)
        open_years = [y for y in known if y not in closed]
        self.years.setCurrentRow(known.index(open_years[0]) if open_years else len(known) - 1)
        if self.next_year:
            self.open_group.setTitle(self.tr("开启%1年度").replace("%1", str(self.next_year)))
            self.open_button.setText(self.tr("开启%1年度").replace("%1", str(self.next_year)))
        self._enable()

    def selected(self) -> int | None:
        item = self.years.currentItem()
        return item.data(YEAR_ROLE) if item else None

    def _enable(self) -> None:
        with self.db.reading() as session:
            closed = years.closed_years(session)
        year = self.selected()
        self.close_button.setEnabled(year is not None and year not in closed)
        self.reopen_button.setEnabled(year in closed)
        self.summary_button.setEnabled(year is not None)
        self.open_group.setVisible(self.next_year is not None)

    def _run(self, call) -> bool:
        try:
            call()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("年度结转"), str(exc))
            return False
        self.changed = True
        self.load()
        return True

    def close_year(self) -> None:
        year = self.selected()
        if year is None:  # the button is disabled without one
            return
        answer = QMessageBox.question(self, self.tr("结转关闭"), self.tr(
            "结转关闭%1年度后，该年度的任务、双替代、督办单等只能查看，不能再修改或撤销。是否继续？")
            .replace("%1", str(year)))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: rollover.close_year(self.db, year))

    def reopen_year(self) -> None:
        year = self.selected()
        if year is None:  # the button is disabled without one
            return
        self._run(lambda: rollover.reopen_year(self.db, year))

    def open_year(self) -> None:
        chosen = {c for c, box in self.carry.items() if box.isChecked()}
        year = self.next_year
        if year is None:  # the group is hidden without one
            return
        if self._run(lambda: rollover.open_year(self.db, year, chosen)):
            QMessageBox.information(self, self.tr("年度结转"), self.tr("已开启%1年度。").replace("%1", str(year)))

    def save_summary(self) -> None:
        year = self.selected()
        if year is None:  # the button is disabled without one
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("年终汇总"), str(Path.home() / f"{year}年度工作汇总.pdf"),
                                                self.tr("PDF 文件 (*.pdf)"))
        if target:
            self.save_summary_to(year, Path(target))

    def save_summary_to(self, year: int, target: Path) -> Path | None:
        try:
            return year_summary.save_summary_pdf(self.db, year, target)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("年终汇总"), str(exc))
            return None
