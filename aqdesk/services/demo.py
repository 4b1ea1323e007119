"""The demo office 示例市, loaded from the plain files in ``resources/demo``.

The files are written as seen on an anchor day; every date is moved by whole weeks so the
demo shows today what it showed then (red, yellow and green items, weekdays kept).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aqdesk import paths
from aqdesk.db.database import Database
from aqdesk.db.models import (
    Accountability,
    Category,
    DeadlineChange,
    Enterprise,
    Escalation,
    Inspection,
    InspectionFinding,
    Letter,
    LooseCoalReport,
    LooseCoalTarget,
    Milestone,
    SheetItem,
    SheetStep,
    SubstitutionTarget,
    SummonsCommitment,
    SummonsRecord,
    SupervisionSheet,
    Task,
    TaskProgress,
    TaskShare,
    Unit,
    UnitAlias,
)
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import (
    DeadlineKind,
    ItemKind,
    MilestoneKind,
    SubstitutionKind,
    TaskStatus,
    UnitKind,
)
from aqdesk.domain.followup import DocKind, EscalationKind
from aqdesk.domain.plan_years import year_of_dates
from aqdesk.domain.shares import means_every_county, rule_of
from aqdesk.errors import UserError
from aqdesk.services.air import demo_figures
from aqdesk.services.common import files, settings, workdays
from aqdesk.services.common.units import UnitDirectory

LOOSE_COAL_FIELDS = (
    "banned_points", "clean_coal_outlets", "clean_coal_tonnes", "inspections",
    "inferior_coal_tonnes", "cases",
)


def demo_dir() -> Path:
    return paths.resources_dir() / "demo"


def anchor_day() -> dt.date:
    return dt.date.fromisoformat(_manifest()["anchor"])


def shift_for(today: dt.date) -> dt.timedelta:
    """Whole weeks from the anchor day to ``today``."""
    return dt.timedelta(weeks=round((today - anchor_day()).days / 7))


def is_empty(db: Database) -> bool:
    with db.reading() as session:
        return _is_empty(session)


def _is_empty(session: Session) -> bool:
    return not any(session.scalar(select(func.count()).select_from(m)) for m in (Unit, Task, Enterprise))


def load_demo(db: Database, today: dt.date | None = None) -> None:
    """Load the demo office into an empty database, in one transaction."""
    shift = shift_for(today or dt.date.today())
    with db.transaction() as session:
        if not _is_empty(session):
            raise UserError("数据库中已有数据，演示数据只能载入空数据库。请使用 --db 指定一个新的数据库文件。")
        workdays.seed_if_empty(session)
        _Loader(session, shift).run()
        manifest = _manifest()
        for key in ("office.name", "office.short_name", "office.city"):
            settings.put(session, key, manifest[key])


def _manifest() -> dict:
    return json.loads((demo_dir() / "demo.json").read_text(encoding="utf-8"))


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (demo_dir() / name).open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


class _Loader:
    def __init__(self, session: Session, shift: dt.timedelta):
        self.s = session
        self.shift = shift

    def date(self, text: str) -> dt.date | None:
        return dt.date.fromisoformat(text) + self.shift if text.strip() else None

    def run(self) -> None:
        # one plan, whose few tasks due next spring are still this year's
        self.year = year_of_dates(self.date(row["deadline"]) for row in _rows("tasks.csv")
                                  if not DeadlineKind.from_label(row["deadline"]))
        self.units()
        self.units_by_name = UnitDirectory(self.s)
        self.tasks()
        self.shares()
        self.enterprises()
        self.postponements()
        self.substitution()
        self.loose_coal()
        self.sheets()
        demo_figures.load(self.s, {u.name: u.id for u in self.s.scalars(
            select(Unit).where(Unit.kind == UnitKind.COUNTY).order_by(Unit.sort_order))}, anchor_day() + self.shift)
        DemoFollowUp(self, json.loads((demo_dir() / "followup.json").read_text(encoding="utf-8"))).run()

    def unit(self, name: str) -> int:
        unit_id = self.units_by_name.find(name)
        if unit_id is None:
            raise ValueError(f"demo data names an unknown unit: {name}")
        return unit_id

    def units(self) -> None:
        by_name: dict[str, Unit] = {}
        for order, row in enumerate(_rows("units.csv")):
            unit = Unit(
                name=row["name"], kind=UnitKind.from_label(row["kind"]).value,
                leader=row["leader"], contact_person=row["contact"], phone=row["phone"], sort_order=order,
                parent=by_name[row["parent"]] if row["parent"] else None,
                aliases=[UnitAlias(alias=a) for a in row["aliases"].split("|") if a],
            )
            by_name[unit.name] = unit
            self.s.add(unit)
        self.s.flush()

    def tasks(self) -> None:
        categories = {}
        for row in _rows("categories.csv"):
            categories[row["code"]] = Category(code=int(row["code"]), name=row["name"])
            self.s.add(categories[row["code"]])
        reports: dict[str, list[TaskProgress]] = {}
        for row in _rows("task_progress.csv"):
            reports.setdefault(row["number"], []).append(TaskProgress(
                period=self.date(row["period"]), reported_on=self.date(row["reported_on"]),
                progress_pct=int(row["progress"]), text=row["text"],
                problems=row["problems"], next_steps=row["next_steps"],
            ))
        units = self.s.get
        self.tasks_by_number: dict[str, Task] = {}
        for row in _rows("tasks.csv"):
            kind = DeadlineKind.from_label(row["deadline"]) or DeadlineKind.DATE
            progress = int(row["progress"])
            history = reports.get(row["number"], [])
            task = Task(
                plan_year=self.year, number=row["number"], category=categories[row["category"]], title=row["title"],
                target=row["target"], lead_unit_id=self.unit(row["lead"]), leader=row["leader"],
                start_date=self.date(row["start"]), deadline_kind=kind.value,
                deadline=self.date(row["deadline"]) if kind is DeadlineKind.DATE else None,
                status=(TaskStatus.DONE if row["done_on"] else
                        TaskStatus.IN_PROGRESS if progress else TaskStatus.NOT_STARTED).value,
                progress_pct=progress, done_on=self.date(row["done_on"]),
                latest_progress=row["latest"], problems=row["problems"],
                next_steps=row["next_steps"],
                last_reported_on=max((r.reported_on for r in history), default=None),
                cooperators=[units(Unit, self.unit(n)) for n in _split(row["cooperating"], "、")],
                reports=history,
            )
            self.tasks_by_number[task.number] = task
            self.s.add(task)

    def shares(self) -> None:
        """Shared duties; the row for 全部县区 gives every county a share, the rows after it set
        some counties' own figures."""
        counties = [u.id for u in self.s.scalars(select(Unit).where(Unit.kind == UnitKind.COUNTY.value)
                                                 .order_by(Unit.sort_order))]
        shares: dict[tuple[str, int], TaskShare] = {}
        for row in _rows("task_shares.csv"):
            task = self.tasks_by_number[row["number"]]
            task.share_rule = rule_of(row["rule"])
            task.shares_needed = int(row["needed"]) if row["needed"] else None
            units = counties if means_every_county(row["unit"]) else [self.unit(row["unit"])]
            for unit_id in units:
                share = shares.get((task.number, unit_id))
                if share is None:
                    share = shares[(task.number, unit_id)] = TaskShare(unit_id=unit_id, target="", latest_progress="",
                                                                       problems="", next_steps="")
                    task.shares.append(share)
                progress, done_on = int(row["progress"]), self.date(row["done_on"])
                share.deadline = self.date(row["deadline"])
                share.progress_pct, share.done_on, share.latest_progress = progress, done_on, row["latest"]
                share.status = TaskStatus.DONE if done_on else TaskStatus.IN_PROGRESS
                share.last_reported_on = self.date("2026-11-20")

    def enterprises(self) -> None:
        self.milestones: dict[tuple[str, str], Milestone] = {}
        self.enterprises_by_code: dict[str, Enterprise] = {}
        for row in _rows("enterprises.csv"):
            enterprise = Enterprise(
                name=row["name"], credit_code=row["credit_code"] or None,
                county_id=self.unit(row["county"]), industry=row["industry"],
                original_site=row["original_site"], park=row["park"], problems=row["problems"],
                first_year=self.year,
            )
            for seq, kind in enumerate(MilestoneKind):
                milestone = Milestone(
                    kind=kind.value, seq=seq, planned_date=self.date(row[f"{kind.value}_planned"]),
                    actual_date=self.date(row[f"{kind.value}_actual"]),
                )
                enterprise.milestones.append(milestone)
                self.milestones[(row["credit_code"], kind.value)] = milestone
            self.enterprises_by_code[row["credit_code"]] = enterprise
            self.s.add(enterprise)
        self.s.flush()

    def postponements(self) -> None:
        for row in _rows("deadline_changes.csv"):
            change = DeadlineChange(
                old_date=self.date(row["old"]), new_date=self.date(row["new"]),
                reason=row["reason"], changed_on=self.date(row["changed_on"]),
            )
            if row["kind"] == "task":
                change.task_id = self.tasks_by_number[row["key"]].id
            else:
                change.milestone_id = self.milestones[(row["key"], row["milestone"])].id
            self.s.add(change)

    def substitution(self) -> None:
        for row in _rows("substitution.csv"):
            self.s.add(SubstitutionTarget(
                township_id=self.unit(row["township"]),
                kind=SubstitutionKind.from_label(row["kind"]).value,
                target_households=int(row["target"]), completed=int(row["completed"]),
                accepted=int(row["accepted"]), deadline=self.date(row["deadline"]),
            ))

    def loose_coal(self) -> None:
        year = (anchor_day() + self.shift).year
        for row in _rows("loose_coal_targets.csv"):
            self.s.add(LooseCoalTarget(
                county_id=self.unit(row["county"]), year=year,
                **{f: float(row[f]) for f in LOOSE_COAL_FIELDS},
            ))
        for row in _rows("loose_coal.csv"):
            self.s.add(LooseCoalReport(
                county_id=self.unit(row["county"]), period=self.date(row["period"]),
                relapse_points=int(row["relapse_points"]),
                **{f: float(row[f]) for f in LOOSE_COAL_FIELDS},
            ))

    def sheets(self) -> None:
        self.sheets_by_number: dict[str, SupervisionSheet] = {}
        steps: dict[str, list[SheetStep]] = {}
        for row in _rows("sheet_steps.csv"):
            steps.setdefault(row["number"], []).append(
                SheetStep(step=row["step"], on_date=self.date(row["date"]), note=row["note"])
            )
        for row in _rows("sheets.csv"):
            issued, deadline = self.date(row["issued"]), self.date(row["deadline"])
            self.sheets_by_number[row["number"]] = sheet = SupervisionSheet(
                number=row["number"], level=row["level"], unit_id=self.unit(row["unit"]),
                subject=row["subject"], requirement=row["requirement"], issued_on=issued,
                deadline=deadline, day_kind=row["day_kind"], state=row["state"],
                items=[self.sheet_item(key) for key in _split(row["items"], "|")],
                steps=steps.get(row["number"], []),
            )
            self.s.add(sheet)
        self.s.flush()
        for sheet in self.sheets_by_number.values():  # the register holds every number given
            series, seq = sheet.number.split("〔")[0], int(sheet.number.split("〕")[1].rstrip("号"))
            self.s.add(Letter(series=series, year=sheet.issued_on.year, seq=seq, number=sheet.number,
                              unit_id=sheet.unit_id, sheet_id=sheet.id, title=sheet.subject, issued_on=sheet.issued_on,
                              kind=DocKind.SHEET.value))

    def sheet_item(self, key: str) -> SheetItem:
        if key in self.tasks_by_number:
            task = self.tasks_by_number[key]
            return SheetItem(item_kind=ItemKind.TASK, item_id=task.id, label=f"{task.number} {task.title}")
        enterprise = self.enterprises_by_code[key]
        return SheetItem(item_kind=ItemKind.ENTERPRISE, item_id=enterprise.id, label=enterprise.name)


