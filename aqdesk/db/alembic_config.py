"""Where the migrations are, for the migration runner and the portable backup alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aqdesk import paths

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic is imported only to migrate

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config
