"""散煤治理 and 双替代 sheets, plans and returns: rows keyed by county and township."""

from __future__ import annotations

from aqdesk.domain import headings as H
from aqdesk.domain.enums import SubstitutionKind, UnitKind
from aqdesk.domain.ledger_columns import field_label
from aqdesk.domain.loose_coal import FIGURES
from aqdesk.domain.names import normalize_name
from aqdesk.exchange.workbook import Table
from aqdesk.services.importing.changes import Insert, Ref, RowOutcome
from aqdesk.services.importing.check_tasks import unit_ref
from aqdesk.services.importing.context import Context
from aqdesk.services.importing.rows import RowReader, change, rows_of

# RETURNS.md headings ↔ the ledger's fields
LOOSE_COAL = dict(zip(H.LOOSE_COAL_FIGURES, (key for key, _label in FIGURES), strict=True))
COUNTS = {"banned_points", "clean_coal_outlets", "inspections", "cases"}


def county(ctx: Context, out: RowOutcome, read: RowReader) -> int | None:
    """The row's county, which must be a 县区 and, when a county sends the file, itself."""
    name = read.text(H.COUNTY, required=True)
    if not name:
        return None
    found = ctx.counties.get(name)
    if found is None:  # each county is looked up once per file, however many rows name it
        found = ctx.counties[name] = _county(ctx, name)
    if isinstance(found, str):
        ctx.problem(out, H.COUNTY, name, found)
        return None
    return found


def _county(ctx: Context, name: str) -> int | str:
    unit_id = ctx.unit_id(name)
    if unit_id is None or ctx.named_units.get(unit_id, ('', ''))[1] != UnitKind.COUNTY:
        return f"没有名为“{name}”的县（区）"
    sender = ctx.sender
    if sender is not None and sender.kind != UnitKind.DEPARTMENT and sender.county_id != unit_id:
        return f"“{name}”不属于报送单位{sender.name}"
    return unit_id


