"""What an import changed, kept with its batch as one compact JSON text.

A city-wide 双替代 return changes 200,000 fields; an audit entry each would double the time
of its commit. The text is a list of groups, one per table and set of fields:
``{"table": "substitution_target", "fields": ["accepted", "completed"],
"rows": [[row id, old values..., new values...], ...]}``; values are JSON, dates ISO text.
A field whose old and new values agree was not changed. Migration 0003 writes this format.

Batches and audit entries are ordered by ``ImportBatch.audit_mark``, the last audit entry
written before the batch, so "changed later" means the same for edits and imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from aqdesk.db.base import Base
from aqdesk.db.models import ImportBatch, ImportChanges
from aqdesk.services.common.stored import DELETED, from_json, json_default


class ChangeRecord:
    """The groups of one batch, added to as its commit writes them."""

    def __init__(self) -> None:
        self.groups: list[dict] = []

    def add(self, table: str, fields: tuple[str, ...], rows: list[tuple]) -> None:
        """``rows``: (row id, old values..., new values...) over ``fields``."""
        if rows:
            self.groups.append({"table": table, "fields": list(fields), "rows": rows})

    def save(self, session: Session, batch_id: int) -> None:
        text = json.dumps(self.groups, ensure_ascii=False, separators=(",", ":"), default=json_default)
        session.add(ImportChanges(batch_id=batch_id, data=text))


def load(session: Session, batch_id: int) -> list[dict]:
    text = session.scalar(select(ImportChanges.data).where(ImportChanges.batch_id == batch_id))
    return json.loads(text) if text else []


def changed(groups: list[dict]) -> Iterator[tuple[str, int, str]]:
    """(table, row id, field) of every field the batch really changed."""
    for group in groups:
        table, fields = group["table"], group["fields"]
        width = len(fields)
        for row in group["rows"]:
            for i, name in enumerate(fields):
                if row[1 + i] != row[1 + width + i]:
                    yield table, row[0], name


def restorations(groups: list[dict]) -> Iterator[tuple[str, tuple[str, ...], list[tuple]]]:
    """(table, fields, [(old values..., row id)]) that put every row back as it was."""
    for group in groups:
        table = Base.metadata.tables[group["table"]]
        fields = tuple(group["fields"])
        columns = [table.c[name] for name in fields]
        width = len(fields)
        yield group["table"], fields, [
            (*(from_json(column, value) for column, value in zip(columns, row[1:1 + width], strict=True)), row[0])
            for row in group["rows"]]


@dataclass
class Touches:
    """Fields and whole rows an action touched, to find a later import that touched them too."""

    fields: set[tuple[str, int, str]] = field(default_factory=set)
    rows: set[tuple[str, int]] = field(default_factory=set)

    def hit(self, keys: Iterable[tuple[str, int, str]]) -> tuple[str, int, str] | None:
        """The first of ``keys`` (table, row id, field or DELETED) that touches these."""
        changed_rows = None
        for key in keys:
            if key in self.fields or key[:2] in self.rows:
                return key
            if key[2] == DELETED:
                changed_rows = changed_rows or {f[:2] for f in self.fields}
                if key[:2] in changed_rows:
                    return key
        return None


def later_import(session: Session, touches: Touches, after: ColumnElement[bool]) -> tuple[ImportBatch, tuple] | None:
    """The first batch, among those standing (not undone) that ``after`` selects, which
    changed a field of ``touches``, with that field."""
    batches = session.scalars(select(ImportBatch).where(after, ImportBatch.undone_at.is_(None))
                              .order_by(ImportBatch.id))
    for batch in batches:
        key = touches.hit(changed(load(session, batch.id)))
        if key is not None:
            return batch, key
    return None
