"""An exception nobody caught in the window: logged, told in Chinese, and the program goes on."""

import logging
import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from aqdesk import logs
from aqdesk.errors import UserError
from aqdesk.ui import crash
from aqdesk.ui.app import make_app


class _Emitter(QObject):
    fired = Signal()


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    saved = sys.excepthook
    yield shown
    sys.excepthook = saved
    logging.getLogger().handlers.clear()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_and_the_loop_goes_on(qtbot, boxes, isolated_data_dir):
    app = make_app()
    logs.configure()
    crash.install()
    emitter = _Emitter()
    emitter.fired.connect(lambda: 1 / 0)
    emitter.fired.emit()
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=2000)  # the event loop still turns
    assert app is not None and len(boxes) == 1
    log = isolated_data_dir / "aqdesk.log"
    assert str(log) in boxes[0] and "ZeroDivisionError" in boxes[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_a_refusal_that_escaped_is_only_its_message(qtbot, boxes):
    make_app()
    crash.report(UserError, UserError("文件已被占用"), None)
    assert boxes == ["文件已被占用"]


def test_a_chosen_database_in_a_missing_folder_is_asked_about(qtbot, boxes, monkeypatch, tmp_path):
    from aqdesk.ui import app
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    url = f"sqlite:///{(tmp_path / '打错的目录' / 'a.db').as_posix()}"
    assert app.run(url, ask_to_create=True) == 1
    assert "打错的目录" in asked[0] and not (tmp_path / "打错的目录").exists()
