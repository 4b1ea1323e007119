"""The shared machinery of the ledger table models: columns over a list of row objects.

Each ledger's model declares its columns; ``sort_key`` lets the proxy sort dates and
numbers as values, not as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from aqdesk.domain import palette
from aqdesk.domain.enums import Color
from aqdesk.domain.ledger_columns import LedgerColumn

ROW_ROLE = Qt.ItemDataRole.UserRole + 2
COLOR_ROLE = Qt.ItemDataRole.UserRole + 3

COLOR_FILLS = {color: QColor(hex_) for color, hex_ in palette.FILL.items()}
COLOR_INK = {color: QColor(hex_) for color, hex_ in palette.INK.items()}
NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 100
    numeric: bool = False
    colored: bool = False  # paint the row's warning colour behind this cell


def on_screen(columns: Sequence[LedgerColumn]) -> tuple[Column, ...]:
    """A ledger's declared columns (``domain.ledger_columns``) as the screen shows them."""
    return tuple(Column(c.shown_header, c.value, c.width, c.numeric, c.coloured) for c in columns if c.on_screen)


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Color):
        return value.label
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}" if value % 1 else f"{value:.0f}"
    return str(value)


def urgency(row: Any) -> tuple[int, int]:
    """The order a clerk reads a ledger in: red, then yellow, then green, and within a colour
    the most overdue (fewest days left) first."""
    days, color = getattr(row, "days_left", None), getattr(row, "color", None)
    severity = palette.SEVERITY.get(color, len(palette.ORDER)) if color is not None else len(palette.ORDER)
    return severity, days if days is not None else 1 << 30


def sort_key(value: Any) -> Any:
    if isinstance(value, Color):
        return palette.SEVERITY[value]
    if isinstance(value, dt.date):
        return value.toordinal()
    if value is None:
        return ""
    return value


class RowsModel(QAbstractTableModel):
    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return self._rows

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def search_text(self, row: Any) -> str:
        """What the search box looks through; ledgers with many rows name their fields."""
        return "\t".join(display(c.value(row)) for c in self.COLUMNS)

    def row_color(self, row: Any) -> Color | None:
        return getattr(row, "color", None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == ROW_ROLE:
            return row
        if role == COLOR_ROLE:
            return self.row_color(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        color = self.row_color(row) if column.colored else None
        if color is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(COLOR_FILLS[color])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(COLOR_INK[color])
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell shown shortened ("…")
            return display(column.value(row)) or None if not column.colored else None
        return None
