"""催办 and 升级督办 of the chosen sheet, each a small form; the 催办函 is numbered and
registered when the form is accepted, then shown to be saved or printed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from aqdesk.db.database import Database
from aqdesk.services.common.saving import save_bytes
from aqdesk.services.supervision import escalation, sheet_loop
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.dialogs.pdf_preview import PdfPreviewDialog


class EscalationForms(QObject):
    """Emits ``acted(description, action_id)`` for each stored 催办 or 升级."""

    acted = Signal(str, str)

    def __init__(self, db: Database, as_of: dt.date, parent: QWidget):
        super().__init__(parent)
        self.db, self.as_of, self.window = db, as_of, parent

    def remind(self, sheet_id: int) -> escalation.Reminded | None:
        detail = sheet_loop.sheet_detail(self.db, sheet_id)
        form = FormDialog(self.tr("催办：%1 %2").replace("%1", detail.number).replace("%2", detail.unit), [
            Field("on", self.tr("催办日期"), "date", self.as_of),
            Field("requirement", self.tr("催办要求"), "lines", hint=self.tr("留空使用标准表述")),
        ], lambda v: escalation.remind(self.db, sheet_id, v["on"], requirement=v["requirement"]), self.window)
        if not form.exec():
            return None
        reminded: escalation.Reminded = form.result_value
        self.acted.emit(self.tr("催办 %1").replace("%1", reminded.number), reminded.action_id)
        PdfPreviewDialog(self.tr("催办函 %1（已编号并登记）").replace("%1", reminded.number), reminded.document,
                         f"{reminded.number} {detail.unit}催办函.pdf",
                         lambda path: save_bytes(path, reminded.document), parent=self.window).exec()
        return reminded

    def raise_level(self, sheet_id: int) -> escalation.Raised | None:
        detail = sheet_loop.sheet_detail(self.db, sheet_id)
        form = FormDialog(self.tr("升级督办：%1 %2").replace("%1", detail.number).replace("%2", detail.unit), [
            Field("on", self.tr("升级日期"), "date", self.as_of),
            Field("new", self.tr("方式"), "choice", False, [
                (self.tr("本单提高一级（如黄色→红色）"), False), (self.tr("另发高一级的新督办单，注明原单"), True)]),
            Field("note", self.tr("升级理由"), "lines"),
        ], lambda v: escalation.raise_sheet(self.db, sheet_id, detail.version, v["on"], v["note"], v["new"]),
            self.window)
        if not form.exec():
            return None
        raised: escalation.Raised = form.result_value
        text = raised.new_sheet.number if raised.new_sheet else f"{detail.number}→{raised.level.label}色"
        self.acted.emit(self.tr("升级督办 %1").replace("%1", text), raised.action_id)
        return raised
