import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from aqdesk.domain.enums import Color, LoopStep
from aqdesk.services.supervision import sheet_list, sheet_loop
from aqdesk.ui.app import make_app
from aqdesk.ui.dialogs.new_sheet_dialog import NewSheetDialog
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
from aqdesk.ui.models.rows import ROW_ROLE as ROLE
from aqdesk.ui.pages.export_page import ExportPage
from aqdesk.ui.pages.supervision_page import SupervisionPage
from tests.exchange.docx_text import plain
from tests.exchange.pdf_reading import pages_text


def test_the_page_lists_sheets_and_a_units_history(qtbot, demo_db, anchor):
    make_app()
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    assert page.sheets.proxy.rowCount() == 11
    assert not page.open_button.isEnabled()
    row = next(r for r in range(11) if page.sheets.proxy.index(r, 3).data() == "西城区")
    page.sheets.table.selectRow(row)
    assert page.history.rowCount() == 2 and "西城区 历次督办单：共 2 件" in page.history_label.text()
    assert page.open_button.isEnabled()
    late = page.sheets.filter_widgets[-1]
    late.setChecked(True)
    assert {page.sheets.proxy.index(r, 3).data() for r in range(page.sheets.proxy.rowCount())} == {"石桥县", "安平县"}


def test_issuing_a_sheet_from_the_dialog(qtbot, demo_db, anchor):
    make_app()
    dialog = NewSheetDialog(demo_db, anchor, "石桥县")
    qtbot.addWidget(dialog)
    assert dialog.item_table.rowCount() == 10  # its ledger items and shares, 约谈 commitments and findings
    assert dialog.level() is Color.RED and dialog.days_spin.value() == 3
    assert "2026年11月26日" in dialog.deadline_label.text()
    for r in range(dialog.item_table.rowCount()):  # only the yellow item: the suggestion follows
        dialog.item_table.item(r, 0).setCheckState(
            Qt.CheckState.Checked if dialog.items[r].color is Color.YELLOW else Qt.CheckState.Unchecked)
    assert dialog.level() is Color.YELLOW and dialog.days_spin.value() == 5
    with qtbot.waitSignal(dialog.acted) as signal:
        dialog.issue()
    assert signal.args[0] == "交办督办单 督办〔2026〕12号"
    assert sheet_loop.sheet_detail(demo_db, dialog.issued.sheet_id).level is Color.YELLOW


def test_recording_the_loop_in_the_sheet_dialog(qtbot, demo_db, anchor, tmp_path):
    make_app()
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == "督办〔2026〕6号")
    dialog = SheetDialog(demo_db, sheet_id, anchor)
    qtbot.addWidget(dialog)
    assert dialog.steps.rowCount() == 2 and "逾期反馈" in dialog.header.text()
    assert "级别 " in dialog.header.text() and "办理 " in dialog.header.text() and "逾期" in dialog.header.text()
    assert [dialog.step_combo.itemData(i) for i in range(dialog.step_combo.count())] == ["rectifying", "feedback"]
    dialog.step_combo.setCurrentIndex(1)
    dialog.note_edit.setPlainText("已完工，群众温暖过冬")
    (tmp_path / "验收单.pdf").write_bytes(b"%PDF-1.4 acceptance")
    dialog.attachments.addItem(str(tmp_path / "验收单.pdf"))
    with qtbot.waitSignal(dialog.acted):
        dialog.record()
    assert dialog.detail.state is LoopStep.FEEDBACK and dialog.steps.item(2, 3).text() == "验收单.pdf"
    assert [dialog.step_combo.itemText(i) for i in range(dialog.step_combo.count())] == ["核查通过", "核查退回（重新整改）"]


def test_preview_saves_then_prints(qtbot, demo_db, anchor, tmp_path):
    make_app()
    from aqdesk.services.supervision import letters
    data = letters.preview_letter(demo_db, "石桥县", anchor)
    issued = []
    dialog = PdfPreviewDialog("督办函", data, "", lambda folder: issued.append(
        letters.issue_letter(demo_db, "石桥县", anchor, folder)) or issued[-1].path, numbered_on_save=True)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 2 and not dialog.print_button.isEnabled()
    path = dialog.save_to(tmp_path)
    assert path == issued[0].path and dialog.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    dialog.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 0


