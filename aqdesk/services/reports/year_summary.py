"""The year-end summary (年度工作汇总) of a plan year: how its tasks ended, the 双替代 season's
households, where the relocation programme stands, and the supervision it took."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from aqdesk.db.database import Database
from aqdesk.db.models import Accountability, Letter, SummonsRecord, SupervisionSheet, Task
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import DeadlineKind, LoopStep, TaskStatus
from aqdesk.domain.substitution import CITY, Households
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import settings, years
from aqdesk.services.ledgers import relocation, substitution


@dataclass(frozen=True)
class YearSummary:
    year: int
    as_of: dt.date
    on_time: int
    late: int
    not_done: int
    standing: int  # 长期坚持, monthly and quarterly tasks, which are never "done"
    households: dict[str, Households]  # by kind label
    stages: dict[str, int]
    sheets: int
    sheets_closed: int
    letters: int
    summons: int  # 约谈 held in the year
    accountability: int  # people held to account by decisions of the year

    def lines(self) -> list[str]:
        done = self.on_time + self.late
        lines = [f"重点任务：共完成{done}项，其中按期完成{self.on_time}项、逾期完成{self.late}项；"
                 f"未完成{self.not_done}项；长期坚持、按月或按季度推进的任务{self.standing}项。"]
        for kind, h in self.households.items():
            percent = f"{100 * h.completed / h.target:.1f}%" if h.target else "—"
            lines.append(f"{kind}：任务{h.target}户，已完成{h.completed}户（{percent}），已验收{h.accepted}户。")
        if any(self.stages.values()):
            lines.append("退城入园：" + "，".join(f"{stage}{n}家" for stage, n in self.stages.items() if n) + "。")
        lines.append(f"三色督办单：交办{self.sheets}件，已销号{self.sheets_closed}件，"
                     f"未销号{self.sheets - self.sheets_closed}件；督办函{self.letters}件。")
        lines.append(f"约谈、问责：约谈{self.summons}次，问责{self.accountability}人。")
        return lines


def year_summary(db: Database, year: int, as_of: dt.date | None = None) -> YearSummary:
    # a year still running is summed up as of today, and the paper is not dated ahead
    as_of = as_of or min(dt.date.today(), dt.date(year, 12, 31))
    with db.reading() as session:
        on_time = late = not_done = standing = 0
        for task in session.scalars(select(Task).where(Task.plan_year == year)):
            if task.deadline_kind != DeadlineKind.DATE.value:
                standing += 1
            elif task.status != TaskStatus.DONE.value:
                not_done += 1
            elif task.deadline and task.done_on and task.done_on > task.deadline:
                late += 1
            else:
                on_time += 1
        sheets = session.scalars(select(SupervisionSheet).where(SupervisionSheet.year == year)).all()
        letters = session.scalar(select(func.count()).select_from(Letter).where(Letter.year == year))
        if year not in years.known_years(session):
            raise UserError(f"没有{year}年度的计划或记录，请检查年度。")
        summons = session.scalar(select(func.count()).select_from(SummonsRecord).where(
            SummonsRecord.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))))
        accountability = session.scalar(select(func.count()).select_from(Accountability).where(
            Accountability.decided_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))))
    towns = substitution.totals(substitution.township_rows(db, as_of, year))
    return YearSummary(
        year=year, as_of=as_of, on_time=on_time, late=late, not_done=not_done, standing=standing,
        households={kind: h for (county, kind), h in towns.items() if county == CITY and kind},
        stages=relocation.stage_counts(relocation.enterprise_rows(db, as_of, year)),
        sheets=len(sheets), sheets_closed=sum(s.state == LoopStep.CLOSED.value for s in sheets), letters=letters,
        summons=summons, accountability=accountability,
    )


def summary_pdf(db: Database, year: int, as_of: dt.date | None = None) -> bytes:
    summary = year_summary(db, year, as_of)
    with db.reading() as session:
        office = settings.load(session).office
    intro = f"截至{chinese_date(summary.as_of)}，{office.city}{year}年度大气污染防治重点工作完成情况汇总如下："
    return render_listing(f"{year}年度大气污染防治工作汇总", intro, summary.lines(), office.name,
                          summary.as_of)


def save_summary_pdf(db: Database, year: int, path: Path, as_of: dt.date | None = None) -> Path:
    return atomic.write_bytes(Path(path), summary_pdf(db, year, as_of))

