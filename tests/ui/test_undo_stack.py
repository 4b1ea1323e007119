"""编辑→撤销 takes back what the clerk did last, whatever screen it was on: a batch of letters
as one action, an imported file as its batch."""

import datetime as dt

from PySide6.QtCore import QDate
from sqlalchemy import func, select

from aqdesk.db.models import Letter
from aqdesk.services.ledgers import task_edit, tasks
from tests.ui.conftest import show
from tests.ui.test_import_page import a_return, check


def letters_registered(db):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Letter))


def progress_of(db, number):
    return next(r for r in tasks.task_rows(db, dt.date(2026, 11, 23)) if r.number == number).progress


def test_a_batch_of_letters_is_one_action_in_the_edit_menu(window, qtbot, tmp_path):
    show(window, window.export_page)
    before = letters_registered(window.db)
    window.export_page.start_letters(tmp_path / "函")
    qtbot.waitUntil(lambda: window.history.undo_text() is not None, timeout=30_000)
    assert letters_registered(window.db) == before + 18
    assert "批量督办函 18 份" in window.undo_action.text()
    window.undo_action.trigger()
    assert letters_registered(window.db) == before and window.undo_action.text() == "撤销"
    window.redo_action.trigger()
    assert letters_registered(window.db) == before + 18


def test_ctrl_z_after_an_import_undoes_the_import(window, qtbot, tmp_path):
    task = next(r for r in tasks.task_rows(window.db, dt.date(2026, 11, 23)) if r.number == "1-01")
    detail = task_edit.task_detail(window.db, task.id)
    window.history.push("修改任务 1-01", task_edit.update_task(window.db, task.id, detail.version, leader="李四"))
    page = show(window, window.import_page)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    check(qtbot, page, [a_return(tmp_path / "城管局.xlsx")])
    page.file_table.selectRow(0)
    page.commit_button.click()
    assert progress_of(window.db, "4-03") == 95
    assert window.undo_action.text() == "撤销：导入 城管局.xlsx"

    window.undo_action.trigger()
    assert progress_of(window.db, "4-03") == 88  # the import, not the earlier edit
    assert task_edit.task_detail(window.db, task.id).fields["leader"] == "李四"
    assert page.entries[0].batch is None and page.commit_button.isEnabled()  # it may be imported again
    assert window.undo_action.text() == "撤销：修改任务 1-01"


def test_an_import_undone_on_its_page_leaves_the_edit_menu(window, qtbot, tmp_path, monkeypatch):
    """撤销所选导入 on 报送导入 takes the file back; 编辑→撤销 then offers what came before it
    rather than the same file again (which would only be refused, and stay in the way)."""
    from PySide6.QtWidgets import QMessageBox

    window.history.push("earlier", "an-action")
    page = show(window, window.import_page)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    check(qtbot, page, [a_return(tmp_path / "城管局.xlsx")])
    page.file_table.selectRow(0)
    page.commit_button.click()
    assert window.undo_action.text() == "撤销：导入 城管局.xlsx"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.batch_table.selectRow(0)
    page.undo_selected()
    assert progress_of(window.db, "4-03") == 88
    assert window.undo_action.text() == "撤销：earlier"
