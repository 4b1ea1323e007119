"""重点任务 returns (progress per task) and 任务清单 plans (the tasks themselves)."""

from __future__ import annotations

import datetime as dt
import math
import re

from aqdesk.domain import headings as H
from aqdesk.domain.enums import DeadlineKind, TaskStatus, UnitKind
from aqdesk.domain.ledger_columns import field_label
from aqdesk.domain.names import normalize_name
from aqdesk.domain.shares import means_every_county
from aqdesk.domain.values import is_blank, parse_date
from aqdesk.exchange.workbook import Table
from aqdesk.services.importing.changes import Insert, Ref, Removal, RowOutcome
from aqdesk.services.importing.context import Context
from aqdesk.services.importing.rows import change, number_lost_a_zero, rows_of, task_number

_UNIT_SEPARATORS = re.compile(r"[、，,;；\n\r/]+")


def task_return(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        if lost := number_lost_a_zero(src.cells.get(H.TASK_NUMBER)):
            ctx.problem(out, H.TASK_NUMBER, src.cells.get(H.TASK_NUMBER), lost)
            continue
        number = task_number(src.cells.get(H.TASK_NUMBER))
        task = ctx.tasks.get(number)
        if isinstance(src.cells.get(H.TASK_NUMBER), dt.date) and task is not None:
            ctx.warn(out, H.TASK_NUMBER, src.cells.get(H.TASK_NUMBER),
                     f"任务编号被 Excel 变成了日期，已按“{number}”读取；请把该列设为文本格式")
        if not number:
            ctx.problem(out, H.TASK_NUMBER, None, "任务编号为空")
            continue
        if task is None:
            ctx.problem(out, H.TASK_NUMBER, number, f"台账中没有编号为“{number}”的任务")
            continue
        # the key is file-wide: a sheet copied beside the original must not win unseen
        repeated = ctx.duplicate(out, ("task", task.id))
        if repeated:
            ctx.problem(out, H.TASK_NUMBER, number, f"{repeated}（同一任务编号）")
            continue
        # a unit with a share of the task reports that share, and only it
        share = ctx.shares.get((task.id, ctx.sender.id)) if ctx.sender is not None else None
        if share is None:
            _check_owner(ctx, out, task)
        title = read.text(H.TASK_NAME)
        if title and normalize_name(title) != normalize_name(task.title):
            ctx.warn(out, H.TASK_NAME, title, f"与台账中的任务名称“{task.title}”不一致，已按任务编号导入")
        percent = read.percent(H.PERCENT)
        done = read.yes_no(H.DONE)
        subject = share or task  # the same field names
        untouched = percent is None or _whole(percent) == subject.progress_pct
        # 「—」 or 「/」 for the progress says nothing this period, as a blank cell does
        text = "" if is_blank(src.cells.get(H.PROGRESS)) else read.text(H.PROGRESS)
        if not text and untouched and not done and not out.has_error:
            # a template row nobody filled in: this task was not reported, which is no error
            ctx.warn(out, H.PROGRESS, src.cells.get(H.PROGRESS), "本期未填写进展情况，视为未报送该任务")
            continue
        if not text:
            ctx.problem(out, H.PROGRESS, src.cells.get(H.PROGRESS), f"「{H.PROGRESS}」不能为空")
        done_on = read.date(H.DONE_ON, future_is_error=True)
        issues, next_steps = read.text(H.ISSUES), read.text(H.NEXT_STEPS)
        if out.has_error:
            continue
        progress = _whole(percent) if percent is not None else subject.progress_pct
        if text == subject.latest_progress and progress == subject.progress_pct and not done:
            # a template row left as it came: nothing reported for this task this period
            ctx.warn(out, H.PROGRESS, text, "进展情况和完成比例与台账相同，视为本期未报送该任务")
            continue
        if text == subject.latest_progress:
            ctx.warn(out, H.PROGRESS, text, "进展情况与台账中上一期相同，请核实本期是否已更新")
        if done and progress < 100:
            ctx.warn(out, H.PERCENT, percent, f"填写“已完成”但完成比例为{progress}%，已按100%记录")
            progress = 100
        if done is False and progress >= 100:
            ctx.warn(out, H.DONE, "否", "完成比例为100%但填写“未完成”，已按未完成记录")
            progress = 99
        if progress < subject.progress_pct:
            ctx.warn(out, H.PERCENT, percent, f"完成比例由{subject.progress_pct}%降为{progress}%，请核实")
        finished = progress >= 100
        if done_on and not finished:
            ctx.warn(out, H.DONE_ON, src.cells.get(H.DONE_ON),
                     f"完成比例为{progress}%、未完成，完成时间未导入；如已完成，请填写“是否完成”为“是”")
        fields = {
            "progress_pct": ("完成比例（%）", subject.progress_pct, progress),
            "latest_progress": ("进展情况", subject.latest_progress, text),
            # a blank cell means "not reported this time", never "erase what the ledger has"
            "problems": ("存在问题", subject.problems, issues or subject.problems),
            "next_steps": ("下步计划", subject.next_steps, next_steps or subject.next_steps),
            "status": ("状态", subject.status, TaskStatus.DONE.value if finished else TaskStatus.IN_PROGRESS.value),
            "done_on": ("完成时间", subject.done_on, (done_on or subject.done_on or ctx.period) if finished else None),
            "last_reported_on": ("最近报送", subject.last_reported_on, ctx.today),
        }
        if share is not None:
            item = f"任务 {task.number}（{ctx.named_units[share.unit_id][0]}分工）"
            change(out, table="task_share", row_id=share.id, version=share.version, item=item, fields=fields,
                   sheet=table.sheet)
            out.inserts.append(Insert("share_progress", {
                "share_id": share.id, "period": ctx.period, "reported_on": ctx.today, "progress_pct": progress,
                "text": text, "problems": issues, "next_steps": next_steps,
            }, f"{item} 本期进展", table.sheet, src.number, in_batch=True))
            continue
        change(out, table="task", row_id=task.id, version=task.version, item=f"任务 {task.number}",
               fields=fields, sheet=table.sheet)
        out.inserts.append(Insert("task_progress", {
            "task_id": task.id, "period": ctx.period, "reported_on": ctx.today, "progress_pct": progress,
            "text": text, "problems": issues, "next_steps": next_steps,
        }, f"任务 {task.number} 本期进展", table.sheet, src.number, in_batch=True))
    return outcomes


def _whole(percent: float) -> int:
    """Rounded half up, as a clerk rounds 84.5% (Python's round() gives 84); short of 100 stays
    short of it, for 100 means done."""
    whole = math.floor(percent + 0.5)
    return min(whole, 99) if percent < 100 else whole


def _check_owner(ctx: Context, out: RowOutcome, task) -> None:
    sender = ctx.sender
    if sender is None or sender.id == task.lead_unit_id:
        return
    lead = ctx.named_units[task.lead_unit_id][0]
    if sender.id in ctx.cooperators.get(task.id, set()):
        ctx.warn(out, H.TASK_NUMBER, task.number, f"本单位是该任务的配合单位（牵头单位为{lead}），进展已按报送记录")
        return
    ctx.problem(out, H.TASK_NUMBER, task.number, f"任务 {task.number} 由{lead}牵头，不是{sender.name}的任务")


def task_plan(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        if lost := number_lost_a_zero(src.cells.get(H.TASK_NUMBER)):
            ctx.problem(out, H.TASK_NUMBER, src.cells.get(H.TASK_NUMBER), lost)
            continue
        number = task_number(src.cells.get(H.TASK_NUMBER))
        if not number:
            ctx.problem(out, H.TASK_NUMBER, None, "任务编号为空")
            continue
        repeated = ctx.duplicate(out, ("task plan", number))
        if repeated:
            ctx.problem(out, H.TASK_NUMBER, number, f"{repeated}（同一任务编号）")
            continue
        category = _category(ctx, out, read.text(H.CATEGORY, required=True), table.sheet)
        title = read.text(H.TASK_NAME, required=True)
        lead = unit_ref(ctx, out, H.LEAD_UNIT, read.text(H.LEAD_UNIT, required=True), table.sheet)
        named = [name for name in _UNIT_SEPARATORS.split(read.text(H.CO_UNITS)) if name.strip()]
        # 「全部县区」 among the cooperating units: a share of the task for every county
        every_county = any(means_every_county(name) for name in named)
        cooperators = [unit_ref(ctx, out, H.CO_UNITS, name, table.sheet)
                       for name in named if not means_every_county(name)]
        kind, deadline = _deadline(ctx, out, src.cells.get(H.DEADLINE))
        start = read.date(H.START) or ctx.today
        if deadline and deadline < start:
            ctx.problem(out, H.DEADLINE, deadline.isoformat(), f"完成时限早于开始时间 {start.isoformat()}")
        if out.has_error:
            continue
        values = {"category_id": category, "title": title, "target": read.text(H.TARGET), "lead_unit_id": lead,
                  "leader": read.text(H.LEADER), "start_date": start, "deadline_kind": kind.value,
                  "deadline": deadline}
        task = ctx.tasks.get(number)
        if task is None:
            ref = f"task:{number}"
            out.inserts.append(Insert("task", {"plan_year": ctx.year, "number": number,
                                               "status": TaskStatus.NOT_STARTED.value,
                                               "progress_pct": 0, **values}, f"任务 {number}", table.sheet,
                                      src.number, ref=ref))
            out.inserts.extend(Insert("task_cooperator", {"task_id": Ref(ref), "unit_id": unit}, f"任务 {number} 配合单位",
                                      table.sheet, src.number) for unit in dict.fromkeys(cooperators))
            if every_county:
                _add_shares(ctx, out, Ref(ref), number, ctx.county_ids, table.sheet)
            continue
        change(out, table="task", row_id=task.id, version=task.version, item=f"任务 {number}", sheet=table.sheet,
               fields={f: (field_label("task", f), getattr(task, f), v) for f, v in values.items()})
        if task.deadline and deadline and deadline != task.deadline:
            out.inserts.append(Insert("deadline_change", {
                "task_id": task.id, "old_date": task.deadline, "new_date": deadline, "changed_on": ctx.today,
                "reason": f"重新导入任务清单（{ctx.file_name}）"}, f"任务 {number} 时限调整", table.sheet, src.number))
        # without 「全部县区」 a share stays only for a unit the row still names
        named_ids = [u for u in (lead, *cooperators) if isinstance(u, int)]
        _plan_shares(ctx, out, task, ctx.county_ids if every_county else named_ids, table.sheet, add=every_county)
        current = ctx.cooperators.get(task.id, set())
        if cooperators and set(cooperators) != current:
            ctx.warn(out, H.CO_UNITS, read.text(H.CO_UNITS), "配合单位与台账不一致，台账未更改，请核实后在任务中调整")
    return outcomes


def _plan_shares(ctx: Context, out: RowOutcome, task, wanted: list[int], sheet: str, add: bool) -> None:
    """A re-imported plan row adds the shares it names (``add``: it says 全部县区) that the task
    lacks and removes those of units it no longer names; a share a unit has reported on stays,
    with a warning, so that no report is lost to a plan."""
    have = {unit_id: share for (task_id, unit_id), share in ctx.shares.items() if task_id == task.id}
    if add:
        _add_shares(ctx, out, task.id, task.number, [u for u in wanted if u not in have], sheet)
    kept = []
    for unit_id, share in have.items():
        if unit_id in wanted:
            continue
        name = ctx.named_units[unit_id][0]
        if share.last_reported_on is not None:
            kept.append(name)
        else:
            out.removals.append(Removal("task_share", share.id, share.version, f"任务 {task.number} {name}分工", sheet,
                                        out.row))
    if kept:
        ctx.warn(out, H.CO_UNITS, None, f"计划中已没有{'、'.join(kept)}的分工，但已有报送，台账未删除，请核实后在任务中调整")


def _add_shares(ctx: Context, out: RowOutcome, task_id: int | Ref, number: str, units: list[int], sheet: str) -> None:
    out.inserts.extend(Insert("task_share", {
        "task_id": task_id, "unit_id": unit, "target": "", "status": TaskStatus.NOT_STARTED.value, "progress_pct": 0,
        "latest_progress": "", "problems": "", "next_steps": "",
    }, f"任务 {number} {ctx.named_units[unit][0]}分工", sheet, out.row) for unit in units)


def _category(ctx: Context, out: RowOutcome, name: str, sheet: str) -> int | Ref | None:
    if not name:
        return None
    key = normalize_name(name)
    if key in ctx.categories:
        return ctx.categories[key]
    ref = f"category:{key}"
    if ref not in ctx.created:
        code = ctx.next_category_code + sum(1 for r in ctx.created if r.startswith("category:"))
        ctx.created.add(ref)
        out.inserts.append(Insert("category", {"code": code, "name": name}, f"类别 {name}", sheet, out.row, ref=ref))
        ctx.warn(out, H.CATEGORY, name, f"将新建类别“{name}”")
    return Ref(ref)


def unit_ref(ctx: Context, out: RowOutcome, heading: str, name: str, sheet: str,
             kind: UnitKind | None = None) -> int | Ref | None:
    """A unit named in a plan: found by name or alias; an unknown one is created only with
    ``create_units`` (the clerk's confirmation), otherwise an error."""
    if not name:
        return None
    unit_id = ctx.unit_id(name)
    if unit_id is not None:
        return unit_id
    key = normalize_name(name)
    if not ctx.create_units:
        ctx.problem(out, heading, name, f"没有名为“{name}”的单位；如确为新单位，请勾选“计划中的新单位直接新建”后重新检查（命令行用 --create-units）")
        return None
    ref = f"unit:{key}"
    if ref not in ctx.created:
        ctx.created.add(ref)
        guessed = kind or (UnitKind.COUNTY if key.endswith(("县", "区", "市")) and not key.startswith("市")
                           else UnitKind.DEPARTMENT)
        out.inserts.append(Insert("unit", {"name": name.strip(), "kind": guessed.value}, f"单位 {name}", sheet,
                                  out.row, ref=ref))
        ctx.warn(out, heading, name, f"将新建单位“{name}”（{guessed.label}）")
    return Ref(ref)


def _deadline(ctx: Context, out: RowOutcome, value) -> tuple[DeadlineKind, object]:
    kind = DeadlineKind.from_label(str(value or "").strip())
    if kind is not None and kind is not DeadlineKind.DATE:
        return kind, None
    parsed = parse_date(value)
    if parsed.date is None:
        ctx.problem(out, H.DEADLINE, value, parsed.problem or "完成时限不能为空（可填日期、长期坚持、每月或每季度）")
    return DeadlineKind.DATE, parsed.date
