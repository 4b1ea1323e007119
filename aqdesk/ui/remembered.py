"""What the program remembers between runs on this computer, declared in one place: the folders
a clerk last used for each kind of file, each screen's sort order, the window's place.

Folders are remembered only when a choice was made (a cancelled dialog changes nothing).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWidget


class Folder(Enum):
    DOCUMENTS = "folders/documents"  # letters, sheets, ledgers leaving the office
    BACKUP = "folders/backup"
    ATTACHMENTS = "folders/attachments"  # a unit's feedback material on a sheet
    IMPORT = "folders/import"  # workbooks the units send in
    REPORTS = "folders/reports"  # problem lists sent back to a unit
    DATABASE = "folders/database"  # an office database file opened or created from the File menu

    def path(self, fallback: Path | None = None) -> Path:
        value = QSettings().value(self.value)
        return Path(str(value)) if value else (fallback or Path.home())

    def remember(self, path: Path) -> None:
        QSettings().setValue(self.value, str(path))


def ask_open(parent: QWidget, title: str, folder: Folder, filters: str = "", *, many: bool = True) -> list[Path]:
    if many:
        names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder.path()), filters)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder.path()), filters)
        names = [name] if name else []
    if names:
        folder.remember(Path(names[0]).parent)
    return [Path(n) for n in names]


def ask_save(parent: QWidget, title: str, folder: Folder, name: str, filters: str,
             fallback: Path | None = None) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(folder.path(fallback) / name), filters)
    if not chosen:
        return None
    folder.remember(Path(chosen).parent)
    return Path(chosen)


def ask_folder(parent: QWidget, title: str, folder: Folder) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(folder.path()))
    if not chosen:
        return None
    folder.remember(Path(chosen))
    return Path(chosen)


# a screen's sort: the column and direction a clerk last chose; none means the red-first default
def sort_order(screen: str) -> tuple[int, Qt.SortOrder] | None:
    value = QSettings().value(f"sort/{screen}")
    if not value:
        return None
    column, order = (int(part) for part in str(value).split(","))
    return column, Qt.SortOrder(order)


def remember_sort(screen: str, column: int, order: Qt.SortOrder) -> None:
    if column < 0:
        QSettings().remove(f"sort/{screen}")
    else:
        QSettings().setValue(f"sort/{screen}", f"{column},{order.value}")


# the main window ------------------------------------------------------------------------------
def window_geometry() -> QByteArray:
    value = QSettings().value("window/geometry", QByteArray())
    return value if isinstance(value, QByteArray) else QByteArray()


def remember_window(geometry: QByteArray) -> None:
    QSettings().setValue("window/geometry", geometry)
