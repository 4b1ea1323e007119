"""The year selector beside 截至日期, 工具→年度结转, and opening another database."""

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from aqdesk.db.database import open_database
from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import rollover
from aqdesk.ui import recent_databases
from aqdesk.ui.dialogs.year_dialog import YearDialog
from aqdesk.ui.models.rows import ROW_ROLE
from aqdesk.ui.pages.ledger_page import LedgerPage
from tests.services.common.test_plan_years import plan_2027
from tests.ui.conftest import show


def combo_years(window):
    return [window.year_combo.itemText(i) for i in range(window.year_combo.count())]


def choose(window, year):
    window.year_combo.setCurrentIndex(window.year_combo.findData(year))
    window.year_combo.activated.emit(window.year_combo.currentIndex())


def test_the_demo_after_the_roll_over_shown_as_of_2027_and_2026_read_only(window, qtbot, tmp_path, monkeypatch):
    assert combo_years(window) == ["2026年", "2027年（新年度）"] and window.year_label.text() == ""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = YearDialog(window.db, window)
    qtbot.addWidget(dialog)
    assert dialog.years.currentItem().text() == "2026年度　进行中" and dialog.open_group.isHidden()
    dialog.close_button.click()
    assert dialog.years.item(0).text() == "2026年度　已结转关闭（只读）"
    assert dialog.save_summary_to(2026, tmp_path / "2026年度工作汇总.pdf").stat().st_size > 1000
    assert dialog.open_button.text() == "开启2027年度" and not dialog.open_group.isHidden()
    dialog.carry[rollover.Carry.ENTERPRISES].setChecked(False)
    dialog.open_button.click()
    assert dialog.changed and dialog.open_group.isHidden()
    commit(window.db, prepare(window.db, plan_2027(tmp_path), today=dt.date(2027, 1, 5)))

    window.date_edit.setDate(QDate(2027, 3, 1))
    assert combo_years(window) == ["2026年（已结转·只读）", "2027年", "2028年（新年度）"]
    assert window.year_combo.currentData() == 2027 and window.year_label.text() == ""
    for row, name in enumerate(window.titles):  # every page, as of 2027, without an error
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentWidget() is window.page(row), name
    tasks = show(window, window.task_page)
    numbers = {tasks.proxy.index(r, 0).data(ROW_ROLE).number for r in range(tasks.proxy.rowCount())}
    assert {"1-01", "1-02", "结转1-01"} <= numbers and len(numbers) < 60
    assert show(window, window.relocation_page).proxy.rowCount() == 0  # no enterprise carried over

    choose(window, 2026)
    assert window.year == 2026 and window.year_label.text() == "2026年度已结转关闭，只能查看"
    assert show(window, window.task_page).proxy.rowCount() == 60
    assert show(window, window.relocation_page).proxy.rowCount() == 77
    choose(window, 2027)
    assert window.year == 2027 and show(window, window.task_page).proxy.rowCount() == len(numbers)
    window.date_edit.setDate(QDate(2027, 3, 2))  # a new date follows the year it falls in again
    assert window.year is None and window.year_combo.currentData() == 2027


def test_opening_another_database_from_the_file_menu(window, tmp_path, monkeypatch):
    archive = tmp_path / "2025存档.db"
    open_database(recent_databases.sqlite_url(archive)).close()
    first = window.db.url
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), ""))
    window.open_db_action.trigger()
    assert str(archive.resolve()) in window.db_label.text()
    assert all(isinstance(p, LedgerPage) and p.proxy.rowCount() == 0 for p in
               (show(window, window.task_page), show(window, window.relocation_page)))
    assert recent_databases.recent()[:2] == [recent_databases.sqlite_url(archive), first]
    window._fill_recent()
    back = next(a for a in window.recent_menu.actions() if a.text() == recent_databases.label(first))
    back.trigger()
    assert window.db.url == first and show(window, window.task_page).proxy.rowCount() == 60

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, text: warnings.append(text))
    foreign = tmp_path / "notes.db"
    foreign.write_text("不是数据库", encoding="utf-8")
    assert not window.switch_database(recent_databases.sqlite_url(foreign))
    assert warnings and window.db.url == first  # the database in use stays


