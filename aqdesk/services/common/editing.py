"""What every hand edit shares: one transaction on one row at the version the clerk saw,
and undo of a whole action."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aqdesk.db.base import Versioned
from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.services.common import audit, years

Row = TypeVar("Row", bound=Versioned)


@contextmanager
def editing(db: Database, model: type[Row], row_id: int, expected_version: int,
            label: str = "该记录") -> Iterator[tuple[Session, Row]]:
    """A transaction on one row; refused if someone changed it since the clerk opened it."""
    try:
        with db.transaction() as session:
            row = session.get(model, row_id)
            if row is None:
                raise UserError(f"{label}已不存在（可能已被删除），请刷新。")
            if row.version != expected_version:
                raise UserError(f"{label}已被他人修改，请关闭后重新打开再修改。")
            years.refuse_closed_row(session, row, label)
            yield session, row
    except StaleDataError as exc:
        raise UserError(f"保存失败：{label}刚被他人修改，请重新打开后再修改。") from exc


def undo_action(db: Database, action_id: str) -> str:
    """Undo one action (an undo of an undo is a redo); returns the new action's id."""
    return undo_actions(db, [action_id])[0]


def undo_actions(db: Database, action_ids: Sequence[str]) -> list[str]:
    """Undo several actions taken as one (a batch of letters) in one transaction, the last
    first: all are undone or, when one cannot be, none. Returns the new actions' ids in the
    order to pass back here to redo them."""
    try:
        with db.transaction() as session:
            return [audit.undo(session, action_id).action_id for action_id in reversed(action_ids)]
    except StaleDataError as exc:
        raise UserError("撤销失败：相关记录刚被他人修改，请刷新后重试。") from exc


def refuse(problems: list[str]) -> None:
    if problems:
        raise UserError("；".join(problems))