def test_export_page_writes_the_ledger_and_a_batch_of_letters(qtbot, demo_db, anchor, tmp_path):
    from PySide6.QtGui import QAction

    make_app()
    page = ExportPage(QAction("备份"), QAction("恢复"))
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    assert "有逾期事项的单位 18 个" in page.letters_note.text()
    assert page.export_ledger_to(tmp_path / "台账.xlsx", None).is_file()
    acted = []
    page.acted.connect(lambda *args: acted.append(args))
    page.start_letters(tmp_path / "函")
    qtbot.waitUntil(lambda: len(acted) == 1, timeout=30_000)  # the batch is one undoable action
    assert len(acted[0][1]) == 18 and "批量督办函 18 份" in acted[0][0]
    assert len(list((tmp_path / "函").glob("*.pdf"))) == 18
    assert "已生成 18 份督办函" in page.letters_note.text()
    assert "示例市大气办督〔2026〕18号" in "".join(pages_text(sorted((tmp_path / "函").glob("*18号*"))[0]))


def test_pages_render(qtbot, demo_db, anchor, tmp_path):
    make_app()
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.refresh(demo_db, anchor)
    page.sheets.table.selectRow(2)
    page.show()
    assert not page.grab().isNull()
    dialog = NewSheetDialog(demo_db, anchor, "东城区")
    qtbot.addWidget(dialog)
    assert dialog.item_table.rowCount() > 10
    assert dt.date(2026, 11, 23) == dialog.issued_edit.date().toPython()


def test_the_sheet_column_says_level_and_deadline_in_different_words(qtbot, demo_db, anchor):
    make_app()
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    headers = [c.header for c in page.sheets.model.COLUMNS]
    assert headers[0] == "办理" and "预警" not in headers
    for r in range(page.sheets.proxy.rowCount()):
        row = page.sheets.proxy.index(r, 0).data(ROLE)
        assert page.sheets.proxy.index(r, 0).data() == row.reason  # 剩3个工作日, 逾期2天, 已完成
        assert page.sheets.proxy.index(r, headers.index("级别")).data() == f"{row.level.label}色督办"


def test_the_selected_sheet_stays_selected_after_a_loop_step(qtbot, demo_db, anchor):
    make_app()
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    chosen = next(page.sheets.proxy.index(r, 0).data(ROLE) for r in range(page.sheets.proxy.rowCount())
                  if page.sheets.proxy.index(r, 0).data(ROLE).step is LoopStep.ISSUED)
    page.sheets.select_row(chosen.id)
    detail = sheet_loop.sheet_detail(demo_db, chosen.id)
    action = sheet_loop.record_step(demo_db, chosen.id, detail.version, LoopStep.RECEIVED, anchor, "已签收", [])
    page._after_change("签收", action)
    assert page.current().id == chosen.id and page.current().step is LoopStep.RECEIVED
    assert chosen.unit in page.history_label.text()


def test_closing_a_sheet_asks_who_approved_and_why(qtbot, demo_db, anchor, monkeypatch):
    from aqdesk.ui.dialogs.close_sheet_dialog import CloseSheetDialog

    make_app()
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == "督办〔2026〕6号")
    for what, note in ((LoopStep.FEEDBACK, "已完工"), (LoopStep.VERIFIED, "现场核查到位")):
        detail = sheet_loop.sheet_detail(demo_db, sheet_id)
        sheet_loop.record_step(demo_db, sheet_id, detail.version, what, anchor, note)
    dialog = SheetDialog(demo_db, sheet_id, anchor)
    qtbot.addWidget(dialog)
    assert dialog.step_combo.currentData() == "closed"
    dialog.note_edit.setPlainText("整改到位")
    asked = []

    def answer(who):
        def exec_(confirm):
            asked.append(confirm.why())
            confirm.who_edit.setText(who or "")
            return who is not None
        return exec_

    monkeypatch.setattr(CloseSheetDialog, "exec", answer(None))  # 取消: nothing recorded
    dialog.record()
    assert asked == ["整改到位"] and sheet_loop.sheet_detail(demo_db, sheet_id).state is LoopStep.VERIFIED
    monkeypatch.setattr(CloseSheetDialog, "exec", answer("王科长"))
    with qtbot.waitSignal(dialog.acted):
        dialog.record()
    detail = sheet_loop.sheet_detail(demo_db, sheet_id)
    assert detail.state is LoopStep.CLOSED and detail.steps[-1].checked_by == "王科长"
    assert "核查：王科长" in dialog.steps.item(dialog.steps.rowCount() - 1, 4).text()


def test_after_an_export_the_file_and_its_folder_can_be_opened(qtbot, demo_db, anchor, tmp_path, monkeypatch):
    from PySide6.QtGui import QAction, QDesktopServices

    make_app()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page = ExportPage(QAction("备份"), QAction("恢复"))
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    assert not page.ledger_open.isVisibleTo(page)
    path = page.export_ledger_to(tmp_path / "台账.xlsx", None)
    assert page.ledger_open.isVisibleTo(page) and str(path) in page.ledger_done.text()
    page.ledger_open.file_button.click()
    page.ledger_open.folder_button.click()
    assert opened == [str(path), str(tmp_path)]


