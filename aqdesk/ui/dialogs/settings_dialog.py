"""预警设置: the office's names and the margins of the warning engine."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import document_fonts, settings
from aqdesk.ui.dialogs.document_fonts_dialog import DocumentFontsDialog


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("选项"))
        self.seen = settings.load_seen(db)
        values = self.seen.values
        self.editors: dict[str, QLineEdit | QSpinBox | QComboBox] = {}
        # two columns of options, so the dialog fits a 720-pixel-high screen
        columns = QHBoxLayout()
        forms = (QFormLayout(), QFormLayout())
        for form in forms:
            columns.addLayout(form)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        options = [(k, o) for k, o in settings.OPTIONS.items() if k != document_fonts.KEY]  # fonts: own dialog
        half = (len(options) + 1) // 2
        for i, (key, option) in enumerate(options):
            form = forms[i >= half]
            editor: QLineEdit | QSpinBox | QComboBox
            if option.choices:
                editor = QComboBox()
                editor.addItems(list(option.choices))
                editor.setCurrentText(str(values[key]))
            elif isinstance(option.default, int):
                editor = QSpinBox(minimum=0, maximum=365)
                editor.setValue(int(values[key]))
            else:
                editor = QLineEdit(str(values[key]))
                # wide enough for 污染防治攻坚办公室's whole name, not its last few characters
                editor.setMinimumWidth(max(200, editor.fontMetrics().horizontalAdvance(editor.text()) + 24))
            self.editors[key] = editor
            form.addRow(option.label, editor)
        self.font_files = dict(values[document_fonts.KEY] or {})
        self.fonts_button = QPushButton(self.tr("公文字体…"))
        self.fonts_button.clicked.connect(self.choose_fonts)
        form.addRow(self.tr("公文字体"), self.fonts_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

    def choose_fonts(self) -> None:
        dialog = DocumentFontsDialog(self.db, self.font_files, self)
        if dialog.exec():
            self.font_files = dialog.files

    def accept(self) -> None:
        values: dict[str, Any] = {k: e.value() if isinstance(e, QSpinBox) else e.currentText() if isinstance(e, QComboBox)
                  else e.text().strip() for k, e in self.editors.items()}
        values[document_fonts.KEY] = self.font_files
        try:
            settings.save_all(self.db, values, self.seen)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        super().accept()
