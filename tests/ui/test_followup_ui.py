

from PySide6.QtWidgets import QPushButton

from aqdesk.domain.enums import Color
from aqdesk.services.common import clerk
from aqdesk.services.ledgers import task_edit
from aqdesk.services.supervision import summons_records
from aqdesk.ui.dialogs.form_dialog import FormDialog
from aqdesk.ui.dialogs.history_dialog import HistoryDialog
from aqdesk.ui.models.rows import COLOR_FILLS
from aqdesk.ui.pages.followup_page import FollowUpPage
from tests.ui.conftest import show


def page_on(qtbot, demo_db, anchor):
    page = FollowUpPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    return page


def cells(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_each_tab_shows_the_demo_offices_records(qtbot, demo_db, anchor):
    page = page_on(qtbot, demo_db, anchor)
    register = page.register
    assert "示例市大气办督〔2026〕1号" in cells(register.table, 0)
    unanswered = cells(register.table, 0).index("示例市大气办督〔2026〕1号")
    assert register.table.item(unanswered, 0).background().color() == COLOR_FILLS[Color.RED]
    assert "作废 1 件" in register.note.text() and "未回复 2 件" in register.note.text()
    for index, tab in enumerate((page.summons, page.accountability, page.inspections, page.rules)):
        page.tabs.setCurrentIndex(index + 1)
        assert tab.table.rowCount() >= 2, tab
    assert "2026年共问责2人" in page.accountability.note.text()
    assert "石桥县" in page.summons.note.text()  # the rules propose it again
    page.tabs.setCurrentIndex(5)
    page.unit_file.show_unit("石桥县")
    sections = [page.unit_file.tree.topLevelItem(i).text(0) for i in range(page.unit_file.tree.topLevelItemCount())]
    assert sections[0].startswith("承担的任务和事项") and "约谈（1）" in sections and "问责（1）" in sections


def test_an_overdue_commitment_shows_red_in_the_summons_tab(qtbot, demo_db, anchor):
    page = page_on(qtbot, demo_db, anchor)
    page.tabs.setCurrentIndex(1)
    tab = page.summons
    row = cells(tab.table, 0).index("石桥县")
    assert tab.table.item(row, 0).background().color() == COLOR_FILLS[Color.RED]
    tab.table.selectRow(row)
    reds = [tab.commitments.item(r, 0).text() for r in range(tab.commitments.rowCount())
            if tab.commitments.item(r, 0).background().color() == COLOR_FILLS[Color.RED]]
    assert reds == ["13家铸造企业全部完成深度治理，未完成的一律停产"]
    record = tab.current()
    summons_records.complete_commitment(demo_db, record.commitments[0].id, anchor)
    tab.reload()
    assert tab.table.item(row, 0).background().color() != COLOR_FILLS[Color.RED]


def test_a_form_keeps_what_was_typed_when_refused(qtbot, demo_db, anchor, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    page = page_on(qtbot, demo_db, anchor)
    page.register.table.selectRow(0)
    row = page.register.current()
    from aqdesk.services.supervision import register
    from aqdesk.ui.dialogs.form_dialog import Field
    form = FormDialog("作废", [Field("reason", "作废原因")],
                      lambda v: register.void_number(demo_db, row.id, anchor, v["reason"]))
    qtbot.addWidget(form)
    form.accept()
    assert warned == ["请填写作废原因"] and form.result() == 0


def test_the_history_screen_names_the_clerk_of_this_machine(qtbot, demo_db, anchor):
    clerk.set_name("李文书")
    detail = task_edit.task_detail(demo_db, 1)
    task_edit.update_task(demo_db, 1, detail.version, problems="资金未到位")
    dialog = HistoryDialog(demo_db, "task", 1, "任务 1")
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in (1, 2, 4, 6)] == ["李文书", "手工", "存在问题", "资金未到位"]
    clerk.set_name("")
    assert clerk.name() == clerk.login_name()


def test_screens_fit_small_displays(qtbot, window):
    page = show(window, window.followup_page)
    for size in ((1366, 728), (1280, 720)):
        window.resize(*size)
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            buttons = page.tabs.currentWidget().findChildren(QPushButton)
            assert buttons
            for button in buttons:
                corner = button.mapTo(window, button.rect().bottomRight())
                assert button.isVisible() and corner.x() <= size[0] and corner.y() <= size[1], (index, button.text())


def test_remind_and_raise_from_the_supervision_page(qtbot, demo_db, anchor, monkeypatch):
    from aqdesk.services.supervision import register, sheet_list, sheet_loop
    from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
    from aqdesk.ui.pages.supervision_page import SupervisionPage

    def accept_at_once(form):
        form.accept()
        return form.result()
    monkeypatch.setattr(FormDialog, "exec", accept_at_once)
    previews = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda dialog: previews.append(dialog.windowTitle()) or 0)
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    acted = []
    page.acted.connect(lambda *args: acted.append(args[0]))
    sheet = next(r for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == "督办〔2026〕9号")  # yellow, open
    page.sheets.select_row(sheet.id)
    assert page.escalate_button.isEnabled()
    page._escalate("remind")
    assert acted == [f"催办 示例市大气办催〔{anchor.year}〕2号"] and previews == [
        f"催办函 示例市大气办催〔{anchor.year}〕2号（已编号并登记）"]
    page.sheets.select_row(sheet.id)
    page._escalate("raise_level")
    assert acted[-1] == "升级督办 督办〔2026〕9号→红色"
    assert sheet_loop.sheet_detail(demo_db, sheet.id).level is Color.RED
    assert any(r.number == f"示例市大气办催〔{anchor.year}〕2号" for r in register.register_rows(demo_db))


