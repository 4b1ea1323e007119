"""「保存时同时生成 Word 稿」: the box beside a document's preview that saves a .docx next to
the PDF, for the offices that finish a 公文 in Word or WPS."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget


class AlsoWord(QCheckBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("保存时同时生成 Word 稿（.docx）"), parent)

    def formats(self) -> tuple[str, ...]:
        return ("pdf", "docx") if self.isChecked() else ("pdf",)
