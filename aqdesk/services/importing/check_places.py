"""散煤治理 and 双替代 sheets, plans and returns: rows keyed by county and township."""

from __future__ import annotations

from aqdesk.domain import headings as H
from aqdesk.domain.enums import SubstitutionKind, UnitKind
from aqdesk.domain.limits import most
from aqdesk.domain.loose_coal import FIGURES, RELAPSE
from aqdesk.domain.names import normalize_name
from aqdesk.exchange.workbook import Table
from aqdesk.services.importing.changes import Bulk, Insert, Ref, RowOutcome
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
    outcomes, seen = [], {}
    for out, read, src in rows_of(ctx, table, outcomes):
        county_id = county(ctx, out, read)
        figures = {LOOSE_COAL[h]: (read.count(h) if LOOSE_COAL[h] in COUNTS else read.number(h))
                   for h in H.LOOSE_COAL_FIGURES if h in src.cells}
        relapse = read.count(H.RELAPSES) if H.RELAPSES in src.cells else None
        if county_id is None or out.has_error:
            continue
        if county_id in seen:
            ctx.problem(out, H.COUNTY, read.text(H.COUNTY), f"与第{seen[county_id]}行重复")
            continue
        seen[county_id] = src.number
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
        labels = dict((*FIGURES, RELAPSE))
        change(out, table="loose_coal_report", row_id=existing.id, version=existing.version, sheet=table.sheet,
               item=f"{name} {ctx.period} 散煤数据",
               fields={k: (labels[k], getattr(existing, k), v) for k, v in values.items()})
    return outcomes


def loose_coal_targets(ctx: Context, table: Table) -> list[RowOutcome]:
    year = (ctx.period or ctx.today).year
    outcomes = []
    for out, read, src in rows_of(ctx, table, outcomes):
        county_ref = unit_ref(ctx, out, H.COUNTY, read.text(H.COUNTY, required=True), table.sheet, UnitKind.COUNTY)
        targets = {LOOSE_COAL[h.removeprefix("目标")]: read.number(h) for h in H.LOOSE_COAL_TARGETS if h in src.cells}
        if county_ref is None or out.has_error:
            continue
        values = {k: v for k, v in targets.items() if v is not None}
        existing = ctx.loose_coal_targets.get((county_ref, year)) if isinstance(county_ref, int) else None
        item = f"{read.text(H.COUNTY)} {year}年散煤目标"
        if existing is None:
            out.inserts.append(Insert("loose_coal_target", {"county_id": county_ref, "year": year, **values},
                                      item, table.sheet, src.number))
            continue
        labels = dict(FIGURES)
        change(out, table="loose_coal_target", row_id=existing.id, version=existing.version, item=item,
               sheet=table.sheet, fields={k: ("目标" + labels[k], getattr(existing, k), v) for k, v in values.items()})
    return outcomes


def _kind(ctx: Context, out: RowOutcome, read: RowReader) -> SubstitutionKind | None:
    text = read.text(H.KIND, required=True)
    kind = SubstitutionKind.from_label(text) if text else None
    if text and kind is None:
        ctx.problem(out, H.KIND, text, "类型应为“气代煤”或“电代煤”")
    return kind


