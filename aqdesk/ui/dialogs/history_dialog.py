"""An item's history screen: field, old → new, when, who and from where."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from aqdesk.db.database import Database
from aqdesk.services.reports.history import item_history
from aqdesk.ui.dialogs.common import fill, table


class HistoryDialog(QDialog):
    def __init__(self, db: Database, table_name: str, row_id: int, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改记录：%1").replace("%1", title))
        self.resize(1000, 560)
        rows = item_history(db, table_name, row_id)
        self.table = table([self.tr("时间"), self.tr("登记人"), self.tr("来源"), self.tr("节点"), self.tr("字段"),
                            self.tr("原值"), self.tr("新值")])
        fill(self.table, [[f"{r.when:%Y-%m-%d %H:%M}", r.who, r.source, r.what, r.field, r.old, r.new] for r in rows])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%1：共 %2 条修改").replace("%1", title).replace("%2", str(len(rows)))))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