def test_a_recent_database_moved_away_is_not_made_anew_empty(window, tmp_path, monkeypatch):
    """最近打开 lists a file since moved or deleted (a USB stick taken out): choosing it says so and
    leaves it off the list, rather than opening a new, empty office under its name."""
    archive = tmp_path / "2025存档.db"
    open_database(recent_databases.sqlite_url(archive)).close()
    first = window.db.url
    assert window.switch_database(recent_databases.sqlite_url(archive))
    assert window.switch_database(first)
    archive.unlink()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, text: warnings.append(text))
    window._fill_recent()
    gone = next(a for a in window.recent_menu.actions() if a.text() == recent_databases.label(
        recent_databases.sqlite_url(archive)))
    gone.trigger()
    assert window.db.url == first and not archive.exists()
    assert warnings and "2025存档.db" in warnings[0]
    assert recent_databases.sqlite_url(archive) not in recent_databases.recent()


def test_new_database_from_the_file_menu(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    target = tmp_path / "新建.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.new_db_action.trigger()
    assert target.exists() and str(target.resolve()) in window.db_label.text()
    assert show(window, window.task_page).proxy.rowCount() == 0


def test_a_task_of_a_closed_year_says_so_and_refuses_the_edit(qtbot, demo_db, monkeypatch):
    from sqlalchemy import select

    from aqdesk.db.models import Task
    from aqdesk.ui.app import make_app
    from aqdesk.ui.dialogs.task_dialog import TaskDialog
    make_app()
    rollover.close_year(demo_db, 2026)
    with demo_db.reading() as s:
        task_id = s.scalar(select(Task.id).where(Task.number == "1-02"))
    dialog = TaskDialog(demo_db, task_id)
    qtbot.addWidget(dialog)
    assert "2026年度已结转关闭：本任务只能查看" in dialog.header.text()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: warnings.append(text))
    dialog.problems_edit.setPlainText("试图修改")
    dialog.save_fields()
    assert warnings and "2026年度已结转关闭" in warnings[0]


def test_a_plan_without_a_year_goes_to_the_year_chosen_in_the_window(window, qtbot, tmp_path):
    from tests.services.common.test_plan_years import PLAN_HEADINGS
    from tests.services.importing.test_importing import workbook
    from tests.ui.test_import_page import check
    path = workbook(tmp_path / "重点任务清单.xlsx", {"任务清单": [
        ["重点任务清单"], PLAN_HEADINGS, ["1-01", "产业结构调整", "钢铁行业超低排放改造巩固提升", "市工业和信息化局", "长期坚持"]]})
    page = show(window, window.import_page)
    check(qtbot, page, [path])
    assert "无法确定该计划属于哪一年" in page.entries[0].plan.file_errors[0].message
    choose(window, 2027)
    page.recheck()
    qtbot.waitUntil(lambda: page.entries[0].plan is not None and page.entries[0].plan.year == 2027, timeout=20_000)
    assert page.entries[0].plan.errors == []
    page.file_table.selectRow(0)
    page.commit_button.click()
    assert page.entries[0].batch is not None
    assert [r.number for r in show(window, window.task_page).model.rows()] == ["1-01"]


def test_a_server_address_is_opened_and_its_password_never_remembered(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    url = recent_databases.sqlite_url(tmp_path / "共享.db")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (f"  {url} ", True))
    window.server_db_action.trigger()
    assert window.db.url == url and str((tmp_path / "共享.db").resolve()) in window.db_label.text()
    recent_databases.remember("postgresql+psycopg://clerk:secret@server/aqdesk")
    assert not any("secret" in u for u in recent_databases.recent())
    recent_databases.remember("postgresql+psycopg://clerk@server/aqdesk")
    assert recent_databases.recent()[0] == "postgresql+psycopg://clerk@server/aqdesk"


def test_a_new_years_plan_imported_in_the_window_appears_in_the_year_selector(window, qtbot, tmp_path):
    from tests.ui.test_import_page import check
    page = show(window, window.import_page)
    check(qtbot, page, [plan_2027(tmp_path)])
    assert page.entries[0].plan.year == 2027 and page.entries[0].plan.errors == []
    page.file_table.selectRow(0)
    page.commit_button.click()
    assert combo_years(window) == ["2026年", "2027年", "2028年（新年度）"]
    assert window.year_combo.currentData() == 2026  # the date still falls in 2026's plan
