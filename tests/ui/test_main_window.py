from PySide6.QtWidgets import QApplication, QMessageBox

from aqdesk.domain.enums import Color
from aqdesk.ui.app import make_app
from aqdesk.ui.main_window import MainWindow
from aqdesk.ui.models.rows import COLOR_ROLE
from aqdesk.ui.pages.ledger_page import LedgerPage


def test_every_page_shows_demo_rows(window):
    for row, name in enumerate(window.titles):
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is window.page(row) and window.windowTitle().startswith(name)
        if isinstance(page, LedgerPage):
            assert page.proxy.rowCount() > 0, name
    assert window.titles == ["本周待办", "总览", "重点任务", "部门视图", "散煤治理", "退城入园", "双替代", "督办", "督办记录", "通报",
                      "空气质量", "报送导入", "导出"]


def test_ledgers_show_all_three_colours(window):
    for row in (2, 5, 6):
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        colours = {page.model.index(r, 0).data(COLOR_ROLE) for r in range(page.model.rowCount())}
        assert colours == set(Color), window.titles[row]


def test_search_filters_the_task_table(window, qtbot):
    window.sidebar.setCurrentRow(2)
    page = window.stack.currentWidget()
    total = page.proxy.rowCount()
    page.search.setText("散煤")  # QTest cannot type Chinese key events; the signal path is the same
    assert 0 < page.proxy.rowCount() < total
    page.search.clear()
    assert page.proxy.rowCount() == total


def test_overview_counts_match_status(window):
    window.sidebar.setCurrentRow(1)
    cards = window.overview.cards["tasks"].numbers
    total = sum(int(label.text()) for label in cards.values())
    assert total == 60 and int(cards[Color.RED].text()) > 0
    for key in ("milestones", "townships", "counties", "sheets"):
        assert all(int(label.text()) > 0 for label in window.overview.cards[key].numbers.values()), key
    assert window.overview.overdue.rowCount() == 10
    assert window.overview.units.rowCount() > 0
    assert len(window.overview.chart.chart().series()) == 1


def test_the_overview_air_card_counts_counties_by_colour_and_names_them(window, demo_db, anchor):
    from aqdesk.services.air.standings import air_report

    window.sidebar.setCurrentRow(1)
    report = air_report(demo_db, anchor)
    numbers = window.overview.air_card.numbers
    for color in Color:
        names = [c.name for c in report.counties if c.standing.color is color]
        assert int(numbers[color].text()) == len(names), color
        assert all(name in numbers[color].toolTip() for name in names)
    assert "西城区" in numbers[Color.RED].toolTip()


def test_the_window_title_names_the_screen_once_and_not_the_program_twice(window):
    from aqdesk import APP_TITLE
    from tests.ui.conftest import show

    show(window, window.task_page)
    assert window.windowTitle() == "重点任务" and APP_TITLE not in window.windowTitle()
    assert "aqdesk" not in window.windowTitle()


def test_status_bar_shows_database_and_date(window, anchor):
    assert str(window.db.path) in window.db_label.text()
    assert anchor.isoformat() in window.as_of_label.text()


def test_changing_the_date_recolours(window, qtbot, anchor):
    import datetime as dt

    window.sidebar.setCurrentRow(2)
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
    for row in range(len(win.titles)):
        win.sidebar.setCurrentRow(row)
        assert win.stack.currentIndex() == row
    assert all(label.text() == "0" for label in win.overview.cards["tasks"].numbers.values())


def test_the_window_opens_on_the_agenda_and_copies_it_as_text(window, anchor):
    from PySide6.QtGui import QGuiApplication

    assert window.stack.currentWidget() is window.agenda_page
    page = window.agenda_page
    titles = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert titles[0].startswith("本周到期") and any(t.startswith("未报送") for t in titles)
    page.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("【本周待办】") and "联系人：" in text
    assert "已复制本周待办" in window.statusBar().currentMessage()


