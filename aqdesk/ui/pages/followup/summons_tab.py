"""约谈: planned and held, who was summoned and by whom, the commitments coloured like any
item (an overdue promise turns the row red), the 约谈通知 and the 约谈记录."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QTableWidgetItem

from aqdesk.domain.docnumber import chinese_date
from aqdesk.services.common.units import unit_names
from aqdesk.services.supervision import register, summons, summons_records
from aqdesk.services.supervision.summons_records import Person
from aqdesk.ui.dialogs.common import table
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.models.rows import COLOR_FILLS
from aqdesk.ui.pages.followup.record_tab import RecordTab


class SummonsTab(RecordTab):
    headers = ("单位", "约谈情况", "整改承诺", "约谈通知", "媒体公布", "负面清单", "约谈人", "被约谈人", "约谈事项")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.commitments = table([self.tr("整改承诺"), self.tr("完成时限"), self.tr("完成情况")])
        self.commitments.setMaximumHeight(130)
        self.layout().insertWidget(2, QLabel(self.tr("选中约谈的整改承诺（逾期未完成的为红色，与台账事项一样预警）")))
        self.layout().insertWidget(3, self.commitments)
        self.table.itemSelectionChanged.connect(self._show_commitments)
        self.button(self.tr("新建约谈…"), self.plan, needs_row=False)
        self.button(self.tr("登记约谈情况…"), self.record_held)
        self.button(self.tr("添加整改承诺…"), self.add_commitment)
        self.button(self.tr("承诺已完成…"), self.complete)
        self.bar.addStretch(1)
        self.button(self.tr("约谈通知…"), self.notice)
        self.button(self.tr("约谈记录…"), self.record_pdf)

    def reload(self) -> None:
        rows = summons_records.summons_records(self.database, self.as_of)
        self.show_rows([(s, [s.unit, s.state,
                             f"{sum(c.done_on is not None for c in s.commitments)}/{len(s.commitments)} 已完成",
                             s.notice_number, "已公布" if s.published else "", "已报送" if s.reported_to_org else "",
                             s.held_by, s.people_text, s.matters],
                         s.color if s.commitments else None) for s in rows])
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        proposed = summons.summons_list(self.database, self.as_of).rows
        self.note.setText(self.tr("约谈 %1 次；按本办规则建议约谈：%2").replace("%1", str(len(rows))).replace(
            "%2", "、".join(r.unit for r in proposed) or self.tr("无")))
        self._show_commitments()

    def _show_commitments(self) -> None:
        record = self.current()
        commitments = record.commitments if record else ()
        self.commitments.setRowCount(len(commitments))
        for r, c in enumerate(commitments):
            done = f"{c.done_on:%Y-%m-%d} 已完成" if c.done_on else c.reason
            for col, text in enumerate((c.text, c.deadline.isoformat(), done)):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(COLOR_FILLS[c.color]))
                self.commitments.setItem(r, col, item)
        self.commitments.resizeColumnsToContents()

    def _form(self, title: str, record, submit) -> None:
        people = "\n".join(f"{p.name} {p.post}".strip() for p in record.people) if record else ""
        FormDialog(title, [
            Field("unit", self.tr("被约谈单位"), "choice", record.unit if record else None,
                  [(n, n) for n in unit_names(self.database)]),
            Field("planned", self.tr("计划日期"), "date", record.planned_on if record else self.as_of),
            Field("held", self.tr("约谈日期"), "maybe_date", record.held_on if record else None, hint=self.tr("已约谈"),
                  suggested=record.planned_on if record else self.as_of),
            Field("place", self.tr("地点"), default=record.place if record else ""),
            Field("held_by", self.tr("约谈人"), default=record.held_by if record else "",
                  hint=self.tr("如：市政府副市长 李明")),
            Field("people", self.tr("被约谈人"), "lines", people, hint=self.tr("每行一人：姓名 职务")),
            Field("matters", self.tr("约谈事项"), "lines", record.matters if record else ""),
            Field("reason", self.tr("约谈事由"), default=record.reason if record else ""),
            Field("published", self.tr("媒体公布"), "bool", record.published if record else False, hint=self.tr("已在媒体公布")),
            Field("reported", self.tr("负面清单"), "bool", record.reported_to_org if record else False,
                  hint=self.tr("已报组织部计入负面清单")),
        ], submit, self).exec()

    @staticmethod
    def _people(text: str) -> list[Person]:
        return [Person(*(line.split(None, 1) + [""])[:2]) for line in text.splitlines() if line.strip()]

    def _save(self, record, v) -> None:
        _id, action = summons_records.save_summons(
            self.database, record.id if record else None, record.version if record else 0, unit=v["unit"],
            planned_on=v["planned"], held_on=v["held"], place=v["place"], held_by=v["held_by"],
            people=self._people(v["people"]), matters=v["matters"], reason=v["reason"], published=v["published"],
            reported_to_org=v["reported"])
        self.done(self.tr("约谈 %1").replace("%1", v["unit"]), action)

    def plan(self) -> None:
        self._form(self.tr("新建约谈"), None, lambda v: self._save(None, v))

    def record_held(self) -> None:
        record = self.current()
        self._form(self.tr("登记约谈情况：%1").replace("%1", record.unit), record, lambda v: self._save(record, v))

    def add_commitment(self) -> None:
        record = self.current()
        FormDialog(self.tr("添加整改承诺：%1").replace("%1", record.unit), [
            Field("text", self.tr("承诺内容"), "lines"),
            Field("deadline", self.tr("完成时限"), "date", self.as_of),
        ], lambda v: self.done(self.tr("整改承诺"), summons_records.add_commitment(
            self.database, record.id, v["text"], v["deadline"])), self).exec()

    def complete(self) -> None:
        record = self.current()
        open_ones = [c for c in record.commitments if c.done_on is None]
        if not open_ones:
            self.note.setText(self.tr("该约谈没有未完成的整改承诺。"))
            return
        FormDialog(self.tr("承诺已完成"), [
            Field("id", self.tr("整改承诺"), "choice", open_ones[0].id, [(c.text, c.id) for c in open_ones]),
            Field("on", self.tr("完成日期"), "date", self.as_of),
        ], lambda v: self.done(self.tr("承诺完成"), summons_records.complete_commitment(
            self.database, v["id"], v["on"])), self).exec()

    def notice(self) -> None:
        record = self.current()
        if record.notice_number:
            row = next(r for r in register.register_rows(self.database) if r.number == record.notice_number)
            self.preview(self.tr("约谈通知 %1").replace("%1", row.number),
                         self.attempt(lambda: register.reprint(self.database, row.id)), f"{row.number}.pdf")
            return
        result = self.attempt(lambda: summons_records.issue_notice(self.database, record.id, self.as_of))
        if result is not None:
            number, data = result
            # the number is in 发文登记 now: every screen reloads (the service gives no action to undo)
            self.acted.emit(self.tr("约谈通知 %1").replace("%1", number), None)
            self.reload()
            self.preview(self.tr("约谈通知 %1（已编号并登记）").replace("%1", number), data,
                         f"{number} {record.unit}约谈通知.pdf")

    def record_pdf(self) -> None:
        record = self.current()
        self.preview(self.tr("约谈记录：%1").replace("%1", record.unit),
                     self.attempt(lambda: summons_records.record_pdf(self.database, record.id, self.as_of)),
                     f"约谈{record.unit}记录（{chinese_date(record.held_on or record.planned_on)}）.pdf")
