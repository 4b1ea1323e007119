import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from aqdesk.ui.app import make_app  # noqa: E402
from aqdesk.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    """Window geometry, last page and folders are remembered per test, not across tests."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def no_unexpected_message_box(monkeypatch):
    """A message box nobody expected fails the test with its text instead of waiting offscreen
    for a click that never comes; a test that expects one patches it itself."""
    def unexpected(_parent, title, text, *_args, **_kwargs):
        raise AssertionError(f"unexpected message box「{title}」: {text}")

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


def show(window, page):
    """Switch the window to ``page`` through its sidebar, as a clerk would."""
    window.sidebar.setCurrentRow(window.stack.indexOf(page))
    return page


@pytest.fixture
def window(qtbot, demo_db, anchor):
    """The main window on the demo office as of its anchor day."""
    make_app()
    win = MainWindow(demo_db, as_of=anchor)
    qtbot.addWidget(win)
    win.show()
    return win
