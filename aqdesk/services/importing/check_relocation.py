"""退城入园 sheets: the enterprises of a plan, and a unit's return of milestone dates."""

from __future__ import annotations

from aqdesk.domain import headings as H
from aqdesk.domain.credit_code import credit_code_problem
from aqdesk.domain.enums import MilestoneKind, UnitKind
from aqdesk.domain.ledger_columns import field_label
from aqdesk.domain.names import normalize_name
from aqdesk.domain.relocation import STAGES, actual_date_problems, current_stage
from aqdesk.exchange.workbook import Table
from aqdesk.services.importing.changes import Insert, Ref, RowOutcome
from aqdesk.services.importing.check_tasks import unit_ref
from aqdesk.services.importing.context import Context
from aqdesk.services.importing.rows import RowReader, change, rows_of

ACTUAL = dict(zip(MilestoneKind, H.MILESTONE_DATES, strict=True))
PLANNED = dict(zip(MilestoneKind, H.PLANNED_DATES, strict=True))


def _code(ctx: Context, out: RowOutcome, read: RowReader) -> str | None:
    typed = read.cells.get(H.CREDIT_CODE)
    if typed.__class__ in (int, float):
        # Excel keeps an all-digit code as a number of 15 significant digits: the rest is gone
        ctx.problem(out, H.CREDIT_CODE, typed, "信用代码被 Excel 存成了数字，后几位已丢失："
                    "请把该列设为文本格式后重新填写")
        return None
    code = normalize_name(read.text(H.CREDIT_CODE)).upper()  # full-width ９１４… is the same code
    if code and (problem := credit_code_problem(code)):
        ctx.problem(out, H.CREDIT_CODE, code, problem)
        return None
    return code or None


def _find(ctx: Context, out: RowOutcome, name: str, code: str | None):
    by_code = ctx.enterprises_by_code.get(code) if code else None
    by_name = ctx.enterprises_by_name.get(normalize_name(name)) if name else None
    if by_code and by_name and by_code is not by_name:
        ctx.problem(out, H.CREDIT_CODE, code, f"信用代码属于“{by_code.name}”，与企业名称“{name}”不符")
        return None
    if by_code and name and by_name is None:
        ctx.warn(out, H.ENTERPRISE, name, f"按信用代码匹配到“{by_code.name}”，企业名称与台账不同")
    return by_code or by_name