def loose_coal_return(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        county_id = county(ctx, out, read)
        figures = {LOOSE_COAL[h]: (read.count(h) if LOOSE_COAL[h] in COUNTS else read.number(h))
                   for h in H.LOOSE_COAL_FIGURES if h in src.cells}
        relapse = read.count(H.RELAPSES) if H.RELAPSES in src.cells else None
        if county_id is None or out.has_error:
            continue
        repeated = ctx.duplicate(out, ("loose_coal_report", county_id))
        if repeated:
            ctx.problem(out, H.COUNTY, read.text(H.COUNTY), f"{repeated}（同一县区）")
            continue
        if relapse:
            ctx.warn(out, H.RELAPSES, relapse, f"报告反弹点位{relapse}个，该县区将标为红色")
        values = {k: v for k, v in figures.items() if v is not None}
        if relapse is not None:
            values["relapse_points"] = relapse
        if not values:
            continue  # the county's row left blank: nothing reported this period
        name = ctx.named_units[county_id][0]
        existing = ctx.loose_coal_reports.get((county_id, ctx.period))
        if existing is None:
            out.inserts.append(Insert("loose_coal_report", {"county_id": county_id, "period": ctx.period, **values},
                                      f"{name} {ctx.period} 散煤数据", table.sheet, src.number, in_batch=True))
            continue
        change(out, table="loose_coal_report", row_id=existing.id, version=existing.version, sheet=table.sheet,
               item=f"{name} {ctx.period} 散煤数据",
               fields={k: (field_label("loose_coal_report", k), getattr(existing, k), v) for k, v in values.items()})
    return outcomes


def loose_coal_targets(ctx: Context, table: Table) -> list[RowOutcome]:
    year = ctx.year
    outcomes = []
    for out, read, src in rows_of(ctx, table, outcomes):
        county_ref = unit_ref(ctx, out, H.COUNTY, read.text(H.COUNTY, required=True), table.sheet, UnitKind.COUNTY)
        targets = {LOOSE_COAL[h.removeprefix("目标")]: read.number(h) for h in H.LOOSE_COAL_TARGETS if h in src.cells}
        if county_ref is None or out.has_error:
            continue
        repeated = ctx.duplicate(out, ("loose_coal_target", county_ref))
        if repeated:
            ctx.problem(out, H.COUNTY, read.text(H.COUNTY), f"{repeated}（同一县区）")
            continue
        values = {k: v for k, v in targets.items() if v is not None}
        existing = ctx.loose_coal_targets.get((county_ref, year)) if isinstance(county_ref, int) else None
        item = f"{read.text(H.COUNTY)} {year}年散煤目标"
        if existing is None:
            out.inserts.append(Insert("loose_coal_target", {"county_id": county_ref, "year": year, **values},
                                      item, table.sheet, src.number))
            continue
        change(out, table="loose_coal_target", row_id=existing.id, version=existing.version, item=item,
               sheet=table.sheet, fields={k: (field_label("loose_coal_target", k), getattr(existing, k), v) for k, v in values.items()})
    return outcomes


def substitution_kind(ctx: Context, out: RowOutcome, read: RowReader) -> SubstitutionKind | None:
    text = read.text(H.KIND, required=True)
    kind = SubstitutionKind.from_label(text) if text else None
    if text and kind is None:
        ctx.problem(out, H.KIND, text, "类型应为“气代煤”或“电代煤”")
    return kind


def substitution_plan(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    for out, read, src in rows_of(ctx, table, outcomes):
        county_name = read.text(H.COUNTY, required=True)
        county_ref = unit_ref(ctx, out, H.COUNTY, county_name, table.sheet, UnitKind.COUNTY)
        township_name = read.text(H.TOWNSHIP, required=True)
        kind = substitution_kind(ctx, out, read)
        target = read.count(H.TARGET_HOUSEHOLDS, required=True)
        deadline = read.date(H.DEADLINE, vague_is_error=True)
        if county_ref is None or kind is None or not township_name or out.has_error:
            continue
        key = (normalize_name(county_name), normalize_name(township_name), kind)
        repeated = ctx.duplicate(out, ("substitution plan", key))
        if repeated:
            ctx.problem(out, H.TOWNSHIP, township_name, f"{repeated}（同一乡镇、同一类型）")
            continue
        township = _township(ctx, out, county_ref, township_name, table.sheet)
        found = ctx.targets.get((township, kind.value)) if isinstance(township, int) else None
        item = f"{county_name}{township_name}（{kind.label}）"
        if found is None:
            out.inserts.append(Insert("substitution_target", {
                "season": ctx.year, "township_id": township, "kind": kind.value, "target_households": target, "completed": 0,
                "accepted": 0, "deadline": deadline}, item, table.sheet, src.number))
            continue
        row_id, version, old_target, _c, _a, old_deadline = found
        change(out, table="substitution_target", row_id=row_id, version=version, item=item, sheet=table.sheet,
               fields={"target_households": (field_label("substitution_target", "target_households"), old_target,
                                             target),
                       "deadline": (field_label("substitution_target", "deadline"), old_deadline,
                                    deadline or old_deadline)})
    return outcomes


def _township(ctx: Context, out: RowOutcome, county_ref: int | Ref, name: str, sheet: str) -> int | Ref:
    """Townships are defined by the plan: one not yet known is created under its county."""
    if isinstance(county_ref, int):
        found = ctx.townships.get((county_ref, normalize_name(name)))
        if found is None and (alias := ctx.township_aliases.get((county_ref, normalize_name(name)))):
            found = alias[0]
        if found is not None:
            return found
    ref = f"township:{county_ref}:{normalize_name(name)}"
    if ref not in ctx.created:
        ctx.created.add(ref)
        out.inserts.append(Insert("unit", {"name": name.strip(), "kind": UnitKind.TOWNSHIP.value,
                                           "parent_id": county_ref}, f"乡镇（街道）{name}", sheet, out.row, ref=ref))
        ctx.warn(out, H.TOWNSHIP, name, f"将新建乡镇（街道）“{name}”")
    return Ref(ref)


