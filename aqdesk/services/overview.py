"""The overview (总览): colour counts across every ledger and the unit ranking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aqdesk.db.database import Database
from aqdesk.services import relocation, substitution, supervision
from aqdesk.services.status import ColorCounts, Status, office_status


@dataclass(frozen=True)
class Overview:
    status: Status
    enterprises: ColorCounts
    townships: ColorCounts
    sheets: ColorCounts


def overview(db: Database, as_of: dt.date) -> Overview:
    return Overview(
        status=office_status(db, as_of),
        enterprises=_count(relocation.enterprise_rows(db, as_of)),
        townships=_count(substitution.township_rows(db, as_of)),
        sheets=_count(supervision.sheet_rows(db, as_of)),
    )


def _count(rows) -> ColorCounts:
    counts = ColorCounts()
    for row in rows:
        counts.add(row.color)
    return counts
