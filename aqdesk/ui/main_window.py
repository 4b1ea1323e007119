"""The main window: a sidebar of screens, the as-of date, menus and the status bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
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
from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import backup, clerk, editing, workdays
from aqdesk.ui.dialogs.calendar_dialog import CalendarDialog
from aqdesk.ui.dialogs.common import EditDialog
from aqdesk.ui.dialogs.county_dialog import CountyDialog
from aqdesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
from aqdesk.ui.dialogs.history_dialog import HistoryDialog
from aqdesk.ui.dialogs.settings_dialog import SettingsDialog
from aqdesk.ui.dialogs.task_dialog import TaskDialog
from aqdesk.ui.dialogs.township_dialog import TownshipDialog
from aqdesk.ui.dialogs.units_dialog import UnitsDialog
from aqdesk.ui.models.rows import ROW_ROLE
from aqdesk.ui.pages import ledgers as pages
from aqdesk.ui.pages.export_page import ExportPage
from aqdesk.ui.pages.followup_page import FollowUpPage
from aqdesk.ui.pages.import_page import ImportPage
from aqdesk.ui.pages.overview_page import OverviewPage
from aqdesk.ui.pages.supervision_page import SupervisionPage
from aqdesk.ui.pages.unit_page import UnitPage
from aqdesk.ui.undo import UndoHistory

STYLE = """
QLabel#pageTitle { font-size: 18px; font-weight: bold; }
QLabel#cardTitle { font-weight: bold; }
QListWidget#sidebar { font-size: 15px; border: none; background: #eef2f6; }
QListWidget#sidebar::item { padding: 10px 14px; }
QListWidget#sidebar::item:selected { background: #1f5fa8; color: white; }
"""


class MainWindow(QMainWindow):
    def __init__(self, db: Database, as_of: dt.date | None = None):
        super().__init__()
        self.db = db
        self.as_of = as_of or dt.date.today()
        self.setWindowTitle(f"{APP_TITLE} — aqdesk")
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
        self.backup_action = QAction(self.tr("备份数据库(&B)…"), self, shortcut=QKeySequence("Ctrl+Shift+B"),
                                     toolTip=self.tr("把当前数据库复制为一个备份文件"))
        self.backup_action.triggered.connect(self.backup_database)
        self.restore_action = QAction(self.tr("从备份恢复(&R)…"), self,
                                      toolTip=self.tr("用备份文件替换当前数据库（先自动备份当前数据库）"))
        self.restore_action.triggered.connect(self.restore_database)
        self.refresh_action = QAction(self.tr("刷新(&F)"), self, shortcut=QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_all)
        self.quit_action = QAction(self.tr("退出(&X)"), self, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("关于 aqdesk(&A)"), self)
        self.about_action.triggered.connect(self.show_about)
        self.history = UndoHistory(lambda action_id: editing.undo_action(self.db, action_id), self)
        self.undo_action = QAction(self.tr("撤销(&U)"), self, shortcut=QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda: self._step_history(self.history.undo))
        self.redo_action = QAction(self.tr("重做(&R)"), self, shortcut=QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(lambda: self._step_history(self.history.redo))
        self.history.changed.connect(self._update_undo_actions)
        self._update_undo_actions()
        self.calendar_action = QAction(self.tr("工作日历(&C)…"), self)
        self.calendar_action.triggered.connect(self.edit_calendar)
        self.units_action = QAction(self.tr("单位管理(&U)…"), self)
        self.units_action.triggered.connect(lambda: self.open_dialog(UnitsDialog(self.db, self)))
        self.settings_action = QAction(self.tr("选项(&O)…"), self)
        self.settings_action.triggered.connect(self.edit_settings)
        self.history_action = QAction(self.tr("所选事项的修改记录(&H)…"), self, shortcut=QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_item_history)
        self.clerk_action = QAction(self.tr("本机登记人(&L)…"), self,
                                    toolTip=self.tr("本机记录每项操作时署的登记人姓名，默认为登录名"))
        self.clerk_action.triggered.connect(self.edit_clerk)

    def _make_pages(self) -> None:
        self.overview = OverviewPage()
        self.overview.item_opened.connect(self.open_item)
        self.task_page = pages.task_page()
        self.unit_page = UnitPage()
        self.loose_coal_page = pages.loose_coal_page()
        self.relocation_page = pages.relocation_page()
        self.substitution_page = pages.substitution_page()
        self.import_page = ImportPage()
        self.import_page.imported.connect(self._data_changed)
        self.sheet_page = SupervisionPage()
        self.followup_page = FollowUpPage()
        self.export_page = ExportPage(self.backup_action, self.restore_action)
        for page in (self.sheet_page, self.followup_page, self.export_page):
            page.acted.connect(self.history.push)
            page.acted.connect(lambda *_: self.refresh_all())
        dialogs = {
            self.task_page: lambda row: TaskDialog(self.db, row.id, parent=self),
            self.unit_page: lambda row: TaskDialog(self.db, row.id, parent=self),
            self.loose_coal_page: lambda row: CountyDialog(self.db, row.county_id, self.as_of, parent=self),
            self.relocation_page: lambda row: EnterpriseDialog(self.db, row.id, self.as_of, parent=self),
            self.substitution_page: lambda row: TownshipDialog(self.db, row.id, self.as_of, parent=self),
        }
        for page, make_dialog in dialogs.items():
            page.activated.connect(lambda row, make=make_dialog: self.open_dialog(make(row)))
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("总览"), self.overview),
            (self.tr("重点任务"), self.task_page),
            (self.tr("部门视图"), self.unit_page),
            (self.tr("散煤治理"), self.loose_coal_page),
            (self.tr("退城入园"), self.relocation_page),
            (self.tr("双替代"), self.substitution_page),
            (self.tr("督办"), self.sheet_page),
            (self.tr("督办记录"), self.followup_page),
            (self.tr("报送导入"), self.import_page),
            (self.tr("导出"), self.export_page),
        ]
        self.sidebar = QListWidget(objectName="sidebar")
        self.stack = QStackedWidget()
        for name, page in self.pages:
            self.sidebar.addItem(name)
            self.stack.addWidget(page)
        self.sidebar.setFixedWidth(120)
        self.sidebar.currentRowChanged.connect(self.show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._stale = set(range(len(self.pages)))

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        for i, (name, _page) in enumerate(self.pages):
            action = QAction(name, self, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, row=i: self.sidebar.setCurrentRow(row))
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        tools_menu = self.menuBar().addMenu(self.tr("工具(&T)"))
        tools_menu.addActions([self.units_action, self.calendar_action, self.settings_action, self.clerk_action])
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("截至日期"), objectName="asOfBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr(" 截至日期：")))
        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy年M月d日")
        self.date_edit.setDate(QDate(self.as_of))
        self.date_edit.dateChanged.connect(lambda d: self.set_as_of(d.toPython()))
        bar.addWidget(self.date_edit)
        bar.addAction(self.refresh_action)
        self.addToolBar(bar)

    def _make_status_bar(self) -> None:
        self.db_label = QLabel()
        self.as_of_label = QLabel()
        self.calendar_label = QLabel()
        self.calendar_label.setStyleSheet("color:#8a6100")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.calendar_label)
        self.statusBar().addPermanentWidget(self.as_of_label)
        self._update_status_bar()

    def _update_status_bar(self) -> None:
        self.db_label.setText(self.tr("数据库：%1").replace("%1", self.db.display_name))
        self.as_of_label.setText(self.tr("截至：%1").replace("%1", self.as_of.isoformat()))
        missing = workdays.years_without_official_data(self.db, self.as_of)
        self.calendar_label.setText(self.tr("%1年无官方节假日安排，按周一至周五计算（工具→工作日历）").replace(
            "%1", "、".join(map(str, missing))) if missing else "")

    # behaviour ---------------------------------------------------------------------
    def show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if row in self._stale:
            self._refresh_page(row)

    def _refresh_page(self, row: int) -> None:
        page = self.pages[row][1]
        if hasattr(page, "refresh"):
            page.refresh(self.db, self.as_of)
        self._stale.discard(row)

    def _data_changed(self) -> None:
        """Another screen wrote to the ledgers: every page reloads when next shown."""
        self._stale = set(range(len(self.pages))) - {self.sidebar.currentRow()}

    def refresh_all(self) -> None:
        self._stale = set(range(len(self.pages)))
        self._refresh_page(self.sidebar.currentRow())

    def set_as_of(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self._update_status_bar()
        self.refresh_all()

    def open_dialog(self, dialog: EditDialog) -> None:
        dialog.acted.connect(self.history.push)
        dialog.acted.connect(lambda *_: self.refresh_all())
        dialog.exec()

    def open_item(self, ledger: str, item_id: int) -> None:
        """Show an item of the overview in its own ledger and open it there."""
        page = {"task": self.task_page, "enterprise": self.relocation_page,
                "township": self.substitution_page, "sheet": self.sheet_page}[ledger]
        self.sidebar.setCurrentRow(next(i for i, (_name, p) in enumerate(self.pages) if p is page))
        table = page.sheets if page is self.sheet_page else page
        row = table.select_row(item_id)
        if row is not None:
            table.activated.emit(row)

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

    def edit_calendar(self) -> None:
        dialog = CalendarDialog(self.db, self.as_of, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_all()

    def edit_settings(self) -> None:
        if SettingsDialog(self.db, self).exec():
            self.refresh_all()

    def show_item_history(self) -> None:
        """The history of the row chosen on the ledger page in view."""
        page = self.stack.currentWidget()
        tables = {self.task_page: ("task", lambda r: f"{r.number} {r.title}"),
                  self.relocation_page: ("enterprise", lambda r: r.name),
                  self.substitution_page: ("substitution_target", lambda r: f"{r.county}{r.township}"),
                  self.sheet_page: ("supervision_sheet", lambda r: f"{r.number} {r.unit}")}
        found = tables.get(page)
        view = page.sheets.table if page is self.sheet_page else getattr(page, "table", None)
        index = view.currentIndex() if found and view is not None else None
        row = index.data(ROW_ROLE) if index is not None and index.isValid() else None
        if row is None:
            QMessageBox.information(self, self.tr("修改记录"), self.tr(
                "请先在重点任务、退城入园、双替代或督办页面选中一行。"))
            return
        table_name, title = found
        HistoryDialog(self.db, table_name, row.id, title(row), self).exec()

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
        settings = QSettings()
        start = Path(str(settings.value("folders/backup", str(Path.home()))))
        name = f"aqdesk-备份-{dt.datetime.now():%Y%m%d-%H%M}.db"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("备份数据库"), str(start / name),
                                                self.tr("aqdesk 数据库 (*.db)"))
        if not target:
            return
        settings.setValue("folders/backup", str(Path(target).parent))
        try:
            backup.backup(self.db, Path(target))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("备份失败"), str(exc))
            return
        self.statusBar().showMessage(self.tr("已备份到 %1").replace("%1", target), 8000)

    def restore_database(self) -> None:
        settings = QSettings()
        source, _ = QFileDialog.getOpenFileName(self, self.tr("从备份恢复"),
                                                str(settings.value("folders/backup", str(Path.home()))),
                                                self.tr("aqdesk 数据库 (*.db);;所有文件 (*)"))
        if not source:
            return
        answer = QMessageBox.question(self, self.tr("从备份恢复"), self.tr(
            "将用“%1”替换当前数据库的全部内容。\n当前数据库会先自动备份。是否继续？").replace("%1", source))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.db, safety = backup.restore(self.db, Path(source))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("恢复失败"), str(exc))
            return
        self.history.clear()
        self._update_status_bar()
        self.refresh_all()
        QMessageBox.information(self, self.tr("已恢复"), self.tr(
            "已从备份恢复。恢复前的数据库已保存为：\n%1").replace("%1", str(safety)))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于 aqdesk"), self.tr(
            "<h3>%1</h3><p>aqdesk 版本 %2</p><p>供市大气污染防治攻坚办公室使用的督办台账程序："
            "重点任务、散煤治理、退城入园、双替代、三色督办。</p><p>数据库：%3</p>")
            .replace("%1", APP_TITLE).replace("%2", __version__).replace("%3", self.db.display_name))

    # window state ------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            self.resize(1280, 800)
        self.sidebar.setCurrentRow(int(settings.value("window/page", 0)))

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/page", self.sidebar.currentRow())
        super().closeEvent(event)


