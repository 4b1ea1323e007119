"""县区散煤治理: the county's figures by period against its yearly targets; edit a period
or add one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.loose_coal import FIGURES, RELAPSE, short_label
from aqdesk.services.ledgers import loose_coal
from aqdesk.ui.dialogs.common import EditDialog, date_edit, fill, iso, python_date, table
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg

FIELDS = (*FIGURES, RELAPSE)


class CountyDialog(EditDialog):
    def __init__(self, db: Database, county_id: int, as_of: dt.date, parent: QWidget | None = None, *,
                 year: int | None = None):
        """``year``: the plan year shown in the window (None follows ``as_of``)."""
        super().__init__(parent)
        self.db, self.county_id, self.as_of, self.year = db, county_id, as_of, year
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.history = table([self.tr("报送期"), *(short_label(label) for _k, label in FIELDS)])
        self.history.currentCellChanged.connect(lambda row, *_: self._edit_period(row))

        box = QGroupBox(self.tr("一期数据（选中上表一行可修改该期）"))
        grid = QGridLayout(box)
        self.period_edit = date_edit(as_of)
        grid.addWidget(QLabel(self.tr("报送期")), 0, 0)
        grid.addWidget(self.period_edit, 0, 1)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for i, (key, label) in enumerate(FIELDS, start=1):
            spin = QDoubleSpinBox(minimum=0, maximum=10_000_000, decimals=0 if "吨" not in label else 2)
            self.spins[key] = spin
            grid.addWidget(QLabel(label), (i + 1) // 2, 2 * ((i + 1) % 2))
            grid.addWidget(spin, (i + 1) // 2, 2 * ((i + 1) % 2) + 1)
        self.save_button = QPushButton(self.tr("保存修改"))
        self.save_button.clicked.connect(self.save_period)
        self.add_button = QPushButton(self.tr("新增一期"))
        self.add_button.clicked.connect(self.add_period)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.add_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.history, 1)
        layout.addWidget(box)
        layout.addLayout(buttons)
        layout.addWidget(close)
        fit(self, 860, 520)
        self.load()

    def load(self) -> None:
        row = next(r for r in loose_coal.county_rows(self.db, self.as_of, year=self.year) if r.county_id == self.county_id)
        self.row = row
        self.setWindowTitle(arg(self.tr("%1 散煤治理"), row.county))
        totals = "，".join(f"{short_label(label)} {row.actual[k]:g}/{row.target[k]:g}" for k, label in FIGURES)
        self.header.setText(f"<b>{row.county}</b>　{row.color.label}：{row.reason}<br>本年累计/目标：{totals}")
        fill(self.history, [[iso(p.period), *(f"{p.figures[k]:g}" for k, _l in FIGURES), str(p.relapse_points)]
                            for p in row.history])
        self.save_button.setEnabled(False)
        if row.history:  # open on the latest period: the one a clerk corrects, not August's
            self.history.setCurrentCell(len(row.history) - 1, 0)
            self.history.scrollToBottom()

    def _edit_period(self, index: int) -> None:
        if not 0 <= index < len(self.row.history):
            return
        period = self.row.history[index]
        self.period_edit.setDate(QDate(period.period))
        for key, spin in self.spins.items():
            spin.setValue(period.relapse_points if key == RELAPSE[0] else period.figures[key])
        self.save_button.setEnabled(True)
        self.save_button.setText(arg(self.tr("保存修改（%1期）"), iso(period.period)))

    def _values(self) -> dict[str, float]:
        return {key: int(spin.value()) if spin.decimals() == 0 else spin.value() for key, spin in self.spins.items()}

    def save_period(self) -> None:
        period = self.row.history[self.history.currentRow()]
        self.run(arg(self.tr("修改 %1 %2 散煤数据"), self.row.county, iso(period.period)),
                 lambda: loose_coal.update_period(self.db, period.id, period.version, **self._values()))

    def add_period(self) -> None:
        period = python_date(self.period_edit.date())
        self.run(arg(self.tr("新增 %1 %2 散煤数据"), self.row.county, iso(period)),
                 lambda: loose_coal.add_period(self.db, self.county_id, period, **self._values()))