def substitution_return(ctx: Context, table: Table) -> list[RowOutcome]:
    """One row per township and kind. A city-wide return has 100,000 rows, so a row typed as
    expected (names as the ledger spells them, plain whole numbers) takes a lean path that
    makes no objects; any other row is read through RowReader, which names each problem."""
    outcomes: list[RowOutcome] = []
    bulk = Bulk(table.sheet, "substitution_target", ("completed", "accepted"), ("已完成户数", "已验收户数"),
                "substitution_report", ("target_id", "period", "completed", "accepted"))
    ctx.bulk.append(bulk)
    places, counties = ctx.places, ctx.named_units
    county_ids: dict = {}  # a county cell already found good → the county's id
    kinds = {k.label: k.value for k in SubstitutionKind}
    labels = {k.value: k.label for k in SubstitutionKind}
    sheet, period, add, seen, reported = table.sheet, ctx.period, bulk.rows.append, ctx.seen, ctx.period_reports
    county_h, township_h, kind_h, completed_h, target_h, accepted_h = (
        H.COUNTY, H.TOWNSHIP, H.KIND, H.COMPLETED, H.TARGET_HOUSEHOLDS, H.ACCEPTED)
    for src in table.rows:
        cells, number = src.cells, src.number
        county_id = county_ids.get(cells.get(county_h))
        township, kind = cells.get(township_h), kinds.get(cells.get(kind_h))
        place = places.get((county_id, township, kind)) if county_id else None
        completed = cells.get(completed_h)  # _plain_count's usual case, spared the call
        completed = (int(completed) if completed.__class__ is float and 0 <= completed <= _MOST_HOUSEHOLDS
                     and completed.is_integer() else _plain_count(completed))
        target, accepted = _plain_count(cells.get(target_h)), _plain_count(cells.get(accepted_h))
        out = None
        if place is None or completed.__class__ is not int or target is _TYPED or accepted is _TYPED:
            out = RowOutcome(sheet, number)
            outcomes.append(out)
            found = _careful_row(ctx, out, RowReader(ctx, out, cells))
            if found is None:
                continue
            county_id, township, kind, place, target, completed, accepted = found  # township: as stored
            county_ids[cells.get(county_h)] = county_id
        row_id, version, ledger_target, old_completed, old_accepted = place
        if accepted is None:
            accepted = old_accepted
        mine = (sheet, number)
        if out is None and (seen.setdefault((bulk.table, row_id), mine) is not mine or accepted > completed
                            or completed > ledger_target or target is not None and target != ledger_target):
            out = RowOutcome(sheet, number)  # a row with something to say about it
            outcomes.append(out)
        if out is not None and not _settled(ctx, out, place, township, target, completed, accepted):
            continue
        item = f"{counties[county_id][0]}{township}（{labels[kind]}）"
        if row_id in reported:  # this period's figures came in before: the row corrects them
            if out is None:
                out = RowOutcome(sheet, number)
                outcomes.append(out)
            _correct(ctx, out, place, reported[row_id], item, completed, accepted)
            continue
        if completed == old_completed and accepted == old_accepted:
            continue  # figures as the ledger has them: nothing new this period
        add((number, item, row_id, version, (old_completed, old_accepted), (completed, accepted),
             (row_id, period, completed, accepted)))
    return outcomes


_TYPED = object()  # a cell holding something other than a plain, sane whole number
_MOST_HOUSEHOLDS = most(H.COMPLETED)  # past it, RowReader names the figure as absurd


def _plain_count(value):
    """A whole number typed as a number: the int; a blank cell: None; else ``_TYPED``."""
    if value.__class__ is float:
        return int(value) if 0 <= value <= _MOST_HOUSEHOLDS and value.is_integer() else _TYPED
    if value.__class__ is int:
        return value if 0 <= value <= _MOST_HOUSEHOLDS else _TYPED
    return None if value is None or value == "" else _TYPED


def _careful_row(ctx: Context, out: RowOutcome, read: RowReader) -> tuple | None:
    """A row off the lean path: every cell read and explained."""
    county_id = county(ctx, out, read)
    township = read.text(H.TOWNSHIP, required=True)
    kind = _kind(ctx, out, read)
    target = read.count(H.TARGET_HOUSEHOLDS)
    completed = read.count(H.COMPLETED, required=True)
    accepted = read.count(H.ACCEPTED)
    if county_id is None or kind is None or out.has_error:
        return None
    found = ctx.place(county_id, township, kind.value)
    if found is None:
        ctx.problem(out, H.TOWNSHIP, township, f"台账中没有{ctx.named_units[county_id][0]}{township}的{kind.label}任务")
        return None
    stored_name, place = found
    return county_id, stored_name, kind.value, place, target, completed, accepted


