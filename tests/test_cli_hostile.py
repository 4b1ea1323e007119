"""Hostile databases, paths and pipes: a Chinese message, never a traceback (issue 12)."""

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
PLAN = [["任务编号", "类别", "任务名称", "牵头单位", "完成时限"], ["9-09", "新类别", "新任务", "市新设局", "2026-12-31"]]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_pages(path: Path) -> None:
    """Garbage over the data pages, the schema page left whole so the file still opens."""
    noise = random.Random(12)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for page in range(3, size // 4096):
            fh.seek(page * 4096)
            fh.write(noise.randbytes(4096))


@pytest.fixture
def office(capsys, db_url, tmp_path):
    run(capsys, "init", "--demo", "--db", db_url)
    return tmp_path / "office.db"


def _saved(capsys, db_url, tmp_path, name="saved.db") -> Path:
    saved = tmp_path / name
    assert run(capsys, "backup", str(saved), "--db", db_url)[0] == 0
    return saved


def _dangling(con):
    con.execute("UPDATE task SET lead_unit_id = 99999 WHERE id = (SELECT min(id) FROM task)")


def _missing_table(con):
    con.execute("DROP TABLE audit_log")


@pytest.mark.parametrize("spoil", [_dangling, _missing_table, None], ids=["dangling", "missing-table", "pages"])
def test_restore_refuses_a_corrupt_backup_and_leaves_the_database(capsys, db_url, tmp_path, office, spoil):
    saved = _saved(capsys, db_url, tmp_path)
    if spoil is None:
        _damage_pages(saved)
    else:
        with sqlite3.connect(saved) as con:
            spoil(con)
        con.close()
    before = _digest(office)
    code, _, err = run(capsys, "restore", str(saved), "--db", db_url)
    assert code == 1 and "未作任何改动" in err and "saved.db" in err, err
    assert _digest(office) == before
    assert run(capsys, "status", "--db", db_url)[0] == 0


def test_a_damaged_database_names_the_newest_backup(capsys, db_url, tmp_path, office, isolated_data_dir):
    backups = isolated_data_dir / "backups"
    backups.mkdir(parents=True)
    _saved(capsys, db_url, backups, "office-good.db")
    _damage_pages(office)
    code, _, err = run(capsys, "status", "--db", db_url)
    assert code == 1 and "已损坏" in err and "office-good.db" in err and "Traceback" not in err, err


def test_a_read_only_database_refuses_writes_before_the_work(capsys, db_url, tmp_path, office):
    path = tmp_path / "计划.xlsx"
    from tests.services.importing.test_importing import workbook
    workbook(path, {"任务清单": PLAN})
    office.chmod(stat.S_IREAD)
    try:
        code, out, err = run(capsys, "import", str(path), "--create-units", "--db", db_url)
        assert code == 1 and "只读" in err and "计划.xlsx" not in out, (out, err)
        assert run(capsys, "status", "--db", db_url)[0] == 0  # reading still works
    finally:
        office.chmod(stat.S_IREAD | stat.S_IWRITE)


@pytest.mark.parametrize("url", ["notaurl", "sqlite://"])
def test_a_url_we_cannot_use_is_a_message(capsys, url, tmp_path):
    plan = tmp_path / "p.xlsx"
    plan.write_bytes(b"x")
    code, _, err = run(capsys, "--db", url, "import", str(plan))
    assert code == 1 and err.startswith("错误：") and url in err, err


def test_a_db_in_a_missing_folder_is_refused_without_init(capsys, tmp_path):
    url = f"sqlite:///{(tmp_path / '打错的目录' / 'a.db').as_posix()}"
    code, _, err = run(capsys, "status", "--db", url)
    assert code == 1 and "打错的目录" in err and "init" in err
    assert not (tmp_path / "打错的目录").exists()
    assert run(capsys, "init", "--db", url)[0] == 0 and (tmp_path / "打错的目录" / "a.db").exists()


def test_backup_into_a_folder_that_cannot_be_made(capsys, db_url, tmp_path, office):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = run(capsys, "backup", str(blocker / "sub" / "b.db"), "--db", db_url)
    assert code == 1 and err.startswith("错误：无法把数据库复制到"), err


def test_an_unreadable_file_is_refused_aloud(capsys, db_url, office, tmp_path):
    junk = tmp_path / "坏文件.xlsx"
    junk.write_text("not a workbook")
    code, out, err = run(capsys, "import", str(junk), "--db", db_url)
    assert code == 1 and "坏文件.xlsx" in err and "不是 Excel" in err


def test_a_closed_pipe_ends_quietly(db_url, office):
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", db_url, "tasks"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    child.stdout.close()  # the reader is gone before a line is written, as with `| head -1`
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0 and "Traceback" not in err, err
