"""Starting the GUI: the application object, fonts, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from aqdesk import APP_NAME, APP_TITLE
from aqdesk.db.database import Database, open_database
from aqdesk.errors import UserError
from aqdesk.ui.fonts import ensure_cjk_font


def _speak_chinese(app: QApplication) -> None:
    """Chinese dates, month names and Qt's own buttons (确定, 取消, 关闭)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing or QApplication(sys.argv)
    if existing is None:
        _speak_chinese(app)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    ensure_cjk_font(app)
    return app


def open_for_gui(url: str, demo: bool) -> Database:
    db = open_database(url)
    if demo:
        from aqdesk.services import demo as demo_office
        if demo_office.is_empty(db):
            demo_office.load_demo(db)
    return db


def run(url: str, demo: bool = False) -> int:
    app = make_app()
    try:
        db = open_for_gui(url, demo)
    except UserError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    from aqdesk.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    if db.warning:
        QMessageBox.warning(window, APP_TITLE, db.warning)
    code = app.exec()
    window.db.close()
    return code
