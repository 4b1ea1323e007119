"""公文字体: which font sets each role of the office's documents, and the font file the
office points a role at when the machine's own font is missing or wrong."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import document_fonts


class DocumentFontsDialog(QDialog):
    """Edits a role → file mapping; ``files`` holds it after OK (saved by the caller)."""

    def __init__(self, db: Database, files: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("公文字体"))
        self.files = dict(files)
        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for col, text in enumerate((self.tr("用途"), self.tr("现在使用的字体"), self.tr("指定字体文件（留空则自动查找）"))):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        rows = document_fonts.role_fonts(db)
        for row, font in enumerate(rows, 1):
            grid.addWidget(QLabel(f"{font.label}（{font.use}）"), row, 0)
            grid.addWidget(QLabel(font.family + (f"（{font.origin}）" if font.origin else "")), row, 1)
            edit = QLineEdit(self.files.get(font.role, ""))
            edit.setMinimumWidth(260)
            self.edits[font.role] = edit
            grid.addWidget(edit, row, 2)
            browse = QPushButton(self.tr("浏览…"))
            browse.clicked.connect(lambda _checked=False, role=font.role: self.browse(role))
            grid.addWidget(browse, row, 3)
        note = QLabel(document_fonts.HOW_TO_INSTALL if any(f.origin and not f.chosen_file for f in rows) else "")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def browse(self, role: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择字体文件"), self.edits[role].text(),
                                              self.tr("TrueType 字体 (*.ttf *.ttc *.TTF *.TTC)"))
        if path:
            self.edits[role].setText(path)

    def accept(self) -> None:
        files = {role: edit.text().strip() for role, edit in self.edits.items()}
        try:
            for role, path in files.items():
                document_fonts.check_file(role, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("字体文件不可用"), str(exc))
            return
        self.files = {role: path for role, path in files.items() if path}
        super().accept()
