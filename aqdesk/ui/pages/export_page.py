"""导出: what leaves the office from here — the ledgers as a workbook for the dispatch
meeting, a supervision letter to every unit with overdue items, and copies of the database."""

from __future__ import annotations

# services.ledger_export and services.letters are imported where used: openpyxl and reportlab
# would add a third of a second to every start of the program.
import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date
from aqdesk.errors import UserError
from aqdesk.services.common.units import unit_names
from aqdesk.ui.contract import Acts, HasDatabase, Page, refill
from aqdesk.ui.dialogs.letter_batch_dialog import LetterBatchDialog
from aqdesk.ui.progress import GeneratorJob, run_with_progress
from aqdesk.ui.remembered import Folder, ask_folder, ask_save
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.open_buttons import OpenButtons


class ExportPage(Acts, HasDatabase, Page):
    """Emits ``acted`` for each letter issued (it is numbered and registered, so it can be
    withdrawn with undo)."""

    def __init__(self, backup: QAction, restore: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.year: int | None = None
        self.job: GeneratorJob | None = None
        heading = QLabel(self.tr("导出"))
        heading.setObjectName("pageTitle")

        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("全部单位"), None)
        self.ledger_button = QPushButton(self.tr("导出台账（Excel）…"))
        self.ledger_button.clicked.connect(self.export_ledger)
        ledger_box = QGroupBox(self.tr("台账"))
        ledger_layout = QVBoxLayout(ledger_box)  # a form layout mis-sizes a wrapped note
        self.ledger_note = QLabel()
        self.ledger_note.setWordWrap(True)
        scope = QHBoxLayout()
        scope.addWidget(QLabel(self.tr("范围")))
        scope.addWidget(self.unit_combo, 1)
        ledger_layout.addWidget(self.ledger_note)
        ledger_layout.addLayout(scope)
        ledger_layout.addWidget(self.ledger_button)
        self.ledger_done = QLabel()
        self.ledger_done.setWordWrap(True)
        self.ledger_open = OpenButtons()
        ledger_layout.addWidget(self.ledger_done)
        ledger_layout.addWidget(self.ledger_open)

        self.letters_note = QLabel()
        self.letters_note.setWordWrap(True)
        self.letters_button = QPushButton(self.tr("批量生成督办函…"))
        self.letters_button.clicked.connect(self.issue_letters)
        letters_box = QGroupBox(self.tr("督办函"))
        letters_layout = QVBoxLayout(letters_box)
        letters_layout.addWidget(self.letters_note)
        letters_layout.addWidget(self.letters_button)
        self.letters_open = OpenButtons()
        letters_layout.addWidget(self.letters_open)

        backup_box = QGroupBox(self.tr("数据库"))
        backup_layout = QVBoxLayout(backup_box)
        note = QLabel(self.tr(
            "把当前数据库完整备份为一个文件，可拷贝到其他电脑或存档；恢复时会先自动备份当前数据库。"))
        note.setWordWrap(True)
        backup_layout.addWidget(note)
        for action in (backup, restore):
            button = QPushButton(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            backup_layout.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for box in (ledger_box, letters_box, backup_box):
            box.setMaximumWidth(640)
            layout.addWidget(box)
        layout.addStretch(1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.db, self.as_of, self.year = db, as_of, year
        date = chinese_date(as_of)
        refill(self.unit_combo, unit_names(db))
        self.ledger_note.setText(arg(self.tr(
            "截至%1的重点任务、退城入园、双替代、散煤治理、督办单台账和分单位汇总，一个工作簿，"
            "按A3横向打印设置好。"), date))
        from aqdesk.services.supervision import letters
        self.overdue_units = letters.units_with_red(db, as_of)
        self.letters_note.setText(arg(self.tr(
            "截至%1，有逾期事项的单位 %2 个。为每个单位生成一份督办函（PDF），依次编号并登记。"),
            date, len(self.overdue_units)))
        self.letters_button.setEnabled(bool(self.overdue_units))

    # actions --------------------------------------------------------------------------------
    def export_ledger(self) -> None:
        unit = self.unit_combo.currentData()
        name = f"{unit or '大气污染防治'}台账（截至{self.as_of:%Y%m%d}）.xlsx"
        target = ask_save(self, self.tr("导出台账"), Folder.DOCUMENTS, name, self.tr("Excel 工作簿 (*.xlsx)"))
        if target is not None:
            self.export_ledger_to(target, unit)

    def export_ledger_to(self, target: Path, unit: str | None) -> Path | None:
        try:
            from aqdesk.services.reports import ledger_export
            path = ledger_export.export_ledgers(self.database, target, self.as_of, unit, self.year)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("导出失败"), str(exc))
            return None
        self.ledger_done.setText(arg(self.tr("已导出：%1"), path))
        self.ledger_open.show_for(path)
        return path

    def issue_letters(self) -> None:
        from aqdesk.services.supervision import letters
        sent_today = letters.letters_on(self.database, self.as_of)
        dialog = LetterBatchDialog(self.overdue_units, sent_today, chinese_date(self.as_of), self)
        if not dialog.exec():
            return
        folder = ask_folder(self, self.tr("督办函保存到"), Folder.DOCUMENTS)
        if folder is not None:
            self.start_letters(folder, dialog.chosen())

    def start_letters(self, folder: Path, units: list[str] | None = None) -> GeneratorJob:
        """``units``: those the clerk ticked; by default every unit with an overdue item."""
        db, as_of = self.database, self.as_of

        def steps():
            from aqdesk.services.supervision import letters
            for step in letters.issue_letters(db, units, as_of, folder):
                yield step.done, step.total, f"{step.letter.number}　{step.letter.unit}", step.letter

        self.job = GeneratorJob(steps)
        self.job.signals.finished.connect(lambda issued: self._letters_done(issued, folder))
        self.job.signals.failed.connect(self._letters_failed)
        self.progress = run_with_progress(self, self.tr("正在生成督办函…"), self.job)
        self.letters_button.setEnabled(False)
        return self.job

    def _letters_failed(self, message: str) -> None:
        self.letters_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("督办函"), message)

    def _letters_done(self, issued: list, folder: Path) -> None:
        if issued:  # the batch is one action in 编辑→撤销, withdrawn whole
            self.acted.emit(arg(self.tr("批量督办函 %1 份（%2 至 %3）"), len(issued), issued[0].number,
                                issued[-1].number), [letter.action_id for letter in issued])
        self.letters_button.setEnabled(True)
        if issued:
            self.letters_note.setText(arg(self.tr("已生成 %1 份督办函（%2 至 %3），保存在：%4"),
                                          len(issued), issued[0].number, issued[-1].number, folder))
            self.letters_open.show_for(folder)