def test_a_second_letter_the_same_day_is_warned_and_a_batch_lists_its_units_first(qtbot, demo_db, anchor,
                                                                                    tmp_path, monkeypatch):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from aqdesk.services.supervision import letters
    from aqdesk.ui.dialogs import letter_batch_dialog
    from aqdesk.ui.pages import export_page

    make_app()
    with_sheets = {r.unit for r in sheet_list.sheet_rows(demo_db, anchor)}
    unit = next(u for u in letters.units_with_red(demo_db, anchor) if u in with_sheets)
    first = letters.issue_letter(demo_db, unit, anchor, tmp_path / "单发")
    assert letters.letters_on(demo_db, anchor) == {unit: [first.number]}

    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    page.sheets.select_row(next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if r.unit == unit))
    asked, previews = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, **_k: asked.append(text)
                        or QMessageBox.StandardButton.No)
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda dialog: previews.append(dialog))
    page.write_letter()
    assert first.number in asked[0] and previews == []  # asked, and answered 否: nothing previewed

    shown = {}

    def tick(dialog):
        shown.update({dialog.list.item(i).text(): dialog.list.item(i).checkState() == Qt.CheckState.Checked
                      for i in range(dialog.list.count())})
        return True

    monkeypatch.setattr(letter_batch_dialog.LetterBatchDialog, "exec", tick)
    monkeypatch.setattr(export_page, "ask_folder", lambda *_a: tmp_path / "批量")
    started = []
    exports = ExportPage(QAction("备份"), QAction("恢复"))
    qtbot.addWidget(exports)
    exports.refresh(demo_db, anchor)
    monkeypatch.setattr(exports, "start_letters", lambda folder, units: started.append(units))
    exports.issue_letters()
    assert len(shown) == 18 and shown[f"{unit}　（今天已发 {first.number}）"] is False
    assert sum(shown.values()) == 17 and len(started[0]) == 17 and unit not in started[0]


def test_the_letter_text_is_edited_in_the_preview_and_numbered_on_issue(qtbot, demo_db, anchor, tmp_path, monkeypatch):
    import docx

    from aqdesk.exchange.pdf.fonts import font_set
    from aqdesk.ui.dialogs.letter_text import LetterTextEditor

    make_app()
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: 0)
    page = SupervisionPage()
    qtbot.addWidget(page)
    page.refresh(demo_db, anchor)
    page.sheets.table.selectRow(next(r for r in range(page.sheets.proxy.rowCount())
                                     if page.sheets.proxy.index(r, 3).data() == "石桥县"))
    page.write_letter()
    dialog = page.letter_dialog
    qtbot.addWidget(dialog)
    editor = dialog.findChild(LetterTextEditor)
    assert dialog.notice.isVisibleTo(dialog) == bool(font_set().substituted())
    title, first = editor.sections[0]
    first.setPlainText("石桥县铸造行业深度治理，经主任批示补充。")
    editor.requirement.setPlainText("请于三个工作日内报送整改方案。")
    editor.reply_by.setDate(editor.reply_by.date().addDays(3))
    editor.changed.emit()
    assert "经主任批示补充" in dialog.document.getAllText(0).text().replace("\n", "")
    draft = editor.write_draft(tmp_path / "草稿.docx")
    assert "示例市大气办督〔2026〕\u3000号" in [plain(p.text) for p in docx.Document(str(draft)).paragraphs]
    editor.also_word.setChecked(True)
    path = dialog.save_to(tmp_path)
    text = "".join(pages_text(path)).replace("\n", "")
    assert "示例市大气办督〔2026〕4号" in text and "1.石桥县铸造行业深度治理，经主任批示补充。" in text
    assert "请于三个工作日内报送整改方案。" in text and "请于2026年12月" in text
    assert path.with_suffix(".docx").exists() and not editor.isEnabled()


