import hashlib
import json
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
        batch.add_column(sa.Column("fax", sa.String(30), nullable=True))


def downgrade():
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("fax")
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


@pytest.mark.sqlite_only
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


@pytest.mark.sqlite_only
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


def test_upgrade_from_the_first_schema_keeps_every_row(tmp_path):
    """0002 rebuilds the unit table: aliases (ON DELETE CASCADE) and the rows that refer to
    units must all survive, and townships of different counties may share a name."""
    path = tmp_path / "old.db"
    url = database_at(path, "0001")
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO unit (id, name, kind, leader, sort_order, active, version) VALUES "
                    "(1, '安平县', 'county', '', 0, 1, 1), (2, '清河县', 'county', '', 1, 1, 1)")
        con.execute("INSERT INTO unit (id, name, kind, parent_id, leader, sort_order, active, version) VALUES "
                    "(3, '城关镇', 'township', 1, '', 2, 1, 1)")
        con.execute("INSERT INTO unit_alias (unit_id, alias) VALUES (1, '安平')")
        con.execute("INSERT INTO category (id, code, name, version) VALUES (1, 1, '能源结构调整', 1)")
        con.execute("INSERT INTO task (number, category_id, title, target, lead_unit_id, leader, deadline_kind, status,"
                    " progress_pct, latest_progress, problems, next_steps, version) VALUES "
                    "('2-01', 1, '双替代', '', 1, '', 'date', 'in_progress', 10, '', '', '', 1)")
    open_database(url).close()
    assert revision_of(path) == migrate.head_revision()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM unit_alias").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM task").fetchone()[0] == 1
        con.execute("INSERT INTO unit (name, kind, parent_id, leader, sort_order, active, version) VALUES "
                    "('城关镇', 'township', 2, '', 3, 1, 1)")  # the other county's 城关镇
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO unit (name, kind, leader, sort_order, active, version) VALUES "
                        "('安平县', 'county', '', 4, 1, 1)")


def database_at(path: Path, revision: str) -> str:
    from alembic import command
    from sqlalchemy import create_engine

    url = f"sqlite:///{path.as_posix()}"
    config = migrate.alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    engine = create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    return url


@pytest.mark.parametrize("edited_later", [False, True])
def test_0003_moves_an_imports_field_entries_into_its_record(tmp_path, edited_later):
    """A batch committed by the old code (one audit entry per field) can still be undone
    exactly after 0003, and a hand edit after it still forbids the undo."""
    from aqdesk.db.models import ImportBatch, SubstitutionTarget
    from aqdesk.services.importing.commit import undo_import

    path = tmp_path / "old.db"
    url = database_at(path, "0002")
    entry = ("INSERT INTO audit_log (id, action_id, table_name, row_id, field, old_value, new_value, changed_at,"
             " changed_by, source, batch_id) VALUES (?, ?, 'substitution_target', 1, ?, ?, ?, ?, 'clerk', ?, ?)")
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO unit (id, name, kind, parent_id, leader, sort_order, active, version) VALUES "
                    "(1, '安平县', 'county', NULL, '', 0, 1, 1), (2, '太平镇', 'township', 1, '', 1, 1, 1)")
        con.execute("INSERT INTO substitution_target (id, township_id, kind, target_households, completed, accepted,"
                    " deadline, version) VALUES (1, 2, 'gas', 100, ?, 2, '2026-12-31', 3)", (10 if edited_later else 9,))
        con.execute("INSERT INTO import_batch (id, file_name, sha256, kind, unit_id, period, rows_read, rows_changed,"
                    " errors, warnings, skipped_rows, committed_at, committed_by, undone_by) VALUES (1, '安平县.xlsx',"
                    " 'abc', 'return', 1, '2026-11-20', 1, 1, 0, 0, '', '2026-11-20 10:00:00.000000', 'clerk', '')")
        con.execute(entry, (1, "a1", "deadline", "2026-11-30", "2026-12-31", "2026-11-19 09:00:00.000000",
                            "manual", None))
        for entry_id, field, old, new in ((2, "completed", "3", "9"), (3, "accepted", "1", "2")):
            con.execute(entry, (entry_id, "a2", field, old, new, "2026-11-20 10:00:00.250000", "import", 1))
        if edited_later:
            con.execute(entry, (4, "a3", "completed", "9", "10", "2026-11-21 09:00:00.000000", "manual", None))

    db = open_database(url)
    try:
        assert revision_of(path) == migrate.head_revision()
        with sqlite3.connect(path) as con:
            left = [row for row, in con.execute("SELECT id FROM audit_log ORDER BY id")]
            data = json.loads(con.execute("SELECT data FROM import_changes WHERE batch_id = 1").fetchone()[0])
        assert left == ([1, 4] if edited_later else [1])
        moved = {(g["table"], tuple(g["fields"]), tuple(map(tuple, g["rows"]))) for g in data}
        assert moved == {("substitution_target", ("completed",), ((1, "3", "9"),)),
                         ("substitution_target", ("accepted",), ((1, "1", "2"),))}
        with db.reading() as s:
            assert s.get(ImportBatch, 1).audit_mark == 1  # the hand edit before it counts as earlier, 4 as later

        if edited_later:
            with pytest.raises(UserError, match="又被"):
                undo_import(db, 1)
            return
        undo_import(db, 1)
        with db.reading() as s:
            target = s.get(SubstitutionTarget, 1)
            assert (target.completed, target.accepted, target.deadline.isoformat()) == (3, 1, "2026-12-31")
        with sqlite3.connect(path) as con:
            assert con.execute("SELECT typeof(completed), typeof(accepted) FROM substitution_target").fetchone() == (
                "integer", "integer")
    finally:
        db.close()


