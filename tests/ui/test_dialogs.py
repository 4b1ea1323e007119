import datetime as dt

from PySide6.QtCore import QDate, Qt

from aqdesk.services.common import settings, workdays
from aqdesk.ui.app import make_app
from aqdesk.ui.dialogs.calendar_dialog import HOLIDAY, MAKEUP_WORKDAY, CalendarDialog
from aqdesk.ui.dialogs.settings_dialog import SettingsDialog


def test_calendar_dialog_marks_official_days_and_takes_office_changes(qtbot, demo_db):
    make_app()
    dialog = CalendarDialog(demo_db, dt.date(2026, 10, 1))
    qtbot.addWidget(dialog)
    assert "已载入" in dialog.year_label.text()
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 2)).background().color() == HOLIDAY
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 10)).background().color() == MAKEUP_WORKDAY

    dialog.calendar.setSelectedDate(QDate(2027, 2, 8))
    assert "没有官方放假安排" in dialog.year_label.text()
    assert "工作日" in dialog.day_label.text()
    qtbot.mouseClick(dialog.holiday_button, Qt.MouseButton.LeftButton)
    assert workdays.year_calendar(demo_db, 2027).days[dt.date(2027, 2, 8)] == (False, workdays.SOURCE_OFFICE)
    assert "休息日（本办公室设定）" in dialog.day_label.text() and dialog.changed
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert dt.date(2027, 2, 8) not in workdays.year_calendar(demo_db, 2027).days


def test_settings_dialog_saves_the_margins(qtbot, demo_db):
    make_app()
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.editors["warning.due_soon_workdays"].setValue(3)
    dialog.accept()
    assert settings.load_all(demo_db)["warning.due_soon_workdays"] == 3


def test_units_dialog_adds_an_alias_and_a_unit(qtbot, demo_db):
    from aqdesk.services.common import unit_admin
    from aqdesk.ui.dialogs.units_dialog import UnitsDialog

    make_app()
    dialog = UnitsDialog(demo_db)
    qtbot.addWidget(dialog)
    acted = []
    dialog.acted.connect(lambda description, action: acted.append(description))
    row = next(r for r in range(dialog.units.rowCount()) if dialog.units.row_object(r).name == "市生态环境局")
    dialog.table.selectRow(row)
    assert dialog.name_edit.text() == "市生态环境局"
    dialog.aliases_edit.setText(dialog.aliases_edit.text() + "、环保部门")
    dialog.save_aliases()
    assert "环保部门" in next(u for u in unit_admin.unit_rows(demo_db) if u.name == "市生态环境局").aliases
    dialog.new_name.setText("市人防办")
    dialog.add()
    assert any(u.name == "市人防办" for u in unit_admin.unit_rows(demo_db))
    assert len(acted) == 2


def test_one_line_fields_take_no_more_text_than_their_column_holds(qtbot, demo_db, anchor):
    from sqlalchemy import select

    from aqdesk.db.models import Task
    from aqdesk.ui.dialogs.new_sheet_dialog import NewSheetDialog
    from aqdesk.ui.dialogs.task_dialog import TaskDialog
    from aqdesk.ui.dialogs.units_dialog import UnitsDialog

    make_app()
    with demo_db.reading() as s:
        task_id = s.scalars(select(Task.id).order_by(Task.id)).first()
    task, units, sheet = TaskDialog(demo_db, task_id), UnitsDialog(demo_db), NewSheetDialog(demo_db, anchor, "石桥县")
    for dialog in (task, units, sheet):
        qtbot.addWidget(dialog)
    assert (task.title_edit.maxLength(), task.leader_edit.maxLength()) == (200, 100)
    assert (units.name_edit.maxLength(), units.new_name.maxLength()) == (100, 100)
    assert (sheet.subject_edit.maxLength(), sheet.source_edit.maxLength()) == (200, 200)
    task.title_edit.setText("推" * 207)
    assert len(task.title_edit.text()) == 200
