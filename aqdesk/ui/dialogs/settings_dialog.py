"""预警设置: the office's names and the margins of the warning engine."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import settings


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("选项"))
        self.seen = settings.load_seen(db)
        values = self.seen.values
        self.editors: dict[str, QLineEdit | QSpinBox] = {}
        form = QFormLayout(self)
        for key, option in settings.OPTIONS.items():
            if isinstance(option.default, int):
                editor = QSpinBox(minimum=0, maximum=365)
                editor.setValue(int(values[key]))
            else:
                editor = QLineEdit(str(values[key]))
            self.editors[key] = editor
            form.addRow(option.label, editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        values = {k: e.value() if isinstance(e, QSpinBox) else e.text().strip() for k, e in self.editors.items()}
        try:
            settings.save_all(self.db, values, self.seen)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        super().accept()
