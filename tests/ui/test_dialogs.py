import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from aqdesk import paths
from aqdesk.errors import UserError
from aqdesk.services import demo
from aqdesk.services.common import settings, workdays
from aqdesk.ui.app import make_app
from aqdesk.ui.dialogs.calendar_dialog import HOLIDAY, MAKEUP_WORKDAY, WORKDAY_INK, CalendarDialog
from aqdesk.ui.dialogs.settings_dialog import SettingsDialog


def test_calendar_dialog_marks_official_days_and_takes_office_changes(qtbot, demo_db):
    make_app()
    dialog = CalendarDialog(demo_db, dt.date(2026, 10, 1))
    qtbot.addWidget(dialog)
    assert "已载入" in dialog.year_label.text()
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 2)).background().color() == HOLIDAY
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 10)).background().color() == MAKEUP_WORKDAY
    # the break's weekend is shaded with it; the 调休 Saturday is not drawn in the weekend's red
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 3)).background().color() == HOLIDAY
    assert dialog.calendar.dateTextFormat(QDate(2026, 10, 10)).foreground().color() == WORKDAY_INK
    assert dialog.calendar.dateTextFormat(QDate(2026, 11, 7)).background().style() == Qt.BrushStyle.NoBrush

    dialog.calendar.setSelectedDate(QDate(2027, 2, 8))
    assert "没有官方放假安排" in dialog.year_label.text()
    assert "工作日" in dialog.day_label.text()
    qtbot.mouseClick(dialog.holiday_button, Qt.MouseButton.LeftButton)
    assert workdays.year_calendar(demo_db, 2027).days[dt.date(2027, 2, 8)] == (False, workdays.SOURCE_OFFICE)
    assert "休息日（本办公室设定）" in dialog.day_label.text() and dialog.changed
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert dt.date(2027, 2, 8) not in workdays.year_calendar(demo_db, 2027).days


def test_settings_text_boxes_show_their_whole_text(qtbot, demo_db):
    make_app()
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    for editor in dialog.editors.values():
        if isinstance(editor, QLineEdit):
            assert editor.width() >= editor.fontMetrics().horizontalAdvance(editor.text()) + 8, editor.text()


def test_settings_dialog_saves_the_margins(qtbot, demo_db):
    make_app()
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.editors["warning.due_soon_workdays"].setValue(3)
    dialog.accept()
    assert settings.load_all(demo_db)["warning.due_soon_workdays"] == 3


def test_settings_with_fixed_choices_are_offered_as_a_list(qtbot, demo_db):
    from PySide6.QtWidgets import QComboBox

    from aqdesk.domain.periods import Cycle
    make_app()
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    cycle = dialog.editors["report.cycle"]
    assert isinstance(cycle, QComboBox)
    assert [cycle.itemText(i) for i in range(cycle.count())] == [c.label for c in Cycle]
    cycle.setCurrentText(Cycle.WEEKLY.label)
    dialog.accept()
    assert settings.load_all(demo_db)["report.cycle"] == Cycle.WEEKLY.label


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
    dialog.contact_edit.setText("刘敏")
    dialog.phone_edit.setText("0319-5123456")
    dialog.save_contacts()
    eco = next(u for u in unit_admin.unit_rows(demo_db) if u.name == "市生态环境局")
    assert (eco.contact_person, eco.phone) == ("刘敏", "0319-5123456")
    dialog.new_name.setText("市人防办")
    dialog.add()
    assert any(u.name == "市人防办" for u in unit_admin.unit_rows(demo_db))
    assert len(acted) == 3


def test_saving_one_part_of_a_unit_keeps_what_was_typed_in_the_others(qtbot, demo_db):
    """The clerk types a new name and a new phone and clicks 改名 first: the phone typed stays in
    its box for 保存联系人 rather than going back to the stored one."""
    from aqdesk.services.common import unit_admin
    from aqdesk.ui.dialogs.units_dialog import UnitsDialog

    make_app()
    dialog = UnitsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(next(r for r in range(dialog.units.rowCount())
                                if dialog.units.row_object(r).name == "市城管执法局"))
    dialog.name_edit.setText("市城市管理综合执法局")
    dialog.phone_edit.setText("0319-1234567")
    dialog.rename()
    assert dialog.name_edit.text() == "市城市管理综合执法局" and dialog.phone_edit.text() == "0319-1234567"
    dialog.save_contacts()
    unit = next(u for u in unit_admin.unit_rows(demo_db) if u.name == "市城市管理综合执法局")
    assert unit.phone == "0319-1234567"
    dialog.table.selectRow(0)  # another unit shows its own
    assert dialog.phone_edit.text() == dialog.units.row_object(0).phone


def test_county_dialog_opens_on_the_latest_period(qtbot, demo_db):
    from aqdesk.services.ledgers import loose_coal
    from aqdesk.ui.dialogs.county_dialog import CountyDialog

    make_app()
    as_of = demo.anchor_day()
    row = next(r for r in loose_coal.county_rows(demo_db, as_of) if len(r.history) > 1)
    dialog = CountyDialog(demo_db, row.county_id, as_of)
    qtbot.addWidget(dialog)
    latest = row.history[-1]
    assert dialog.history.currentRow() == len(row.history) - 1
    assert dialog.period_edit.date().toPython() == latest.period
    assert latest.period.isoformat() in dialog.save_button.text()


