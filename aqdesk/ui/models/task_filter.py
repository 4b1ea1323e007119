"""Filtering the task ledger by category, unit (lead or cooperating), colour and text.

Kept cheap for 100,000 rows: each row's searchable text is joined once when the rows are
set, and the per-row test is a few comparisons.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from aqdesk.domain.enums import Color
from aqdesk.ui.models.rows import SORT_ROLE, RowsModel


class TaskFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.category: str | None = None
        self.unit: str | None = None
        self.color: Color | None = None
        self.text = ""
        self._haystack: list[str] = []

    def setSourceModel(self, model: RowsModel) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._index_rows)
        self._index_rows()

    def _index_rows(self) -> None:
        model: RowsModel = self.sourceModel()
        self._haystack = [
            "\t".join((r.number, r.title, r.category, r.lead, r.cooperators, r.latest, r.reason)).casefold()
            for r in (model.row_object(i) for i in range(model.rowCount()))
        ]

    def set_filter(self, *, category: str | None = None, unit: str | None = None,
                   color: Color | None = None, text: str = "") -> None:
        self.beginFilterChange()
        self.category, self.unit, self.color, self.text = category, unit, color, text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self._accepts(source_row)

    def accepted_rows(self) -> list:
        """The source rows the filter lets through, without asking Qt row by row."""
        model: RowsModel = self.sourceModel()
        return [model.row_object(i) for i in range(model.rowCount()) if self._accepts(i)]

    def _accepts(self, source_row: int) -> bool:
        if self.text and self.text not in self._haystack[source_row]:
            return False
        if self.category is None and self.unit is None and self.color is None:
            return True
        row = self.sourceModel().row_object(source_row)
        return (
            (self.category is None or row.category == self.category)
            and (self.color is None or row.color is self.color)
            and (self.unit is None or row.lead == self.unit or self.unit in row.cooperator_names)
        )
