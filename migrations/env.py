"""Alembic environment: run from inside aqdesk (a connection is passed in) or from the
``alembic`` command line with ``-x url=...``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import aqdesk.db.models  # noqa: F401 - registers every table on Base.metadata
from aqdesk.db.base import Base

target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///aqdesk.db")
    with create_engine(url).connect() as conn:
        _configure(conn)


run()
