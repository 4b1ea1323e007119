"""催报: the units that have not sent a period's return, as a list, a 催报通知 and the text
for the WeChat work group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date
from aqdesk.services.common import settings, workdays
from aqdesk.services.common.saving import save_formats
from aqdesk.services.reports.returns import PeriodReturns, UnitReturn, returns_in

REPLY_WORKDAYS = 2  # a chased unit is given two working days to send its return


@dataclass(frozen=True)
class ChaseNotice:
    returns: PeriodReturns
    office: str
    office_short: str
    issued_on: dt.date
    reply_by: dt.date

    @property
    def missing(self) -> list[UnitReturn]:
        return self.returns.missing

    @property
    def title(self) -> str:
        return f"关于催报{self.returns.period.name}大气污染防治重点工作报表的通知"

    @property
    def intro(self) -> str:
        p = self.returns.period
        if not self.missing:
            return f"截至{chinese_date(self.issued_on)}，{p.name}报表已全部收齐。"
        return (f"按照报送要求，{p.name}报表应于{chinese_date(p.due)}前报送。截至{chinese_date(self.issued_on)}，"
                f"以下{len(self.missing)}个单位尚未报送，请于{chinese_date(self.reply_by)}前补报，逾期未报的将在通报中予以说明：")

    def entry(self, r: UnitReturn) -> str:
        contact = "，".join(x for x in (r.contact_person, r.phone) if x) or "未登记联系人"
        return f"{r.unit}（联系人：{contact}）"

    def as_text(self) -> str:
        lines = [f"【催报】{self.office_short}", self.intro]
        lines += [f"{n}. {self.entry(r)}" for n, r in enumerate(self.missing, 1)]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict:
        p = self.returns.period
        return {"period": [p.start.isoformat(), p.end.isoformat()], "due": p.due.isoformat(),
                "reply_by": self.reply_by.isoformat(),
                "units": [{"unit": r.unit, "received_on": r.received_on.isoformat() if r.received_on else None,
                           "how": r.how, "contact": r.contact_person, "phone": r.phone} for r in self.returns.rows],
                "missing": [r.unit for r in self.missing]}

    def pdf(self) -> bytes:
        from aqdesk.exchange.pdf.listing import render_listing  # reportlab: not at start-up
        return render_listing(self.title, self.intro, [self.entry(r) for r in self.missing], self.office,
                              self.issued_on)

    def docx(self) -> bytes:
        # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
        from aqdesk.exchange.docx.listing import write_listing

        return write_listing(self.title, self.intro, [self.entry(r) for r in self.missing], self.office,
                             self.issued_on)


def chase_notice(db: Database, period_day: dt.date, issued_on: dt.date) -> ChaseNotice:
    with db.reading() as session:
        values = settings.load(session).office
        returns = returns_in(session, settings.load(session).reporting_rule().period_of(period_day))
        reply_by = workdays.load(session).add_workdays(issued_on, REPLY_WORKDAYS)
    return ChaseNotice(returns, values.name, values.short_name, issued_on, reply_by)


def save_chase_pdf(notice: ChaseNotice, path: Path, formats: Sequence[str] = ("pdf",)) -> Path:
    """Write it beside ``path`` in each format; returns the first file."""
    return save_formats(path, formats, {"pdf": notice.pdf, "docx": notice.docx})[0]
