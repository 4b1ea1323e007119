"""The office's week from the command line: agenda, chase, bulletin, brief."""

import json

from tests.exchange.pdf_reading import pages_text
from tests.test_cli import run


def demo(capsys, db_url):
    assert run(capsys, "init", "--demo", "--db", db_url)[0] == 0


def test_agenda_text_and_json(capsys, db_url, anchor):
    demo(capsys, db_url)
    code, out, _ = run(capsys, "agenda", "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0 and out.startswith("【本周待办】") and "联系人：" in out
    code, out, _ = run(capsys, "agenda", "--json", "--as-of", anchor.isoformat(), "--db", db_url)
    data = json.loads(out)
    assert [s["key"] for s in data["sections"]][:3] == ["due_this_week", "newly_red", "overdue"]


def test_chase_lists_the_missing_and_writes_the_notice(capsys, db_url, anchor, tmp_path):
    demo(capsys, db_url)
    out_file = tmp_path / "催报通知.pdf"
    code, out, _ = run(capsys, "chase", "--period", anchor.isoformat(), "--date", "2026-11-26",
                       "--out", str(out_file), "--db", db_url)
    assert code == 0 and out.startswith("【催报】") and "尚未报送" in out
    assert "催报" in "".join(pages_text(out_file)).replace(" ", "")


def test_bulletin_issue_then_reprint_and_bad_period(capsys, db_url, tmp_path):
    demo(capsys, db_url)
    first, again = tmp_path / "通报.pdf", tmp_path / "重印.pdf"
    code, out, _ = run(capsys, "bulletin", "--period", "2026-11", "--as-of", "2026-11-23", "--issue",
                       "--out", str(first), "--db", db_url)
    assert code == 0 and "〔2026〕1号" in out and "已印发" in out
    code, out, _ = run(capsys, "bulletin", "--period", "2026-11", "--out", str(again), "--db", db_url)
    assert code == 0 and "已印发" in out and first.read_bytes() == again.read_bytes()
    code, _out, err = run(capsys, "bulletin", "--period", "11月", "--db", db_url)
    assert code == 1 and "2026-11" in err


def test_brief_is_one_page(capsys, db_url, anchor, tmp_path):
    demo(capsys, db_url)
    path = tmp_path / "专报.pdf"
    code, out, _ = run(capsys, "brief", "--as-of", anchor.isoformat(), "--out", str(path), "--db", db_url)
    assert code == 0 and "预警情况" in out and len(pages_text(path)) == 1
