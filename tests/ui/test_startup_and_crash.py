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


QUIT_AFTER_DIALOGS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from aqdesk.db.database import open_database
from aqdesk.ui.app import make_app
from aqdesk.ui.main_window import MainWindow

app = make_app()
window = MainWindow(open_database(sys.argv[1]))
window.show()

def chase_five_times_and_quit():
    for _ in range(5):
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
        window.open_chase()
    window.close()

QTimer.singleShot(0, chase_five_times_and_quit)
app.exec()
window.db.close()
"""


def test_the_program_quits_cleanly_after_dialogs_were_opened(_demo_template, tmp_path):
    """催报 opened and closed a few times, then 退出: the process ends normally (each dialog
    stayed behind, tied to 编辑→撤销, and the program crashed as it quit)."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    db = tmp_path / "demo.db"
    shutil.copy(_demo_template, db)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "AQDESK_DATA_DIR": str(tmp_path / "appdata"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", QUIT_AFTER_DIALOGS, f"sqlite:///{db.as_posix()}"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "deleted directly" not in done.stderr
