"""A ledger screen: colour totals, declared filters, a search box and a sortable table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
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
from aqdesk.domain import palette
from aqdesk.ui.contract import HistoryTarget, Page, refill
from aqdesk.ui.models.filters import ChoiceFilter, Filter
from aqdesk.ui.models.rows import COLOR_INK, ROW_ROLE, RowsModel
from aqdesk.ui.models.rows_proxy import RowsProxy
from aqdesk.ui.remembered import remember_sort, sort_order
from aqdesk.ui.widgets.tables import shrink_to_fit


class Loader(Protocol):
    """A ledger's rows as of a day, of one plan year (by default the day's)."""

    def __call__(self, db: Database, as_of: dt.date, /, *, year: int | None = None) -> Sequence[Any]: ...


def colour_filter(label: str = "预警") -> ChoiceFilter:
    return ChoiceFilter(label, f"全部{label}", lambda r: (r.color.label,), [c.label for c in palette.ORDER])


class LedgerPage(Page):
    """Emits ``activated(row)`` when a row is double-clicked or Enter is pressed on it."""

    activated = Signal(object)

    def __init__(self, heading: str, model: RowsModel, loader: Loader, filters: Sequence[Filter] = (),
                 parent: QWidget | None = None, *, screen: str | None = None,
                 history: tuple[str, Callable[[Any], str]] | None = None):
        """``history``: the audited table of the rows and how 修改记录 names one."""
        super().__init__(parent)
        self._history = history
        self.screen_name = screen or type(model).__name__
        self.model = model
        self._loader = loader
        self.proxy = RowsProxy(filters, self)
        self.proxy.setSourceModel(model)

        heading_label = QLabel(heading)
        heading_label.setObjectName("pageTitle")
        self.totals = QLabel()
        self.search = QLineEdit(placeholderText=self.tr("搜索（任意列）"), clearButtonEnabled=True)
        self.search.setMaximumWidth(240)
        self.search.textChanged.connect(self.filter_changed)
        self.filter_widgets: list[QComboBox | QCheckBox] = [self._filter_widget(f) for f in filters]

        self.table = QTableView()
        self.table.setModel(self.proxy)
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
        shrink_to_fit(self.table, model.COLUMNS)
        # no column chosen means red first (then yellow, then the most overdue); a third click on a
        # header returns to it, and the clerk's own choice is kept for the next start
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        remembered = sort_order(self.screen_name)
        if remembered is not None and remembered[0] < len(model.COLUMNS):
            header.setSortIndicator(*remembered)
        header.sortIndicatorChanged.connect(lambda column, order: remember_sort(self.screen_name, column, order))
        self.table.activated.connect(lambda index: self.activated.emit(index.data(ROW_ROLE)))

        top = QHBoxLayout()
        top.addWidget(heading_label)
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
        """Reload, keeping the row the clerk had selected (after each step of a loop, each edit)."""
        current = self.table.currentIndex().data(ROW_ROLE)
        rows = self._loader(db, as_of, year=year)
        self.model.set_rows(rows)
        for f, widget in zip(self.proxy.filters, self.filter_widgets, strict=True):
            if isinstance(f, ChoiceFilter) and isinstance(widget, QComboBox):  # _filter_widget's pairing
                refill(widget, f.options(rows))
        self.filter_changed()
        if current is not None:
            self.select_row(current.id, clear_filters=False)

    def show_item(self, item_id: int) -> bool:
        row = self.select_row(item_id)
        if row is not None:
            self.activated.emit(row)
        return row is not None

    def history_target(self) -> HistoryTarget | None:
        index = self.table.currentIndex()
        if self._history is None or not index.isValid():
            return None
        row = index.data(ROW_ROLE)
        table, title = self._history
        return HistoryTarget(table, row.id, title(row))

    def select_row(self, row_id: int, clear_filters: bool = True) -> Any | None:
        """Show the row with this id (clearing filters that hide it); returns the row."""
        for r in range(self.proxy.rowCount()):
            row = self.proxy.index(r, 0).data(ROW_ROLE)
            if row.id == row_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.proxy.index(r, 0))
                return row
        if clear_filters and (self.search.text() or any(self._chosen())):
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
            f'<span style="color:{COLOR_INK[c].name()}">●</span> {c.label} {counts[c]}' for c in palette.ORDER
        ]
        self.totals.setText("　".join(parts))
