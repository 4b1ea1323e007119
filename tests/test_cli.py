import hashlib
import json
import sqlite3

import pytest

from aqdesk.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_demo_then_status_json_shows_all_three_colours(capsys, db_url, anchor):
    assert run(capsys, "init", "--demo", "--db", db_url)[0] == 0
    code, out, _ = run(capsys, "status", "--json", "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0
    status = json.loads(out)
    assert status["as_of"] == anchor.isoformat()
    tasks = status["tasks"]
    assert all(tasks[c] > 0 for c in ("red", "yellow", "green"))
    assert sum(tasks.values()) == 60
    units = status["units"]
    assert sum(u["red"] for u in units) == tasks["red"]
    assert units[0]["red"] == max(u["red"] for u in units)  # listed by overdue count
    ranked = {u["name"]: u for u in units if u["rank"] is not None}
    assert ranked["东城区"]["score"] == next(c["score"] for c in status["ranking"]["counties"] if c["unit"] == "东城区")
    assert {c["rank"] for c in status["ranking"]["counties"]} >= {1} and "得分=按时完成率" in status["ranking"]["rule"]


def test_status_text(capsys, db_url, anchor):
    run(capsys, "init", "--demo", "--db", db_url)
    code, out, _ = run(capsys, "--db", db_url, "status", "--as-of", anchor.isoformat())
    assert code == 0 and "重点任务：共 60" in out and "县（区）排名：1." in out and "计分规则：得分=" in out


def test_demo_refuses_a_non_empty_database(capsys, db_url):
    run(capsys, "init", "--demo", "--db", db_url)
    code, _, err = run(capsys, "init", "--demo", "--db", db_url)
    assert code == 1 and "已有数据" in err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["status", "--as-of", "下周一"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(capsys, db_url, tmp_path, isolated_data_dir):
    run(capsys, "init", "--demo", "--db", db_url)
    backup = tmp_path / "saved.db"
    assert run(capsys, "backup", str(backup), "--db", db_url)[0] == 0
    live = tmp_path / "office.db"
    with sqlite3.connect(live) as con:
        con.execute("UPDATE task SET title = '被误改的标题' WHERE number = (SELECT min(number) FROM task)")
    code, out, _ = run(capsys, "restore", str(backup), "--db", db_url)
    assert code == 0 and "已从" in out
    with sqlite3.connect(live) as con:
        assert con.execute("SELECT count(*) FROM task WHERE title = '被误改的标题'").fetchone()[0] == 0
    safety = list((isolated_data_dir / "backups").glob("*before-restore*.db"))
    assert len(safety) == 1
    with sqlite3.connect(safety[0]) as con:
        assert con.execute("SELECT count(*) FROM task WHERE title = '被误改的标题'").fetchone()[0] == 1


@pytest.mark.sqlite_only
def test_restore_of_a_foreign_file_changes_nothing(capsys, db_url, tmp_path):
    run(capsys, "init", "--db", db_url)
    live = tmp_path / "office.db"
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE notes (text TEXT)")
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    code, _, err = run(capsys, "restore", str(foreign), "--db", db_url)
    assert code == 1 and "不是 aqdesk 数据库" in err
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before


def test_foreign_file_as_db_exits_1(capsys, tmp_path):
    sheet = tmp_path / "报送表.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = run(capsys, "status", "--db", f"sqlite:///{sheet.as_posix()}")
    assert code == 1 and "不是 aqdesk 数据库" in err
    assert sheet.read_bytes() == b"PK\x03\x04 not really a workbook"


def test_unwritable_data_folder_exits_1(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("AQDESK_DATA_DIR", str(blocker / "aqdesk"))
    code, _, err = run(capsys, "init")
    assert code == 1 and "无法创建数据文件夹" in err


def test_tasks_by_unit_alias_and_colour(capsys, db_url, anchor):
    run(capsys, "init", "--demo", "--db", db_url)
    code, out, _ = run(capsys, "tasks", "--unit", "城管局", "--color", "red", "--json",
                       "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0
    listed = json.loads(out)["tasks"]
    assert listed and all(t["color"] == "red" and t["reason"].startswith("逾期") for t in listed)
    assert all(t["lead"] == "市城管执法局" or "市城管执法局" in t["cooperators"] for t in listed)


def test_tasks_for_an_unknown_unit_exits_1(capsys, db_url):
    run(capsys, "init", "--demo", "--db", db_url)
    code, _, err = run(capsys, "tasks", "--unit", "市不存在局", "--db", db_url)
    assert code == 1 and "找不到单位" in err


def test_import_saves_a_problem_list_for_a_file_with_problems(capsys, db_url, tmp_path):
    import openpyxl

    run(capsys, "init", "--demo", "--db", db_url)
    book = openpyxl.Workbook()
    book.active.append(["任务编号", "本期进展情况", "完成比例（%）"])
    book.active.append(["4-03", "推进中", "约八成"])
    source = tmp_path / "城管报送.xlsx"
    book.save(source)
    folder = tmp_path / "清单"
    code, out, err = run(capsys, "--db", db_url, "import", str(source), "--unit", "市城管执法局",
                         "--period", "2026-11-20", "--problems", str(folder))
    listed = folder / "城管报送_问题清单.xlsx"
    assert code == 1 and "约八成" in err and str(listed) in out
    saved = openpyxl.load_workbook(listed)
    assert any("约八成" in str(cell.value) for ws in saved.worksheets for row in ws.iter_rows() for cell in row)


def test_tasks_of_a_unit_include_its_shares(capsys, db_url, anchor):
    run(capsys, "init", "--demo", "--db", db_url)
    code, out, _ = run(capsys, "tasks", "--unit", "龙泉县", "--json", "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0
    shared = next(t for t in json.loads(out)["tasks"] if t["number"] == "9-01")
    assert "龙泉县" in shared["shares"] and shared["reason"].startswith("4个县区中3个已完成，1个逾期：龙泉县")


def test_demo_on_the_command_line_opens_the_demo_office_as_the_window_does(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("AQDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AQDESK_DB", raising=False)
    code, out, _ = run(capsys, "--demo", "status", "--json")
    assert code == 0 and sum(json.loads(out)["tasks"].values()) == 60
    assert (tmp_path / "demo.db").exists()


def test_status_of_an_empty_office_says_how_to_begin(capsys, db_url):
    run(capsys, "init", "--db", db_url)
    code, out, err = run(capsys, "status", "--db", db_url)
    assert code == 0 and "重点任务：共 0" in out and "aqdesk import 计划表.xlsx" in err
