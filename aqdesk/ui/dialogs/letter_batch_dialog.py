"""批量生成督办函: the units that would get a letter, shown before any number is taken.
A unit that already had a letter today is flagged and left unticked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aqdesk.domain.enums import Color
from aqdesk.ui.models.rows import COLOR_INK
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg


class LetterBatchDialog(QDialog):
    def __init__(self, units: list[str], sent_today: dict[str, list[str]], date: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量生成督办函"))
        note = QLabel(arg(self.tr("截至%1有逾期事项的单位如下。勾选的单位各生成一份督办函，依次编号并登记；"
                                  "今天已发过督办函的单位默认不勾选。"), date))
        note.setWordWrap(True)
        self.list = QListWidget()
        for unit in units:
            numbers = sent_today.get(unit, [])
            item = QListWidgetItem(unit + (arg(self.tr("　（今天已发 %1）"), "、".join(numbers)) if numbers else ""))
            item.setData(Qt.ItemDataRole.UserRole, unit)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked if numbers else Qt.CheckState.Checked)
            if numbers:
                item.setForeground(QBrush(COLOR_INK[Color.YELLOW]))
            self.list.addItem(item)
        self.list.itemChanged.connect(self._count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.addButton(self.tr("生成"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fit(self, 520, 560)
        self._count()

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _count(self, *_args) -> None:
        n = len(self.chosen())
        self.go_button.setText(arg(self.tr("生成 %1 份并编号"), n))
        self.go_button.setEnabled(n > 0)
