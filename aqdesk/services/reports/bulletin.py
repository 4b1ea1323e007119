"""The monthly 通报: drafted from the ledgers as of the month's end (or today, within the
month), edited in its opening and closing paragraphs, and issued — issuing takes the next
number of the office's own 通报 series and freezes the figures, so a reprint is the same
document and the next bulletin's 进位/退位 compare with what was published."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import Bulletin as StoredBulletin
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color
from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit, settings
from aqdesk.services.common.saving import save_formats
from aqdesk.services.reports.air_section import bulletin_paragraphs, figure

if TYPE_CHECKING:
    from aqdesk.exchange.pdf.bulletin import BulletinContent, Table
    from aqdesk.exchange.pdf.letter import Paragraph
from aqdesk.services.reports.bulletin_figures import gather, month_end, month_of
from aqdesk.services.supervision import numbering

NUMERALS = "一二三四五六七八九十"
ADDRESSEE = "各县（区）人民政府、开发区管委会，市直有关部门："
KINDS = (("departments", "市直部门"), ("counties", "县（区）"))


@dataclass(frozen=True)
class Bulletin:
    period: dt.date  # the month's first day
    number: str  # the issued number, or the number it would take if issued now
    issued: bool
    issued_on: dt.date
    opening: str
    closing: str
    figures: dict
    office_name: str
    office_short: str

    @property
    def month(self) -> str:
        return f"{self.period.year}年{self.period.month}月"

    @property
    def title(self) -> str:
        return f"关于{self.month}全市大气污染防治重点工作推进情况的通报"

    def content(self) -> BulletinContent:
        from aqdesk.exchange.pdf.bulletin import BulletinContent  # reportlab: not at start-up
        return BulletinContent(self.office_name, self.number, self.title, ADDRESSEE,
                               tuple(paragraphs(self)), tuple(attachments(self.figures)), self.office_name,
                               self.issued_on)

    def pdf(self) -> bytes:
        from aqdesk.exchange.pdf.bulletin import render_bulletin  # reportlab: not at start-up
        return render_bulletin(self.content())

    def docx(self) -> bytes:
        # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
        from aqdesk.exchange.docx.bulletin import write_bulletin

        return write_bulletin(self.content())

    def as_json(self) -> dict:
        return {"number": self.number, "issued": self.issued, "issued_on": self.issued_on.isoformat(),
                "title": self.title, "opening": self.opening, "closing": self.closing, "figures": self.figures}


def default_opening(period: dt.date, as_of: dt.date) -> str:
    return (f"为压紧压实大气污染防治工作责任，推动重点任务按期完成，现将{period.year}年{period.month}月全市大气污染防治"
            f"重点工作推进情况（截至{chinese_date(as_of)}）通报如下。")


DEFAULT_CLOSING = ("各县（区）、各有关部门要对照通报指出的问题，逐项明确整改措施、责任人和完成时限，逾期事项于5个工作日内"
                   "报送整改情况。对连续排名靠后、逾期事项较多的单位，市大气办将按程序提请约谈；对工作不力、"
                   "造成严重后果的，依规依纪严肃问责。")


def draft(db: Database, period_text: str, as_of: dt.date | None = None, *, opening: str | None = None,
          closing: str | None = None, issued_on: dt.date | None = None) -> Bulletin:
    """The bulletin of a month: as issued if it has been, otherwise a draft with fresh figures."""
    period = month_of(period_text)
    as_of = as_of or month_end(period)
    with db.reading() as session:
        stored = _stored(session, period)
        if stored is not None:
            return _from_stored(session, stored)
        values = settings.load(session)
        number = numbering.next_number(session, values.bulletin.series, (issued_on or as_of).year)
        previous = _previous(session, period)
    figures = gather(db, period, as_of)
    figures["office"] = {"name": values.office.name, "short_name": values.office.short_name}
    _compare(figures, previous)
    return Bulletin(period, number, False, issued_on or as_of, opening or default_opening(period, as_of),
                    closing or DEFAULT_CLOSING, figures, values.office.name, values.office.short_name)


def issue(db: Database, bulletin: Bulletin) -> tuple[Bulletin, str]:
    """Number and store a draft in one transaction; returns it as issued, and the action id."""
    if bulletin.issued:
        raise UserError(f"{bulletin.month}通报已印发（{bulletin.number}），不能重复印发；可直接重印。")
    with db.transaction() as session:
        if _stored(session, bulletin.period) is not None:
            raise UserError(f"{bulletin.month}通报刚被他人印发，请重新打开查看。")
        series = settings.load(session).bulletin.series
        seq = numbering.next_seq(session, series, bulletin.issued_on.year)
        changes = audit.ChangeSet(session)
        letter = numbering.register(changes, series, bulletin.issued_on, seq, title=bulletin.title, unit_id=None,
                                    kind=DocKind.BULLETIN)
        changes.insert(StoredBulletin(letter_id=letter.id, period=bulletin.period,
                                      as_of=dt.date.fromisoformat(bulletin.figures["as_of"]),
                                      issued_on=bulletin.issued_on, opening=bulletin.opening,
                                      closing=bulletin.closing, figures=json.dumps(bulletin.figures, ensure_ascii=False)))
        number = format_number(series, bulletin.issued_on.year, seq)
        return replace(bulletin, number=number, issued=True), changes.action_id


def save_pdf(bulletin: Bulletin, path: Path, formats: Sequence[str] = ("pdf",)) -> Path:
    """Write it beside ``path`` in each format; returns the first file."""
    return save_formats(path, formats, {"pdf": bulletin.pdf, "docx": bulletin.docx})[0]


def _stored(session: Session, period: dt.date) -> StoredBulletin | None:
    return session.scalar(select(StoredBulletin).where(StoredBulletin.period == period))


def _previous(session: Session, period: dt.date) -> dict | None:
    row = session.scalar(select(StoredBulletin).where(StoredBulletin.period < period)
                         .order_by(StoredBulletin.period.desc()).limit(1))
    if row is None:
        return None
    return {"number": row.letter.number, "figures": json.loads(row.figures)}


def _from_stored(session: Session, row: StoredBulletin) -> Bulletin:
    """Everything as published: the office's name too, as it stood then on the figures."""
    figures = json.loads(row.figures)
    office = figures.get("office", {})
    return Bulletin(row.period, row.letter.number, True, row.issued_on, row.opening, row.closing, figures,
                    office.get("name", ""), office.get("short_name", ""))


