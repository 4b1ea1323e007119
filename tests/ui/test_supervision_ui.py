import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from aqdesk.domain.enums import Color, LoopStep
from aqdesk.services.supervision import sheet_list, sheet_loop
from aqdesk.ui.app import make_app
from aqdesk.ui.dialogs.new_sheet_dialog import NewSheetDialog
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
from aqdesk.ui.pages.export_page import ExportPage
from aqdesk.ui.pages.supervision_page import SupervisionPage
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
    assert dialog.item_table.rowCount() == 8  # 5 ledger items, 2 约谈 commitments, 1 inspection finding
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
    qtbot.waitUntil(lambda: len(acted) == 18, timeout=30_000)
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
