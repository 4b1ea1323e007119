"""空气质量目标: a year's 优良率, PM2.5 and 重污染天数 targets of every county and the city, typed in
one table and saved together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.air.budget import Target, format_stages, parse_stages
from aqdesk.domain.values import parse_number
from aqdesk.errors import UserError
from aqdesk.services.air.targets import save_year_targets, year_targets
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg


class AirTargetsDialog(QDialog):
    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.year = db, year
        self.setWindowTitle(arg(self.tr("%1年空气质量目标"), year))
        self.rows = year_targets(db, year)
        self.table = QTableWidget(len(self.rows), 5)
        self.headings = [self.tr("县（区）"), self.tr("优良率（%）"), self.tr("PM2.5（微克/立方米）"),
                         self.tr("重污染天数不超过"), self.tr("阶段目标（累计优良率）")]
        self.table.setHorizontalHeaderLabels(self.headings)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((80, 90, 140, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)  # the stages, the longest text
        for r, (_cid, name, target) in enumerate(self.rows):
            label = QTableWidgetItem(name)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, label)
            for c, value in enumerate((target.good_rate, target.pm25, target.heavy_days), start=1):
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else f"{value:g}"))
            self.table.setItem(r, 4, QTableWidgetItem(format_stages(target.stages)))
        note = QLabel(self.tr("留空表示不设该项目标。PM2.5为年均浓度；重污染指AQI大于200的天数；"
                              "阶段目标写作“3月60，6月70”：截至该月底的累计优良率。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit(self, 780, 130 + 30 * len(self.rows))

    def targets(self) -> list[tuple[int | None, str, Target]]:
        """The table as typed; UserError naming the county and the cell that is not a number."""
        found = []
        for r, (county_id, name, _old) in enumerate(self.rows):
            values: list[float | None] = []
            for c in (1, 2, 3):
                item = self.table.item(r, c)
                text = item.text() if item is not None else ""
                parsed = parse_number(text)
                if parsed.problem:
                    raise UserError(arg(self.tr("%1的%2“%3”不是数字"), name, self.headings[c], text))
                values.append(parsed.value)
            heavy = values[2]
            if heavy is not None and not heavy.is_integer():
                raise UserError(arg(self.tr("%1的重污染天数应为整数，而不是“%2”"), name, f"{heavy:g}"))
            stages_cell = self.table.item(r, 4)
            try:
                stages = parse_stages(stages_cell.text() if stages_cell is not None else "")
            except ValueError as exc:
                raise UserError(arg(self.tr("%1：%2"), name, str(exc))) from exc
            found.append((county_id, name, Target(values[0], values[1], None if heavy is None else int(heavy), stages)))
        return found

    def save(self) -> None:
        try:
            save_year_targets(self.db, self.year, self.targets())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("目标未保存"), str(exc))
            return
        self.accept()
