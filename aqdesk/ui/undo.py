"""Undo and redo of the clerk's actions in this window, each one or more audited action ids,
or one imported file.

Undoing calls the service, which writes the old values back as a new action; redoing
undoes that undo. An import is undone as its batch is (restoring what the file changed) and
cannot be redone: the file is imported again instead. A refused undo (a later edit touched
the same fields) leaves the history as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass
class Entry:
    description: str
    action_ids: tuple[str, ...] = ()
    batch_id: int | None = None  # an imported file


class UndoHistory(QObject):
    changed = Signal()

    def __init__(self, undo_actions: Callable[[Sequence[str]], list[str]], undo_batch: Callable[[int], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._undo_actions, self._undo_batch = undo_actions, undo_batch
        self._done: list[Entry] = []
        self._undone: list[Entry] = []

    def push(self, description: str, action_ids: str | Sequence[str] | None) -> None:
        """One thing the clerk did: an action id, or the ids of a batch taken as one."""
        ids = (action_ids,) if isinstance(action_ids, str) else tuple(action_ids or ())
        if ids:
            self._add(Entry(description, ids))

    def push_import(self, description: str, batch_id: int) -> None:
        self._add(Entry(description, batch_id=batch_id))

    def _add(self, entry: Entry) -> None:
        self._done.append(entry)
        self._undone.clear()
        self.changed.emit()

    def undo_text(self) -> str | None:
        return self._done[-1].description if self._done else None

    def redo_text(self) -> str | None:
        return self._undone[-1].description if self._undone else None

    def undo(self) -> None:
        """Raises UserError, leaving the history unchanged, when the service refuses."""
        entry = self._done[-1]
        if entry.batch_id is not None:
            self._undo_batch(entry.batch_id)
            self._done.pop()
        else:
            reversal = self._undo_actions(entry.action_ids)
            self._done.pop()
            self._undone.append(Entry(entry.description, tuple(reversal)))
        self.changed.emit()

    def redo(self) -> None:
        entry = self._undone[-1]
        reversal = self._undo_actions(entry.action_ids)
        self._undone.pop()
        self._done.append(Entry(entry.description, tuple(reversal)))
        self.changed.emit()

    def forget_batch(self, batch_id: int) -> None:
        """The file was taken back elsewhere (on 报送导入): it is no longer the clerk's to undo."""
        self._done = [entry for entry in self._done if entry.batch_id != batch_id]
        self.changed.emit()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self.changed.emit()
