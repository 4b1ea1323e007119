"""The main window's screens in sidebar order, each built the first time it is shown.

The program opens on 本周待办; building the other screens (and importing the PDF, workbook and
import machinery behind them) only when the clerk first goes there keeps start-up short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStatusBar

from aqdesk.ui.contract import Page
from aqdesk.ui.undo import UndoHistory


class MainWindow(Protocol):
    """What the screens are wired to in the main window."""

    history: UndoHistory
    backup_action: QAction
    restore_action: QAction

    def statusBar(self) -> QStatusBar: ...
    def refresh_all(self) -> None: ...
    def data_changed(self) -> None: ...
    def open_item(self, ledger: str, item_id: int) -> None: ...
    def open_chase(self, unit_id: int | None = None) -> None: ...
    def open_brief(self) -> None: ...
    def open_task(self, row: Any) -> None: ...
    def open_county(self, row: Any) -> None: ...
    def open_enterprise(self, row: Any) -> None: ...
    def open_township(self, row: Any) -> None: ...


def tr(text: str) -> str:
    return QCoreApplication.translate("screens", text)


class Screen(NamedTuple):
    name: str  # the window's attribute for it, e.g. ``window.task_page``
    title: str  # in the sidebar, the 视图 menu and the window title
    build: Callable[[MainWindow], Page]


def _agenda(window: MainWindow) -> Page:
    from aqdesk.ui.pages.agenda_page import AgendaPage

    page = AgendaPage()
    page.item_opened.connect(window.open_item)
    page.chase_requested.connect(window.open_chase)
    page.copied.connect(lambda note: window.statusBar().showMessage(note, 6000))
    return page


def _overview(window: MainWindow) -> Page:
    from aqdesk.ui.pages.overview_page import OverviewPage

    page = OverviewPage()
    page.item_opened.connect(window.open_item)
    page.brief_requested.connect(window.open_brief)
    return page


def _ledger(factory: str, dialog: str) -> Callable[[MainWindow], Page]:
    """A ledger screen whose double-clicked row opens ``dialog`` (a method of the window)."""
    def build(window: MainWindow) -> Page:
        from aqdesk.ui.pages import ledgers

        page = getattr(ledgers, factory)()
        page.activated.connect(lambda row: getattr(window, dialog)(row))
        return page
    return build


def _units(window: MainWindow) -> Page:
    from aqdesk.ui.pages.unit_page import UnitPage

    page = UnitPage()
    page.activated.connect(window.open_task)
    return page


def _acting(page: Page, window: MainWindow) -> Page:
    """A screen that stores changes itself: each goes on 编辑→撤销 and every screen reloads."""
    page.acted.connect(window.history.push)  # type: ignore[attr-defined]
    page.acted.connect(lambda *_: window.refresh_all())  # type: ignore[attr-defined]
    return page


def _sheets(window: MainWindow) -> Page:
    from aqdesk.ui.pages.supervision_page import SupervisionPage

    return _acting(SupervisionPage(), window)


def _followup(window: MainWindow) -> Page:
    from aqdesk.ui.pages.followup_page import FollowUpPage

    return _acting(FollowUpPage(), window)


def _bulletin(window: MainWindow) -> Page:
    from aqdesk.ui.pages.bulletin_page import BulletinPage

    return _acting(BulletinPage(), window)


def _air(window: MainWindow) -> Page:
    from aqdesk.ui.pages.air_page import AirPage

    page = AirPage()
    page.targets_changed.connect(window.data_changed)
    return page


def _import(window: MainWindow) -> Page:
    from aqdesk.ui.pages.import_page import ImportPage

    page = ImportPage()
    page.imported.connect(window.data_changed)
    page.batch_committed.connect(window.history.push_import)
    page.batch_undone.connect(window.history.forget_batch)
    return page


def _export(window: MainWindow) -> Page:
    from aqdesk.ui.pages.export_page import ExportPage

    return _acting(ExportPage(window.backup_action, window.restore_action), window)


def row_of(name: str) -> int:
    """The sidebar row of the screen called ``name``."""
    return next(i for i, screen in enumerate(SCREENS) if screen.name == name)


SCREENS = (
    Screen("agenda_page", tr("本周待办"), _agenda),
    Screen("overview", tr("总览"), _overview),
    Screen("task_page", tr("重点任务"), _ledger("task_page", "open_task")),
    Screen("unit_page", tr("部门视图"), _units),
    Screen("loose_coal_page", tr("散煤治理"), _ledger("loose_coal_page", "open_county")),
    Screen("relocation_page", tr("退城入园"), _ledger("relocation_page", "open_enterprise")),
    Screen("substitution_page", tr("双替代"), _ledger("substitution_page", "open_township")),
    Screen("sheet_page", tr("督办"), _sheets),
    Screen("followup_page", tr("督办记录"), _followup),
    Screen("bulletin_page", tr("通报"), _bulletin),
    Screen("air_page", tr("空气质量"), _air),
    Screen("import_page", tr("报送导入"), _import),
    Screen("export_page", tr("导出"), _export),
)
