"""Undo and redo of the clerk's actions in this window, each an audited action id.

Undoing calls the service, which writes the old values back as a new action; redoing
undoes that undo. A refused undo (a later edit touched the same fields) leaves the
history as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass
class Entry:
    description: str
    action_id: str


class UndoHistory(QObject):
    changed = Signal()

    def __init__(self, undo_action: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._undo_action = undo_action
        self._done: list[Entry] = []
        self._undone: list[Entry] = []

    def push(self, description: str, action_id: str | None) -> None:
        if action_id is None:
            return
        self._done.append(Entry(description, action_id))
        self._undone.clear()
        self.changed.emit()

    def undo_text(self) -> str | None:
        return self._done[-1].description if self._done else None

    def redo_text(self) -> str | None:
        return self._undone[-1].description if self._undone else None

    def undo(self) -> None:
        """Raises UserError, leaving the history unchanged, when the service refuses."""
        entry = self._done[-1]
        reversal = self._undo_action(entry.action_id)
        self._done.pop()
        self._undone.append(Entry(entry.description, reversal))
        self.changed.emit()

    def redo(self) -> None:
        entry = self._undone[-1]
        reversal = self._undo_action(entry.action_id)
        self._undone.pop()
        self._done.append(Entry(entry.description, reversal))
        self.changed.emit()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self.changed.emit()