def test_an_agenda_line_opens_in_its_ledger(window, monkeypatch):
    from aqdesk.ui.pages.agenda_page import LINE_ROLE

    opened = []
    monkeypatch.setattr(window, "open_dialog", lambda dialog: opened.append(type(dialog).__name__))
    tree = window.agenda_page.tree
    lines = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    task = next(item for item in lines if item.data(0, LINE_ROLE).ledger == "task")
    tree.itemActivated.emit(task, 0)
    assert window.stack.currentWidget() is window.task_page and opened == ["TaskDialog"]
    milestone = next(item for item in lines if item.data(0, LINE_ROLE).kind == "退城入园")
    tree.itemActivated.emit(milestone, 0)
    assert opened[-1] == "EnterpriseDialog"


def test_chase_dialog_records_a_paper_return(window, qtbot, anchor):
    from aqdesk.ui.dialogs.chase_dialog import ChaseDialog

    dialog = ChaseDialog(window.db, anchor, window)
    qtbot.addWidget(dialog)
    before = sum(not dialog.rows.row_object(r).received for r in range(dialog.rows.rowCount()))
    assert before and not dialog.rows.row_object(0).received  # the missing are listed first
    dialog.table.selectRow(0)
    dialog.record_received()
    assert sum(not dialog.rows.row_object(r).received for r in range(dialog.rows.rowCount())) == before - 1


def test_bulletin_page_issues_once_then_shows_it_as_published(window, monkeypatch):
    from tests.ui.conftest import show

    page = show(window, window.bulletin_page)
    assert page.issue_button.isEnabled() and page.current.number.endswith("〔2026〕1号")
    page.opening.setPlainText("本月开头（已修改）。")
    page.load()
    assert "本月开头（已修改）。" in page.preview_text.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.issue()
    assert page.current.issued and not page.issue_button.isEnabled() and page.opening.isReadOnly()
    assert "已印发" in page.state_label.text()
    assert window.history.undo_text()  # issuing is an undoable action like any other


def test_brief_dialog_uses_the_clerks_sentences(window):
    from aqdesk.ui.dialogs.brief_dialog import BriefDialog

    dialog = BriefDialog(window.db, window.as_of, window)
    dialog.note.setPlainText("本周整体平稳。")
    assert dialog.current().note == "本周整体平稳。"


def test_an_overdue_item_of_the_overview_opens_in_its_own_screen(window, monkeypatch):
    from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
    from aqdesk.ui.dialogs.task_dialog import TaskDialog
    from tests.ui.conftest import show

    opened = []
    monkeypatch.setattr(TaskDialog, "exec", lambda d: opened.append(("task", d.task_id)))
    monkeypatch.setattr(SheetDialog, "exec", lambda d: opened.append(("sheet", d.sheet_id)))
    show(window, window.task_page)  # each screen loads when first shown
    task = window.task_page.model.rows()[5]
    show(window, window.overview)
    window.open_item("task", task.id)
    assert window.stack.currentWidget() is window.task_page and window.task_page.table.currentIndex().row() >= 0
    show(window, window.sheet_page)
    sheet = window.sheet_page.sheets.model.rows()[3]
    show(window, window.overview)
    window.open_item("sheet", sheet.id)
    assert window.stack.currentWidget() is window.sheet_page and window.sheet_page.current().id == sheet.id
    assert opened == [("task", task.id), ("sheet", sheet.id)]


def test_the_brief_chase_and_bulletin_save_a_word_draft_beside_the_pdf_when_asked(window, anchor, tmp_path,
                                                                                    monkeypatch):
    from aqdesk.ui.dialogs import brief_dialog, chase_dialog
    from aqdesk.ui.pages import bulletin_page
    from tests.ui.conftest import show

    saves = []

    class Preview:
        def __init__(self, _title, data, _name, save, **_kwargs):
            assert data.startswith(b"%PDF")
            saves.append(save)

        def exec(self):
            return 0

    for module in (brief_dialog, chase_dialog, bulletin_page):
        monkeypatch.setattr(module, "PdfPreviewDialog", Preview)
    brief = brief_dialog.BriefDialog(window.db, window.as_of, window)
    brief.preview()
    saves.pop()(tmp_path / "专报.pdf")
    assert not (tmp_path / "专报.docx").exists()  # PDF only unless asked
    brief.also_word.setChecked(True)
    brief.preview()
    chase = chase_dialog.ChaseDialog(window.db, anchor, window)
    chase.also_word.setChecked(True)
    chase.show_notice()
    page = show(window, window.bulletin_page)
    page.also_word.setChecked(True)
    page.preview()
    for save, name in zip(saves, ("专报", "催报", "通报"), strict=True):
        save(tmp_path / f"{name}.pdf")
        assert (tmp_path / f"{name}.pdf").exists() and (tmp_path / f"{name}.docx").exists(), name


