"""The leader's one-page 专报: air quality against its targets in a sentence or two, colours, this week's new reds and 销号, the most overdue items,
双替代, relocation stages, 散煤 relapses, 约谈 candidates, and a few sentences the clerk
writes. Always one A4 page: the list of most overdue items shortens until it fits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from aqdesk.db.database import Database
from aqdesk.db.models import SheetStep, Task
from aqdesk.domain.enums import LoopStep
from aqdesk.domain.workweek import Weeks
from aqdesk.services.common import settings, workdays
from aqdesk.services.common.saving import save_formats
from aqdesk.services.ledgers import loose_coal
from aqdesk.services.reports.air_section import air_figures, brief_sentence
from aqdesk.services.reports.overview import overview
from aqdesk.services.supervision import summons
from aqdesk.services.supervision.sheet_items import all_items

MOST_OVERDUE = 5
NAMED = 2  # units named among this week's new reds; a page has no room for a dozen
CIRCLED = "①②③④⑤"


@dataclass(frozen=True)
class Brief:
    as_of: dt.date
    title: str
    note: str  # the clerk's sentences
    air: str  # the air-quality sentences it opens with; "" without figures
    paragraphs: tuple[str, ...]
    overdue: tuple[str, ...]
    signature: str

    def _parts(self, overdue: int) -> list[tuple[str, list[str]]]:
        shown = "；".join(f"{CIRCLED[i]}{text}" for i, text in enumerate(self.overdue[:overdue]))
        body = [*([self.air] if self.air else []), *self.paragraphs[:2], f"逾期最久：{shown}。" if shown else "逾期最久：无。", *self.paragraphs[2:]]
        return [("", body)]

    def _fitting(self) -> int:
        from aqdesk.exchange.pdf.listing import page_count  # reportlab: not at start-up
        for n in range(min(MOST_OVERDUE, len(self.overdue)), 0, -1):
            if page_count(self.title, self.note, self._parts(n), self.signature, self.as_of, numbered=False) == 1:
                return n
        return 0

    def pdf(self) -> bytes:
        from aqdesk.exchange.pdf.listing import render_parts  # reportlab: not at start-up
        return render_parts(self.title, self.note, self._parts(self._fitting()), self.signature, self.as_of,
                            numbered=False)

    def docx(self) -> bytes:
        """The Word draft, with as many overdue items as the PDF's one page holds."""
        # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
        from aqdesk.exchange.docx.listing import write_parts

        return write_parts(self.title, self.note, self._parts(self._fitting()), self.signature, self.as_of,
                           numbered=False)

    def as_text(self) -> str:
        return "\n".join([self.title, self.note, *self._parts(MOST_OVERDUE)[0][1]]) + "\n"


def default_note(as_of: dt.date, red_tasks: int, new_red: int) -> str:
    return (f"截至{as_of.month}月{as_of.day}日，全市重点任务逾期{red_tasks}项，本周新增逾期{new_red}项。"
            "已逐项交办督办，建议对逾期较多的单位加大调度力度。")


def brief(db: Database, as_of: dt.date, note: str | None = None) -> Brief:
    data = overview(db, as_of)
    items = [i for i in all_items(db, as_of) if i.open and i.kind != "enterprise"]
    with db.reading() as session:
        weeks = Weeks.around(as_of, workdays.load(session))
        office = settings.load(session).office
        closed = session.scalar(select(func.count()).select_from(SheetStep).where(
            SheetStep.step == LoopStep.CLOSED.value, SheetStep.on_date.between(weeks.start, as_of)))
        finished = session.scalar(select(func.count()).select_from(Task).where(
            Task.done_on.between(weeks.start, as_of)))
    new_red = [i for i in items if weeks.newly_red(i.deadline)]
    t, m, w, s = data.tasks, data.milestones, data.townships, data.sheets
    colours = (f"预警情况：重点任务红{t.red}项、黄{t.yellow}项、绿{t.green}项；退城入园节点红{m.red}个、黄{m.yellow}个；"
               f"双替代乡镇红{w.red}个、黄{w.yellow}个；督办单红{s.red}件、黄{s.yellow}件。")
    units = list(dict.fromkeys(i.unit for i in new_red))
    names = "、".join(units[:NAMED]) + (f"等{len(units)}个单位" if len(units) > NAMED else "")
    week = (f"本周变化：新增逾期{len(new_red)}项" + (f"（{names}）" if names else "")
            + f"；销号督办单{closed}件，完成重点任务{finished}项。")
    overdue = tuple(f"{i.label}（{i.unit}）逾期{i.days_overdue}天" for i in data.most_overdue[:MOST_OVERDUE])
    substitution = "、".join(f"{kind}完成{h.percent or 0:.1f}%" for kind, h in data.households.items() if kind)
    stages = "、".join(f"{stage}{n}家" for stage, n in data.stages.items() if n)
    coal = _relapse_text(db, as_of)
    candidates = "、".join(r.unit for r in summons.summons_list(db, as_of).rows)
    # one paragraph, so a short last line is not spent twice on a page with no line to spare
    others = (f"双替代：{substitution or '无任务'}。退城入园：{stages or '无企业'}。{coal}约谈建议：{candidates or '暂无'}。",)
    return Brief(as_of, f"大气污染防治工作专报（{as_of.month}月{as_of.day}日）",
                 note if note is not None else default_note(as_of, t.red, len(new_red)), _air_text(db, as_of),
                 (colours, week, *others), overdue, office.name)


def _air_text(db: Database, as_of: dt.date) -> str:
    air = air_figures(db, as_of)
    return brief_sentence(air) if air else ""


def _relapse_text(db: Database, as_of: dt.date) -> str:
    relapsed = [(c.county, c.relapse_points) for c in loose_coal.county_rows(db, as_of) if c.relapse_points]
    if not relapsed:
        return "散煤：未发现反弹。"
    return "散煤：" + "、".join(f"{county}反弹{n}处" for county, n in relapsed) + "。"


def save_brief_pdf(result: Brief, path: Path, formats: Sequence[str] = ("pdf",)) -> Path:
    """Write it beside ``path`` in each format; returns the first file."""
    return save_formats(path, formats, {"pdf": result.pdf, "docx": result.docx})[0]

