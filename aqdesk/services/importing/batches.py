"""The record of imported files (import batches)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import ImportBatch


@dataclass(frozen=True)
class BatchRow:
    id: int
    file_name: str
    kind: str
    unit: str
    period: dt.date | None
    rows_read: int
    rows_changed: int
    errors: int
    warnings: int
    committed_at: dt.datetime
    committed_by: str
    undone: bool


def batch_rows(db: Database) -> list[BatchRow]:
    with db.reading() as session:
        batches = session.scalars(
            select(ImportBatch).options(selectinload(ImportBatch.unit)).order_by(ImportBatch.id.desc())
        )
        return [
            BatchRow(
                id=b.id, file_name=b.file_name, kind=b.kind.label,
                unit=b.unit.name if b.unit else "", period=b.period, rows_read=b.rows_read,
                rows_changed=b.rows_changed, errors=b.errors, warnings=b.warnings,
                committed_at=b.committed_at, committed_by=b.committed_by, undone=b.undone_at is not None,
            )
            for b in batches
        ]
