"""Pieces the detail dialogs share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from aqdesk.domain.enums import Color
from aqdesk.errors import UserError
from aqdesk.services.common.lengths import limit
from aqdesk.ui.contract import Acts
from aqdesk.ui.models.rows import COLOR_FILLS, COLOR_INK


def text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    return box


def line_edit(table: str, field: str, **options) -> QLineEdit:
    """A one-line field that takes no more text than its column holds."""
    edit = QLineEdit(**options)
    edit.setMaxLength(limit(table, field) or edit.maxLength())
    return edit


def python_date(value: QDate) -> dt.date:
    """``value.toPython()``, typed: PySide6's stubs say it returns ``object``."""
    return cast(dt.date, value.toPython())


def date_edit(value: dt.date | None, today: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value or today or dt.date.today()))
    return edit


def table(headers: list[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]]) -> None:
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            widget.setItem(r, c, QTableWidgetItem(value))


def warning_html(color: Color, reason: str) -> str:
    """The colour as a filled badge and the reason beside it, for the head of a detail dialog."""
    return (f'<span style="background:{COLOR_FILLS[color].name()};color:{COLOR_INK[color].name()};'
            f'font-weight:bold">&nbsp;{color.label}&nbsp;</span>&nbsp;'
            f'<span style="color:{COLOR_INK[color].name()}">{escape(reason)}</span>')


def iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def may_close(dialog: QWidget, unsaved: list[str]) -> bool:
    """Whether the dialog may close: nothing typed would be lost (``unsaved`` names the boxes
    holding text not yet added), or the clerk agrees to lose it."""
    if not unsaved:
        return True
    return QMessageBox.question(dialog, dialog.tr("尚未保存"), dialog.tr(
        "“%1”中填写的内容还没有登记保存，关闭后将丢失。\n仍要关闭吗？").replace("%1", "”“".join(unsaved)),
        defaultButton=QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


class EditDialog(Acts, QDialog):
    """A dialog whose buttons each call one service; emits ``acted`` after every stored change
    and reloads what it shows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)

    def load(self) -> None:
        raise NotImplementedError

    def run(self, description: str, call: Callable[[], str | None]) -> bool:
        try:
            action_id = call()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return False
        if action_id:
            self.acted.emit(description, action_id)
        self.load()
        return True
