"""What an import would do, computed before anything is written, so that the clerk sees it
(old → new per field) and the commit does exactly that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from aqdesk.domain.enums import BatchKind
from aqdesk.domain.headings import SheetKind
from aqdesk.domain.problems import Problem


@dataclass(frozen=True, slots=True)
class Ref:
    """The id of a row this same import inserts (a new unit, task or enterprise)."""

    name: str


@dataclass(slots=True)
class FieldChange:
    table: str
    row_id: int
    version: int  # the row's version when previewed: a later edit refuses the commit
    field: str
    old: Any
    new: Any
    item: str  # what the clerk calls the row: 任务 2-07, 安平县古城镇（气代煤）
    label: str  # the field as the clerk calls it: 完成比例（%）
    sheet: str
    row: int


@dataclass(slots=True)
class Insert:
    table: str
    values: dict[str, Any]
    item: str
    sheet: str
    row: int
    ref: str | None = None  # later inserts may point at this row through Ref(ref)
    # Rows a return adds under existing ones (progress reports, a period's figures) carry the
    # batch id and go with it on undo; rows a plan adds are audited one by one instead.
    in_batch: bool = False


@dataclass(slots=True)
class Removal:
    """A row a plan no longer names (a share of a task): deleted by the commit, put back by
    the batch's undo."""

    table: str
    row_id: int
    version: int  # when previewed: a later edit refuses the commit
    item: str
    sheet: str
    row: int


@dataclass(slots=True)
class RowOutcome:
    """What one spreadsheet row asks for; its changes are taken only if it has no error."""

    sheet: str
    row: int
    changes: list[FieldChange] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)

    @property
    def has_error(self) -> bool:
        return any(p.is_error for p in self.problems)


class BulkRow(NamedTuple):
    excel_row: int
    item: str  # what the clerk calls the row
    row_id: int  # of the row of ``Bulk.table`` it changes
    version: int  # that row's version when checked
    old: tuple  # its ``Bulk.fields`` as they are
    new: tuple  # and as the file has them
    added: tuple  # the row of ``Bulk.added_table``, but for the batch id


# NamedTuple's own constructor is a Python function; tuple's is a third of its cost, which
# counts on 100,000 rows.
bulk_row: Callable[[tuple], BulkRow] = partial(tuple.__new__, BulkRow)


@dataclass(slots=True)
class Bulk:
    """Rows of one sheet that each set ``fields`` of a row of ``table`` and add a row to
    ``added_table`` carrying the batch id. A city-wide 双替代 return has 100,000 of them, so
    they are named tuples, not objects. Rows with an error are never here; FieldChange and
    Insert objects are made from them only for the preview."""

    sheet: str
    table: str
    fields: tuple[str, ...]
    labels: tuple[str, ...]
    added_table: str
    added_columns: tuple[str, ...]
    rows: list[BulkRow] = field(default_factory=list)

    def changes(self) -> Iterator[FieldChange]:
        for r in self.rows:
            for name, label, before, after in zip(self.fields, self.labels, r.old, r.new, strict=True):
                if before != after:
                    yield FieldChange(self.table, r.row_id, r.version, name, before, after, r.item, label, self.sheet,
                                      r.excel_row)

    def inserts(self) -> Iterator[Insert]:
        for r in self.rows:
            yield Insert(self.added_table, dict(zip(self.added_columns, r.added, strict=True)), r.item, self.sheet,
                         r.excel_row, in_batch=True)


@dataclass
class FilePlan:
    """One file, read and checked: everything the preview shows and the commit needs."""

    path: str
    file_name: str
    sha256: str
    kind: BatchKind
    unit_id: int | None
    unit_name: str
    period: dt.date | None
    sheets: list[tuple[str, SheetKind, int]]  # name, kind, rows read
    problems: list[Problem]  # file- and sheet-level ones, and every row's
    rows: list[RowOutcome]  # rows with a problem or a change, but for those in ``bulk``
    bulk: list[Bulk] = field(default_factory=list)  # rows without an error, all changing
    year: int | None = None  # the plan year whose items it changes

    @property
    def rows_read(self) -> int:
        return sum(count for _name, _kind, count in self.sheets)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def file_errors(self) -> list[Problem]:
        """Errors not tied to a row: no row can be taken while one stands."""
        return [p for p in self.errors if p.row is None]

    def taken(self, accept_valid_rows: bool) -> list[RowOutcome]:
        """The rows a commit writes: all of them when the file has no error; with
        ``accept_valid_rows``, the rows without errors."""
        if not self.committable(accept_valid_rows):
            return []
        return _with_creations([r for r in self.rows if not r.has_error], self.rows)

    def bulk_taken(self, accept_valid_rows: bool) -> list[Bulk]:
        return self.bulk if self.committable(accept_valid_rows) else []

    def skipped(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.has_error]

    def changes(self, accept_valid_rows: bool = True) -> list[FieldChange]:
        return [*(c for r in self.taken(accept_valid_rows) for c in r.changes),
                *(c for b in self.bulk_taken(accept_valid_rows) for c in b.changes())]

    def inserts(self, accept_valid_rows: bool = True) -> list[Insert]:
        return [*(i for r in self.taken(accept_valid_rows) for i in r.inserts),
                *(i for b in self.bulk_taken(accept_valid_rows) for i in b.inserts())]

    def removals(self, accept_valid_rows: bool = True) -> list[Removal]:
        return [x for r in self.taken(accept_valid_rows) for x in r.removals]

    def committable(self, accept_valid_rows: bool) -> bool:
        return not self.file_errors and (accept_valid_rows or not self.errors)

    @property
    def rows_changed(self) -> int:
        return (sum(1 for r in self.rows if not r.has_error and (r.changes or r.inserts or r.removals))
                + sum(len(b.rows) for b in self.bulk))


def _with_creations(taken: list[RowOutcome], rows: list[RowOutcome]) -> list[RowOutcome]:
    """A unit or category new to the ledger is written down on the first row naming it; when
    that row has an error and is skipped, the rows taken that name it still need it, so its
    creation comes along (first, as a row of its own)."""
    defined = {i.ref for r in taken for i in r.inserts if i.ref}
    wanted = {name for r in taken for name in _refs(r)} - defined
    if not wanted:
        return taken
    creators = {i.ref: i for r in rows if r.has_error for i in r.inserts if i.ref}
    needed: list[Insert] = []
    while wanted:
        insert = creators.get(wanted.pop())
        if insert is not None and insert.ref not in defined:
            needed.append(insert)
            defined.add(insert.ref)
            wanted |= {v.name for v in insert.values.values() if isinstance(v, Ref)} - defined
    needed.reverse()  # what a creation points at (a township's county) is created before it
    return [RowOutcome(needed[0].sheet, needed[0].row, inserts=needed), *taken] if needed else taken


def _refs(row: RowOutcome) -> Iterator[str]:
    for insert in row.inserts:
        yield from (v.name for v in insert.values.values() if isinstance(v, Ref))
    yield from (c.new.name for c in row.changes if isinstance(c.new, Ref))
