"""导出: what can leave the office from here — for now, copies of the database."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class ExportPage(QWidget):
    def __init__(self, backup: QAction, restore: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("导出"))
        heading.setObjectName("pageTitle")
        note = QLabel(self.tr(
            "把当前数据库完整备份为一个文件，可拷贝到其他电脑或存档；恢复时会先自动备份当前数据库。"
        ))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        for action in (backup, restore):
            button = QPushButton(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            button.setMaximumWidth(220)
            layout.addWidget(button)
        layout.addStretch(1)
