"""A small form built from a list of fields, for the records that are a handful of values
(a 问责, a 约谈, a voided number): each field declared once with its label and kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aqdesk.errors import UserError
from aqdesk.ui.dialogs.common import python_date


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | lines | date | maybe_date | int | choice | bool
    default: Any = None
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)  # (shown, value)
    hint: str = ""
    suggested: Any = None  # a maybe_date's date when ticked, if it has none yet


class FormDialog(QDialog):
    """``submit(values)`` is called on OK; a ``UserError`` it raises is shown and the form
    stays open with what the clerk typed."""

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict], Any],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.fields, self.submit = fields, submit
        self.result_value: Any = None  # what submit returned, once accepted
        self.widgets: dict[str, Any] = {}
        form = QFormLayout()
        for f in fields:
            form.addRow(f.label, self._widget(f))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _widget(self, f: Field) -> QWidget:
        if f.kind in ("date", "maybe_date"):
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(f.default or f.suggested or dt.date.today()))
            if f.kind == "date":
                self.widgets[f.key] = edit
                return edit
            check = QCheckBox(f.hint or self.tr("已发生"))
            check.setChecked(f.default is not None)
            edit.setEnabled(check.isChecked())
            check.toggled.connect(edit.setEnabled)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(check)
            row.addWidget(edit, 1)
            self.widgets[f.key] = (check, edit)
            return box
        widget: QWidget
        if f.kind == "lines":
            widget = text = QPlainTextEdit(str(f.default or ""))
            text.setFixedHeight(72)
            text.setPlaceholderText(f.hint)
        elif f.kind == "int":
            widget = spin = QSpinBox(minimum=0, maximum=9999)
            spin.setValue(int(f.default or 0))
        elif f.kind == "choice":
            widget = combo = QComboBox()
            for shown, value in f.choices:
                combo.addItem(shown, value)
            if f.default is not None:
                combo.setCurrentIndex(max(0, combo.findData(f.default)))
        elif f.kind == "bool":
            widget = check = QCheckBox(f.hint)
            check.setChecked(bool(f.default))
        else:
            widget = line = QLineEdit(str(f.default or ""))
            line.setPlaceholderText(f.hint)
        self.widgets[f.key] = widget
        return widget

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widgets[f.key]
            if f.kind == "date":
                out[f.key] = python_date(w.date())
            elif f.kind == "maybe_date":
                check, edit = w
                out[f.key] = python_date(edit.date()) if check.isChecked() else None
            elif f.kind == "lines":
                out[f.key] = w.toPlainText()
            elif f.kind == "int":
                out[f.key] = w.value()
            elif f.kind == "choice":
                out[f.key] = w.currentData()
            elif f.kind == "bool":
                out[f.key] = w.isChecked()
            else:
                out[f.key] = w.text()
        return out

    def accept(self) -> None:
        try:
            self.result_value = self.submit(self.values())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        super().accept()
