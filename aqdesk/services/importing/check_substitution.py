"""双替代 returns: one row per township and kind, 100,000 of them from a city-wide return."""

from __future__ import annotations

from typing import NamedTuple

from aqdesk.domain import headings as H
from aqdesk.domain.enums import SubstitutionKind
from aqdesk.domain.ledger_columns import field_label
from aqdesk.domain.limits import most
from aqdesk.domain.names import normalize_name
from aqdesk.exchange.workbook import Table
from aqdesk.services.importing.changes import Bulk, RowOutcome, bulk_row
from aqdesk.services.importing.check_places import county, substitution_kind
from aqdesk.services.importing.context import Context, Place, Reported
from aqdesk.services.importing.rows import RowReader, change


def substitution_return(ctx: Context, table: Table) -> list[RowOutcome]:
    """One row per township and kind. A city-wide return has 100,000 rows, so a row typed as
    expected (names as the ledger spells them, plain whole numbers) takes a lean path that
    makes no objects; any other row is read through RowReader, which names each problem."""
    outcomes: list[RowOutcome] = []
    bulk = Bulk(table.sheet, "substitution_target", ("completed", "accepted"),
                (field_label("substitution_target", "completed"), field_label("substitution_target", "accepted")),
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
                     and completed.is_integer()
                     else _plain_count(completed))
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
        row_id, version, ledger_target, old_completed, old_accepted = place  # unpacked once: read below
        typed_accepted = accepted is not None
        if accepted is None:
            accepted = old_accepted
        mine = (sheet, number)
        if out is None and (seen.setdefault((bulk.table, row_id), mine) is not mine or accepted > completed
                            or completed > ledger_target or target is not None and target != ledger_target
                            or completed < old_completed or accepted < old_accepted):
            out = RowOutcome(sheet, number)  # a row with something to say about it
            outcomes.append(out)
        if out is not None and not _settled(ctx, out, place, township, target, completed, accepted, typed_accepted):
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
        add(bulk_row((number, item, row_id, version, (old_completed, old_accepted), (completed, accepted),
                      (row_id, period, completed, accepted))))
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


class Careful(NamedTuple):
    """A row read the careful way, as the lean path would have read it."""

    county_id: int
    township: str  # as the ledger spells it
    kind: SubstitutionKind
    place: Place
    target: int | None
    completed: int
    accepted: int | None


def _careful_row(ctx: Context, out: RowOutcome, read: RowReader) -> Careful | None:
    """A row off the lean path: every cell read and explained."""
    county_id = county(ctx, out, read)
    township = read.text(H.TOWNSHIP, required=True)
    kind = substitution_kind(ctx, out, read)
    target = read.count(H.TARGET_HOUSEHOLDS)
    completed = read.count(H.COMPLETED, required=True)
    accepted = read.count(H.ACCEPTED)
    if county_id is None or kind is None or out.has_error:
        return None
    found = ctx.place(county_id, township, kind.value)
    if found is None:
        ctx.problem(out, H.TOWNSHIP, township, f"台账中没有{ctx.named_units[county_id][0]}{township}的{kind.label}任务"
                    + _meant(ctx, county_id, township, kind.value))
        return None
    stored_name, place = found
    return Careful(county_id, stored_name, kind, place, target, completed, accepted)


def _meant(ctx: Context, county_id: int, township: str, kind: str) -> str:
    """The townships of the county the clerk may have shortened (太平 for 太平镇): named for
    the clerk to correct, never taken in their place."""
    typed = normalize_name(township)
    names = [name for name in ctx.township_names(county_id, kind) if typed and normalize_name(name).startswith(typed)]
    return f"（是否指“{'”或“'.join(names[:3])}”？请按台账名称填写）" if names else ""


def _correct(ctx: Context, out: RowOutcome, place: Place, report: Reported, item: str, completed: int,
             accepted: int) -> None:
    if (completed, accepted) == (report.completed, report.accepted) == (place.completed, place.accepted):
        return
    ctx.warn(out, None, None, f"本期（{ctx.period}）已导入过{item}的数据（已完成{report.completed}户、"
                              f"已验收{report.accepted}户），将按本行更正")
    done, accepted_label = field_label("substitution_target", "completed"), field_label("substitution_target", "accepted")
    change(out, table="substitution_target", row_id=place.id, version=place.version, item=item, sheet=out.sheet,
           fields={"completed": (done, place.completed, completed), "accepted": (accepted_label, place.accepted, accepted)})
    change(out, table="substitution_report", row_id=report.id, version=None, item=f"{item} 本期报送", sheet=out.sheet,
           fields={"completed": (done, report.completed, completed),
                   "accepted": (accepted_label, report.accepted, accepted)})


def _settled(ctx: Context, out: RowOutcome, place: Place, township: str, target: int | None, completed: int,
             accepted: int, typed_accepted: bool) -> bool:
    """Whether the row's figures may be taken, with what the clerk should know about them."""
    ledger_target = place.target
    repeated = ctx.duplicate(out, ("substitution_target", place.id))
    if repeated:
        ctx.problem(out, H.TOWNSHIP, township, f"{repeated}（同一乡镇、同一类型）")
        return False
    if target is not None and target != ledger_target:
        ctx.warn(out, H.TARGET_HOUSEHOLDS, target, f"与台账任务户数{ledger_target}不一致，台账未更改")
    if accepted > completed:
        said = "" if typed_accepted else "（本行未填，台账为此数）"
        ctx.problem(out, H.ACCEPTED, accepted, f"已验收户数{accepted}{said}超过已完成户数{completed}")
        return False
    # the figures are running totals: one going down is a typo or a correction to confirm
    if completed < place.completed:
        ctx.warn(out, H.COMPLETED, completed, f"已完成户数由台账的{place.completed}户减为{completed}户，请核实")
    if accepted < place.accepted:
        ctx.warn(out, H.ACCEPTED, accepted, f"已验收户数由台账的{place.accepted}户减为{accepted}户，请核实")
    if completed > ledger_target:
        ctx.warn(out, H.COMPLETED, completed, f"已完成户数超过任务户数{ledger_target}，请核实")
    return True
