"""销号确认: closing a sheet is final, so the clerk says who checked it and why."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from aqdesk.ui.dialogs.common import text_box
from aqdesk.ui.text import arg


class CloseSheetDialog(QDialog):
    def __init__(self, number: str, unit: str, note: str, checker: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("销号确认"))
        warning = QLabel(arg(self.tr("销号后，督办单 %1（%2）即办理完毕，不能再登记环节。"), number, unit))
        warning.setWordWrap(True)
        self.who_edit = QLineEdit(checker, placeholderText=self.tr("现场或书面核查的同志，如：王科长"))
        self.why_edit = text_box(72)
        self.why_edit.setPlainText(note)
        self.why_edit.setPlaceholderText(self.tr("如：经现场核查整改到位，同意销号"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = buttons.addButton(self.tr("销号"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(warning)
        form.addRow(self.tr("核查人"), self.who_edit)
        form.addRow(self.tr("销号说明"), self.why_edit)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def who(self) -> str:
        return self.who_edit.text().strip()

    def why(self) -> str:
        return self.why_edit.toPlainText().strip()
