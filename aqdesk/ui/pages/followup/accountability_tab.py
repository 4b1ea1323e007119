"""问责: who was held to account, for what, how and by whom, with the counts by year the
year-end summary needs."""

from __future__ import annotations

from aqdesk.domain.followup import AccountabilityKind
from aqdesk.services.common.units import unit_names
from aqdesk.services.supervision import accountability
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.pages.followup.record_tab import RecordTab


class AccountabilityTab(RecordTab):
    headers = ("决定日期", "被问责人", "单位", "职务", "问责方式", "问责事由", "决定机关", "文号", "登记人")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.button(self.tr("登记问责…"), self.add, needs_row=False)
        self.bar.addStretch(1)

    def reload(self) -> None:
        rows = accountability.accountability_rows(self.database)
        self.show_rows([(a, [a.decided_on.isoformat(), a.person, a.unit, a.post, a.kind.label, a.matter,
                             a.decided_by, a.doc_ref, a.recorded_by], None) for a in rows])
        counts = accountability.counts_by_year(self.database)
        self.note.setText("；".join(c.sentence for c in counts) or self.tr("还没有问责记录。"))

    def add(self) -> None:
        FormDialog(self.tr("登记问责"), [
            Field("person", self.tr("被问责人")),
            Field("unit", self.tr("单位"), "choice", None, [(n, n) for n in unit_names(self.database, include_townships=True)]),
            Field("post", self.tr("职务")),
            Field("matter", self.tr("问责事由"), "lines"),
            Field("kind", self.tr("问责方式"), "choice", AccountabilityKind.WARNING_TALK,
                  [(k.label, k) for k in AccountabilityKind]),
            Field("decided_by", self.tr("决定机关"), hint=self.tr("如：县纪委监委")),
            Field("decided_on", self.tr("决定日期"), "date", self.as_of),
            Field("doc_ref", self.tr("决定文号")),
        ], lambda v: self.done(self.tr("问责 %1").replace("%1", v["person"]), accountability.record_accountability(
            self.database, person=v["person"], unit=v["unit"], post=v["post"], matter=v["matter"], kind=v["kind"],
            decided_by=v["decided_by"], decided_on=v["decided_on"], doc_ref=v["doc_ref"])), self).exec()
