from PySide6.QtWidgets import QMessageBox

from aqdesk.domain.enums import Color
from aqdesk.ui.app import make_app
from aqdesk.ui.main_window import MainWindow
from aqdesk.ui.models.rows import COLOR_ROLE
from aqdesk.ui.pages.ledger_page import LedgerPage


def test_every_page_shows_demo_rows(window):
    titles = []
    for row, (name, page) in enumerate(window.pages):
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentWidget() is page
        titles.append(name)
        if isinstance(page, LedgerPage) and name != "报送导入":
            assert page.proxy.rowCount() > 0, name
    assert titles == ["总览", "重点任务", "部门视图", "散煤治理", "退城入园", "双替代", "督办", "督办记录", "报送导入", "导出"]


def test_ledgers_show_all_three_colours(window):
    for row in (1, 4, 5):
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        colours = {page.model.index(r, 0).data(COLOR_ROLE) for r in range(page.model.rowCount())}
        assert colours == set(Color), window.pages[row][0]


def test_search_filters_the_task_table(window, qtbot):
    window.sidebar.setCurrentRow(1)
    page = window.stack.currentWidget()
    total = page.proxy.rowCount()
    page.search.setText("散煤")  # QTest cannot type Chinese key events; the signal path is the same
    assert 0 < page.proxy.rowCount() < total
    page.search.clear()
    assert page.proxy.rowCount() == total


def test_overview_counts_match_status(window):
    window.sidebar.setCurrentRow(0)
    cards = window.overview.cards["tasks"].numbers
    total = sum(int(label.text()) for label in cards.values())
    assert total == 60 and int(cards[Color.RED].text()) > 0
    for key in ("milestones", "townships", "counties", "sheets"):
        assert all(int(label.text()) > 0 for label in window.overview.cards[key].numbers.values()), key
    assert window.overview.overdue.rowCount() == 10
    assert window.overview.units.rowCount() > 0
    assert len(window.overview.chart.chart().series()) == 1


def test_status_bar_shows_database_and_date(window, anchor):
    assert str(window.db.path) in window.db_label.text()
    assert anchor.isoformat() in window.as_of_label.text()


def test_changing_the_date_recolours(window, qtbot, anchor):
    import datetime as dt

    window.sidebar.setCurrentRow(1)
    page = window.stack.currentWidget()

    def reds():
        return sum(page.model.index(r, 0).data(COLOR_ROLE) == Color.RED for r in range(page.model.rowCount()))

    before = reds()
    window.set_as_of(anchor + dt.timedelta(days=200))
    assert reds() > before


def test_about_box_names_the_version(window, monkeypatch):
    from aqdesk import __version__

    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.update(title=title, text=text))
    window.about_action.trigger()
    assert __version__ in shown["text"] and "关于" in shown["title"]


def test_status_bar_says_when_a_year_has_no_official_calendar(window):
    import datetime as dt

    window.set_as_of(dt.date(2026, 11, 23))
    assert "2027年无官方节假日安排" in window.calendar_label.text()
    window.set_as_of(dt.date(2026, 5, 1))
    assert window.calendar_label.text() == ""


def test_an_empty_office_opens_on_every_page(qtbot, empty_db):
    make_app()
    win = MainWindow(empty_db)
    qtbot.addWidget(win)
    win.show()
    for row in range(len(win.pages)):
        win.sidebar.setCurrentRow(row)
        assert win.stack.currentIndex() == row
    assert all(label.text() == "0" for label in win.overview.cards["tasks"].numbers.values())
