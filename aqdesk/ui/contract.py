"""What the main window may count on from its screens and from the dialogs that write."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from aqdesk.db.database import Database


class Acts:
    """Mixed into a widget that stores changes: ``acted(description, action_id)`` is emitted
    after each one, and the window puts it on 编辑→撤销."""

    acted = Signal(str, object)  # (description, an action id or a batch's list of them)


class HasDatabase:
    """Mixed into a screen (or a tab) that ``refresh`` gives its database: ``db`` is None until
    then, and what the clerk clicks, shown only after it, acts on ``database``."""

    db: Database | None = None

    @property
    def database(self) -> Database:
        if self.db is None:
            raise RuntimeError(f"{type(self).__name__} acted before refresh gave it a database")
        return self.db


class Page(QWidget):
    """A screen of the main window (``aqdesk.ui.screens`` names it and builds it)."""

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        """Reload everything shown from the database, as of that date."""
        raise NotImplementedError

    def show_item(self, item_id: int) -> bool:
        """Select the item with this id and open it; False when the screen has no such item."""
        return False

    def history_target(self) -> HistoryTarget | None:
        """The stored row behind the line selected, for 修改记录; None when none is chosen or
        the screen keeps no history."""
        return None


class HistoryTarget(NamedTuple):
    table: str  # the audited table
    row_id: int
    title: str  # how the 修改记录 dialog names it


def refill(combo: QComboBox, values: list[Any], labels: list[str] | None = None) -> None:
    """Replace a combo's choices after its first one (「全部…」), keeping the current choice when it
    is still offered, without announcing the refill as the clerk's change."""
    keep = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for value, label in zip(values, labels or [str(v) for v in values], strict=True):
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
    combo.blockSignals(False)
