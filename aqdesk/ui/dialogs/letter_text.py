"""The text of a 督办函 the clerk may change in its preview before it is issued: the items
under each heading (one a line; their numbers are added), the requirement, the reply date.
The number is taken only when the letter is issued."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.errors import UserError
from aqdesk.services.common.saving import save_bytes
from aqdesk.services.supervision.letters import LetterText
from aqdesk.ui.dialogs.common import python_date


class LetterTextEditor(QWidget):
    """Emits ``changed`` when the clerk asks for the preview to follow the edits; ``draft``
    is called with the edited text to make a Word draft."""

    changed = Signal()

    def __init__(self, text: LetterText, draft, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedWidth(320)
        self._draft = draft
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sections: list[tuple[str, QPlainTextEdit]] = []
        for title, items in text.sections:
            edit = QPlainTextEdit("\n".join(items))
            layout.addWidget(QLabel(self.tr("%1（每行一项）").replace("%1", title)))
            layout.addWidget(edit, 2)
            self.sections.append((title, edit))
        layout.addWidget(QLabel(self.tr("工作要求")))
        self.requirement = QPlainTextEdit(text.requirement)
        layout.addWidget(self.requirement, 1)
        layout.addWidget(QLabel(self.tr("反馈日期")))
        self.reply_by = QDateEdit(QDate(text.reply_by))
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy年M月d日")
        layout.addWidget(self.reply_by)
        self.also_word = QCheckBox(self.tr("保存时同时生成 Word 稿（.docx）"))
        layout.addWidget(self.also_word)
        refresh = QPushButton(self.tr("按修改更新预览"))
        refresh.clicked.connect(self.changed)
        self.word_button = QPushButton(self.tr("另存 Word 草稿（不编号）…"))
        self.word_button.clicked.connect(self.save_draft)
        layout.addWidget(refresh)
        layout.addWidget(self.word_button)

    def text(self) -> LetterText:
        return LetterText(
            tuple((title, tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip()))
                  for title, edit in self.sections),
            self.requirement.toPlainText().strip(), python_date(self.reply_by.date()))

    def formats(self) -> tuple[str, ...]:
        return ("pdf", "docx") if self.also_word.isChecked() else ("pdf",)

    def save_draft(self) -> None:
        folder = Path(str(QSettings().value("folders/documents", str(Path.home()))))
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存 Word 草稿"), str(folder / "督办函（草稿）.docx"),
                                                self.tr("Word 文档 (*.docx)"))
        if chosen:
            self.write_draft(Path(chosen))

    def write_draft(self, path: Path) -> Path | None:
        try:
            return save_bytes(path, self._draft(self.text()))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return None