def test_closing_a_sheet_in_the_dialog_needs_the_checker(qtbot, demo_db, anchor, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from aqdesk.domain.enums import LoopStep
    from aqdesk.services.supervision import sheet_list
    from aqdesk.ui.dialogs.close_sheet_dialog import CloseSheetDialog
    from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
    warned, confirmed = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    # the 销号 confirmation starts with the 核查人 typed on the form; the clerk confirms as shown
    monkeypatch.setattr(CloseSheetDialog, "exec", lambda confirm: confirmed.append(confirm.who()) or True)
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == "督办〔2026〕7号")  # verified
    dialog = SheetDialog(demo_db, sheet_id, anchor)
    qtbot.addWidget(dialog)
    assert dialog.step_combo.currentData() == LoopStep.CLOSED.value
    dialog.note_edit.setPlainText("现场核查整改到位，同意销号")
    dialog.record()
    assert warned == ["销号须填写核查人"] and dialog.detail.state is LoopStep.VERIFIED and confirmed == [""]
    dialog.checker_edit.setText("张核查")
    dialog.record()
    assert confirmed[-1] == "张核查"
    assert dialog.detail.state is LoopStep.CLOSED and dialog.steps.item(dialog.steps.rowCount() - 1, 4).text().endswith(
        "核查：张核查")


def test_a_summons_notice_issued_shows_in_the_register(window, monkeypatch):
    """约谈通知 takes a number of the register: 发文登记 (already looked at) lists it at once."""
    from aqdesk.ui.pages.followup import summons_tab

    monkeypatch.setattr(summons_tab.SummonsTab, "preview", lambda *_a: None)
    page = show(window, window.followup_page)
    before = page.register.table.rowCount()
    page.tabs.setCurrentWidget(page.summons)
    assert page.summons.select(lambda record: not record.notice_number)
    page.summons.notice()
    page.tabs.setCurrentWidget(page.register)
    kinds = [page.register.table.item(r, 1).text() for r in range(page.register.table.rowCount())]
    assert page.register.table.rowCount() == before + 1 and kinds.count("约谈通知") == 2


def test_a_sheet_raised_as_a_new_sheet_is_printed_and_kept_for_reprinting(window, monkeypatch):
    """升级督办 by a new, higher sheet: like any sheet issued, it opens for printing and its form is
    kept in 发文登记, so 原样重印 gives it back."""
    from aqdesk.services.supervision import register
    from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog

    def new_sheet(form):
        form.widgets["new"].setCurrentIndex(form.widgets["new"].findData(True))
        form.accept()
        return form.result()

    monkeypatch.setattr(FormDialog, "exec", new_sheet)
    previews = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda dialog: previews.append(dialog.windowTitle()) or 0)
    page = show(window, window.sheet_page)
    page.sheets.select_row(next(r.id for r in page.sheets.model.rows() if r.number == "督办〔2026〕9号"))
    page._escalate("raise_level")
    assert page.current().number == "督办〔2026〕12号" and previews == ["督办单 督办〔2026〕12号"]
    letter = next(r for r in register.register_rows(window.db) if r.number == "督办〔2026〕12号")
    assert register.reprint(window.db, letter.id).startswith(b"%PDF")


def test_ticking_held_offers_the_planned_day(window, monkeypatch):
    """登记约谈情况: ticking 已约谈 offers the day the 约谈 was planned for, not the computer's date."""
    seen = []

    def look(form):
        check, edit = form.widgets["held"]
        check.setChecked(True)
        seen.append(edit.date().toPython())
        return 0

    monkeypatch.setattr(FormDialog, "exec", look)
    page = show(window, window.followup_page)
    page.tabs.setCurrentWidget(page.summons)
    assert page.summons.select(lambda record: record.held_on is None)
    page.summons.record_held()
    page.summons.plan()
    assert seen == [page.summons.current().planned_on, window.as_of]
