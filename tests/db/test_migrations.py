import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from aqdesk import paths
from aqdesk.db import migrate
from aqdesk.db.base import Base
from aqdesk.db.database import open_database
from aqdesk.errors import UserError

EXTRA_REVISION = '''
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("phone", sa.String(30), nullable=True))


def downgrade():
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("phone")
'''


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture
def newer_program(tmp_path, monkeypatch):
    """A copy of migrations/ with one more revision: the program of a later version."""
    folder = tmp_path / "newer_migrations"
    shutil.copytree(paths.migrations_dir(), folder)
    (folder / "versions" / "9999_add_phone.py").write_text(
        EXTRA_REVISION.format(head=migrate.head_revision()), encoding="utf-8")
    return lambda: monkeypatch.setattr(paths, "migrations_dir", lambda: folder)


def test_empty_file_is_migrated_to_head(tmp_path):
    path = tmp_path / "new.db"
    path.touch()
    db = open_database(f"sqlite:///{path.as_posix()}")
    db.close()
    assert revision_of(path) == migrate.head_revision()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_models_and_migrations_agree(empty_db):
    with empty_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_older_database_is_backed_up_before_migrating(db_url, tmp_path, newer_program, isolated_data_dir):
    path = tmp_path / "office.db"
    open_database(db_url).close()
    before = revision_of(path)
    newer_program()
    db = open_database(db_url)
    db.close()
    assert revision_of(path) == "9999"
    backups = list((isolated_data_dir / "backups").glob("*.db"))
    assert len(backups) == 1 and revision_of(backups[0]) == before


def test_newer_database_is_refused_untouched(db_url, tmp_path, newer_program, monkeypatch):
    path = tmp_path / "office.db"
    original = paths.migrations_dir
    newer_program()
    open_database(db_url).close()
    monkeypatch.setattr(paths, "migrations_dir", original)
    before = digest(path)
    with pytest.raises(UserError, match="更新版本"):
        open_database(db_url)
    assert digest(path) == before


@pytest.mark.parametrize("content", [b"PK\x03\x04 this is a zip, not a database", b"SQLite format 3\x00" + b"\x07" * 500])
def test_foreign_or_corrupt_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "foreign.db"
    path.write_bytes(content)
    with pytest.raises(UserError, match="不是 aqdesk 数据库|已损坏"):
        open_database(f"sqlite:///{path.as_posix()}")
    assert path.read_bytes() == content


def test_other_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    before = digest(path)
    with pytest.raises(UserError, match="不是 aqdesk 数据库"):
        open_database(f"sqlite:///{path.as_posix()}")
    assert digest(path) == before