def _compare(figures: dict, previous: dict | None) -> None:
    """Each ranked unit's 进位/退位 against the previous issued bulletin, written into the
    figures so that they are frozen with them."""
    figures["compared_with"] = previous["number"] if previous else ""
    for kind, _label in KINDS:
        before = {u["unit"]: u["rank"] for u in (previous["figures"]["ranking"][kind] if previous else [])}
        for u in figures["ranking"][kind]:
            was = before.get(u["unit"])
            u["previous_rank"] = was
            u["move"] = "—" if was is None else "持平" if was == u["rank"] else (
                f"进{was - u['rank']}位" if was > u["rank"] else f"退{u['rank'] - was}位")


def paragraphs(b: Bulletin) -> list[Paragraph]:
    from aqdesk.exchange.pdf.letter import Paragraph  # reportlab: not at start-up
    f = b.figures
    t, s = f["tasks"], f["sheets"]
    out = [Paragraph(b.opening)]
    parts: list[tuple[str, list[str]]] = []
    # Bulletins issued before air figures were kept have no "air": they reprint as issued.
    air = f.get("air")
    first = 2 if air else 1  # the number of the first ranking 附件
    if air:
        parts.append(("空气质量", bulletin_paragraphs(air)))
    parts.append(("总体情况", [
        f"全市{t['total']}项重点任务中，已完成{t['done']}项，完成率{_pct(t['done'], t['total'])}；"
        f"预警红色{t['red']}项、黄色{t['yellow']}项、绿色{t['green']}项。"
        + "".join(f"{c['name']}{c['total']}项、完成{c['done']}项、逾期{c['red']}项，平均进度{c['progress']}%；"
                  for c in f["categories"]).rstrip("；") + "。"]))
    parts.append(("督办落实情况", [
        f"本月交办三色督办单{s['issued']}件（红色{s['by_level']['red']}件、黄色{s['by_level']['yellow']}件、"
        f"绿色{s['by_level']['green']}件），按时签收{s['signed_on_time']}件，按时签收率{_pct(s['signed_on_time'], s['issued'])}；"
        f"已到办理时限{s['due']}件，按时反馈{s['answered_on_time']}件，按时反馈率{_pct(s['answered_on_time'], s['due'])}；"
        f"核查退回{s['returned']}件。"]))
    sub = "；".join(f"{kind}任务{h['target']}户，已完成{h['completed']}户（{_pct(h['completed'], h['target'])}），"
                   f"已验收{h['accepted']}户" for kind, h in f["substitution"].items())
    stages = "、".join(f"{stage}{n}家" for stage, n in f["relocation"].items() if n)
    coal = f["loose_coal"]
    parts.append(("双替代、退城入园和散煤治理", [
        f"双替代：{sub or '无任务'}。退城入园：{stages or '无企业'}。"
        f"散煤治理：{'、'.join(coal['relapsed']) + '出现反弹点位' + str(coal['relapse_points']) + '个' if coal['relapse_points'] else '未发现反弹'}。"]))
    ranking_lines = []
    for kind, label in KINDS:
        ranked = f["ranking"][kind]
        if not ranked:
            continue
        top = "、".join(u["unit"] for u in ranked[:3])
        bottom = "、".join(u["unit"] for u in ranked[-3:][::-1]) if len(ranked) > 3 else ""
        ranking_lines.append(f"{label}排名前列的是{top}" + (f"，排名靠后的是{bottom}" if bottom else "")
                             + _moves(ranked) + "。")
    if ranking_lines:
        parts.append(("排名情况", ranking_lines + [f"详见附件{first}、附件{first + 1}。"]))
    red = f["red_by_unit"]
    summons = "、".join(r["unit"] for r in f["summons"])
    problems = [f"截至通报日，{len(red)}个单位有逾期未完成事项共{sum(u['count'] for u in red)}项，"
                f"其中逾期较多的是{'、'.join(u['unit'] + str(u['count']) + '项' for u in red[:5])}（详见附件{first + 2}）。"
                if red else "截至通报日，没有逾期未完成事项。"]
    if summons:
        problems.append(f"{summons}多次逾期反馈督办单，建议按程序约谈。")
    parts.append(("存在问题", problems))
    if f["commend"]:
        parts.append(("予以表扬", [f"{'、'.join(f['commend'])}工作推进有力、排名靠前且无逾期事项，予以通报表扬。"]))
    parts.append(("工作要求", [b.closing]))
    for n, (heading, texts) in enumerate(parts):
        out.append(Paragraph(f"{NUMERALS[n]}、{heading}", "heading"))
        out.extend(Paragraph(text) for text in texts)
    out.append(Paragraph(f"说明：{f['ranking']['rule']}。市直部门、县（区）分别排名；进位、退位与上期通报"
                         f"{'（' + f['compared_with'] + '）' if f.get('compared_with') else ''}相比。"))
    return out


