"""Starting the GUI: the application object, fonts, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from aqdesk import APP_NAME, APP_TITLE
from aqdesk.db.database import Database, missing_folder, open_database
from aqdesk.errors import UserError
from aqdesk.ui import crash
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
    existing = QApplication.instance()  # typed as the QCoreApplication it may be
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(sys.argv)
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


def run(url: str, demo: bool = False, ask_to_create: bool = False) -> int:
    """``ask_to_create``: the clerk named the database, so a folder that does not exist is
    more likely a typing slip than a wish for a new, empty office."""
    app = make_app()
    crash.install()
    folder = missing_folder(url) if ask_to_create else None
    if folder is not None and QMessageBox.question(
            None, APP_TITLE, f"数据库所在的文件夹“{folder}”不存在。\n\n要在这里新建一个空的台账数据库吗？"
            "（如果是地址写错了，请选“否”并检查 --db 或 AQDESK_DB。）") != QMessageBox.StandardButton.Yes:
        return 1
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
