"""A ledger screen: colour totals, declared filters, a search box and a sortable table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.ui.models.filters import ChoiceFilter, Filter
from aqdesk.ui.models.rows import COLOR_INK, ROW_ROLE, RowsModel
from aqdesk.ui.models.rows_proxy import RowsProxy

Loader = Callable[[Database, dt.date], Sequence[Any]]


def colour_filter() -> ChoiceFilter:
    return ChoiceFilter("预警", "全部预警", lambda r: (r.color.label,), [c.label for c in Color])


class LedgerPage(QWidget):
    """Emits ``activated(row)`` when a row is double-clicked or Enter is pressed on it."""

    activated = Signal(object)

    def __init__(self, title: str, model: RowsModel, loader: Loader, filters: Sequence[Filter] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._loader = loader
        self.proxy = RowsProxy(filters, self)
        self.proxy.setSourceModel(model)

        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.totals = QLabel()
        self.search = QLineEdit(placeholderText=self.tr("搜索（任意列）"), clearButtonEnabled=True)
        self.search.setMaximumWidth(240)
        self.search.textChanged.connect(self.filter_changed)
        self.filter_widgets: list[QComboBox | QCheckBox] = [self._filter_widget(f) for f in filters]

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(model.COLUMNS):
            self.table.setColumnWidth(i, column.width)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda index: self.activated.emit(index.data(ROW_ROLE)))

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.totals)
        top.addStretch(1)
        for f, widget in zip(filters, self.filter_widgets, strict=True):
            if isinstance(f, ChoiceFilter):
                top.addWidget(QLabel(f.label))
            top.addWidget(widget)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def _filter_widget(self, f: Filter) -> QComboBox | QCheckBox:
        if isinstance(f, ChoiceFilter):
            combo = QComboBox()
            combo.addItem(f.everything, None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.filter_changed)
            return combo
        box = QCheckBox(f.label)
        box.toggled.connect(self.filter_changed)
        return box

    def _chosen(self) -> list[Any]:
        return [w.currentData() if isinstance(w, QComboBox) else w.isChecked() for w in self.filter_widgets]

    def filter_changed(self) -> None:
        self.proxy.set_filter(self.search.text(), self._chosen())
        self._show_totals(self.proxy.accepted_rows())

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        rows = self._loader(db, as_of, year=year)
        self.model.set_rows(rows)
        for f, widget in zip(self.proxy.filters, self.filter_widgets, strict=True):
            if isinstance(f, ChoiceFilter):
                _refill(widget, f.options(rows))
        self.filter_changed()

    def select_row(self, row_id: int) -> Any | None:
        """Show the row with this id (clearing filters that hide it); returns the row."""
        for r in range(self.proxy.rowCount()):
            row = self.proxy.index(r, 0).data(ROW_ROLE)
            if row.id == row_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.proxy.index(r, 0))
                return row
        if self.search.text() or any(self._chosen()):
            self.search.clear()
            for widget in self.filter_widgets:
                widget.setCurrentIndex(0) if isinstance(widget, QComboBox) else widget.setChecked(False)
            return self.select_row(row_id)
        return None

    def _show_totals(self, rows: Sequence[Any]) -> None:
        counts = Counter(getattr(r, "color", None) for r in rows)
        if None in counts:
            self.totals.setText(self.tr("共 %n 条", "", len(rows)))
            return
        parts = [f"共 {len(rows)} 条"] + [
            f'<span style="color:{COLOR_INK[c].name()}">●</span> {c.label} {counts[c]}' for c in Color
        ]
        self.totals.setText("　".join(parts))


def _refill(combo: QComboBox, values: list[str]) -> None:
    keep = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(0, combo.findData(keep)) if keep else 0)
    combo.blockSignals(False)
