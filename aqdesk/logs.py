"""Logging, configured once at start: a rotating file in the data folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers

from aqdesk import paths


def configure(debug: bool = False) -> None:
    level = logging.DEBUG if debug else logging.INFO
    handlers: list[logging.Handler] = []
    try:
        paths.data_dir().mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            paths.data_dir() / "aqdesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        ))
    except OSError:
        pass  # an unwritable data folder is reported where it matters, by open_database
    console = logging.StreamHandler()
    console.setLevel(level if debug else logging.WARNING)
    handlers.append(console)
    logging.basicConfig(
        level=level, handlers=handlers, force=True,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
