"""What every tab of the 督办记录 screen shares: a table of records, a line of figures,
buttons that each call one service, and the window's undo history through ``acted``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.errors import UserError
from aqdesk.services.common.saving import save_bytes
from aqdesk.ui.contract import Acts, HasDatabase
from aqdesk.ui.dialogs.common import table
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.models.rows import COLOR_FILLS

ROW = Qt.ItemDataRole.UserRole
MAX_COLUMN = 260


class RecordTab(Acts, HasDatabase, QWidget):
    headers: Sequence[str] = ()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.table = table(list(self.headers))
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._enable)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.bar = QHBoxLayout()
        self.top = QHBoxLayout()
        self.needs_row: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(self.bar)

    def button(self, text: str, slot: Callable[[], None], needs_row: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.bar.addWidget(button)
        if needs_row:
            self.needs_row.append(button)
        return button

    def refresh(self, db: Database, as_of: dt.date) -> None:
        self.db, self.as_of = db, as_of
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def show_rows(self, rows: Sequence[tuple[Any, list[str], Color | None]]) -> None:
        """(record, cells, colour of the row or None)."""
        self.table.setRowCount(len(rows))
        for r, (record, cells, color) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 0:
                    item.setData(ROW, record)
                if color is not None:
                    item.setBackground(QBrush(COLOR_FILLS[color]))
                self.table.setItem(r, c, item)
        self._fit_columns()
        self._enable()

    def _fit_columns(self) -> None:
        """Columns as wide as their text up to a limit, so a long matter does not push the
        figures off a 1280-pixel screen (the full text is in the tooltip); the last one stretches."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount() - 1):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), MAX_COLUMN))

    def select(self, wanted: Callable[[Any], bool]) -> bool:
        """Select and show the first row whose record is ``wanted``; False when there is none."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and wanted(item.data(ROW)):
                self.table.selectRow(r)
                self.table.scrollToItem(item)
                return True
        return False

    def current(self) -> Any:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 and self.table.selectionModel().hasSelection() else None
        return item.data(ROW) if item else None

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in self.needs_row:
            button.setEnabled(chosen)

    def done(self, description: str, action_id: str | None) -> None:
        if action_id:
            self.acted.emit(description, action_id)
        self.reload()

    def attempt(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未完成"), str(exc))
            return None

    def preview(self, title: str, data: bytes | None, name: str) -> None:
        if data is None:
            return
        PdfPreviewDialog(title, data, name, lambda path: save_bytes(path, data), parent=self).exec()
