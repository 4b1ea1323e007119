"""一单位一档: choose a unit and see its whole file, section by section with dates and
colours; print it, or print its escalation chain (预警 → 交办 → 催办 → 升级 → 约谈 → 问责)."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QTreeWidgetItem

from aqdesk.services.common.units import unit_names
from aqdesk.services.reports import unit_file
from aqdesk.services.supervision import chain
from aqdesk.ui.models.rows import COLOR_FILLS
from aqdesk.ui.pages.followup.record_tab import RecordTab


class UnitFileTab(RecordTab):
    headers = ("日期", "内容")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table.hide()  # the file is a tree of sections, not a table
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("日期"), self.tr("内容")])
        self.tree.setColumnWidth(0, 200)
        self.layout().insertWidget(2, self.tree, 1)
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumWidth(200)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.show_file())
        self.top.addWidget(QLabel(self.tr("单位")))
        self.top.addWidget(self.unit_combo)
        self.top.addStretch(1)
        self.button(self.tr("督办升级情况…"), self.print_chain, needs_row=False)
        self.button(self.tr("打印档案…"), self.print_file, needs_row=False)
        self.bar.addStretch(1)

    def reload(self) -> None:
        chosen = self.unit_combo.currentText()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItems(unit_names(self.database, include_townships=True))
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findText(chosen)))
        self.unit_combo.blockSignals(False)
        self.show_file()

    def show_unit(self, name: str) -> None:
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findText(name)))

    def show_file(self) -> None:
        self.tree.clear()
        name = self.unit_combo.currentText()
        if not name or self.db is None:
            return
        f = self.attempt(lambda: unit_file.unit_file(self.database, name, self.as_of))
        if f is None:
            return
        for section in f.sections:
            head = QTreeWidgetItem([f"{section.title}（{len(section.entries)}）", ""])
            self.tree.addTopLevelItem(head)
            for e in section.entries:
                item = QTreeWidgetItem([e.on_date.isoformat() if e.on_date else "", e.text])
                item.setToolTip(1, e.text)
                if e.color is not None:
                    for c in (0, 1):
                        item.setBackground(c, QBrush(COLOR_FILLS[e.color]))
                head.addChild(item)
            head.setExpanded(bool(section.entries))
        self.note.setText(self.tr("%1，负责同志：%2").replace("%1", f.unit).replace("%2", f.leader or "—"))

    def print_file(self) -> None:
        name = self.unit_combo.currentText()
        self.preview(self.tr("%1督办档案").replace("%1", name),
                     self.attempt(lambda: unit_file.unit_file_pdf(self.database, name, self.as_of)), f"{name}督办档案.pdf")

    def print_chain(self) -> None:
        name = self.unit_combo.currentText()
        self.preview(self.tr("%1督办升级情况").replace("%1", name),
                     self.attempt(lambda: chain.chain_pdf(self.database, name, self.as_of)), f"{name}督办升级情况.pdf")
