"""预警设置: the office's names and the margins of the warning engine."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import settings


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("选项"))
        values = settings.load_all(db)
        self.editors: dict[str, QLineEdit | QSpinBox] = {}
        # two columns of options, so the dialog fits a 720-pixel-high screen
        columns = QHBoxLayout()
        forms = (QFormLayout(), QFormLayout())
        for form in forms:
            columns.addLayout(form)
        half = (len(settings.OPTIONS) + 1) // 2
        for i, (key, option) in enumerate(settings.OPTIONS.items()):
            form = forms[i >= half]
            if isinstance(option.default, int):
                editor = QSpinBox(minimum=0, maximum=365)
                editor.setValue(int(values[key]))
            else:
                editor = QLineEdit(str(values[key]))
                editor.setMinimumWidth(200)
            self.editors[key] = editor
            form.addRow(option.label, editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

    def accept(self) -> None:
        values = {k: e.value() if isinstance(e, QSpinBox) else e.text().strip() for k, e in self.editors.items()}
        try:
            settings.save_all(self.db, values)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        super().accept()
