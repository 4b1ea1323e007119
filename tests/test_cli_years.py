"""aqdesk year close/open/summary/list and --year, as an office runs them in January."""

import json

from tests.services.common.test_plan_years import PLAN_HEADINGS
from tests.services.importing.test_importing import workbook
from tests.test_cli import run


def test_closing_2026_opening_2027_and_reading_either_year(capsys, db_url, tmp_path):
    run(capsys, "init", "--demo", "--db", db_url)
    undated = workbook(tmp_path / "重点任务清单.xlsx", {"任务清单": [
        ["重点任务清单"], PLAN_HEADINGS,
        ["1-01", "产业结构调整", "钢铁行业超低排放改造巩固提升", "市工业和信息化局", "长期坚持"],
        ["1-02", "产业结构调整", "淘汰落后产能", "市发展改革委", "每季度"],
    ]})
    code, _, err = run(capsys, "import", str(undated), "--db", db_url)
    assert code == 1 and "无法确定该计划属于哪一年" in err and "--year 2027" in err

    summary = tmp_path / "2026年度汇总.pdf"
    code, out, _ = run(capsys, "year", "close", "2026", "--summary", str(summary), "--db", db_url)
    assert code == 0 and "2026年度已结转关闭" in out and summary.stat().st_size > 1000
    code, out, _ = run(capsys, "year", "open", "2027", "--carry", "unfinished", "standing", "--db", db_url)
    assert code == 0 and "结转任务" in out and "退城入园企业 0 家" in out
    code, out, _ = run(capsys, "import", str(undated), "--year", "2027", "--db", db_url)
    assert code == 0 and "已导入" in out
    code, out, _ = run(capsys, "year", "list", "--db", db_url)
    assert out.splitlines() == ["2026年度：已结转关闭（只读）", "2027年度：进行中"]

    code, out, _ = run(capsys, "tasks", "--as-of", "2027-03-01", "--json", "--db", db_url)
    numbers = [t["number"] for t in json.loads(out)["tasks"]]
    assert code == 0 and {"1-01", "1-02", "结转1-01"} <= set(numbers)
    one_01 = next(t for t in json.loads(out)["tasks"] if t["number"] == "结转1-01")
    assert one_01["postponed"] == 2 and one_01["progress"] == 40
    code, out, _ = run(capsys, "tasks", "--year", "2026", "--as-of", "2027-03-01", "--json", "--db", db_url)
    assert len(json.loads(out)["tasks"]) == 60
    code, out, _ = run(capsys, "status", "--as-of", "2027-03-01", "--db", db_url)
    assert code == 0 and f"重点任务：共 {len(numbers)}" in out
    code, out, _ = run(capsys, "sheet", "--unit", "工信局", "--item", "结转1-01", "--as-of", "2027-03-01",
                       "--out", str(tmp_path / "督办单.pdf"), "--db", db_url)
    assert code == 0 and "〔2027〕" in out
    code, _, err = run(capsys, "sheet", "--unit", "工信局", "--item", "结转1-01", "--year", "2026",
                       "--as-of", "2027-03-01", "--out", str(tmp_path / "x.pdf"), "--db", db_url)
    assert code == 1 and "找不到以下事项：结转1-01" in err  # 2026 has 1-01, not its carried successor
    code, _, err = run(capsys, "year", "open", "2027", "--db", db_url)
    assert code == 1 and "不能重复结转" in err
    code, _, err = run(capsys, "year", "summary", "2026", "--out", str(tmp_path / "again.pdf"), "--db", db_url)
    assert code == 0
