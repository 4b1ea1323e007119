"""督办: the three-colour sheets with filters, a unit's history of sheets, and what the
office does with them — issue a sheet, record its loop, print it, write a unit a letter,
and print the list of units proposed for 约谈."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMargins, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date
from aqdesk.errors import UserError
from aqdesk.services.supervision import letters, sheet_list, sheet_print, summons
from aqdesk.ui.contract import Acts, HasDatabase, HistoryTarget, Page
from aqdesk.ui.dialogs.escalation_forms import EscalationForms
from aqdesk.ui.dialogs.letter_text import LetterTextEditor
from aqdesk.ui.dialogs.new_sheet_dialog import NewSheetDialog
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
from aqdesk.ui.models.filters import ChoiceFilter, FlagFilter
from aqdesk.ui.models.rows import ROW_ROLE
from aqdesk.ui.models.sheets import SupervisionModel
from aqdesk.ui.pages.ledger_page import LedgerPage, colour_filter
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.tables import rows_view


class SupervisionPage(Acts, HasDatabase, Page):
    """Emits ``acted`` for each stored change (issue, step, letter)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.year: int | None = None  # the plan year the window shows
        self.sheets = LedgerPage(self.tr("三色督办单"), SupervisionModel(), sheet_list.sheet_rows, [
            ChoiceFilter(self.tr("级别"), self.tr("全部级别"), lambda r: (f"{r.level.label}色",), ["红色", "黄色", "绿色"]),
            ChoiceFilter(self.tr("状态"), self.tr("全部状态"), lambda r: ("已销号" if r.closed else "在办",),
                         ["在办", "已销号"]),
            ChoiceFilter(self.tr("单位"), self.tr("全部单位"), lambda r: (r.unit,)),
            colour_filter(self.tr("办理")),
            FlagFilter(self.tr("逾期反馈"), lambda r: r.late),
        ], history=("supervision_sheet", lambda r: f"{r.number} {r.unit}"))
        self.sheets.activated.connect(self.open_sheet)
        self.sheets.table.selectionModel().currentRowChanged.connect(self._show_history)

        self.new_button = self._button(self.tr("交办督办单…"), self.new_sheet)
        self.open_button = self._button(self.tr("办理登记…"), lambda: self.open_sheet(self.current()))
        self.print_button = self._button(self.tr("打印督办单…"), self.print_sheet)
        self.letter_button = self._button(self.tr("给该单位发督办函…"), self.write_letter)
        self.escalate_button = self._button(self.tr("催办/升级"), lambda: None)
        escalate_menu = QMenu(self.escalate_button)
        escalate_menu.addAction(self.tr("催办（编号催办函）…"), lambda: self._escalate("remind"))
        escalate_menu.addAction(self.tr("升级督办…"), lambda: self._escalate("raise_level"))
        self.escalate_button.setMenu(escalate_menu)
        self.summons_button = self._button(self.tr("约谈建议名单…"), self.show_summons)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.print_button, self.letter_button,
                       self.escalate_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.summons_button)

        self.history_label = QLabel()
        self.history = SupervisionModel(self)
        self.history_table = rows_view(self.history)
        self.history_table.activated.connect(lambda index: self.open_sheet(index.data(ROW_ROLE)))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        # the list of sheets keeps the page's usual margins; what sits below lines up with it
        sheets_layout = self.sheets.layout()
        margins = sheets_layout.contentsMargins() if sheets_layout is not None else QMargins()
        lower_layout.setContentsMargins(margins.left(), 0, margins.right(), 0)
        actions.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        lower_layout.addWidget(self.history_label)
        lower_layout.addWidget(self.history_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sheets)
        split.addWidget(lower)
        split.setSizes([520, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self._enable()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    # data ----------------------------------------------------------------------------------
    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.db, self.as_of, self.year = db, as_of, year
        self.sheets.refresh(db, as_of, year)
        self._show_history(self.sheets.table.currentIndex(), None)

    def show_item(self, item_id: int) -> bool:
        return self.sheets.show_item(item_id)

    def history_target(self) -> HistoryTarget | None:
        return self.sheets.history_target()

    def current(self) -> sheet_list.SheetRow | None:
        index = self.sheets.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show_history(self, current, _previous) -> None:
        row = current.data(ROW_ROLE) if current is not None and current.isValid() else None
        rows = [r for r in self.sheets.model.rows() if row is not None and r.unit == row.unit]
        self.history.set_rows(rows)
        if row is None:
            self.history_label.setText(self.tr("选中一张督办单，这里列出该单位的全部督办单。"))
        else:
            late = sum(r.late for r in rows)
            self.history_label.setText(arg(self.tr("%1 历次督办单：共 %2 件，其中逾期反馈 %3 件"), row.unit, str(len(rows)), str(late)))
        self._enable()

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in (self.open_button, self.print_button, self.letter_button, self.escalate_button):
            button.setEnabled(chosen)

    def _after_change(self, description: str, action_id: str) -> None:
        self.acted.emit(description, action_id)
        if self.db is not None:
            self.refresh(self.database, self.as_of, self.year)

    # actions -----------------------------------------------------------------------------
    def new_sheet(self) -> None:
        row = self.current()
        dialog = NewSheetDialog(self.database, self.as_of, row.unit if row else None, self)
        dialog.acted.connect(self._after_change)
        if dialog.exec() and dialog.issued is not None:
            self.sheets.select_row(dialog.issued.sheet_id)
            self.print_sheet()

    def open_sheet(self, row: sheet_list.SheetRow | None) -> None:
        if row is None:
            return
        dialog = SheetDialog(self.database, row.id, self.as_of, self)
        dialog.acted.connect(self._after_change)
        dialog.exec()

    def print_sheet(self) -> None:
        row = self.current()
        if row is None:
            return
        data = self._run(lambda: sheet_print.sheet_pdf(self.database, row.id, self.as_of))
        if data is not None:
            PdfPreviewDialog(arg(self.tr("督办单 %1"), row.number), data,
                             f"{row.number} {row.unit}{row.level.label}色督办单.pdf",
                             lambda path: sheet_print.save_sheet_pdf(self.database, row.id, self.as_of, path),
                             parent=self, notice="\n".join(sheet_print.notices(self.database, []))).exec()

    def write_letter(self) -> None:
        row = self.current()
        if row is None:
            return
        earlier = letters.letters_on(self.database, self.as_of).get(row.unit)
        if earlier and QMessageBox.question(self, self.tr("督办函"), arg(self.tr(
                "%1 今天已发督办函 %2。\n仍要再发一份吗？"), row.unit, "、".join(earlier)),
                defaultButton=QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        try:
            text = letters.draft_text(self.database, row.unit, self.as_of)
            notice = "\n".join(letters.notices(self.database, [row.unit], self.as_of))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法生成"), str(exc))
            return
        data = self._run(lambda: letters.preview_letter(self.database, row.unit, self.as_of, text=text))
        if data is None:
            return
        editor = LetterTextEditor(text, lambda edited: letters.draft_docx(self.database, row.unit, self.as_of, edited))

        def issue(folder: Path) -> Path:
            issued = letters.issue_letter(self.database, row.unit, self.as_of, folder, text=editor.text(),
                                          formats=editor.formats())
            self.acted.emit(arg(self.tr("督办函 %1"), issued.number), issued.action_id)
            return issued.path

        dialog = PdfPreviewDialog(arg(self.tr("督办函：%1"), row.unit), data, "", issue,
                                  numbered_on_save=True, choose_folder=True, parent=self, side=editor, notice=notice)

        def follow() -> None:
            shown = self._run(lambda: letters.preview_letter(self.database, row.unit, self.as_of, text=editor.text()))
            if shown is not None:
                dialog.show_pdf(shown)

        editor.changed.connect(follow)
        dialog.saved.connect(lambda _path: editor.setEnabled(False))
        self.letter_dialog = dialog  # for tests and for the clerk's next look
        dialog.exec()

    def _escalate(self, how: str) -> None:
        row = self.current()
        if row is None:
            return
        forms = EscalationForms(self.database, self.as_of, self)
        forms.acted.connect(self._after_change)
        done = getattr(forms, how)(row.id)
        new_sheet = getattr(done, "new_sheet", None)
        if new_sheet is not None:  # a higher sheet issued in its place is printed like any other
            self.sheets.select_row(new_sheet.sheet_id)
            self.print_sheet()

    def show_summons(self) -> None:
        data = self._run(lambda: summons.summons_pdf(self.database, self.as_of))
        if data is not None:
            listed = summons.summons_list(self.database, self.as_of)
            PdfPreviewDialog(self.tr("约谈建议名单"), data, f"约谈建议名单（{chinese_date(self.as_of)}）.pdf",
                             lambda path: summons.save_summons_pdf(self.database, self.as_of, path), parent=self,
                             notice="\n".join(summons.notices(self.database, listed))).exec()

    def _run(self, make: Callable[[], bytes]) -> bytes | None:
        try:
            return make()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法生成"), str(exc))
            return None
