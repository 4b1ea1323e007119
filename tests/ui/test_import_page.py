import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from aqdesk.services.ledgers import tasks
from tests.ui.conftest import show


@pytest.fixture
def window(window):
    show(window, window.import_page)
    return window


def a_return(path, progress="95%", extra=()):
    book = Workbook()
    sheet = book.active
    sheet.append(["任务编号", "任务名称", "进展情况", "完成比例（%）"])
    sheet.append(["4-03", "城市道路扬尘精细化管控", "主次干道机扫率达到95%", progress])
    for row in extra:
        sheet.append(row)
    book.save(path)
    return path


def check(qtbot, page, paths):
    job = page.add_files(paths)
    qtbot.waitUntil(lambda: all(e.plan or e.failure for e in page.entries), timeout=20_000)
    return job


def test_drop_preview_commit_and_undo(window, qtbot, tmp_path, monkeypatch):
    page = window.import_page
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    folder = tmp_path / "returns"
    folder.mkdir()
    a_return(folder / "城管局.xlsx")
    (folder / "~$城管局.xlsx").write_bytes(b"lock file")
    (folder / "说明.txt").write_text("not a spreadsheet")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    qtbot.waitUntil(lambda: page.entries and page.entries[0].plan is not None, timeout=20_000)
    assert [e.path.name for e in page.entries] == ["城管局.xlsx"]
    page.file_table.selectRow(0)
    changes = {(page.changes.index(r, 2).data(), page.changes.index(r, 4).data()) for r in range(page.changes.rowCount())}
    assert ("完成比例（%）", "95") in changes
    assert page.files.index(0, 8).data() == "可以导入" and page.commit_button.isEnabled()

    page.commit_button.click()
    assert page.entries[0].batch is not None and page.batches.rowCount() == 1
    assert next(r for r in tasks.task_rows(window.db, dt.date(2026, 11, 23)) if r.number == "4-03").progress == 95

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.batch_table.selectRow(0)
    page.undo_selected()
    assert next(r for r in tasks.task_rows(window.db, dt.date(2026, 11, 23)) if r.number == "4-03").progress == 88
    assert page.batches.row_object(0).undone


def test_file_with_errors_is_refused_and_its_problems_can_be_saved(window, qtbot, tmp_path, monkeypatch):
    page = window.import_page
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    check(qtbot, page, [a_return(tmp_path / "有错.xlsx", "约八成", [["9-99", "", "x", "1"]])])
    page.file_table.selectRow(0)
    assert page.files.index(0, 8).data() == "有错误" and not page.commit_button.isEnabled()
    messages = [page.problems.index(r, 5).data() for r in range(page.problems.rowCount())]
    assert "“约八成”不是数字" in messages
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.commit_entries(page.entries)
    assert warnings and page.entries[0].batch is None
    target = tmp_path / "问题清单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    saved = page.save_report()
    assert saved == target and target.exists(), warnings
    page.accept_valid.setChecked(True)
    page._update_buttons()
    assert page.commit_button.isEnabled()


def test_unreadable_file_is_reported_not_raised(window, qtbot, tmp_path, monkeypatch):
    page = window.import_page
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    fake = tmp_path / "假的.xlsx"
    fake.write_text("this is not a workbook")
    check(qtbot, page, [fake])
    assert page.entries[0].failure and "假的.xlsx" in page.entries[0].failure
    assert page.files.index(0, 8).data() == "无法读取"


def test_a_substitution_return_previews_old_and_new_figures_and_commits(window, qtbot, tmp_path):
    from aqdesk.services.ledgers import substitution
    today = dt.date(2026, 11, 23)
    town = next(r for r in substitution.township_rows(window.db, today)
                if r.county == "安平县" and r.completed + 7 <= r.target)
    book = Workbook()
    book.active.append(["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"])
    book.active.append(["安平县", town.township, town.kind.label, town.target, town.completed + 7, town.accepted])
    book.save(tmp_path / "安平县双替代.xlsx")
    page = window.import_page
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("安平县"))
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    check(qtbot, page, [tmp_path / "安平县双替代.xlsx"])
    page.file_table.selectRow(0)
    shown = [[page.changes.index(r, c).data() for c in range(page.changes.columnCount())]
             for r in range(page.changes.rowCount())]
    assert any("已完成户数" in row and str(town.completed) in row and str(town.completed + 7) in row for row in shown)
    page.commit_button.click()
    after = next(r for r in substitution.township_rows(window.db, today) if r.id == town.id)
    assert after.completed == town.completed + 7 and page.batches.rowCount() == 1


