"""The main window: a sidebar of screens, the as-of date, menus and the status bar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from aqdesk import APP_TITLE, __version__
from aqdesk.db.database import Database, open_database
from aqdesk.domain.enums import ItemKind
from aqdesk.errors import UserError
from aqdesk.services.common import backup, clerk, editing, workdays, years
from aqdesk.ui import recent_databases, remembered
from aqdesk.ui.contract import Page
from aqdesk.ui.dialogs.common import EditDialog, python_date
from aqdesk.ui.remembered import Folder, ask_open, ask_save
from aqdesk.ui.screen_fit import available, fit
from aqdesk.ui.screens import SCREENS, row_of
from aqdesk.ui.text import arg
from aqdesk.ui.undo import UndoHistory

STYLE = """
QLabel#pageTitle { font-size: 18px; font-weight: bold; }
QLabel#cardTitle { font-weight: bold; }
QListWidget#sidebar { font-size: 15px; border: none; background: #eef2f6; }
QListWidget#sidebar::item { padding: 10px 14px; }
QListWidget#sidebar::item:selected { background: #1f5fa8; color: white; }
"""


class _ScreenSlot:
    """``window.task_page`` and the like: the screen, built on first use."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.row = row_of(name)

    def __get__(self, window: MainWindow, owner: type | None = None) -> Any:
        return window.page(self.row)


