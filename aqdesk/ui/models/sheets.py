"""The supervision sheets as a table: level, loop state, deadline and the warning colour."""

from __future__ import annotations

from aqdesk.domain import ledger_columns
from aqdesk.ui.models.rows import RowsModel, on_screen


class SupervisionModel(RowsModel):
    COLUMNS = on_screen(ledger_columns.SHEETS)
