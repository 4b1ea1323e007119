"""Field values as the audit log and import records keep them: text, or JSON values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Date, DateTime

# the field of an audit entry that records a whole row added or removed
INSERTED = "*inserted*"
DELETED = "*deleted*"


def to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def from_text(column: ColumnElement[Any], text: str | None) -> Any:
    """The value ``to_text`` made ``text`` from, typed as ``column`` holds it."""
    if text is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(text)
    python_type = column.type.python_type
    if python_type is bool:
        return text == "1"
    return python_type(text)


def from_json(column: ColumnElement[Any], value: Any) -> Any:
    """A value read back from JSON: dates come as text, numbers and booleans as themselves."""
    return from_text(column, value) if isinstance(value, str) else value


def json_default(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a field value")