class MainWindow(QMainWindow):
    agenda_page = _ScreenSlot()
    overview = _ScreenSlot()
    task_page = _ScreenSlot()
    unit_page = _ScreenSlot()
    loose_coal_page = _ScreenSlot()
    relocation_page = _ScreenSlot()
    substitution_page = _ScreenSlot()
    sheet_page = _ScreenSlot()
    followup_page = _ScreenSlot()
    bulletin_page = _ScreenSlot()
    air_page = _ScreenSlot()
    import_page = _ScreenSlot()
    export_page = _ScreenSlot()
    def __init__(self, db: Database, as_of: dt.date | None = None):
        super().__init__()
        self.db = db
        self.as_of = as_of or dt.date.today()
        self.year: int | None = None  # the plan year chosen; None follows the as-of date
        self.setStyleSheet(STYLE)
        self._stale: set[int] = set()
        self._make_actions()
        self._make_pages()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self._restore_state()

    # construction ------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.open_db_action = QAction(self.tr("打开数据库(&O)…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Open),
                                      toolTip=self.tr("打开另一个数据库文件，例如往年的存档"))
        self.open_db_action.triggered.connect(self.choose_database)
        self.new_db_action = QAction(self.tr("新建数据库(&N)…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.New))
        self.new_db_action.triggered.connect(self.new_database)
        self.server_db_action = QAction(self.tr("连接服务器数据库(&S)…"), self,
                                        toolTip=self.tr("输入共享数据库的地址，如 postgresql+psycopg://用户@服务器/aqdesk"))
        self.server_db_action.triggered.connect(self.connect_server)
        self.years_action = QAction(self.tr("年度结转(&Y)…"), self)
        self.years_action.triggered.connect(self.manage_years)
        self.backup_action = QAction(self.tr("备份数据库(&B)…"), self, shortcut=QKeySequence("Ctrl+Shift+B"),
                                     toolTip=self.tr("把当前数据库复制为一个备份文件"))
        self.backup_action.triggered.connect(self.backup_database)
        self.restore_action = QAction(self.tr("从备份恢复(&R)…"), self,
                                      toolTip=self.tr("用备份文件替换当前数据库（先自动备份当前数据库）"))
        self.restore_action.triggered.connect(self.restore_database)
        self.refresh_action = QAction(self.tr("刷新(&F)"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh_all)
        self.quit_action = QAction(self.tr("退出(&X)"), self, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("关于 aqdesk(&A)"), self)
        self.about_action.triggered.connect(self.show_about)
        self.history = UndoHistory(lambda ids: editing.undo_actions(self.db, ids),
                                   self._undo_import, self)
        self.undo_action = QAction(self.tr("撤销(&U)"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(lambda: self._step_history(self.history.undo))
        self.redo_action = QAction(self.tr("重做(&R)"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Redo))
        self.redo_action.triggered.connect(lambda: self._step_history(self.history.redo))
        self.history.changed.connect(self._update_undo_actions)
        self._update_undo_actions()
        self.calendar_action = QAction(self.tr("工作日历(&C)…"), self)
        self.calendar_action.triggered.connect(self.edit_calendar)
        self.units_action = QAction(self.tr("单位管理(&U)…"), self)
        self.units_action.triggered.connect(self.edit_units)
        self.settings_action = QAction(self.tr("选项(&O)…"), self)
        self.settings_action.triggered.connect(self.edit_settings)
        self.find_action = QAction(self.tr("查找(&F)"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Find),
                                   toolTip=self.tr("到本页的搜索框"))
        self.find_action.triggered.connect(self.find_in_page)
        self.history_action = QAction(self.tr("所选事项的修改记录(&H)…"), self, shortcut=QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_item_history)
        self.clerk_action = QAction(self.tr("本机登记人(&L)…"), self,
                                    toolTip=self.tr("本机记录每项操作时署的登记人姓名，默认为登录名"))
        self.clerk_action.triggered.connect(self.edit_clerk)

    def _undo_import(self, batch_id: int) -> None:
        from aqdesk.services.importing.commit import undo_import

        undo_import(self.db, batch_id)

    def _make_pages(self) -> None:
        self.titles = [screen.title for screen in SCREENS]
        self._built: dict[int, Page] = {}
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.stack = QStackedWidget()
        for title in self.titles:
            self.sidebar.addItem(title)
            self.stack.addWidget(QWidget())  # stands in until the screen is first shown
        self.sidebar.setFixedWidth(120)
        self.sidebar.currentRowChanged.connect(self.show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._stale = set(range(len(SCREENS)))

    def page(self, row: int) -> Page:
        """The screen in sidebar row ``row``, built now if it never was."""
        if row not in self._built:
            page = SCREENS[row].build(self)
            stand_in = self.stack.widget(row)
            current = self.stack.currentIndex()
            self.stack.insertWidget(row, page)
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            self.stack.setCurrentIndex(current)
            self._built[row] = page
        return self._built[row]

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.open_db_action, self.new_db_action, self.server_db_action])
        self.recent_menu = file_menu.addMenu(self.tr("最近打开(&R)"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.history_action])
        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        for i, name in enumerate(self.titles):
            action = QAction(name, self, shortcut=QKeySequence(f"Ctrl+{i + 1}") if i < 9 else QKeySequence())
            action.triggered.connect(lambda _checked=False, row=i: self.sidebar.setCurrentRow(row))
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        tools_menu = self.menuBar().addMenu(self.tr("工具(&T)"))
        tools_menu.addActions([self.units_action, self.calendar_action, self.years_action, self.settings_action,
                               self.clerk_action])
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("截至日期"))
        bar.setObjectName("asOfBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr(" 截至日期：")))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setDate(QDate(self.as_of))
        self.date_edit.dateChanged.connect(lambda d: self.set_as_of(python_date(d)))
        bar.addWidget(self.date_edit)
        bar.addWidget(QLabel(self.tr("  年度：")))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setToolTip(self.tr("查看哪一年的计划；已结转关闭的年度只能查看"))
        self.year_combo.activated.connect(lambda _index: self.set_year(self.year_combo.currentData()))
        bar.addWidget(self.year_combo)
        bar.addAction(self.refresh_action)
        self.addToolBar(bar)

    def _make_status_bar(self) -> None:
        self.db_label = QLabel()
        self.as_of_label = QLabel()
        self.calendar_label = QLabel()
        self.calendar_label.setStyleSheet("color:#8a6100")
        self.year_label = QLabel()
        self.year_label.setStyleSheet("color:#b3261e; font-weight:bold")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.year_label)
        self.statusBar().addPermanentWidget(self.calendar_label)
        self.statusBar().addPermanentWidget(self.as_of_label)
        self._update_status_bar()

    def _update_status_bar(self) -> None:
        self._fill_years()
        self.db_label.setText(arg(self.tr("数据库：%1"), self.db.display_name))
        self.db_label.setToolTip(self.db.display_name)
        self.as_of_label.setText(arg(self.tr("截至：%1"), self.as_of.isoformat()))
        missing = workdays.years_without_official_data(self.db, self.as_of)
        self.calendar_label.setText(self.tr("%1年无官方节假日安排，按周一至周五计算（工具→工作日历）").replace(
            "%1", "、".join(map(str, missing))) if missing else "")

    def _fill_years(self) -> None:
        """The years the ledger holds, the closed ones marked; the one shown selected."""
        with self.db.reading() as session:
            known, closed = years.known_years(session), years.closed_years(session)
            shown = years.resolve(session, self.as_of, self.year)
        self.year_combo.clear()
        following = max([*known, shown]) + 1  # to load the next year's plan into
        for year in sorted({*known, shown, following}):
            text = (self.tr("%1年（已结转·只读）") if year in closed else
                    self.tr("%1年（新年度）") if year not in known else self.tr("%1年"))
            self.year_combo.addItem(text.replace("%1", str(year)), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(shown))
        self.shown_year = shown
        self.year_label.setText(self.tr("%1年度已结转关闭，只能查看").replace("%1", str(shown))
                                if shown in closed else "")

    # behaviour ---------------------------------------------------------------------
    def show_page(self, row: int) -> None:
        # Qt adds the program's name (the application display name) after the window title
        self.setWindowTitle(self.titles[row])
        self.page(row)
        self.stack.setCurrentIndex(row)
        if row in self._stale:
            self._refresh_page(row)

    def _refresh_page(self, row: int) -> None:
        self.page(row).refresh(self.db, self.as_of, self.year)
        self._stale.discard(row)

    def data_changed(self) -> None:
        """Another screen wrote to the ledgers: every page reloads when next shown, and a
        plan may have brought a new year."""
        self._stale = set(range(len(SCREENS))) - {self.sidebar.currentRow()}
        self._fill_years()

    def refresh_all(self) -> None:
        self._stale = set(range(len(SCREENS)))
        self._refresh_page(self.sidebar.currentRow())

    def set_as_of(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.year = None  # a new date shows the year it falls in
        self._update_status_bar()
        self.refresh_all()

    def set_year(self, year: int | None) -> None:
        """Show ``year``'s plan, and take files imported meanwhile as that year's."""
        self.year = year
        self._update_status_bar()
        self.refresh_all()

    # the dialogs of the 工具 menu are opened now and then: their modules load then
    def manage_years(self) -> None:
        from aqdesk.ui.dialogs.year_dialog import YearDialog

        dialog = YearDialog(self.db, self)
        dialog.exec()
        if dialog.changed:
            self._update_status_bar()
            self.refresh_all()

    # other databases -----------------------------------------------------------------
    def choose_database(self) -> None:
        chosen = remembered.ask_open(self, self.tr("打开数据库"), remembered.Folder.DATABASE,
                                     self.tr("aqdesk 数据库 (*.db);;所有文件 (*)"), many=False)
        if chosen:
            self.switch_database(recent_databases.sqlite_url(chosen[0]))

    def new_database(self) -> None:
        path = remembered.ask_save(self, self.tr("新建数据库"), remembered.Folder.DATABASE, "aqdesk.db",
                                   self.tr("aqdesk 数据库 (*.db)"))
        if path is None:
            return
        if path.exists():
            QMessageBox.warning(self, self.tr("新建数据库"), arg(self.tr(
                "“%1”已存在。要使用它，请用“打开数据库”。"), str(path)))
            return
        self.switch_database(recent_databases.sqlite_url(path))

    def connect_server(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("连接服务器数据库"), self.tr(
            "数据库地址（SQLAlchemy URL），如 postgresql+psycopg://用户:密码@服务器/aqdesk："))
        if ok and url.strip():
            self.switch_database(url.strip())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for url in recent_databases.recent():
            action = self.recent_menu.addAction(recent_databases.label(url))
            action.triggered.connect(lambda _checked=False, u=url: self.open_recent(u))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def open_recent(self, url: str) -> None:
        """A file of 最近打开 moved or deleted since is said so, and left off the list, rather than
        made anew as an empty database under its name."""
        path = recent_databases.sqlite_path(url)
        if path is not None and not path.exists():
            recent_databases.forget(url)
            QMessageBox.warning(self, self.tr("无法打开数据库"), arg(self.tr(
                "“%1”已不存在（可能已移动、改名或删除，或所在的U盘、网络盘未连接）。\n"
                "如已移到别处，请用“文件→打开数据库”找到它。"), str(path)))
            return
        self.switch_database(url)

    def switch_database(self, url: str) -> bool:
        """Open ``url`` (creating and migrating it as at start-up) in place of the database in
        use, which stays as it was if the new one cannot be opened."""
        try:
            db = open_database(url)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法打开数据库"), str(exc))
            return False
        with db.transaction() as session:
            workdays.seed_if_empty(session)
        recent_databases.remember(self.db.url)
        recent_databases.remember(url)
        self.db.close()
        self.db = db
        self.year = None
        self.history.clear()
        self._update_status_bar()
        self.refresh_all()
        self.statusBar().showMessage(arg(self.tr("已打开数据库：%1"), db.display_name), 8000)
        return True

    def open_dialog(self, dialog: EditDialog) -> None:
        dialog.acted.connect(self.history.push)
        dialog.acted.connect(lambda *_: self.refresh_all())
        dialog.exec()
        # gone once closed: kept as the window's child, each dialog opened stayed in memory, and
        # with its connection to 编辑→撤销 made the program crash as it quit
        dialog.deleteLater()

    # 催报 and 专报 are opened now and then, so their modules load then rather than at start-up
    def open_chase(self, unit_id: int | None = None) -> None:
        from aqdesk.ui.dialogs.chase_dialog import ChaseDialog

        dialog = ChaseDialog(self.db, self.as_of, self)
        if unit_id is not None:
            dialog.select_unit(unit_id)
        self.open_dialog(dialog)

    def open_brief(self) -> None:
        from aqdesk.ui.dialogs.brief_dialog import BriefDialog

        BriefDialog(self.db, self.as_of, self).exec()

    def open_task(self, row) -> None:
        from aqdesk.ui.dialogs.task_dialog import TaskDialog

        self.open_dialog(TaskDialog(self.db, row.id, parent=self, as_of=self.as_of))

    def open_county(self, row) -> None:
        from aqdesk.ui.dialogs.county_dialog import CountyDialog

        self.open_dialog(CountyDialog(self.db, row.county_id, self.as_of, parent=self, year=self.year))

    def open_enterprise(self, row) -> None:
        from aqdesk.ui.dialogs.enterprise_dialog import EnterpriseDialog

        self.open_dialog(EnterpriseDialog(self.db, row.id, self.as_of, parent=self, year=self.year))

    def open_township(self, row) -> None:
        from aqdesk.ui.dialogs.township_dialog import TownshipDialog

        self.open_dialog(TownshipDialog(self.db, row.id, self.as_of, parent=self, year=self.year))

    def open_item(self, ledger: str, item_id: int) -> None:
        """Show an item of the agenda or the overview in its own screen and open it there; a
        unit yet to report opens 催报, where its return is chased or recorded."""
        if ledger == "unit":
            self.open_chase(item_id)
            return
        name, show = {ItemKind.TASK: ("task_page", "show_item"), ItemKind.ENTERPRISE: ("relocation_page", "show_item"),
                      ItemKind.TOWNSHIP: ("substitution_page", "show_item"), ItemKind.SHEET: ("sheet_page", "show_item"),
                      "letter": ("followup_page", "show_item"), ItemKind.COMMITMENT: ("followup_page", "show_commitment"),
                      ItemKind.FINDING: ("followup_page", "show_finding")}[ledger]
        row = row_of(name)
        self.sidebar.setCurrentRow(row)
        getattr(self.page(row), show)(item_id)

    def _step_history(self, step) -> None:
        try:
            step()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法撤销"), str(exc))
            return
        self.refresh_all()

    def _update_undo_actions(self) -> None:
        for action, name, text in ((self.undo_action, self.tr("撤销"), self.history.undo_text()),
                                   (self.redo_action, self.tr("重做"), self.history.redo_text())):
            action.setEnabled(text is not None)
            action.setText(f"{name}：{text}" if text else name)

    def edit_units(self) -> None:
        from aqdesk.ui.dialogs.units_dialog import UnitsDialog

        self.open_dialog(UnitsDialog(self.db, self))

    def edit_calendar(self) -> None:
        from aqdesk.ui.dialogs.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.db, self.as_of, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_all()

    def edit_settings(self) -> None:
        from aqdesk.ui.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog(self.db, self).exec():
            self.refresh_all()

    def find_in_page(self) -> None:
        """The search box of the ledger in view, its text selected to be typed over."""
        page = self.page(self.stack.currentIndex())
        search = getattr(getattr(page, "sheets", page), "search", None)
        if search is None:
            self.statusBar().showMessage(self.tr("本页没有搜索框；重点任务、散煤治理、退城入园、双替代和督办页可以搜索。"), 6000)
            return
        search.setFocus()
        search.selectAll()

    def show_item_history(self) -> None:
        """The history of the row chosen on the ledger page in view."""
        from aqdesk.ui.dialogs.history_dialog import HistoryDialog

        target = self.page(self.stack.currentIndex()).history_target()
        if target is None:
            QMessageBox.information(self, self.tr("修改记录"), self.tr(
                "请先在重点任务、部门视图、退城入园、双替代或督办页面选中一行。"))
            return
        HistoryDialog(self.db, target.table, target.row_id, target.title, self).exec()

    def edit_clerk(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("本机登记人"), self.tr(
            "本机的登记人姓名（记入每项修改和督办环节；留空则用登录名“%1”）：").replace("%1", clerk.login_name()),
            text=clerk.name())
        if not ok:
            return
        try:
            clerk.set_name(name)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.statusBar().showMessage(self.tr("本机登记人：%1").replace("%1", clerk.name()), 8000)

    def backup_database(self) -> None:
        name = f"aqdesk-备份-{dt.datetime.now():%Y%m%d-%H%M}.db"
        target = ask_save(self, self.tr("备份数据库"), Folder.BACKUP, name, self.tr("aqdesk 数据库 (*.db)"))
        if target is None:
            return
        try:
            backup.backup(self.db, target)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("备份失败"), str(exc))
            return
        self.statusBar().showMessage(arg(self.tr("已备份到 %1"), target), 8000)

    def restore_database(self) -> None:
        chosen = ask_open(self, self.tr("从备份恢复"), Folder.BACKUP, self.tr("aqdesk 数据库 (*.db);;所有文件 (*)"),
                          many=False)
        if not chosen:
            return
        source = chosen[0]
        answer = QMessageBox.question(self, self.tr("从备份恢复"), arg(self.tr(
            "将用“%1”替换当前数据库的全部内容。\n当前数据库会先自动备份。是否继续？"), source))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.db, safety = backup.restore(self.db, source)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("恢复失败"), str(exc))
            return
        self.history.clear()
        self._update_status_bar()
        self.refresh_all()
        QMessageBox.information(self, self.tr("已恢复"), arg(self.tr(
            "已从备份恢复。恢复前的数据库已保存为：\n%1"), str(safety)))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于 aqdesk"), arg(self.tr(
            "<h3>%1</h3><p>aqdesk 版本 %2</p><p>供市大气污染防治攻坚办公室使用的督办台账程序："
            "重点任务、散煤治理、退城入园、双替代、三色督办。</p><p>数据库：%3</p>"),
            APP_TITLE, __version__, self.db.display_name))

    # window state ------------------------------------------------------------------
    def _restore_state(self) -> None:
        if not self.restoreGeometry(remembered.window_geometry()):
            fit(self, 1440, 900)
            self.move(available(self).topLeft())
        # The program always opens on 本周待办: the clerk's first question is whom to chase.
        self.sidebar.setCurrentRow(0)

    def closeEvent(self, event) -> None:
        remembered.remember_window(self.saveGeometry())
        super().closeEvent(event)