def test_the_office_points_a_role_at_a_font_file(qtbot, demo_db, tmp_path):
    from aqdesk.services.common import document_fonts
    from aqdesk.ui.dialogs.document_fonts_dialog import DocumentFontsDialog

    make_app()
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    fonts = DocumentFontsDialog(demo_db, dialog.font_files, dialog)
    qtbot.addWidget(fonts)
    shown = {r.role: r.family for r in document_fonts.role_fonts(demo_db)}
    assert shown["body"] and shown["title"]
    broken = tmp_path / "仿宋.ttf"
    broken.write_bytes(b"not a font")
    fonts.edits["body"].setText(str(broken))
    with pytest.raises(UserError, match="仿宋（正文）的字体文件无法使用"):
        document_fonts.check_file("body", str(broken))
    bundled = str(paths.resources_dir() / "fonts/wqy-microhei.ttc")
    fonts.edits["body"].setText(bundled)
    fonts.accept()
    dialog.font_files = fonts.files
    dialog.accept()
    assert settings.load_all(demo_db)[document_fonts.KEY] == {"body": bundled}
    body = next(r for r in document_fonts.role_fonts(demo_db) if r.role == "body")
    assert body.chosen_file == bundled and body.origin == "办公室指定"


# An arrangement made up for the test in the notice's words: 2027's is not yet published.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历除夕、周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。
"""


def test_a_pasted_notice_is_shown_on_the_calendar_and_saved_as_the_years_calendar(qtbot, demo_db, monkeypatch):
    make_app()
    calendar = CalendarDialog(demo_db, dt.date(2027, 1, 1))
    qtbot.addWidget(calendar)
    assert "没有官方放假安排" in calendar.year_label.text()

    from aqdesk.ui.dialogs import notice_dialog
    seen = {}

    def run(dialog):
        dialog.text.setPlainText("一、元旦：1月1日放假。")
        qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
        assert "未找到年份" in dialog.summary.text() and not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
        dialog.text.setPlainText(NOTICE_2027)
        qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
        seen["summary"] = dialog.summary.text()
        seen["feb8"] = dialog.calendar.dateTextFormat(QDate(2027, 2, 8)).background().color()
        seen["feb20"] = dialog.calendar.dateTextFormat(QDate(2027, 2, 20)).background().color()
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(notice_dialog.NoticeDialog, "exec", run)
    qtbot.mouseClick(calendar.notice_button, Qt.MouseButton.LeftButton)
    assert "春节：2月6日至2月12日放假7天；2月20日上班" in seen["summary"] and "改变 7 天" in seen["summary"]
    assert seen["feb8"] == HOLIDAY and seen["feb20"] == MAKEUP_WORKDAY
    year = workdays.year_calendar(demo_db, 2027)
    assert year.official and len(year.days) == 365
    assert year.days[dt.date(2027, 2, 8)] == (False, workdays.SOURCE_NOTICE)
    assert year.days[dt.date(2027, 2, 20)] == (True, workdays.SOURCE_NOTICE)
    assert "已载入" in calendar.year_label.text() and calendar.changed
    assert workdays.years_without_official_data(demo_db, dt.date(2026, 11, 23)) == []


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
    assert (sheet.subject_edit.maxLength(), sheet.source_edit.lineEdit().maxLength()) == (200, 200)
    task.title_edit.setText("推" * 207)
    assert len(task.title_edit.text()) == 200


def test_closing_with_a_progress_report_or_a_loop_step_typed_and_not_saved_asks_first(qtbot, demo_db, anchor,
                                                                                      monkeypatch):
    """Esc or 关闭 with a report or a step's 情况说明 typed and not yet added would lose it: the
    clerk is asked, and 否 keeps the dialog open with the text."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from aqdesk.db.models import Task
    from aqdesk.services.supervision import sheet_list
    from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
    from aqdesk.ui.dialogs.task_dialog import TaskDialog

    make_app()
    with demo_db.reading() as s:
        task_id = s.scalars(select(Task.id).order_by(Task.id)).first()
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if not r.closed)
    task, sheet = TaskDialog(demo_db, task_id, as_of=anchor), SheetDialog(demo_db, sheet_id, anchor)
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a, **_k: asked.append(text) or answer[0])
    for dialog, box in ((task, task.report_text), (sheet, sheet.note_edit)):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.reject()  # nothing typed: closes without a question
        assert not dialog.isVisible() and not asked
        dialog.show()
        box.setPlainText("已完成主次干道机扫")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and box.toPlainText() == "已完成主次干道机扫" and len(asked) == 1
        answer[0] = QMessageBox.StandardButton.Yes
        dialog.reject()
        assert not dialog.isVisible()
        asked.clear()
        answer[0] = QMessageBox.StandardButton.No