def _correct(ctx: Context, out: RowOutcome, place: tuple, report: tuple, item: str, completed: int,
             accepted: int) -> None:
    row_id, version, _target, old_completed, old_accepted = place
    report_id, reported_completed, reported_accepted = report
    if (completed, accepted) == (reported_completed, reported_accepted) == (old_completed, old_accepted):
        return
    ctx.warn(out, None, None, f"本期（{ctx.period}）已导入过{item}的数据（已完成{reported_completed}户、"
                              f"已验收{reported_accepted}户），将按本行更正")
    change(out, table="substitution_target", row_id=row_id, version=version, item=item, sheet=out.sheet,
           fields={"completed": ("已完成户数", old_completed, completed), "accepted": ("已验收户数", old_accepted, accepted)})
    change(out, table="substitution_report", row_id=report_id, version=None, item=f"{item} 本期报送", sheet=out.sheet,
           fields={"completed": ("已完成户数", reported_completed, completed),
                   "accepted": ("已验收户数", reported_accepted, accepted)})


def _settled(ctx: Context, out: RowOutcome, place: tuple, township: str, target: int | None, completed: int,
             accepted: int) -> bool:
    """Whether the row's figures may be taken, with what the clerk should know about them."""
    row_id, _version, ledger_target, _completed, _accepted = place
    repeated = ctx.duplicate(out, ("substitution_target", row_id))
    if repeated:
        ctx.problem(out, H.TOWNSHIP, township, f"{repeated}（同一乡镇、同一类型）")
        return False
    if target is not None and target != ledger_target:
        ctx.warn(out, H.TARGET_HOUSEHOLDS, target, f"与台账任务户数{ledger_target}不一致，台账未更改")
    if accepted > completed:
        ctx.problem(out, H.ACCEPTED, accepted, f"已验收户数{accepted}超过已完成户数{completed}")
        return False
    if completed > ledger_target:
        ctx.warn(out, H.COMPLETED, completed, f"已完成户数超过任务户数{ledger_target}，请核实")
    return True


def substitution_plan(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes, seen = [], {}
    for out, read, src in rows_of(ctx, table, outcomes):
        county_name = read.text(H.COUNTY, required=True)
        county_ref = unit_ref(ctx, out, H.COUNTY, county_name, table.sheet, UnitKind.COUNTY)
        township_name = read.text(H.TOWNSHIP, required=True)
        kind = _kind(ctx, out, read)
        target = read.count(H.TARGET_HOUSEHOLDS, required=True)
        deadline = read.date(H.DEADLINE, vague_is_error=True)
        if county_ref is None or kind is None or not township_name or out.has_error:
            continue
        key = (normalize_name(county_name), normalize_name(township_name), kind)
        if key in seen:
            ctx.problem(out, H.TOWNSHIP, township_name, f"与第{seen[key]}行重复（同一乡镇、同一类型）")
            continue
        seen[key] = src.number
        township = _township(ctx, out, county_ref, township_name, table.sheet)
        found = ctx.targets.get((township, kind.value)) if isinstance(township, int) else None
        item = f"{county_name}{township_name}（{kind.label}）"
        if found is None:
            out.inserts.append(Insert("substitution_target", {
                "township_id": township, "kind": kind.value, "target_households": target, "completed": 0,
                "accepted": 0, "deadline": deadline}, item, table.sheet, src.number))
            continue
        row_id, version, old_target, _c, _a, old_deadline = found
        change(out, table="substitution_target", row_id=row_id, version=version, item=item, sheet=table.sheet,
               fields={"target_households": ("任务户数", old_target, target),
                       "deadline": ("完成时限", old_deadline, deadline or old_deadline)})
    return outcomes


def _township(ctx: Context, out: RowOutcome, county_ref: int | Ref, name: str, sheet: str) -> int | Ref:
    """Townships are defined by the plan: one not yet known is created under its county."""
    if isinstance(county_ref, int):
        found = ctx.townships.get((county_ref, normalize_name(name)))
        if found is not None:
            return found
    ref = f"township:{county_ref}:{normalize_name(name)}"
    if ref not in ctx.created:
        ctx.created.add(ref)
        out.inserts.append(Insert("unit", {"name": name.strip(), "kind": UnitKind.TOWNSHIP.value,
                                           "parent_id": county_ref}, f"乡镇（街道）{name}", sheet, out.row, ref=ref))
        ctx.warn(out, H.TOWNSHIP, name, f"将新建乡镇（街道）“{name}”")
    return Ref(ref)


