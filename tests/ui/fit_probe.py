"""Opens every page and every dialog on a screen of a given size and reports what does not fit.

Run in its own process (the screen is fixed when Qt starts), by ``test_fit.py``:

    python -m tests.ui.fit_probe WIDTH HEIGHT DEMO_DB [PNG_DIR]

It prints one JSON list of problems (empty when everything fits); with PNG_DIR it also renders
each page and dialog there (``widget.grab()``) so a person can look at them.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _configure_screen(width: int, height: int) -> None:
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"synchronousWindowSystem": True, "windowFrameMargins": True, "screens": [
        {"name": "probe", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config.as_posix()}"


def main(width: int, height: int, db_path: str, png_dir: str | None) -> list[str]:
    _configure_screen(width, height)
    from PySide6.QtCore import QPoint, QRect, QSettings
    from PySide6.QtWidgets import (
        QAbstractButton,
        QPushButton,
        QScrollArea,
        QTabWidget,
        QWidget,
    )

    from aqdesk.db.database import open_database
    from aqdesk.services import demo
    from aqdesk.services.supervision import letters, sheet_print, summons
    from aqdesk.ui.app import make_app
    from aqdesk.ui.dialogs.air_targets_dialog import AirTargetsDialog
    from aqdesk.ui.dialogs.brief_dialog import BriefDialog
    from aqdesk.ui.dialogs.calendar_dialog import CalendarDialog
    from aqdesk.ui.dialogs.chase_dialog import ChaseDialog
    from aqdesk.ui.dialogs.close_sheet_dialog import CloseSheetDialog
    from aqdesk.ui.dialogs.county_dialog import CountyDialog
    from aqdesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
    from aqdesk.ui.dialogs.history_dialog import HistoryDialog
    from aqdesk.ui.dialogs.letter_batch_dialog import LetterBatchDialog
    from aqdesk.ui.dialogs.new_sheet_dialog import NewSheetDialog
    from aqdesk.ui.dialogs.notice_dialog import NoticeDialog
    from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
    from aqdesk.ui.dialogs.settings_dialog import SettingsDialog
    from aqdesk.ui.dialogs.sheet_dialog import SheetDialog
    from aqdesk.ui.dialogs.task_dialog import TaskDialog
    from aqdesk.ui.dialogs.township_dialog import TownshipDialog
    from aqdesk.ui.dialogs.units_dialog import UnitsDialog
    from aqdesk.ui.dialogs.year_dialog import YearDialog
    from aqdesk.ui.main_window import MainWindow
    from aqdesk.ui.screen_fit import DECORATION

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = make_app()
    screen = app.primaryScreen().availableGeometry()
    problems: list[str] = []
    size = f"{width}×{height}"
    db = open_database(f"sqlite:///{Path(db_path).as_posix()}")
    as_of = demo.anchor_day()

    def settle() -> None:
        for _ in range(3):
            app.processEvents()
        if png_dir:  # a PDF view renders its pages in the background; give it time to draw
            for _ in range(10):
                time.sleep(0.03)
                app.processEvents()

    def save_png(widget: QWidget, name: str) -> None:
        if png_dir:
            widget.grab().save(str(Path(png_dir) / f"{width}x{height}-{name}.png"))

    def buttons_visible(window: QWidget, name: str) -> None:
        inside = QRect(QPoint(0, 0), window.size())
        for button in window.findChildren(QAbstractButton):
            if not isinstance(button, QPushButton) or not button.isVisibleTo(window):
                continue
            scroll = _scroll_area_of(button, QScrollArea)
            if scroll is not None:  # a button in a long form is reached by scrolling, as a clerk would
                scroll.ensureWidgetVisible(button)
                settle()
            if not button.isVisible():
                continue
            where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            shown = button.visibleRegion().boundingRect()
            if not inside.contains(where) or shown.size() != button.size():
                problems.append(f"{size} {name}: button 「{button.text()}」 at {where.getRect()} is not wholly "
                                f"visible in {inside.getRect()} (visible part {shown.getRect()})")

    def check(window: QWidget, name: str) -> None:
        window.show()
        settle()
        frame = window.frameGeometry()
        if not screen.contains(frame):
            problems.append(f"{size} {name}: window {frame.getRect()} outside the screen {screen.getRect()}")
        # offscreen windows have 2 px frames; Windows adds a title bar and borders around the client
        for what, client in (("size", window.size()), ("minimum size", window.minimumSizeHint().expandedTo(
                window.minimumSize()))):
            decorated = client.grownBy(DECORATION)
            if decorated.width() > screen.width() or decorated.height() > screen.height():
                problems.append(f"{size} {name}: {what} {client.width()}×{client.height()} with a Windows title "
                                f"bar and borders does not fit the screen")
        tabs = [t for t in window.findChildren(QTabWidget) if t.isVisibleTo(window)]
        if tabs:
            for t in tabs:
                for i in range(t.count()):
                    t.setCurrentIndex(i)
                    settle()
                    buttons_visible(window, f"{name}[{t.tabText(i)}]")
                    save_png(window, f"{name}-{i}")
        else:
            buttons_visible(window, name)
            save_png(window, name)

    window = MainWindow(db, as_of=as_of)
    check(window, "main")
    for i, title in enumerate(window.titles):
        window.sidebar.setCurrentRow(i)
        settle()
        buttons_visible(window, f"main/{title}")
        save_png(window, f"page{i}-{title}")
        for tabs in [t for t in window.stack.currentWidget().findChildren(QTabWidget) if t.isVisibleTo(window)]:
            for j in range(tabs.count()):  # a page's own tabs (督办记录's six) each show other buttons
                tabs.setCurrentIndex(j)
                settle()
                buttons_visible(window, f"main/{title}[{tabs.tabText(j)}]")
                save_png(window, f"page{i}-{title}-tab{j}")

    first = {page: page.model.rows()[0] for page in (window.task_page, window.loose_coal_page,
                                                     window.relocation_page, window.substitution_page)}
    sheet = window.sheet_page.sheets.model.rows()[0]
    shared = next(t for t in window.task_page.model.rows() if t.share_units)  # a task with 责任单位 of its own
    red_unit = letters.units_with_red(db, as_of)[0]
    dialogs = [
        ("task", lambda: TaskDialog(db, first[window.task_page].id, parent=window)),
        ("county", lambda: CountyDialog(db, first[window.loose_coal_page].county_id, as_of, parent=window)),
        ("enterprise", lambda: EnterpriseDialog(db, first[window.relocation_page].id, as_of, parent=window)),
        ("township", lambda: TownshipDialog(db, first[window.substitution_page].id, as_of, parent=window)),
        ("sheet", lambda: SheetDialog(db, sheet.id, as_of, parent=window)),
        ("new-sheet", lambda: NewSheetDialog(db, as_of, sheet.unit, parent=window)),
        ("sheet-pdf", lambda: PdfPreviewDialog("督办单", sheet_print.sheet_pdf(db, sheet.id, as_of), "x.pdf",
                                               lambda p: p, parent=window)),
        ("letter-pdf", lambda: PdfPreviewDialog("督办函", letters.preview_letter(db, red_unit, as_of), "",
                                                lambda p: p, numbered_on_save=True, parent=window)),
        ("summons-pdf", lambda: PdfPreviewDialog("约谈建议名单", summons.summons_pdf(db, as_of), "x.pdf",
                                                 lambda p: p, parent=window)),
        ("calendar", lambda: CalendarDialog(db, as_of, window)),
        ("air-targets", lambda: AirTargetsDialog(db, as_of.year, window)),
        ("settings", lambda: SettingsDialog(db, window)),
        ("units", lambda: UnitsDialog(db, window)),
        ("close-sheet", lambda: CloseSheetDialog(sheet.number, sheet.unit, "", window)),
        ("task-shared", lambda: TaskDialog(db, shared.id, parent=window, as_of=as_of)),
        ("year", lambda: YearDialog(db, window)),
        ("chase", lambda: ChaseDialog(db, as_of, window)),
        ("brief", lambda: BriefDialog(db, as_of, window)),
        ("notice", lambda: NoticeDialog(db, window)),
        ("history", lambda: HistoryDialog(db, "task", first[window.task_page].id, "修改记录", window)),
        ("letter-batch", lambda: LetterBatchDialog(letters.units_with_red(db, as_of), {red_unit: ["督〔2026〕1号"]},
                                                   "2026年11月23日", window)),
    ]
    for name, make in dialogs:
        dialog = make()
        check(dialog, name)
        dialog.close()
        dialog.deleteLater()
    window.close()
    db.close()
    return problems


def _scroll_area_of(widget, kind):
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            return parent
        parent = parent.parentWidget()
    return None


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(main(int(args[0]), int(args[1]), args[2], args[3] if len(args) > 3 else None),
                     ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown of half-closed windows; the answer is printed