def test_a_letter_awaiting_its_reply_opens_in_the_register(window):
    from aqdesk.ui.pages.agenda_page import LINE_ROLE

    tree = window.agenda_page.tree
    lines = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    letter = next(item for item in lines if item.data(0, LINE_ROLE).ledger == "letter")
    number = letter.data(0, LINE_ROLE).label.split(" ")[0]
    tree.itemActivated.emit(letter, 0)
    register = window.followup_page.register
    assert window.stack.currentWidget() is window.followup_page
    assert window.followup_page.tabs.currentWidget() is register
    assert register.current().number == number and register.current().replied_on is None


def test_screens_are_built_when_first_shown(qtbot, empty_db):
    """Start-up builds only 本周待办: the other screens (and the PDF and import machinery behind
    them) wait until the clerk goes there."""
    make_app()
    win = MainWindow(empty_db)
    qtbot.addWidget(win)
    assert list(win._built) == [0]
    win.sidebar.setCurrentRow(7)  # 督办
    assert sorted(win._built) == [0, 7] and win.stack.currentWidget() is win.sheet_page
    assert win.stack.count() == len(win.titles)


def test_the_bulletin_is_issued_and_previewed_with_the_paragraphs_as_typed(window, monkeypatch):
    """The clerk types the opening and goes straight to 印发 (or 预览) without 按编辑内容更新:
    what is issued is what the box says, not the draft from before the typing."""
    from aqdesk.services.reports import bulletin
    from aqdesk.ui.pages import bulletin_page
    from tests.ui.conftest import show

    page = show(window, window.bulletin_page)
    page.closing.setPlainText("请各单位于12月5日前书面报送整改情况。")
    shown = []
    monkeypatch.setattr(bulletin_page, "PdfPreviewDialog", lambda *a, **k: shown.append(page.current.closing)
                        or type("D", (), {"exec": lambda self: 0})())
    page.preview()
    assert shown == ["请各单位于12月5日前书面报送整改情况。"]
    page.opening.setPlainText("11月全市大气污染防治工作通报如下。")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.issue()
    issued = bulletin.draft(window.db, page.period)
    assert issued.issued and issued.opening == "11月全市大气污染防治工作通报如下。"
    assert issued.closing == "请各单位于12月5日前书面报送整改情况。"


def test_what_the_clerk_typed_in_the_bulletin_survives_a_refresh(window):
    """刷新, a new date or a change made on another screen reload the figures, not the paragraphs
    the clerk is writing; the ones left as drafted follow the new date."""
    import datetime as dt

    from tests.ui.conftest import show

    page = show(window, window.bulletin_page)
    drafted = page.closing.toPlainText()
    page.opening.setPlainText("本月全市空气质量总体平稳。")
    window.refresh_action.trigger()
    assert page.opening.toPlainText() == "本月全市空气质量总体平稳。"
    assert page.closing.toPlainText() == drafted
    window.date_edit.setDate(window.as_of + dt.timedelta(days=3))
    assert page.opening.toPlainText() == "本月全市空气质量总体平稳。"
    assert "本月全市空气质量总体平稳。" in page.preview_text.toPlainText()


