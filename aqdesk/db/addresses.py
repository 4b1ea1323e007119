"""Database addresses as clerks see them: a file's path, or a server URL with its password
hidden, in every message, box and status bar."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

from aqdesk.db.sqlite_files import sqlite_path

HIDDEN = "***"


def shown(url: str) -> str:
    """How to name the database at ``url`` to a clerk."""
    try:
        path = sqlite_path(url)
        return str(path) if path else make_url(url).render_as_string(hide_password=True)
    except Exception:  # an address SQLAlchemy cannot even parse: hide what looks like a password
        return re.sub(r"(://[^:/@]*:)[^@]*@", rf"\g<1>{HIDDEN}@", url)


def scrub(text: str, url: str) -> str:
    """``text`` (a driver's message, say) with the password of ``url`` taken out."""
    try:
        password = make_url(url).password
    except Exception:
        match = re.search(r"://[^:/@]*:([^@]*)@", url)
        password = match.group(1) if match else None
    return text.replace(str(password), HIDDEN) if password else text
