"""报送导入: drop returns and plans, check them in the background, preview every change and
problem, commit file by file or all valid files, save a file's problems for the unit, and
undo an earlier import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common.units import unit_names
from aqdesk.services.importing import batches
from aqdesk.services.importing.changes import FilePlan
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.importing.problem_list import default_name, save_problem_list
from aqdesk.ui.contract import HasDatabase, Page, refill
from aqdesk.ui.dialogs.common import python_date
from aqdesk.ui.models.imports import ChangeModel, FileModel, ImportEntry, ProblemModel
from aqdesk.ui.models.ledgers import BatchModel
from aqdesk.ui.models.rows import ROW_ROLE
from aqdesk.ui.progress import GeneratorJob, run_with_progress
from aqdesk.ui.remembered import Folder, ask_open, ask_save
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.tables import rows_view

DROP_STYLE = """
QLabel#dropZone { border: 2px dashed #9aa5b1; border-radius: 8px; color: #555; font-size: 15px; }
QStackedWidget#fileArea[dragging="true"] { border: 2px solid #1f5fa8; background: #e8f0fa; }
QStackedWidget#fileArea[dragging="true"] QLabel#dropZone { border-color: #1f5fa8; color: #1f5fa8; }
"""
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
FROM_FILE = None  # the unit and period come from the template itself


def spreadsheets_in(paths: list[Path]) -> list[Path]:
    """Files as dropped: folders are searched (not recursively), temporary Excel files skipped."""
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.suffix.lower() in SPREADSHEETS and not p.name.startswith("~$"))
    return found


class ImportPage(HasDatabase, Page):
    """Emits ``imported()`` after a commit or an undo, so the ledgers are reloaded."""

    imported = Signal()
    batch_committed = Signal(str, int)  # (description, batch id): for 编辑→撤销
    batch_undone = Signal(int)  # taken back here, so 编辑→撤销 no longer offers it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.year: int | None = None
        self.entries: list[ImportEntry] = []
        self.setAcceptDrops(True)

        heading = QLabel(self.tr("报送导入"))
        heading.setObjectName("pageTitle")
        hint = QLabel(self.tr("把单位报送表或年度计划表（xlsx、xls、ods，可多个或整个文件夹）拖到这里，或"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose_files)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("（按模板中的单位）"), FROM_FILE)
        self.unit_combo.setToolTip(self.tr("所选文件的报送单位；改后点“重新检查”"))
        self.unit_combo.currentIndexChanged.connect(self._unit_chosen)
        self.period_edit = QDateEdit()
        self.period_edit.setCalendarPopup(True)
        self.period_edit.setDisplayFormat("yyyy-MM-dd")
        self.period_check = QCheckBox(self.tr("报送期"))
        self.period_check.setToolTip(self.tr("不勾选时按模板中的报送期；勾选后与模板不符的文件会被拒绝"))
        self.period_check.toggled.connect(self.period_edit.setEnabled)
        self.period_edit.setEnabled(False)
        self.create_units = QCheckBox(self.tr("计划中的新单位直接新建"))
        self.accept_valid = QCheckBox(self.tr("有错误的文件只导入无误的行"))
        recheck = QPushButton(self.tr("重新检查"))
        recheck.clicked.connect(self.recheck)

        self.files = FileModel(self)
        self.file_table = rows_view(self.files)
        self.drop_zone = QLabel(self.tr("把单位报送表或年度计划表拖到这里\n（xlsx、xls、ods，可多个文件或整个文件夹）"))
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_area = QStackedWidget()
        self.file_area.setObjectName("fileArea")
        self.file_area.addWidget(self.drop_zone)
        self.file_area.addWidget(self.file_table)
        self.setStyleSheet(DROP_STYLE)
        self.file_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.changes = ChangeModel(self)
        self.problems = ProblemModel(self)
        self.details = QTabWidget()
        self.details.addTab(rows_view(self.changes), self.tr("变更（原值 → 新值）"))
        self.details.addTab(rows_view(self.problems), self.tr("问题"))
        self.commit_button = QPushButton(self.tr("导入所选文件"))
        self.commit_button.clicked.connect(lambda: self.commit_entries([self._selected()]))
        self.commit_all_button = QPushButton(self.tr("导入全部可导入的文件"))
        self.commit_all_button.clicked.connect(lambda: self.commit_entries(self.entries))
        self.report_button = QPushButton(self.tr("保存问题清单…"))
        self.report_button.setToolTip(self.tr("把该文件的问题连同原始行保存为 Excel，退回报送单位修改"))
        self.report_button.clicked.connect(self.save_report)
        remove = QPushButton(self.tr("移除"))
        remove.clicked.connect(self.remove_selected)

        self.batches = BatchModel(self)
        self.batch_table = rows_view(self.batches)
        undo = QPushButton(self.tr("撤销所选导入"))
        undo.clicked.connect(self.undo_selected)

        options = QHBoxLayout()
        for widget in (QLabel(self.tr("报送单位")), self.unit_combo, self.period_check, self.period_edit,
                       self.create_units, self.accept_valid, recheck):
            options.addWidget(widget)
        options.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(hint)
        top.addWidget(choose)
        top.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.commit_button, self.commit_all_button, self.report_button, remove):
            actions.addWidget(button)
        actions.addStretch(1)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("导入记录")))
        row.addStretch(1)
        row.addWidget(undo)
        history_layout.addLayout(row)
        history_layout.addWidget(self.batch_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.file_area)
        split.addWidget(self.details)
        split.addWidget(history)
        split.setSizes([200, 320, 180])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self._update_buttons()

    # the page -----------------------------------------------------------------------------
    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        """``year``: the plan year the clerk chose in the window, which files are then taken
        for; None while the window follows the date, when each file says its own year."""
        first, switched = self.db is None, self.db is not None and db is not self.db
        self.db, self.as_of, self.year = db, as_of, year
        if first:
            self.period_edit.setDate(QDate(as_of))
        if switched:  # another database was opened: files imported went into the old one, the rest are checked anew
            self.entries = [e for e in self.entries if e.batch is None]
            self._reload_files()
        refill(self.unit_combo, unit_names(db))
        rows = batches.batch_rows(db)
        self.batches.set_rows(rows)
        undone = {b.id for b in rows if b.undone}  # e.g. through 编辑→撤销: the file may be imported again
        if any(e.batch in undone for e in self.entries):
            for entry in self.entries:
                entry.batch = None if entry.batch in undone else entry.batch
            self._reload_files()
            self._update_buttons()
        if switched and self.entries:
            self.recheck()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self._highlight(True)

    def dragLeaveEvent(self, event) -> None:
        self._highlight(False)

    def _highlight(self, on: bool) -> None:
        """Where the files will land, lit while they are dragged over the page."""
        self.file_area.setProperty("dragging", on)
        for widget in (self.file_area, self.drop_zone):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def dropEvent(self, event) -> None:
        self._highlight(False)
        self.add_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def choose_files(self) -> None:
        paths = ask_open(self, self.tr("选择报送表或计划表"), Folder.IMPORT,
                         self.tr("电子表格 (*.xlsx *.xlsm *.xls *.ods *.xlsb);;所有文件 (*)"))
        if paths:
            self.add_files(paths)

    # checking -----------------------------------------------------------------------------
    def add_files(self, paths: list[Path]) -> GeneratorJob | None:
        """New files are checked; a file dropped again (corrected under the same name) is checked
        again from its new content. A file already imported stays as it was and the new content
        comes as a new entry."""
        found = spreadsheets_in(paths)
        if not found:
            if paths:
                QMessageBox.information(self, self.tr("报送导入"), self.tr("没有可导入的电子表格文件（xlsx、xls、ods）。"))
            return None
        waiting = {e.path: e for e in self.entries if e.batch is None}
        new = []
        for path in found:
            entry = waiting.get(path)
            if entry is None:
                entry = ImportEntry(path, unit=self.unit_combo.currentData() if self._selected() is None else FROM_FILE)
                self.entries.append(entry)
            entry.plan, entry.failure = None, ""
            new.append(entry)
        self._reload_files()
        return self._check(new)

    def _unit_chosen(self) -> None:
        entry = self._selected()
        if entry is not None and entry.batch is None:
            entry.unit = self.unit_combo.currentData()

    def recheck(self) -> GeneratorJob | None:
        pending = [e for e in self.entries if e.batch is None]
        for entry in pending:  # 检查中 until the new outcome arrives, so nothing stale is imported
            entry.plan, entry.failure = None, ""
        self._reload_files()
        self._show_selected()
        return self._check(pending) if pending else None

    def _check(self, entries: list[ImportEntry]) -> GeneratorJob:
        period = python_date(self.period_edit.date()) if self.period_check.isChecked() else None
        create_units, db, year = self.create_units.isChecked(), self.database, self.year

        def work() -> Iterator[tuple[int, int, str, tuple[ImportEntry, object]]]:
            for done, entry in enumerate(entries, start=1):
                outcome: FilePlan | str
                try:
                    outcome = prepare(db, entry.path, unit=entry.unit, period=period, create_units=create_units,
                                      cancel=lambda: job.cancelled, year=year)
                except UserError as exc:
                    outcome = str(exc)
                yield done, len(entries), arg(self.tr("正在检查 %1"), entry.path.name), (entry, outcome)

        job = GeneratorJob(work)
        job.signals.finished.connect(self._checked)
        job.signals.failed.connect(lambda message: QMessageBox.warning(self, self.tr("检查失败"), message))
        run_with_progress(self, self.tr("正在检查报送表"), job)
        return job

    def _checked(self, results: list) -> None:
        for entry, outcome in results:
            entry.plan, entry.failure = (None, outcome) if isinstance(outcome, str) else (outcome, "")
        self._reload_files()
        # a file just checked that has problems is shown with them; otherwise keep the clerk's place
        troubled = next((e for e, _o in results if e.failure or (e.plan and e.plan.problems)), None)
        shown = self.file_table.currentIndex().row()
        if troubled is not None:
            self.file_table.selectRow(self.entries.index(troubled))
            self.details.setCurrentIndex(1)
        elif self.entries and not self.file_table.currentIndex().isValid():
            self.file_table.selectRow(self.entries.index(results[0][0]) if results else 0)
        if self.file_table.currentIndex().row() == shown:  # a new row was shown (and its failure told) already
            self._show_selected()

    def _reload_files(self) -> None:
        """Show the entries again, keeping the file the clerk was looking at selected."""
        current = self._selected()
        self.files.set_rows(self.entries)
        self.file_area.setCurrentIndex(1 if self.entries else 0)
        if current in self.entries:
            self.file_table.selectRow(self.entries.index(current))

    # one file ------------------------------------------------------------------------------
    def _selected(self) -> ImportEntry | None:
        index = self.file_table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show_selected(self) -> None:
        entry = self._selected()
        if entry is not None:  # the 报送单位 box speaks for the selected file
            self.unit_combo.blockSignals(True)
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(entry.unit)))
            self.unit_combo.blockSignals(False)
        plan = entry.plan if entry else None
        self.changes.set_rows([*plan.inserts(), *plan.removals(), *plan.changes()] if plan else [])
        self.problems.set_rows(plan.problems if plan else [])
        if entry and entry.failure:
            self.details.setCurrentIndex(1)
            QMessageBox.warning(self, self.tr("无法读取"), entry.failure)
        self.details.setTabText(0, self.tr("变更（原值 → 新值）") + (f"（{self.changes.rowCount()}）" if plan else ""))
        self.details.setTabText(1, self.tr("问题") + (f"（{len(plan.problems)}）" if plan else ""))
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self._selected()
        accept = self.accept_valid.isChecked()
        self.commit_button.setEnabled(bool(entry and entry.plan and entry.batch is None
                                           and entry.plan.committable(accept)))
        self.report_button.setEnabled(bool(entry and entry.plan and entry.plan.problems))
        self.commit_all_button.setEnabled(any(e.plan and e.batch is None for e in self.entries))

    def commit_entries(self, entries: Sequence[ImportEntry | None]) -> list[int]:
        accept = self.accept_valid.isChecked()
        done, refused = [], []
        for entry in entries:
            if entry is None or entry.plan is None or entry.batch is not None:
                continue
            if not entry.plan.committable(accept):
                refused.append(f"{entry.path.name}：{len(entry.plan.errors)} 处错误")
                continue
            try:
                entry.batch = commit(self.database, entry.plan, accept)
                done.append(entry.batch)
                self.batch_committed.emit(arg(self.tr("导入 %1"), entry.path.name), entry.batch)
            except UserError as exc:
                refused.append(str(exc))
        self._reload_files()
        self.batches.set_rows(batches.batch_rows(self.database))
        self._update_buttons()
        if done:
            self.imported.emit()
        if refused:
            QMessageBox.warning(self, self.tr("部分文件未导入"), "\n".join(refused))
        return done

    def save_report(self) -> Path | None:
        entry = self._selected()
        if entry is None or entry.plan is None:
            return None
        target = ask_save(self, self.tr("保存问题清单"), Folder.REPORTS, default_name(entry.path),
                          self.tr("Excel 工作簿 (*.xlsx)"), fallback=entry.path.parent)
        if target is None:
            return None
        try:
            return save_problem_list(entry.plan, target)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("保存失败"), str(exc))
            return None

    def remove_selected(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.entries.remove(entry)
            self._reload_files()
            self._show_selected()

    # history -------------------------------------------------------------------------------
    def undo_selected(self) -> None:
        index = self.batch_table.currentIndex()
        batch = index.data(ROW_ROLE) if index.isValid() else None
        if batch is None or batch.undone:
            return
        answer = QMessageBox.question(self, self.tr("撤销导入"), arg(self.tr(
            "撤销批次 %1（%2）？该文件写入的所有数据将恢复为导入前的值。"), str(batch.id), batch.file_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            undo_import(self.database, batch.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法撤销"), str(exc))
            return
        for entry in self.entries:
            if entry.batch == batch.id:
                entry.batch = None
        self._reload_files()
        self.batches.set_rows(batches.batch_rows(self.database))
        self.batch_undone.emit(batch.id)
        self.imported.emit()
