"""交办督办单: choose the unit and its items, the level (suggested from the items' warning
colours), the time limit and the requirement; preview the form, then issue it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain import palette
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import Color, DayKind
from aqdesk.domain.followup import ProblemSource
from aqdesk.errors import UserError
from aqdesk.services.common.lengths import limit
from aqdesk.services.common.units import unit_names
from aqdesk.services.supervision import sheet_items, sheet_loop, sheet_print
from aqdesk.ui.contract import Acts
from aqdesk.ui.dialogs.common import date_edit, line_edit, python_date, table, text_box
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.models.rows import COLOR_FILLS, COLOR_INK
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg


class NewSheetDialog(Acts, QDialog):
    """Emits ``acted`` once the sheet is issued; ``issued`` holds it."""

    def __init__(self, db: Database, as_of: dt.date, unit: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.as_of = db, as_of
        self.items: list[sheet_items.Item] = []
        self.issued: sheet_loop.Issued | None = None
        self._level_chosen = False
        self.setWindowTitle(self.tr("交办三色督办单"))

        self.unit_combo = QComboBox()
        self.unit_combo.addItems(unit_names(db, include_townships=True))
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.item_table = table([self.tr("选"), self.tr("预警"), self.tr("类别"), self.tr("事项"), self.tr("预警原因")])
        self.item_table.itemChanged.connect(self._items_changed)
        self.level_combo = QComboBox()
        for color in palette.ORDER:
            self.level_combo.addItem(arg(self.tr("%1色督办"), color.label), color.value)
        self.level_combo.activated.connect(self._level_picked)
        self.suggestion = QLabel()
        self.issued_edit = date_edit(as_of)
        self.days_spin = QSpinBox(minimum=1, maximum=365)
        self.kind_combo = QComboBox()
        for kind in DayKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.deadline_label = QLabel()
        self.subject_edit = line_edit("supervision_sheet", "subject")
        # 问题来源 is chosen, so sheets can be counted by source; the box stays editable for the rare other
        self.source_edit = QComboBox(editable=True)
        self.source_edit.addItems([""] + [s.label for s in ProblemSource])
        source_line = self.source_edit.lineEdit()
        assert source_line is not None  # an editable combo has one
        source_line.setMaxLength(limit("supervision_sheet", "source") or 32767)
        source_line.setPlaceholderText(self.tr("选择问题来源：国家督查、省督查、市巡查、暗查暗访、群众举报……"))
        self.requirement_edit = text_box(110)
        self.requirement_edit.setPlainText(sheet_loop.DEFAULT_REQUIREMENT)
        for signal in (self.days_spin.valueChanged, self.kind_combo.currentIndexChanged, self.issued_edit.dateChanged):
            signal.connect(self._show_deadline)

        level_row = QHBoxLayout()
        level_row.addWidget(self.level_combo)
        level_row.addWidget(self.suggestion, 1)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.days_spin)
        limit_row.addWidget(self.kind_combo)
        limit_row.addWidget(self.deadline_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("督办级别"), level_row)
        form.addRow(self.tr("交办日期"), self.issued_edit)
        form.addRow(self.tr("办理时限"), limit_row)
        form.addRow(self.tr("督办事项"), self.subject_edit)
        form.addRow(self.tr("问题来源"), self.source_edit)
        form.addRow(self.tr("整改要求"), self.requirement_edit)

        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton(self.tr("预览…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.issue_button = buttons.addButton(self.tr("交办"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter after typing a line shows the draft; the number is taken only by clicking 交办
        self.issue_button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.issue_button.clicked.connect(self.issue)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("责任单位")))
        top.addWidget(self.unit_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("该单位在办的事项（勾选要督办的）")))
        layout.addWidget(self.item_table, 1)
        layout.addLayout(form)
        # said before the sheet is issued, so the clerk can install the fonts first
        self.notice = QLabel("\n".join(sheet_print.notices(db, [])))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color:#8a4b00;")
        self.notice.setVisible(bool(self.notice.text()))
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

        self.unit_combo.currentTextChanged.connect(self.load_items)
        if unit:
            self.unit_combo.setCurrentText(unit)
        fit(self, 900, 720)
        self.load_items()

    # items and the suggested level --------------------------------------------------------
    def load_items(self) -> None:
        try:
            self.items = sheet_items.unit_items(self.db, self.unit_combo.currentText(), self.as_of)
        except UserError:
            self.items = []
        self.item_table.blockSignals(True)
        self.item_table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if item.color is Color.RED else Qt.CheckState.Unchecked)
            colour = QTableWidgetItem(item.color.label)
            colour.setBackground(QBrush(COLOR_FILLS[item.color]))
            colour.setForeground(QBrush(COLOR_INK[item.color]))
            self.item_table.setItem(r, 0, check)
            self.item_table.setItem(r, 1, colour)
            for c, text in enumerate((item.kind_label, item.label, item.reason), 2):
                self.item_table.setItem(r, c, QTableWidgetItem(text))
        self.item_table.blockSignals(False)
        self._items_changed()

    def chosen(self) -> list[sheet_items.Item]:
        return [item for r, item in enumerate(self.items)
                if (cell := self.item_table.item(r, 0)) is not None and cell.checkState() == Qt.CheckState.Checked]

    def _items_changed(self, *_args) -> None:
        chosen = self.chosen()
        suggested = sheet_items.suggest_level(chosen)
        self.suggestion.setText(arg(self.tr("按所选事项预警色，建议%1色督办"), suggested.label)
                                if chosen else self.tr("未选事项时请填写督办事项说明"))
        if not self._level_chosen:
            self.level_combo.setCurrentIndex(self.level_combo.findData(suggested.value))
            self._set_default_days()
        self.subject_edit.setPlaceholderText(sheet_loop.default_subject(chosen))

    def _level_picked(self, *_args) -> None:
        self._level_chosen = True
        self._set_default_days()

    def _set_default_days(self) -> None:
        self.days_spin.setValue(sheet_loop.default_days(self.db, self.level()))
        self._show_deadline()

    def level(self) -> Color:
        return Color(self.level_combo.currentData())

    def _show_deadline(self, *_args) -> None:
        deadline = sheet_loop.deadline_for(self.db, python_date(self.issued_edit.date()), self.days_spin.value(),
                                           DayKind(self.kind_combo.currentData()))
        self.deadline_label.setText(arg(self.tr("即 %1 前"), chinese_date(deadline)))

    # actions ------------------------------------------------------------------------------------
    def _values(self) -> dict:
        return dict(unit=self.unit_combo.currentText(), level=self.level(), items=self.chosen(),
                    requirement=self.requirement_edit.toPlainText(), issued_on=python_date(self.issued_edit.date()),
                    days=self.days_spin.value(), day_kind=DayKind(self.kind_combo.currentData()),
                    subject=self.subject_edit.text(), source=self.source_edit.currentText())

    def preview(self) -> None:
        try:
            data = sheet_print.draft_pdf(self.db, **self._values())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法预览"), str(exc))
            return
        PdfPreviewDialog(self.tr("督办单预览（尚未交办）"), data, "督办单.pdf", parent=self).exec()

    def issue(self) -> None:
        values = self._values()
        unprintable = sheet_print.notices(self.db, [values["requirement"], values["subject"], values["source"]])
        characters = [n for n in unprintable if "□" in n]
        if characters and QMessageBox.question(self, self.tr("交办督办单"), characters[0] + self.tr("\n仍要交办吗？")) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            self.issued = sheet_loop.issue_sheet(self.db, **values)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未交办"), str(exc))
            return
        self.acted.emit(arg(self.tr("交办督办单 %1"), self.issued.number), self.issued.action_id)
        try:
            sheet_print.keep_issued_form(self.db, self.issued, values["issued_on"])
        except UserError as exc:
            QMessageBox.warning(self, self.tr("已交办"), arg(self.tr("督办单已交办，但原件未能存入发文登记：%1"), str(exc)))
        self.accept()