def relocation_return(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        name = read.text(H.ENTERPRISE, required=True)
        code = _code(ctx, out, read)
        # a blank date is "not reported this time", never "erase the day the ledger has"
        actuals = {kind: day for kind in MilestoneKind if ACTUAL[kind] in src.cells
                   and (day := read.date(ACTUAL[kind], future_is_error=True)) is not None}
        if out.has_error:
            continue
        enterprise = _find(ctx, out, name, code)
        if enterprise is None:
            if not out.has_error:
                ctx.problem(out, H.ENTERPRISE, name, f"台账中没有企业“{name}”")
            continue
        sender = ctx.sender
        if sender is not None and sender.kind != UnitKind.DEPARTMENT and sender.county_id != enterprise.county_id:
            ctx.problem(out, H.ENTERPRISE, name, f"“{enterprise.name}”不在{sender.name}辖区")
            continue
        repeated = ctx.duplicate(out, ("enterprise", enterprise.id))
        if repeated:
            ctx.problem(out, H.ENTERPRISE, name, f"{repeated}（同一企业）")
            continue
        milestones = ctx.milestones.get(enterprise.id, {})
        merged = [(k, actuals.get(k, milestones[k.value].actual_date if k.value in milestones else None))
                  for k in MilestoneKind]
        for problem in actual_date_problems(merged, ctx.today):
            ctx.problem(out, None, None, problem)
        if out.has_error:
            continue
        stage_typed = read.text(H.STAGE)
        stage = current_stage([d for _k, d in merged])
        if stage_typed and stage_typed in STAGES and stage_typed != stage:
            ctx.warn(out, H.STAGE, stage_typed, f"按填报的实际时间，当前阶段应为“{stage}”，以实际时间为准")
        for kind, actual in actuals.items():
            milestone = milestones.get(kind.value)
            if milestone is not None:
                change(out, table="milestone", row_id=milestone.id, version=milestone.version, sheet=table.sheet,
                       item=enterprise.name, fields={"actual_date": (ACTUAL[kind], milestone.actual_date, actual)})
        if read.text(H.ISSUES):  # a blank cell is "not reported", never "erase"
            change(out, table="enterprise", row_id=enterprise.id, version=enterprise.version, sheet=table.sheet,
                   item=enterprise.name, fields={"problems": ("存在问题", enterprise.problems, read.text(H.ISSUES))})
    return outcomes


def relocation_plan(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        name = read.text(H.ENTERPRISE, required=True)
        code = _code(ctx, out, read)
        county_ref = unit_ref(ctx, out, H.COUNTY, read.text(H.COUNTY, required=True), table.sheet, UnitKind.COUNTY)
        planned = {kind: read.date(PLANNED[kind], vague_is_error=True) for kind in MilestoneKind
                   if PLANNED[kind] in src.cells}
        if county_ref is None or out.has_error:
            continue
        dated = [d for d in (planned.get(k) for k in MilestoneKind) if d]
        if dated != sorted(dated):
            ctx.problem(out, None, None, "计划时间应按停产、拆除、新址开工、投产的顺序先后排列")
            continue
        key = code or normalize_name(name)
        repeated = ctx.duplicate(out, ("enterprise plan", key))
        if repeated:
            ctx.problem(out, H.ENTERPRISE, name, f"{repeated}（同一企业）")
            continue
        fields = {"name": name, "credit_code": code, "county_id": county_ref, "industry": read.text(H.INDUSTRY),
                  "original_site": read.text(H.OLD_SITE), "park": read.text(H.PARK)}
        enterprise = _find(ctx, out, name, code)
        if out.has_error:
            continue
        if enterprise is None:
            ref = f"enterprise:{key}"
            out.inserts.append(Insert("enterprise", {**fields, "problems": "", "first_year": ctx.year}, name, table.sheet, src.number, ref=ref))
            out.inserts.extend(
                Insert("milestone", {"enterprise_id": Ref(ref), "kind": kind.value, "seq": seq,
                                     "planned_date": planned.get(kind)}, f"{name} {kind.label}", table.sheet,
                       src.number)
                for seq, kind in enumerate(MilestoneKind))
            continue
        change(out, table="enterprise", row_id=enterprise.id, version=enterprise.version, item=name,
               sheet=table.sheet, fields={f: (field_label("enterprise", f), getattr(enterprise, f), v) for f, v in fields.items()
                                          if v or f in ("name", "county_id")})
        if enterprise.last_year is not None and enterprise.last_year < ctx.year:
            ctx.warn(out, H.ENTERPRISE, name, f"该企业已于{enterprise.last_year}年度移出台账，将重新列入{ctx.year}年度")
            change(out, table="enterprise", row_id=enterprise.id, version=enterprise.version, item=name,
                   sheet=table.sheet, fields={"last_year": ("列入台账至（年度）", enterprise.last_year, None)})
        for kind, date in planned.items():
            milestone = ctx.milestones.get(enterprise.id, {}).get(kind.value)
            if milestone is None or date is None or date == milestone.planned_date:
                continue
            if milestone.actual_date and milestone.actual_date.year < ctx.year:
                # a milestone reached belongs to the year it was reached in
                ctx.warn(out, PLANNED[kind], date.isoformat(), f"{kind.label}已于{milestone.actual_date.isoformat()}完成，"
                         f"属于{milestone.actual_date.year}年度，{ctx.year}年计划不再更改其计划时间")
                continue
            change(out, table="milestone", row_id=milestone.id, version=milestone.version, item=name,
                   sheet=table.sheet, fields={"planned_date": (PLANNED[kind], milestone.planned_date, date)})
            if milestone.planned_date:
                out.inserts.append(Insert("deadline_change", {
                    "milestone_id": milestone.id, "old_date": milestone.planned_date, "new_date": date,
                    "changed_on": ctx.today, "reason": f"重新导入计划（{ctx.file_name}）"},
                    f"{name} {kind.label}节点调整", table.sheet, src.number))
    return outcomes
