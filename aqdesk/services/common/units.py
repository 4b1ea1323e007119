"""Finding units by any of their names, as clerks write them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import Unit, UnitAlias
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.names import normalize_name

_GOVERNMENT = ("人民政府", "政府")


class UnitDirectory:
    """Name or alias → unit id, read once per service call. A department or county named as
    stored is found directly; a township, or another spelling (full-width, spaces, an
    alias), needs the normalised index of every unit, built on first need: a city can
    have 100,000 townships."""

    def __init__(self, session: Session):
        self._session = session
        self._exact: dict[str, int] = {name: unit_id for unit_id, name in session.execute(
            select(Unit.id, Unit.name).where(Unit.kind != UnitKind.TOWNSHIP))}
        self._normalized: dict[str, int] | None = None

    def find(self, name: str) -> int | None:
        found = self._exact.get(name)
        if found is not None:
            return found
        key = normalize_name(name)
        found = self._index().get(key)
        if found is None and key.endswith(_GOVERNMENT):
            # a county signs as its government: 安平县人民政府 is 安平县
            found = self._index().get(key.removesuffix("人民政府").removesuffix("政府") or key)
        return found

    def add(self, name: str, unit_id: int) -> None:
        self._exact[name] = unit_id
        self._index()[normalize_name(name)] = unit_id

    def _index(self) -> dict[str, int]:
        if self._normalized is None:
            self._normalized = {normalize_name(name): unit_id
                                for unit_id, name in self._session.execute(select(Unit.id, Unit.name))}
            # a department or county wins over a township that normalises to its name
            self._normalized.update((normalize_name(n), i) for n, i in self._exact.items())
            for unit_id, alias in self._session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
                self._normalized.setdefault(normalize_name(alias), unit_id)
        return self._normalized


def unit_names(db: Database, include_townships: bool = False) -> list[str]:
    """Active units in the office's order: departments and counties (the units that send
    returns), and townships too when asked (they can be supervised)."""
    query = select(Unit.name).where(Unit.active)
    if not include_townships:
        query = query.where(Unit.kind != UnitKind.TOWNSHIP)
    with db.reading() as session:
        return list(session.scalars(query.order_by(Unit.sort_order, Unit.id)))