def test_plan_years_are_placed_by_dates_on_a_database_of_the_previous_version(tmp_path):
    """rev0003_demo.db.gz: the demo office as aqdesk wrote it before plan years (revision 0003).
    Its one plan has tasks due in the spring of 2027; they stay 2026's."""
    import datetime as dt
    import gzip

    from sqlalchemy import func, select

    from aqdesk.db.models import Enterprise, SubstitutionTarget, SupervisionSheet, Task
    from aqdesk.services.ledgers import tasks

    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress((Path(__file__).parent / "fixtures" / "rev0003_demo.db.gz").read_bytes()))
    assert revision_of(path) == "0003"
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM task WHERE deadline >= '2027-01-01'").fetchone()[0] > 0
    db = open_database(f"sqlite:///{path.as_posix()}")
    try:
        assert revision_of(path) == migrate.head_revision()
        with db.reading() as s:
            assert dict(s.execute(select(Task.plan_year, func.count()).group_by(Task.plan_year)).all()) == {2026: 60}
            assert set(s.scalars(select(SubstitutionTarget.season))) == {2026}
            assert set(s.scalars(select(SupervisionSheet.year))) == {2026}
            assert s.scalar(select(func.count()).where(Enterprise.first_year <= 2026, Enterprise.last_year.is_(None))) == 77
        rows = tasks.task_rows(db, dt.date(2026, 11, 23))
        assert len(rows) == 60 and next(r for r in rows if r.number == "1-01").postponed == 2
    finally:
        db.close()


def test_0004_marks_the_registers_sheets_and_makes_the_summons_settings_a_rule(tmp_path):
    """An office that changed its 约谈 settings keeps them as its rule for late sheets; the
    register's entries for sheets are of kind 'sheet', its letters of kind 'letter'."""
    from aqdesk.domain.followup import DocKind, RuleKind
    from aqdesk.services.supervision import register, rules

    path = tmp_path / "old.db"
    url = database_at(path, "0003")
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO unit (id, name, kind, leader, sort_order, active, version) VALUES "
                    "(1, '安平县', 'county', '', 0, 1, 1)")
        con.execute("INSERT INTO supervision_sheet (id, number, level, unit_id, subject, source, requirement, "
                    "responsible_person, issued_on, deadline, day_kind, state, version) VALUES (1, '督办〔2026〕1号', "
                    "'red', 1, '散煤复烧', '', '整改', '', '2026-11-02', '2026-11-05', 'workday', 'issued', 1)")
        for seq, series, sheet in ((1, "督办", 1), (1, "示例市大气办督", None)):
            con.execute("INSERT INTO letter (series, year, seq, number, unit_id, sheet_id, title, issued_on, file_name)"
                        " VALUES (?, 2026, ?, ?, 1, ?, '', '2026-11-02', '')",
                        (series, seq, f"{series}〔2026〕{seq}号", sheet))
        con.execute("INSERT INTO setting (key, value) VALUES ('summons.overdue_sheets', '3'), "
                    "('summons.window_days', '120')")
    db = open_database(url)
    try:
        kinds = {r.number: r.kind for r in register.register_rows(db)}
        assert kinds == {"督办〔2026〕1号": DocKind.SHEET, "示例市大气办督〔2026〕1号": DocKind.LETTER}
        late = next(r for r in rules.rules(db) if r.kind is RuleKind.LATE_SHEETS)
        assert (late.threshold, late.window_days) == (3, 120) and len(rules.rules(db)) == 6
    finally:
        db.close()


def test_the_revisions_read_from_the_files_are_alembics():
    """Start-up reads revisions from the migration files without importing Alembic: they must
    be exactly the ones Alembic finds, head included."""
    from alembic.script import ScriptDirectory

    from aqdesk.db.alembic_config import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate._revisions() == {r.revision: r.down_revision for r in script.walk_revisions()}
