"""发文登记: every number given, per year, with its reply; reprint, record a reply, void a
number, and start a series part-way through a year."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from aqdesk.domain.enums import Color
from aqdesk.services.common import settings
from aqdesk.services.supervision import register
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.pages.followup.record_tab import RecordTab


class RegisterTab(RecordTab):
    headers = ("文号", "类别", "成文日期", "单位", "标题", "回复时限", "回复情况", "文件", "登记人")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload() if self.db else None)
        self.top.addWidget(QLabel(self.tr("年度")))
        self.top.addWidget(self.year_combo)
        self.top.addStretch(1)
        self.reprint_button = self.button(self.tr("原样重印…"), self.reprint)
        self.reply_button = self.button(self.tr("登记回复…"), self.record_reply)
        self.void_button = self.button(self.tr("作废文号…"), self.void)
        self.bar.addStretch(1)
        self.button(self.tr("设定起始号…"), self.start_series, needs_row=False)

    def reload(self) -> None:
        years = register.register_years(self.database) or [self.as_of.year]
        chosen = self.year_combo.currentData() or years[0]
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        self.year_combo.blockSignals(False)
        rows = register.register_rows(self.database, self.year_combo.currentData())
        self.show_rows([(r, [r.number, r.kind.label, r.issued_on.isoformat(), r.unit or "—", r.title,
                             r.reply_due.isoformat() if r.reply_due else "",
                             self.tr("逾期未回复") if r.awaiting_reply(self.as_of) else r.state, r.file_name, r.recorded_by],
                         Color.RED if r.awaiting_reply(self.as_of) else None) for r in rows])
        late = sum(r.awaiting_reply(self.as_of) for r in rows)
        voided = sum(r.voided for r in rows)
        self.note.setText(self.tr("共 %1 件；超过回复时限未回复 %2 件（红色）；作废 %3 件（作废的文号不再使用）")
                          .replace("%1", str(len(rows))).replace("%2", str(late)).replace("%3", str(voided)))

    def select_letter(self, letter_id: int) -> bool:
        """Show the letter's year and select its row; False when the register has no such letter."""
        for index in [self.year_combo.currentIndex(), *range(self.year_combo.count())]:
            if index != self.year_combo.currentIndex():
                self.year_combo.setCurrentIndex(index)  # reloads the register of that year
            if self.select(lambda row: row.id == letter_id):
                return True
        return False

    def reprint(self) -> None:
        row = self.current()
        data = self.attempt(lambda: register.reprint(self.database, row.id))
        self.preview(self.tr("原样重印 %1").replace("%1", row.number), data, row.file_name or f"{row.number}.pdf")

    def record_reply(self) -> None:
        row = self.current()
        FormDialog(self.tr("登记回复：%1").replace("%1", row.number),
                   [Field("on", self.tr("收到回复日期"), "date", self.as_of)],
                   lambda v: self.done(self.tr("登记回复 %1").replace("%1", row.number),
                                       register.record_reply(self.database, row.id, v["on"])), self).exec()

    def void(self) -> None:
        row = self.current()
        FormDialog(self.tr("作废文号：%1").replace("%1", row.number), [
            Field("on", self.tr("作废日期"), "date", self.as_of),
            Field("reason", self.tr("作废原因"), hint=self.tr("如：单位名称有误，重新发文")),
        ], lambda v: self.done(self.tr("作废 %1").replace("%1", row.number),
                               register.void_number(self.database, row.id, v["on"], v["reason"])), self).exec()

    def start_series(self) -> None:
        with self.database.reading() as session:
            values = settings.load(session)
        series = [values.letter.series, values.sheet.series, values.reminder.series, values.summons.series]
        FormDialog(self.tr("设定起始号（年中启用本程序时）"), [
            Field("series", self.tr("发文机关代字"), "choice", series[0], [(s, s) for s in series]),
            Field("year", self.tr("年度"), "int", self.as_of.year),
            Field("first", self.tr("本程序给出的第一个号"), "int", 1),
        ], lambda v: self.done(self.tr("设定起始号"), register.start_series(self.database, v["series"], v["year"],
                                                                        v["first"])), self).exec()
