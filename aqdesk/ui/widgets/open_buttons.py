"""打开文件 / 打开所在文件夹: offered beside what was just written, so the clerk need not go
looking for it in Explorer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class OpenButtons(QWidget):
    """Hidden until ``show_for(path)``; a folder gets only 打开所在文件夹."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.file_button = QPushButton(self.tr("打开文件"))
        self.file_button.clicked.connect(lambda: self._open(self.path))
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.folder_button.clicked.connect(lambda: self._open(self._folder()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_button)
        layout.addWidget(self.folder_button)
        layout.addStretch(1)
        self.hide()

    def show_for(self, path: Path) -> None:
        self.path = Path(path)
        self.file_button.setVisible(not self.path.is_dir())
        self.show()

    def _folder(self) -> Path | None:
        return self.path if self.path is None or self.path.is_dir() else self.path.parent

    @staticmethod
    def _open(path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