class DemoFollowUp:
    """What followed the demo's sheets: letters (one unanswered, one voided), a 催办, an
    升级督办, two 约谈 (one held, one of its commitments overdue), 问责 and inspections."""

    def __init__(self, loader: _Loader, data: dict):
        self.loader, self.s, self.data = loader, loader.s, data
        self.office = {k: v for k, v in _manifest().items() if k.startswith("office.")}

    def date(self, text: str) -> dt.date | None:
        return self.loader.date(text)

    def text(self, body: str) -> str:
        """Dates in a document's text are written ``{2026-11-16}``, so they move with the demo."""
        return re.sub(r"\{(\d{4}-\d{2}-\d{2})\}", lambda m: chinese_date(self.date(m.group(1))), body)

    def letter(self, kind: DocKind, series: str, seq: int, unit_id: int, issued: dt.date, title: str,
               body: list[str], **extra) -> Letter:
        # the PDF machinery loads only when a demo office is built, not each time one is opened
        from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter

        number = format_number(series, issued.year, seq)
        document = render_letter(LetterContent(
            office_name=self.office["office.name"], number=number, title=title,
            addressee=f"{self.s.get(Unit, unit_id).name}：", paragraphs=tuple(Paragraph(self.text(p)) for p in body),
            signature=self.office["office.name"], date=issued))
        letter = Letter(series=series, year=issued.year, seq=seq, number=number, unit_id=unit_id, title=title,
                        issued_on=issued, kind=kind.value, document_sha256=files.keep(self.s, document),
                        file_name=f"{number} {self.s.get(Unit, unit_id).name}{kind.label}.pdf", **extra)
        self.s.add(letter)
        self.s.flush()
        return letter

    def run(self) -> None:
        for row in self.data["letters"]:
            self.letter(DocKind(row["kind"]), row["series"], row["seq"], self.loader.unit(row["unit"]),
                        self.date(row["issued"]), row["title"], row["body"], reply_due=self.date(row["reply_due"]),
                        replied_on=self.date(row["replied"]), voided_on=self.date(row.get("voided", "")),
                        void_reason=row.get("void_reason", ""))
        sheets = self.loader.sheets_by_number
        for row in self.data["reminders"]:
            sheet = sheets[row["sheet"]]
            on = self.date(row["date"])
            letter = self.letter(DocKind.REMINDER, row["series"], row["seq"], sheet.unit_id, on,
                                 f"关于催办{sheet.number}督办单的函", row["body"], sheet_id=sheet.id,
                                 reply_due=self.date(row["reply_due"]))
            self.s.add(Escalation(sheet_id=sheet.id, kind=EscalationKind.REMIND.value, on_date=on,
                                  from_level=sheet.level, to_level=sheet.level, letter_id=letter.id,
                                  note=f"{letter.number}，限{letter.reply_due.isoformat()}前反馈"))
        for row in self.data["raises"]:
            self.s.add(Escalation(sheet_id=sheets[row["sheet"]].id, kind=EscalationKind.RAISE.value,
                                  on_date=self.date(row["date"]), from_level=row["from"], to_level=row["to"],
                                  note=row["note"]))
        for row in self.data["summons"]:
            unit_id = self.loader.unit(row["unit"])
            notice = row.get("notice")
            letter = self.letter(DocKind.SUMMONS_NOTICE, notice["series"], notice["seq"], unit_id,
                                 self.date(notice["issued"]), f"关于约谈{row['unit']}的通知", notice["body"]) \
                if notice else None
            self.s.add(SummonsRecord(
                unit_id=unit_id, planned_on=self.date(row["planned"]), held_on=self.date(row["held"]),
                place=row["place"], held_by=row["held_by"], people="\n".join("|".join(p) for p in row["people"]),
                matters=row["matters"], reason=row["reason"], published=row["published"],
                reported_to_org=row["reported_to_org"], notice_letter_id=letter.id if letter else None,
                commitments=[SummonsCommitment(text=text, deadline=self.date(due), done_on=self.date(done))
                             for text, due, done in row["commitments"]]))
        for row in self.data["accountability"]:
            self.s.add(Accountability(
                person=row["person"], unit_id=self.loader.unit(row["unit"]), post=row["post"], matter=row["matter"],
                kind=row["kind"], decided_by=row["decided_by"], decided_on=self.date(row["decided"]),
                doc_ref=row["doc_ref"]))
        for row in self.data["inspections"]:
            self.s.add(Inspection(
                kind=row["kind"], on_date=self.date(row["date"]), team=row["team"], places=row["places"],
                source=row["source"], findings=[
                    InspectionFinding(unit_id=self.loader.unit(unit), text=text, deadline=self.date(due),
                                      done_on=self.date(done)) for unit, text, due, done in row["findings"]]))


def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]
