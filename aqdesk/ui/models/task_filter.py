"""Filtering the task ledger by category, unit (lead or cooperating), colour and text."""

from __future__ import annotations

from aqdesk.domain.enums import Color
from aqdesk.services.tasks import TaskRow
from aqdesk.ui.models.rows_proxy import RowsProxy


class TaskFilterProxy(RowsProxy):
    category: str | None = None
    unit: str | None = None
    color: Color | None = None

    def search_text(self, row: TaskRow) -> str:
        return "\t".join((row.number, row.title, row.category, row.lead, row.cooperators, row.latest, row.reason))

    def set_filter(self, *, category: str | None = None, unit: str | None = None,
                   color: Color | str | None = None, text: str = "") -> None:
        self.category, self.unit, self.text = category, unit, text.strip().casefold()
        self.color = Color(color) if color else None  # Qt hands enum data back as plain str
        self.refilter()

    def accepts(self, row: TaskRow, haystack: str) -> bool:
        return (
            (not self.text or self.text in haystack)
            and (self.category is None or row.category == self.category)
            and (self.color is None or row.color == self.color)
            and (self.unit is None or row.lead == self.unit or self.unit in row.cooperator_names)
        )
