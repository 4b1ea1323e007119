"""Fresh PostgreSQL databases for tests, when ``AQDESK_TEST_DB`` names a server.

``AQDESK_TEST_DB`` is a URL of any database on the server the test role may connect to
(``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``); each test gets a database of its
own, copied from a template that was migrated (or loaded with the demo office) once per run.
"""

from __future__ import annotations

import itertools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER = os.environ.get("AQDESK_TEST_DB", "")
_names = itertools.count(1)


def on_server() -> bool:
    return bool(SERVER)


def _admin():
    return create_engine(SERVER, isolation_level="AUTOCOMMIT", poolclass=None)


def url_of(name: str) -> str:
    return make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def create(template: str | None = None, name: str | None = None) -> str:
    """A new, empty (or template-copied) database; returns its URL."""
    name = name or f"aqdesk_test_{os.getpid()}_{next(_names)}"
    engine = _admin()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    engine.dispose()
    return url_of(name)


def drop(url: str) -> None:
    engine = _admin()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()
