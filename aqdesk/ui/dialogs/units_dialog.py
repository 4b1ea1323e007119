"""单位管理: the responsible units, their other names (简称) and new units."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import UnitKind
from aqdesk.services.common import unit_admin
from aqdesk.ui.dialogs.common import EditDialog, line_edit
from aqdesk.ui.models.rows import ROW_ROLE, Column, RowsModel
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.tables import rows_view


class UnitModel(RowsModel):
    COLUMNS = (
        Column("名称", lambda u: u.name, 180),
        Column("类型", lambda u: u.kind.label, 70),
        Column("所属县（区）", lambda u: u.parent, 90),
        Column("简称、旧称", lambda u: "、".join(u.aliases), 180),
        Column("责任领导", lambda u: u.leader, 120),
        Column("联系人", lambda u: u.contact_person, 110),
        Column("联系电话", lambda u: u.phone, 110),
    )


class UnitsDialog(EditDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("单位管理"))
        self.units = UnitModel(self)
        self.table = rows_view(self.units, single=True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self._shown = None  # the unit as its boxes were last filled from the database

        edit_box = QGroupBox(self.tr("所选单位"))
        self.name_edit = line_edit("unit", "name")
        rename = QPushButton(self.tr("改名"))
        rename.setToolTip(self.tr("原名称自动保留为简称，旧文件仍能对上"))
        rename.clicked.connect(self.rename)
        self.aliases_edit = QLineEdit(placeholderText=self.tr("多个简称用顿号分隔，如：城管局、市城市管理局"))
        save_aliases = QPushButton(self.tr("保存简称"))
        save_aliases.clicked.connect(self.save_aliases)
        self.leader_edit = QLineEdit(placeholderText=self.tr("如：王建国（副局长）"))
        self.contact_edit = QLineEdit(placeholderText=self.tr("报送联系人"))
        self.phone_edit = QLineEdit(placeholderText=self.tr("如：0319-5000001"))
        save_contacts = QPushButton(self.tr("保存联系人"))
        save_contacts.setToolTip(self.tr("本周待办、催报通知中每个单位都附联系人和电话"))
        save_contacts.clicked.connect(self.save_contacts)
        edit = QVBoxLayout(edit_box)
        for label, field, button in ((self.tr("名称"), self.name_edit, rename),
                                     (self.tr("简称"), self.aliases_edit, save_aliases)):
            row = QHBoxLayout()
            row.addWidget(QLabel(label))
            row.addWidget(field, 1)
            row.addWidget(button)
            edit.addLayout(row)
        row = QHBoxLayout()
        for label, field in ((self.tr("责任领导"), self.leader_edit), (self.tr("联系人"), self.contact_edit),
                             (self.tr("电话"), self.phone_edit)):
            row.addWidget(QLabel(label))
            row.addWidget(field, 1)
        row.addWidget(save_contacts)
        edit.addLayout(row)

        add_box = QGroupBox(self.tr("新增单位"))
        self.new_name = line_edit("unit", "name")
        self.new_kind = QComboBox()
        for kind in UnitKind:
            self.new_kind.addItem(kind.label, kind.value)
        self.new_parent = QComboBox()
        self.new_kind.currentIndexChanged.connect(
            lambda: self.new_parent.setEnabled(self.new_kind.currentData() == UnitKind.TOWNSHIP.value))
        add = QPushButton(self.tr("新增"))
        add.clicked.connect(self.add)
        row = QHBoxLayout(add_box)
        for widget in (QLabel(self.tr("名称")), self.new_name, self.new_kind, QLabel(self.tr("所属县（区）")),
                       self.new_parent, add):
            row.addWidget(widget)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(edit_box)
        layout.addWidget(add_box)
        layout.addWidget(close)
        fit(self, 720, 600)
        self.load()
        self.new_parent.setEnabled(False)

    def load(self) -> None:
        current = self._selected()
        rows = unit_admin.unit_rows(self.db)
        self.units.set_rows(rows)
        self.new_parent.clear()
        self.new_parent.addItems([u.name for u in rows if u.kind is UnitKind.COUNTY])
        ids = [u.id for u in rows]
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        self.table.selectionModel().blockSignals(False)
        self._show_selected(keep_typed=current is not None and current.id in ids)

    def _selected(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show_selected(self, keep_typed: bool = False) -> None:
        """``keep_typed``: the same unit after one part of it was saved, so a box the clerk
        changed and has not saved yet keeps what was typed."""
        unit = self._selected()
        for edit, value in ((self.name_edit, lambda u: u.name), (self.aliases_edit, lambda u: "、".join(u.aliases)),
                            (self.leader_edit, lambda u: u.leader), (self.contact_edit, lambda u: u.contact_person),
                            (self.phone_edit, lambda u: u.phone)):
            typed = keep_typed and self._shown is not None and edit.text() != value(self._shown)
            if not typed:
                edit.setText(value(unit) if unit else "")
        self._shown = unit

    def rename(self) -> None:
        unit = self._selected()
        if unit is not None:
            self.run(arg(self.tr("单位改名：%1"), unit.name),
                     lambda: unit_admin.rename(self.db, unit.id, unit.version, self.name_edit.text()))

    def save_aliases(self) -> None:
        unit = self._selected()
        if unit is not None:
            aliases = unit_admin.split_aliases(self.aliases_edit.text())
            self.run(arg(self.tr("修改 %1 的简称"), unit.name),
                     lambda: unit_admin.set_aliases(self.db, unit.id, unit.version, aliases))

    def save_contacts(self) -> None:
        unit = self._selected()
        if unit is not None:
            self.run(self.tr("修改 %1 的联系人").replace("%1", unit.name),
                     lambda: unit_admin.set_contacts(self.db, unit.id, unit.version, leader=self.leader_edit.text(),
                                                     contact_person=self.contact_edit.text(),
                                                     phone=self.phone_edit.text()))

    def add(self) -> None:
        kind = UnitKind(self.new_kind.currentData())
        parent = self.new_parent.currentText() if kind is UnitKind.TOWNSHIP else None
        if self.run(arg(self.tr("新增单位 %1"), self.new_name.text().strip()),
                    lambda: unit_admin.add_unit(self.db, self.new_name.text(), kind, parent)):
            self.new_name.clear()
