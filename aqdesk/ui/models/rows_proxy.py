"""A sorting and filtering proxy for the ledger models that stays fast at 100,000 rows.

Qt's ``QSortFilterProxyModel`` asks Python about every row, twice per filter change and
n·log n times per sort. This proxy decides in one Python pass over the row objects (a
list comprehension or ``list.sort``) and then resets, so Qt only ever asks about the
rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from aqdesk.ui.models.filters import Filter
from aqdesk.ui.models.rows import RowsModel, sort_key, urgency

Index = QModelIndex | QPersistentModelIndex


class RowsProxy(QAbstractProxyModel):
    def __init__(self, filters: Sequence[Filter] = (), parent: QObject | None = None):
        super().__init__(parent)
        self.filters = tuple(filters)
        self.chosen: list[Any] = [None] * len(self.filters)
        self.text = ""
        self._haystack: list[str] = []
        self._order: list[int] = []
        self._position: dict[int, int] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def accepts(self, row: Any, haystack: str) -> bool:
        return (not self.text or self.text in haystack) and all(
            f.matches(row, chosen) for f, chosen in zip(self.filters, self.chosen, strict=True))

    # filtering and sorting ----------------------------------------------------------------
    def set_filter(self, text: str = "", chosen: Sequence[Any] | None = None) -> None:
        """The search text and, per declared filter, the chosen value (None for all)."""
        self.text = text.strip().casefold()
        self.chosen = list(chosen) if chosen is not None else [None] * len(self.filters)
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    def accepted_rows(self) -> list[Any]:
        rows = self._source().rows()
        return [rows[i] for i in self._order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order) if column >= 0 else None
        self.refilter()

    def _arrange(self) -> None:
        rows = self._source().rows()
        order = [i for i, (row, hay) in enumerate(zip(rows, self._haystack, strict=True)) if self.accepts(row, hay)]
        if self._sort is None:
            order.sort(key=lambda i: urgency(rows[i]))
        else:
            column, direction = self._sort
            if self._source().COLUMNS[column].colored:  # the colour column sorts by urgency
                order.sort(key=lambda i: urgency(rows[i]), reverse=direction == Qt.SortOrder.DescendingOrder)
            else:
                value = self._source().COLUMNS[column].value
                order.sort(key=lambda i: _comparable(sort_key(value(rows[i]))),
                           reverse=direction == Qt.SortOrder.DescendingOrder)
        self._order = order
        self._position = None

    def _source_reset(self) -> None:
        self.beginResetModel()
        model = self._source()
        self._haystack = [model.search_text(r).casefold() for r in model.rows()]
        self._arrange()
        self.endResetModel()

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._source_reset)
        self._source_reset()

    def _source(self) -> RowsModel:
        model = self.sourceModel()
        if not isinstance(model, RowsModel):  # Qt's signature takes any model; this proxy reads rows
            raise TypeError(f"RowsProxy shows a RowsModel, not {type(model).__name__}")
        return model

    # the proxy model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own idiom
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.sourceModel().columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index | None = None):  # QObject.parent() shares the name
        if index is None:
            return super().parent()
        return QModelIndex()

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or proxy_index.row() >= len(self._order):
            return QModelIndex()
        return self.sourceModel().index(self._order[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        if self._position is None:
            self._position = {source: shown for shown, source in enumerate(self._order)}
        shown = self._position.get(source_index.row())
        return QModelIndex() if shown is None else self.index(shown, source_index.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        return section + 1 if role == Qt.ItemDataRole.DisplayRole else None


def _comparable(key: Any) -> tuple[int, Any]:
    """Numbers before text, and None-safe, so mixed columns still sort."""
    if isinstance(key, int | float):
        return (0, key)
    return (1, str(key))