def test_every_kind_of_agenda_line_opens_where_it_is_dealt_with(window, monkeypatch):
    """本周待办 says 双击打开: a 约谈承诺 opens its 约谈 and a 督查发现问题 its finding under 督办记录
    (screens not yet built), a unit yet to report opens 催报 with that unit chosen."""
    from aqdesk.ui.dialogs.chase_dialog import ChaseDialog
    from aqdesk.ui.models.rows import ROW_ROLE
    from aqdesk.ui.pages.agenda_page import LINE_ROLE

    chased = []
    monkeypatch.setattr(ChaseDialog, "exec", lambda d: chased.append(d.table.currentIndex().data(ROW_ROLE).unit))
    tree = window.agenda_page.tree
    lines = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]

    def open_line(ledger):
        item = next(item for item in lines if item.data(0, LINE_ROLE).ledger == ledger)
        tree.itemActivated.emit(item, 0)
        return item.data(0, LINE_ROLE)

    line = open_line("commitment")
    follow = window.followup_page
    assert window.stack.currentWidget() is follow and follow.tabs.currentWidget() is follow.summons
    assert line.id in [c.id for c in follow.summons.current().commitments]
    line = open_line("finding")
    assert follow.tabs.currentWidget() is follow.inspections and follow.inspections.current().id == line.id
    line = open_line("unit")
    assert chased == [line.unit]


def test_the_history_of_an_item_names_every_source_in_chinese(window, monkeypatch):
    """Ctrl+H on a task carried into the new year: the 来源 column says 年度结转, not the log's own
    ``year-rollover``."""
    import re

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from aqdesk.services.ledgers import rollover
    from aqdesk.ui.dialogs.history_dialog import HistoryDialog
    from tests.ui.conftest import show

    rollover.close_year(window.db, 2026)
    rollover.open_year(window.db, 2027, set(rollover.Carry))
    window.set_year(2027)
    sources = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: sources.extend(
        d.table.item(r, 2).text() for r in range(d.table.rowCount())))
    show(window, window.task_page).table.selectRow(0)
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert "年度结转" in sources and not [s for s in sources if re.search("[A-Za-z]", s)]


def test_ctrl_f_goes_to_the_search_box_of_the_ledger_in_view(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.conftest import show

    for page, search in ((window.task_page, lambda: window.task_page.search),
                         (window.sheet_page, lambda: window.sheet_page.sheets.search)):
        show(window, page)
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is search()
    show(window, window.agenda_page)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # nothing to search: no harm
    assert "搜索" in window.statusBar().currentMessage()


def test_the_unit_view_keeps_the_unit_chosen_after_a_change(window):
    """部门视图: a task of the fourth unit opened, reported on and closed; the screen reloads and
    still shows that unit, not the first."""
    from aqdesk.ui.models.rows import ROW_ROLE
    from tests.ui.conftest import show

    page = show(window, window.unit_page)
    page.unit_table.selectRow(3)
    chosen = page.unit_table.currentIndex().data(ROW_ROLE).name
    window.history.push("报送", "an-action")
    window.refresh_all()  # what every stored change does
    assert page.unit_table.currentIndex().data(ROW_ROLE).name == chosen
    assert chosen in page.unit_label.text()


def test_ctrl_h_on_the_unit_view_shows_the_history_of_the_task_chosen(window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from aqdesk.ui.dialogs.history_dialog import HistoryDialog
    from tests.ui.conftest import show

    titles = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: titles.append(d.windowTitle()))
    page = show(window, window.unit_page)
    page.task_table.selectRow(0)
    task = page.tasks.row_object(0)[1]
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert titles == [f"修改记录：{task.number} {task.title}"]


def test_ctrl_h_names_the_row_chosen_on_each_ledger_screen(window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from aqdesk.ui.dialogs.history_dialog import HistoryDialog
    from aqdesk.ui.models.rows import ROW_ROLE
    from tests.ui.conftest import show

    titles = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: titles.append(d.windowTitle()))
    expected = []
    for page, table, title in ((window.task_page, lambda p: p.table, lambda r: f"{r.number} {r.title}"),
                               (window.relocation_page, lambda p: p.table, lambda r: r.name),
                               (window.substitution_page, lambda p: p.table, lambda r: f"{r.county}{r.township}"),
                               (window.sheet_page, lambda p: p.sheets.table, lambda r: f"{r.number} {r.unit}")):
        view = table(show(window, page))
        view.selectRow(0)
        expected.append(f"修改记录：{title(view.currentIndex().data(ROW_ROLE))}")
        QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert titles == expected
