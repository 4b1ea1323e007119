"""Where the migrations are, for the migration runner and the portable backup alike."""

from __future__ import annotations

from alembic.config import Config

from aqdesk import paths


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config
