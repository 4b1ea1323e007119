"""领导专报: the clerk edits the opening sentences, then previews, prints or saves the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.services.reports import brief
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from aqdesk.ui.widgets.also_word import AlsoWord


class BriefDialog(QDialog):
    def __init__(self, db: Database, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.as_of = db, as_of
        self.setWindowTitle(self.tr("领导专报"))
        self.resize(560, 300)
        self.draft = brief.brief(db, as_of)
        self.note = QPlainTextEdit(self.draft.note)
        self.also_word = AlsoWord()
        preview = QPushButton(self.tr("预览、打印…"))
        preview.setDefault(True)
        preview.clicked.connect(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(preview, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("专报开头的两三句话（可修改）：")))
        layout.addWidget(self.note, 1)
        layout.addWidget(QLabel(self.tr("其余内容按截至 %1 的数据生成，始终为一页 A4。").replace("%1", as_of.isoformat())))
        layout.addWidget(self.also_word)
        layout.addWidget(buttons)

    def current(self) -> brief.Brief:
        return brief.brief(self.db, self.as_of, self.note.toPlainText().strip())

    def preview(self) -> None:
        result = self.current()
        PdfPreviewDialog(self.tr("领导专报"), result.pdf(), f"{result.title}.pdf",
                         lambda path: brief.save_brief_pdf(result, path, self.also_word.formats()), parent=self).exec()
