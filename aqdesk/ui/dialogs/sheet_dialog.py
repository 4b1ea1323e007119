"""督办单办理: one sheet's record — what was handed over, each step of its loop with the
date, notes and the reply's attachments — and the form to record the next step."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import LoopStep
from aqdesk.domain.loop import CHECK_STEPS
from aqdesk.errors import UserError
from aqdesk.services.common import files
from aqdesk.services.supervision import sheet_list, sheet_loop, sheet_print
from aqdesk.ui.contract import Acts
from aqdesk.ui.dialogs.close_sheet_dialog import CloseSheetDialog
from aqdesk.ui.dialogs.common import (
    date_edit,
    fill,
    may_close,
    python_date,
    table,
    text_box,
    warning_html,
)
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.models.rows import COLOR_INK
from aqdesk.ui.remembered import Folder, ask_open
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg

STEP_TEXT = {
    LoopStep.RECEIVED: "签收", LoopStep.RECTIFYING: "整改进展", LoopStep.FEEDBACK: "反馈",
    LoopStep.VERIFIED: "核查通过", LoopStep.RETURNED: "核查退回（重新整改）", LoopStep.CLOSED: "销号",
}


class SheetDialog(Acts, QDialog):
    """Emits ``acted`` after each recorded step."""

    def __init__(self, db: Database, sheet_id: int, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.sheet_id, self.as_of = db, sheet_id, as_of
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.steps = table([self.tr("环节"), self.tr("日期"), self.tr("情况"), self.tr("附件"), self.tr("登记人/核查人")])
        self.step_combo = QComboBox()
        self.step_combo.currentIndexChanged.connect(self._step_chosen)
        self.date_edit = date_edit(as_of)
        self.note_edit = text_box(80)
        self.checker_edit = QLineEdit()
        self.checker_edit.setPlaceholderText(self.tr("销号时必填：现场或书面核查的同志"))
        self.attachments = QListWidget()
        self.attachments.setFixedHeight(60)
        add_files = QPushButton(self.tr("添加附件…"))
        add_files.clicked.connect(self.add_attachments)
        self.record_button = QPushButton(self.tr("登记"))
        self.record_button.clicked.connect(self.record)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        files.addWidget(add_files)
        form = QFormLayout()
        form.addRow(self.tr("下一环节"), self.step_combo)
        form.addRow(self.tr("日期"), self.date_edit)
        form.addRow(self.tr("情况说明"), self.note_edit)
        form.addRow(self.tr("核查人"), self.checker_edit)
        form.addRow(self.tr("附件（存入文件库）"), files)
        form.addRow("", self.record_button)
        self.next_box = QGroupBox(self.tr("登记下一环节"))
        self.next_box.setLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton(self.tr("打印督办单…"), QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(self.print_sheet)
        self.open_files_button = buttons.addButton(self.tr("打开所选环节的附件"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_files_button.clicked.connect(self.open_files)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(QLabel(self.tr("办理过程")))
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.next_box)
        layout.addWidget(buttons)
        fit(self, 820, 640)
        self.load()

    def reject(self) -> None:
        typed = [self.tr("情况说明")] if self.note_edit.toPlainText().strip() else []
        typed += [self.tr("附件")] if self.attachments.count() else []
        if may_close(self, typed):
            super().reject()

    def load(self) -> None:
        d = sheet_loop.sheet_detail(self.db, self.sheet_id)
        self.detail = d
        self.setWindowTitle(arg(self.tr("督办单 %1"), d.number))
        late = self.tr("（逾期反馈）") if d.late(self.as_of) else ""
        ink = COLOR_INK[d.level].name()
        items = "；".join(label for _kind, _id, label in d.items)
        row = next(r for r in sheet_list.sheet_rows(self.db, self.as_of, d.unit, year=d.year) if r.id == d.id)
        self.header.setText(
            f'级别 <b style="color:{ink}">{d.level.label}色督办</b>　办理 {warning_html(row.color, row.reason)}'
            f"　<b>{d.number}</b>　{d.unit}<br>"
            f"督办事项：{d.subject}<br>涉及：{items or '—'}<br>"
            f"办理时限：{d.time_limit}　当前：{d.state.label}{late}")
        fill(self.steps, [[STEP_TEXT.get(s.step, s.step.label) if s.step is not LoopStep.ISSUED else "交办",
                           s.on_date.isoformat(), s.note, "、".join(s.attachments),
                           "／".join(p for p in (s.recorded_by, s.checked_by and f"核查：{s.checked_by}") if p)]
                          for s in d.steps])
        self.step_combo.clear()
        for step in d.next_steps:
            self.step_combo.addItem(STEP_TEXT[step], step.value)
        self.next_box.setEnabled(bool(d.next_steps))
        self.next_box.setTitle(self.tr("登记下一环节") if d.next_steps else self.tr("已销号，办理完毕"))

    def _step_chosen(self, _index: int) -> None:
        step = self.step_combo.currentData()
        self.checker_edit.setEnabled(step is not None and LoopStep(step) in CHECK_STEPS)

    def add_attachments(self) -> None:
        for path in ask_open(self, self.tr("选择反馈材料"), Folder.ATTACHMENTS):
            self.attachments.addItem(str(path))

    def record(self) -> None:
        step = LoopStep(self.step_combo.currentData())
        files = [self.attachments.item(i).text() for i in range(self.attachments.count())]
        note, checker = self.note_edit.toPlainText(), self.checker_edit.text() if step in CHECK_STEPS else ""
        if step is LoopStep.CLOSED:
            confirm = CloseSheetDialog(self.detail.number, self.detail.unit, note.strip(), checker.strip(), self)
            if not confirm.exec():
                return
            note, checker = confirm.why(), confirm.who()
        try:
            action = sheet_loop.record_step(self.db, self.sheet_id, self.detail.version, step,
                                            python_date(self.date_edit.date()), note, files, checker)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未登记"), str(exc))
            return
        self.acted.emit(arg(self.tr("督办单 %1 %2"), self.detail.number, STEP_TEXT[step]),
                        action)
        self.note_edit.clear()
        self.checker_edit.clear()
        self.attachments.clear()
        self.load()

    def open_files(self) -> None:
        """Copies of the stored files, opened with the program the machine uses for them."""
        row = self.steps.currentRow()
        stored = self.detail.steps[row].files if 0 <= row < len(self.detail.steps) else ()
        if not stored:
            QMessageBox.information(self, self.tr("附件"), self.tr("请先选中一个带附件的办理环节。"))
            return
        folder = Path(tempfile.mkdtemp(prefix="aqdesk-"))
        try:
            for f in stored:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(files.export(self.db, f.sha256, folder / f.name))))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法打开"), str(exc))

    def print_sheet(self) -> None:
        try:
            data = sheet_print.sheet_pdf(self.db, self.sheet_id, self.as_of)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法生成"), str(exc))
            return
        name = f"{self.detail.number} {self.detail.unit}{self.detail.level.label}色督办单.pdf"
        PdfPreviewDialog(arg(self.tr("督办单 %1（%2）"), self.detail.number, chinese_date(self.detail.issued_on)), data, name,
                         lambda path: sheet_print.save_sheet_pdf(self.db, self.sheet_id, self.as_of, path),
                         parent=self).exec()
