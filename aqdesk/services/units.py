"""Finding units by any of their names, as clerks write them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import Unit, UnitAlias
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.names import normalize_name


class UnitDirectory:
    """Name or alias (normalised) → unit id, read once per service call."""

    def __init__(self, session: Session):
        self._ids: dict[str, int] = {}
        for unit_id, name in session.execute(select(Unit.id, Unit.name)):
            self._ids[normalize_name(name)] = unit_id
        for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
            self._ids.setdefault(normalize_name(alias), unit_id)

    def find(self, name: str) -> int | None:
        return self._ids.get(normalize_name(name))

    def add(self, name: str, unit_id: int) -> None:
        self._ids[normalize_name(name)] = unit_id


def unit_names(db: Database, include_townships: bool = False) -> list[str]:
    """Active units in the office's order: departments and counties (the units that send
    returns), and townships too when asked (they can be supervised)."""
    query = select(Unit.name).where(Unit.active)
    if not include_townships:
        query = query.where(Unit.kind != UnitKind.TOWNSHIP)
    with db.reading() as session:
        return list(session.scalars(query.order_by(Unit.sort_order, Unit.id)))
