"""Column types: a closed vocabulary stored as its English value, read back as its enum."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


class EnumText(TypeDecorator):
    """A VARCHAR holding ``enum``'s values, as before: no migration, and raw SQL still sees
    text. Writing takes a member or its value; reading gives the member."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int):
        super().__init__(length)
        self.length = length
        self.enum = enum
        # a dict, not enum(value): a 100,000-row import reads this many values
        self._members = {m.value: m for m in enum}

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        member = self._members.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a {self.enum.__name__}")
        return member.value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        return None if value is None else self._members[value]

    @property
    def python_type(self) -> type:
        return self.enum

    def __repr__(self) -> str:
        return f"String(length={self.length})"
