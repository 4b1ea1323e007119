import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from aqdesk.domain.enums import Color
from aqdesk.services.ledgers import task_edit, task_shares, tasks
from aqdesk.ui.dialogs.task_dialog import TaskDialog
from aqdesk.ui.models.rows import ROW_ROLE
from tests.ui.conftest import show


@pytest.fixture
def window(window):
    show(window, window.task_page)
    return window


def visible_rows(page):
    return [page.proxy.index(r, 0).data(ROW_ROLE) for r in range(page.proxy.rowCount())]


def combo(page, label):
    return next(w for f, w in zip(page.proxy.filters, page.filter_widgets, strict=True) if f.label == label)


def choose(combo, text):
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_filters_by_category_unit_colour_and_text(window):
    page = window.task_page
    assert page.proxy.rowCount() == 60
    choose(combo(page, "预警"), "红")
    reds = visible_rows(page)
    assert len(reds) == 12 and all(r.color is Color.RED for r in reds)
    assert "共 12 条" in page.totals.text()
    choose(combo(page, "预警"), "全部预警")
    choose(combo(page, "单位"), "市城管执法局")
    rows = visible_rows(page)
    assert rows and all(r.lead == "市城管执法局" or "市城管执法局" in r.cooperator_names for r in rows)
    assert any(r.lead != "市城管执法局" for r in rows)  # co-led tasks are included
    choose(combo(page, "单位"), "全部单位")
    choose(combo(page, "类别"), "能源结构调整")
    assert {r.category for r in visible_rows(page)} == {"能源结构调整"}
    page.search.setText("散煤")
    assert all("散煤" in (r.title + r.latest + r.reason) for r in visible_rows(page))
    page.search.clear()
    choose(combo(page, "类别"), "全部类别")
    assert page.proxy.rowCount() == 60


def red_first(rows) -> bool:
    rank = {Color.RED: 0, Color.YELLOW: 1, Color.GREEN: 2}
    keys = [(rank[r.color], r.days_left if r.days_left is not None else 10**9) for r in rows]
    return keys == sorted(keys)


def test_every_ledger_opens_red_first_then_most_overdue(window):
    for page in (window.task_page, window.relocation_page, window.substitution_page, window.loose_coal_page,
                 window.sheet_page.sheets):
        show(window, window.sheet_page if page is window.sheet_page.sheets else page)
        rows = visible_rows(page)
        assert rows[0].color is Color.RED, page.screen_name
        assert [r.color for r in rows] == sorted((r.color for r in rows), key=[Color.RED, Color.YELLOW,
                                                                                  Color.GREEN].index)
    tasks = visible_rows(window.task_page)
    assert red_first(tasks) and red_first(visible_rows(window.sheet_page.sheets))
    reds = [r.days_left for r in tasks if r.color is Color.RED and r.days_left is not None]
    assert reds == sorted(reds) and reds[0] < reds[-1]  # most overdue at the very top


def test_sorting_by_colour_puts_red_first(window):
    page = window.task_page
    page.table.sortByColumn(0, page.table.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    assert red_first(visible_rows(page))


def test_a_clerks_own_sort_is_remembered_per_screen_across_restarts(window, qtbot, demo_db, anchor):
    from PySide6.QtCore import Qt

    from aqdesk.ui.main_window import MainWindow

    window.task_page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # 编号, as a clerk's click does
    numbers = [r.number for r in visible_rows(window.task_page)]
    assert numbers == sorted(numbers, reverse=True)
    window.close()

    again = MainWindow(demo_db, as_of=anchor)
    qtbot.addWidget(again)
    show(again, again.task_page)
    assert [r.number for r in visible_rows(again.task_page)] == numbers
    header = again.task_page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)
    show(again, again.relocation_page)  # another screen keeps its own default
    assert visible_rows(again.relocation_page)[0].color is Color.RED

    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # cleared: back to red first, remembered too
    third = MainWindow(demo_db, as_of=anchor)
    qtbot.addWidget(third)
    show(third, third.task_page)
    assert red_first(visible_rows(third.task_page))


def test_postpone_in_the_dialog_then_undo_from_the_edit_menu(window, qtbot, monkeypatch):
    page = window.task_page
    row = next(r for r in visible_rows(page) if r.color is Color.RED and r.deadline)
    dialog = TaskDialog(window.db, row.id, parent=window)
    qtbot.addWidget(dialog)
    dialog.acted.connect(window.history.push)
    dialog.acted.connect(lambda *_: window.refresh_all())

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog.tabs.setCurrentIndex(2)
    dialog.new_deadline.setDate(row.deadline + dt.timedelta(days=40))
    dialog.postpone()  # no reason typed
    assert warnings and "理由" in warnings[-1]
    assert task_edit.task_detail(window.db, row.id).fields["deadline"] == row.deadline

    qtbot.keyClicks(dialog.reason_edit, "new site land approval pending")
    dialog.postpone()
    new = row.deadline + dt.timedelta(days=40)
    assert task_edit.task_detail(window.db, row.id).fields["deadline"] == new
    assert dialog.postponements.rowCount() == row.postponed + 1
    after = next(r for r in visible_rows(page) if r.id == row.id)
    # the window shows the anchor day, before the postponement (made today) existed: still red then
    assert after.postponed == row.postponed + 1 and after.color is Color.RED
    since = next(r for r in tasks.task_rows(window.db, max(dt.date.today(), new)) if r.id == row.id)
    assert since.deadline == new
    assert window.undo_action.isEnabled() and row.number in window.undo_action.text()

    window.undo_action.trigger()
    assert task_edit.task_detail(window.db, row.id).fields["deadline"] == row.deadline
    assert next(r for r in visible_rows(page) if r.id == row.id).color is Color.RED
    window.redo_action.trigger()
    assert task_edit.task_detail(window.db, row.id).fields["deadline"] == new