def test_saving_a_letter_over_a_file_open_elsewhere_says_so_and_takes_no_number(qtbot, demo_db, anchor, tmp_path,
                                                                                 monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from aqdesk.exchange import atomic
    from aqdesk.services.supervision import letters

    make_app()
    unit = letters.units_with_red(demo_db, anchor)[0]
    preview = letters.preview_letter(demo_db, unit, anchor)
    dialog = PdfPreviewDialog("督办函", preview, "", lambda folder: letters.issue_letter(
        demo_db, unit, anchor, folder).path, numbered_on_save=True)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def refuse(_src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    assert dialog.save_to(tmp_path) is None
    assert "文件正被其他程序打开，请关闭后重试" in warnings[0] and "督办函.pdf" in warnings[0]
    assert dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    monkeypatch.undo()
    assert letters.letters_on(demo_db, anchor) == {}  # the number went back to the series


def test_a_long_save_path_does_not_widen_the_preview_past_the_screen(qtbot, demo_db, anchor, tmp_path):
    """Where the letter went is said beside the buttons; a deep folder is shortened there (whole
    in the tooltip) rather than pushing the window's right edge and its buttons off screen."""
    from aqdesk.services.supervision import letters
    from aqdesk.ui.screen_fit import room

    make_app()
    folder = tmp_path.joinpath(*["大气污染防治攻坚办公室督办函存档"] * 6)
    folder.mkdir(parents=True)
    dialog = PdfPreviewDialog("督办函", letters.preview_letter(demo_db, "石桥县", anchor), "",
                              lambda target: letters.issue_letter(demo_db, "石桥县", anchor, target).path,
                              numbered_on_save=True)
    qtbot.addWidget(dialog)
    dialog.show()
    path = dialog.save_to(folder)
    qtbot.wait(10)
    assert dialog.width() <= room(dialog).width()
    assert path.name in dialog.note.text() and dialog.note.toolTip() == str(path)


def test_the_checker_is_asked_for_only_on_the_steps_of_the_check(qtbot, demo_db, anchor):
    """核查人 belongs to 核查 and 销号: on 签收 or 整改进展 the box is off, so a name typed there does
    not stand in the record as 「核查：…」 of a step nobody checked."""
    make_app()
    sheet_id = next(r.id for r in sheet_list.sheet_rows(demo_db, anchor) if r.number == "督办〔2026〕11号")
    dialog = SheetDialog(demo_db, sheet_id, anchor)
    qtbot.addWidget(dialog)
    assert dialog.step_combo.currentData() == "received" and not dialog.checker_edit.isEnabled()
    dialog.record()
    assert dialog.steps.item(1, 4).text() == dialog.detail.steps[1].recorded_by  # no 「核查：」
    for step in ("feedback", "verified"):
        dialog.step_combo.setCurrentIndex(dialog.step_combo.findData(step))
        if step == "feedback":
            assert not dialog.checker_edit.isEnabled()
            dialog.note_edit.setPlainText("已清理")
            dialog.record()
    assert dialog.checker_edit.isEnabled()


def test_after_a_step_the_sheets_shown_stay_those_of_the_year_chosen(window, monkeypatch):
    """In January the clerk picks 2026 in 年度 to finish last year's sheets: after a step is
    recorded the list still shows 2026's sheets, not the new year's."""
    from aqdesk.services.ledgers import rollover
    from tests.ui.conftest import show

    rollover.close_year(window.db, 2026)
    rollover.open_year(window.db, 2027, set())
    rollover.reopen_year(window.db, 2026)
    window.date_edit.setDate(dt.date(2027, 1, 5))
    window.set_year(2026)
    page = show(window, window.sheet_page)
    assert page.sheets.proxy.rowCount() == 11
    page.sheets.select_row(next(r.id for r in page.sheets.model.rows() if r.number == "督办〔2026〕11号"))
    monkeypatch.setattr(SheetDialog, "exec", lambda dialog: dialog.record())
    page.open_button.click()
    assert page.sheets.proxy.rowCount() == 11 and page.current().number == "督办〔2026〕11号"


def test_enter_in_the_new_sheet_form_previews_and_does_not_issue(qtbot, demo_db, anchor, monkeypatch):
    """Enter after typing 督办事项 or 问题来源 shows the draft; only 交办 takes a number."""
    from PySide6.QtTest import QTest

    from aqdesk.ui.dialogs import new_sheet_dialog

    make_app()
    previewed = []
    monkeypatch.setattr(new_sheet_dialog.PdfPreviewDialog, "exec", lambda d: previewed.append(d.windowTitle()))
    dialog = NewSheetDialog(demo_db, anchor, "石桥县")
    qtbot.addWidget(dialog)
    dialog.show()
    acted = []
    dialog.acted.connect(lambda *args: acted.append(args))
    for box in (dialog.subject_edit, dialog.source_edit.lineEdit()):
        QTest.keyClicks(box, "2026")
        QTest.keyClick(box, Qt.Key.Key_Return)
    assert acted == [] and dialog.isVisible() and len(previewed) == 2