def _moves(ranked: list[dict]) -> str:
    """The three units that rose most and the three that fell most since the last bulletin."""
    moved = [(u["previous_rank"] - u["rank"], u) for u in ranked if u.get("previous_rank") is not None]
    up = [f"{u['unit']}（{u['move']}）" for d, u in sorted(moved, key=lambda m: -m[0])[:3] if d > 0]
    down = [f"{u['unit']}（{u['move']}）" for d, u in sorted(moved, key=lambda m: m[0])[:3] if d < 0]
    text = "；".join(part for part in (f"进位较多的是{'、'.join(up)}" if up else "",
                                       f"退位较多的是{'、'.join(down)}" if down else "") if part)
    return f"；与上期通报相比，{text}" if text else ""


def attachments(f: dict) -> list[Table]:
    from aqdesk.exchange.pdf.bulletin import Table  # reportlab: not at start-up
    tables = [air_table(f["air"])] if f.get("air") else []
    for kind, label in KINDS:
        tables.append(Table(f"{label}大气污染防治重点工作排名", (
            ("排名", 0.06), ("单位", 0.24), ("得分", 0.08), ("按时完成率（%）", 0.12), ("红色事项", 0.09),
            ("红色占比（%）", 0.11), ("督办单逾期或退回", 0.12), ("缺报（期）", 0.08), ("较上期", 0.10)),
            tuple((str(u["rank"]), u["unit"], f"{u['score']:.1f}", f"{u['on_time_rate']:.1f}", str(u["red"]),
                   f"{u['red_rate']:.1f}", f"{u['late_sheets']}/{u['sheets']}",
                   f"{u['missed_periods']}", u.get("move", "—")) for u in f["ranking"][kind])))
    tables.append(Table("逾期未完成事项清单", (("序号", 0.06), ("责任单位", 0.17), ("类别", 0.12),
                                              ("事项", 0.53), ("逾期天数", 0.12)),
                        tuple(_red_rows(f["red_by_unit"]))))
    return tables


def air_table(air: dict) -> Table:
    from aqdesk.exchange.pdf.bulletin import Table  # reportlab: not at start-up
    return Table("县（区）空气质量排名", (
        ("排名", 0.07), ("县（区）", 0.13), ("优良天数率（%）", 0.13), ("目标（%）", 0.09),
        ("PM2.5（微克/立方米）", 0.13), ("目标", 0.08), ("还可超标天数", 0.11), ("形势", 0.07), ("较上月", 0.09),
        ("重污染天数", 0.10)),
        tuple((figure(c["rank"]), c["name"], figure(c["good_rate"]), figure(c["target_good_rate"]),
               figure(c["pm25"]), figure(c["target_pm25"]),
               "—" if c["budget_days"] is None else str(max(c["budget_days"], 0)),
               Color[c["color"].upper()].label, c["movement"] or "—", str(c["heavy_days"])) for c in air["counties"]))


def _red_rows(units: list[dict]) -> list[tuple[str, ...]]:
    rows = []
    for unit in units:
        for item in unit["items"]:
            rows.append((str(len(rows) + 1), unit["unit"], item["kind"], item["label"], str(item["days"])))
        if unit["count"] > len(unit["items"]):
            rows.append(("", unit["unit"], "", f"另有{unit['count'] - len(unit['items'])}项逾期事项（逾期时间较短）", ""))
    return rows


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"
