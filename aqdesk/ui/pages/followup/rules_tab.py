"""The office's rules: which counts call for a 督办函, a 催办 or a place on the 约谈 list; the
office changes the numbers and switches rules on or off, and sees which units each rule
puts on a list today."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from aqdesk.domain.followup import RuleAction, RuleKind
from aqdesk.services.supervision import rules, summons
from aqdesk.ui.dialogs.common import fill, table
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.pages.followup.record_tab import RecordTab


class RulesTab(RecordTab):
    headers = ("启用", "规则", "处理", "目前达到的单位")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits = table([self.tr("单位"), self.tr("处理"), self.tr("达到的规则和依据")])
        self.layout().insertWidget(2, QLabel(self.tr("按规则今日应处理的单位（每个单位所触发的规则）")))
        self.layout().insertWidget(3, self.hits)
        self.button(self.tr("修改规则…"), self.edit)
        self.button(self.tr("新增规则…"), lambda: self.edit(new=True), needs_row=False)
        self.bar.addStretch(1)
        self.button(self.tr("约谈建议名单…"), self.summons_list, needs_row=False)

    def reload(self) -> None:
        hits = rules.evaluate(self.database, self.as_of)
        self.show_rows([(r, ["是" if r.enabled else "否", r.condition, r.action.label,
                             "、".join(h.unit for h in hits if h.rule.id == r.id)], None) for r in rules.rules(self.database)])
        fill(self.hits, [[h.unit, h.rule.action.label, h.reason] for h in
                         sorted(hits, key=lambda h: (list(RuleAction).index(h.rule.action), h.unit))])
        self.note.setText(self.tr("规则由本办设定：数量、统计天数和处理方式均可修改，停用的规则不再提出建议。"))

    def edit(self, new: bool = False) -> None:
        rule = None if new else self.current()
        FormDialog(self.tr("新增规则") if new else self.tr("修改规则"), [
            Field("kind", self.tr("统计内容"), "choice", rule.kind if rule else RuleKind.LATE_SHEETS,
                  [(k.label, k) for k in RuleKind]),
            Field("threshold", self.tr("达到（件、次或工作日）"), "int", rule.threshold if rule else 2),
            Field("window", self.tr("统计最近（天）"), "int", rule.window_days if rule else 90),
            Field("action", self.tr("处理"), "choice", rule.action if rule else RuleAction.SUMMONS,
                  [(a.label, a) for a in RuleAction]),
            Field("enabled", self.tr("启用"), "bool", rule.enabled if rule else True, hint=self.tr("启用该规则")),
        ], lambda v: self.done(self.tr("修改规则"), rules.save_rule(
            self.database, rule.id if rule else None, v["kind"], v["threshold"], v["window"], v["action"], v["enabled"])),
            self).exec()

    def summons_list(self) -> None:
        self.preview(self.tr("约谈建议名单"), self.attempt(lambda: summons.summons_pdf(self.database, self.as_of)),
                     f"约谈建议名单（{self.as_of.isoformat()}）.pdf")
