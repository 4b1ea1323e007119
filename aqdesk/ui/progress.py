"""Running long work (a plain generator that yields progress) on the thread pool, with a
progress dialog that appears only if the work outlasts half a second and can cancel it.

The worker thread never touches a widget: it emits signals, delivered to the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from aqdesk.errors import UserError

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(list)
    failed = Signal(str)


class GeneratorJob(QRunnable):
    """Iterates ``make()`` — a generator of ``(done, total, text, result)`` steps — collecting
    the results; a cancelled job stops before its next step."""

    def __init__(self, make: Callable[[], Iterator[tuple[int, int, str, Any]]]):
        super().__init__()
        self.make = make
        self.signals = _Signals()
        self.cancelled = False

    def run(self) -> None:
        results: list[Any] = []
        try:
            for done, total, text, result in self.make():
                results.append(result)
                self.signals.progress.emit(done, total, text)
                if self.cancelled:
                    break
        except UserError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # reported, not swallowed: the log has the traceback
            log.exception("background job failed")
            self.signals.failed.emit(f"出现意外错误：{exc}")
            return
        self.signals.finished.emit(results)


def run_with_progress(parent: QWidget, title: str, job: GeneratorJob, pool: QThreadPool | None = None) -> QProgressDialog:
    """Start ``job`` and show its progress; connect to ``job.signals`` for the outcome."""
    dialog = QProgressDialog(title, parent.tr("停止"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(True)

    def step(done: int, total: int, text: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(text)

    def cancel() -> None:
        job.cancelled = True

    job.signals.progress.connect(step)
    job.signals.finished.connect(lambda _results: dialog.reset())
    job.signals.failed.connect(lambda _message: dialog.reset())
    dialog.canceled.connect(cancel)
    (pool or QThreadPool.globalInstance()).start(job)
    return dialog