def test_a_corrected_file_dropped_again_under_its_name_is_checked_again(window, qtbot, tmp_path, monkeypatch):
    page = window.import_page
    monkeypatch.setattr(QMessageBox, "information", lambda *a: pytest.fail(f"told the clerk: {a[2]}"))
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    path = a_return(tmp_path / "城管局.xlsx", "约八成")
    check(qtbot, page, [path])
    assert page.files.index(0, 8).data() == "有错误"
    a_return(path, "95%")  # the unit corrects it and sends it again under the same name
    check(qtbot, page, [path])
    assert len(page.entries) == 1 and page.files.index(0, 8).data() == "可以导入"


def test_a_new_file_with_problems_is_shown_with_them_and_the_unit_applies_to_it_alone(window, qtbot, tmp_path,
                                                                                       monkeypatch):
    page = window.import_page
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    page.period_check.setChecked(True)
    page.period_edit.setDate(QDate(2026, 11, 20))
    assert page.file_area.currentWidget() is page.drop_zone and "拖到这里" in page.drop_zone.text()
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    check(qtbot, page, [a_return(tmp_path / "城管局.xlsx")])
    assert page.file_area.currentWidget() is page.file_table
    page.file_table.selectRow(0)
    check(qtbot, page, [a_return(tmp_path / "无名.xlsx")])  # not a template, no unit chosen for it
    no_unit = page.entries[1]
    assert page._selected() is no_unit and page.details.currentIndex() == 1
    messages = [page.problems.index(r, 5).data() for r in range(page.problems.rowCount())]
    assert any("无法确定报送单位" in m and "“报送单位”中选择" in m and "命令行" in m for m in messages)

    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))  # for the selected file only
    assert no_unit.unit == "市城管执法局" and page.entries[0].unit == "市城管执法局"
    page.file_table.selectRow(0)
    page.unit_combo.setCurrentIndex(0)
    assert page.entries[0].unit is None and no_unit.unit == "市城管执法局"
    page.recheck()
    qtbot.waitUntil(lambda: all(e.plan or e.failure for e in page.entries), timeout=20_000)
    assert page.files.index(1, 8).data() == "可以导入"


def test_the_drop_area_lights_up_while_files_are_dragged_over(window):
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent

    page = window.import_page
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/x.xlsx")])
    page.dragEnterEvent(QDragEnterEvent(page.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert page.file_area.property("dragging") is True
    page.dragLeaveEvent(QDragLeaveEvent())
    assert page.file_area.property("dragging") is False


def test_files_waiting_are_checked_again_against_a_database_opened_meanwhile(window, qtbot, tmp_path, monkeypatch):
    """A file checked against one database and imported after 打开数据库 switched to another
    would be written from a preview of the first; it is checked again, and one already
    imported (into the other database) leaves the list."""
    page = window.import_page
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("市城管执法局"))
    page.period_check.setChecked(True)
    check(qtbot, page, [a_return(tmp_path / "城管局.xlsx"), a_return(tmp_path / "城管局-补报.xlsx", "96%")])
    page.file_table.selectRow(0)
    page.commit_button.click()
    assert page.entries[0].batch is not None
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append(text))
    assert window.switch_database(f"sqlite:///{(tmp_path / 'other.db').as_posix()}")
    qtbot.waitUntil(lambda: all(e.plan or e.failure for e in page.entries), timeout=20_000)
    assert [e.path.name for e in page.entries] == ["城管局-补报.xlsx"]
    page.file_table.selectRow(0)
    assert not page.commit_button.isEnabled()  # the new office has no 市城管执法局 nor task 4-03
    page.commit_entries(page.entries)
    assert not any("FOREIGN KEY" in text for text in warnings)


def test_a_file_that_cannot_be_read_is_reported_once(window, qtbot, tmp_path, monkeypatch):
    page = window.import_page
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append(text))
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04garbage")
    check(qtbot, page, [tmp_path / "坏.xlsx"])
    assert len(warnings) == 1 and "坏.xlsx" in warnings[0]
