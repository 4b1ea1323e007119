import pytest

from aqdesk.ui.app import make_app
from aqdesk.ui.main_window import MainWindow


def show(window, page):
    """Switch the window to ``page`` through its sidebar, as a clerk would."""
    window.sidebar.setCurrentRow(next(i for i, (_n, p) in enumerate(window.pages) if p is page))
    return page


@pytest.fixture
def window(qtbot, demo_db, anchor):
    """The main window on the demo office as of its anchor day."""
    make_app()
    win = MainWindow(demo_db, as_of=anchor)
    qtbot.addWidget(win)
    win.show()
    return win
