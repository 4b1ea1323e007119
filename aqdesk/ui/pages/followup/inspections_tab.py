"""督查、巡查、暗查暗访、专项督察: each problem found, the unit that answers for it and its
deadline (coloured as any item, and offered when a sheet is issued), with counts by 问题来源."""

from __future__ import annotations

import datetime as dt

from aqdesk.domain.followup import InspectionKind, ProblemSource
from aqdesk.errors import UserError
from aqdesk.services.common.warning_colours import Assessor
from aqdesk.services.supervision import inspections
from aqdesk.ui.dialogs.form_dialog import Field, FormDialog
from aqdesk.ui.pages.followup.record_tab import RecordTab


class InspectionsTab(RecordTab):
    headers = ("日期", "方式", "问题来源", "责任单位", "整改时限", "整改情况", "督办单", "督查组", "地点", "发现问题")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.button(self.tr("登记督查…"), self.add, needs_row=False)
        self.button(self.tr("问题已整改…"), self.complete)
        self.bar.addStretch(1)

    def reload(self) -> None:
        with self.database.reading() as session:
            assessor = Assessor.load(session, self.as_of)
        rows = []
        for i in inspections.inspection_rows(self.database):
            for f in i.findings:
                w = assessor.milestone_dates(f.deadline, f.done_on)
                rows.append((f, [i.on_date.isoformat(), i.kind.label, i.source.label, f.unit,
                                 f.deadline.isoformat() if f.deadline else "",
                                 f"{f.done_on:%Y-%m-%d} 已整改" if f.done_on else w.reason, f.sheet, i.team, i.places,
                                 f.text], w.color if f.deadline else None))
        self.show_rows(rows)
        counts = inspections.counts_by_source(self.database, self.as_of.year)
        self.note.setText(self.tr("%1年按问题来源：").replace("%1", str(self.as_of.year)) + (
            "；".join(f"{s.label} 发现问题{found}个、督办单{sheets}件" for s, found, sheets in counts) or self.tr("无")))

    def add(self) -> None:
        FormDialog(self.tr("登记督查"), [
            Field("kind", self.tr("方式"), "choice", InspectionKind.SUPERVISION, [(k.label, k) for k in InspectionKind]),
            Field("source", self.tr("问题来源"), "choice", ProblemSource.CITY_PATROL, [(s.label, s) for s in ProblemSource]),
            Field("on", self.tr("日期"), "date", self.as_of),
            Field("team", self.tr("督查组")),
            Field("places", self.tr("地点")),
            Field("findings", self.tr("发现问题"), "lines",
                  hint=self.tr("每行一个：责任单位：问题：整改时限（如 东城区：工地裸土未覆盖：2026-12-01）")),
        ], lambda v: self._save(v), self).exec()

    def _save(self, v: dict) -> None:
        findings = []
        for n, line in enumerate(v["findings"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace(":", "：").split("：")]
            if len(parts) < 2:
                raise UserError(f"发现问题第{n}行应写作“责任单位：问题：整改时限”，而不是“{line.strip()}”")
            deadline = None
            if len(parts) > 2 and parts[-1]:
                try:
                    deadline = dt.date.fromisoformat(parts[-1])
                except ValueError:
                    raise UserError(f"发现问题第{n}行的整改时限“{parts[-1]}”不是 YYYY-MM-DD 日期") from None
            findings.append(inspections.FindingInput(parts[0], "：".join(parts[1:-1] if len(parts) > 2 else parts[1:]),
                                                     deadline))
        _id, action = inspections.record_inspection(self.database, kind=v["kind"], on_date=v["on"], team=v["team"],
                                                    places=v["places"], source=v["source"], findings=findings)
        self.done(self.tr("登记督查"), action)

    def complete(self) -> None:
        finding = self.current()
        FormDialog(self.tr("问题已整改"), [Field("on", self.tr("整改完成日期"), "date", self.as_of)],
                   lambda v: self.done(self.tr("问题已整改"), inspections.complete_finding(self.database, finding.id, v["on"])),
                   self).exec()
