"""The filters a ledger screen offers above its table, declared per ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChoiceFilter:
    """A drop-down of the values rows have; a row matches when the chosen value is among
    ``values(row)`` (several for e.g. the lead and the cooperating units of a task)."""

    label: str
    everything: str
    values: Callable[[Any], Iterable[str]]
    order: Sequence[str] = ()  # a fixed order (colours, stages); otherwise by name

    def matches(self, row: Any, chosen: str | None) -> bool:
        return chosen is None or chosen in self.values(row)

    def options(self, rows: Sequence[Any]) -> list[str]:
        present = {v for row in rows for v in self.values(row)}
        fixed = [v for v in self.order if v in present]
        return fixed + sorted(present - set(fixed))


@dataclass(frozen=True)
class FlagFilter:
    """A check box; when ticked only rows passing ``test`` remain."""

    label: str
    test: Callable[[Any], bool]

    def matches(self, row: Any, chosen: bool | None) -> bool:
        return not chosen or self.test(row)


Filter = ChoiceFilter | FlagFilter