def test_dialog_refuses_deadline_before_start_and_writes_nothing(window, qtbot, monkeypatch):
    row = next(r for r in visible_rows(window.task_page) if r.deadline)
    dialog = TaskDialog(window.db, row.id, parent=window)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    before = task_edit.task_detail(window.db, row.id)
    dialog.start_edit.setDate(row.deadline + dt.timedelta(days=5))
    dialog.save_fields()
    assert warnings and "早于开始时间" in warnings[-1]
    assert task_edit.task_detail(window.db, row.id).version == before.version


def test_progress_report_from_the_dialog(window, qtbot):
    row = next(r for r in visible_rows(window.task_page) if r.deadline and r.progress < 100)
    dialog = TaskDialog(window.db, row.id, today=dt.date(2026, 11, 23), parent=window)
    qtbot.addWidget(dialog)
    before = dialog.history.rowCount()
    dialog.report_progress.setValue(min(100, row.progress + 5))
    qtbot.keyClicks(dialog.report_text, "completed the second batch")
    dialog.add_report()
    assert dialog.history.rowCount() == before + 1
    assert dialog.history.item(0, 3).text() == "completed the second batch"
    assert task_edit.task_detail(window.db, row.id).fields["latest_progress"] == "completed the second batch"


def test_unit_view_ranks_units_and_lists_their_tasks(window):
    window.sidebar.setCurrentRow(3)
    page = window.unit_page
    first = page.units.row_object(0)
    assert (first.rank, first.kind) == (1, "市直部门") and first.score is not None
    counties = [page.units.row_object(r) for r in range(page.units.rowCount()) if page.units.row_object(r).kind == "县区"]
    assert counties[0].rank == 1 and [c.score for c in counties] == sorted((c.score for c in counties), reverse=True)
    roles = {page.tasks.row_object(r)[0] for r in range(page.tasks.rowCount())}
    assert "牵头" in roles
    assert len(page.chart.chart().series()) == 1


def test_the_reason_stays_on_screen_at_1366_and_long_texts_show_whole_in_a_tooltip(window, qtbot):
    from PySide6.QtCore import Qt

    window.resize(1350, 680)  # a 1366×768 laptop less the taskbar and the window's borders
    qtbot.wait(10)
    page = window.task_page
    reason = next(i for i, c in enumerate(page.model.COLUMNS) if c.header == "预警原因")
    header = page.table.horizontalHeader()
    right = header.sectionViewportPosition(reason) + header.sectionSize(reason)
    assert 0 <= header.sectionViewportPosition(reason) and right <= page.table.viewport().width()
    latest = next(i for i, c in enumerate(page.model.COLUMNS) if c.header == "最新进展")
    index = page.proxy.index(0, latest)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(ROW_ROLE).latest


def test_the_task_dialog_heads_with_the_colour_and_reason(window, qtbot):
    row = next(r for r in visible_rows(window.task_page) if r.color is Color.RED)
    dialog = TaskDialog(window.db, row.id, parent=window, as_of=window.as_of)
    qtbot.addWidget(dialog)
    assert "红" in dialog.header.text() and row.reason in dialog.header.text()


def test_shares_are_edited_in_the_dialog_and_undone_from_the_edit_menu(window, qtbot):
    row = next(r for r in visible_rows(window.task_page) if r.number == "7-03")
    dialog = TaskDialog(window.db, row.id, parent=window)
    qtbot.addWidget(dialog)
    dialog.acted.connect(window.history.push)
    dialog.acted.connect(lambda *_: window.refresh_all())
    tab = dialog.units_tab
    assert tab.shares_table.rowCount() == 10 and "10个分工" in dialog.tabs.tabText(3)
    tab.shares_edit.setText("安平县、清河县")
    tab.cooperators_edit.setText("市应急管理局")
    dialog.save_units()
    units = task_shares.task_units(window.db, row.id)
    assert [s.unit for s in units.shares] == ["安平县", "清河县"] and units.cooperators == ("市应急管理局",)
    assert tab.shares_table.rowCount() == 2
    window.undo_action.trigger()
    units = task_shares.task_units(window.db, row.id)
    assert len(units.shares) == 10 and "市市场监管局" in units.cooperators


def test_a_chosen_share_is_postponed_and_reported_from_the_dialog(window, qtbot, monkeypatch):
    row = next(r for r in visible_rows(window.task_page) if r.number == "9-01")
    dialog = TaskDialog(window.db, row.id, today=dt.date(2026, 11, 23), parent=window)
    qtbot.addWidget(dialog)
    tab = dialog.units_tab
    assert not tab.share_box.isEnabled()
    late = next(i for i, s in enumerate(tab.shares) if s.unit == "龙泉县")
    tab.shares_table.selectRow(late)
    assert tab.share_box.isEnabled() and tab.chosen().unit == "龙泉县"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    tab.deadline_edit.setDate(dt.date(2026, 12, 31))
    dialog.postpone_share()
    assert warnings and "理由" in warnings[-1]
    tab.shares_table.selectRow(late)
    tab.reason_edit.setText("山区乡镇招录延后")
    tab.deadline_edit.setDate(dt.date(2026, 12, 31))
    dialog.postpone_share()
    tab.shares_table.selectRow(late)
    tab.progress_spin.setValue(100)
    tab.report_edit.setText("网格员全部到岗。")
    dialog.report_share()
    share = next(s for s in task_shares.task_units(window.db, row.id).shares if s.unit == "龙泉县")
    assert (share.deadline, share.progress, share.done) == (dt.date(2026, 12, 31), 100, True)
