from aqdesk.cli import main
from tests.exchange.pdf_reading import pages_text


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_unit_file_writes_the_units_whole_record(capsys, demo_db, tmp_path, anchor):
    out = tmp_path / "石桥县.pdf"
    code, text, _ = run(capsys, "unit-file", "石桥", "--out", str(out), "--as-of", anchor.isoformat(),
                        "--db", demo_db.url)
    assert code == 0 and "已生成" in text
    page = "".join(pages_text(out)).replace(" ", "")
    assert "石桥县督办档案" in page and "督办〔2026〕3号" in page and "二、督办单" in page
    code, _, err = run(capsys, "unit-file", "无名局", "--out", str(out), "--db", demo_db.url)
    assert code == 1 and "找不到单位“无名局”" in err


def test_register_voids_a_number_starts_a_series_and_reprints(capsys, demo_db, tmp_path, anchor):
    letters = tmp_path / "函"
    run(capsys, "register", "--start", "示例市大气办督", "--first", "57", "--year", str(anchor.year), "--db", demo_db.url)
    code, text, _ = run(capsys, "letters", "--unit", "石桥县", "--out", str(letters), "--as-of", anchor.isoformat(),
                        "--db", demo_db.url)
    number = f"示例市大气办督〔{anchor.year}〕57号"
    assert code == 0 and number in text
    code, _, err = run(capsys, "register", "--void", number, "--db", demo_db.url)
    assert code == 1 and "请填写作废原因" in err
    code, text, _ = run(capsys, "register", "--void", number, "--reason", "单位名称有误", "--db", demo_db.url)
    assert code == 0 and "已作废" in text
    code, text, _ = run(capsys, "register", "--year", str(anchor.year), "--db", demo_db.url)
    assert "已作废：单位名称有误" in text
    code, text, _ = run(capsys, "register", "--reprint", number, "--out", str(tmp_path / "again.pdf"),
                        "--db", demo_db.url)
    assert code == 0 and (tmp_path / "again.pdf").read_bytes() == next(letters.glob("*.pdf")).read_bytes()


def test_remind_numbers_a_reminder_and_refuses_a_closed_sheet(capsys, demo_db, tmp_path, anchor):
    code, text, _ = run(capsys, "remind", "督办〔2026〕6号", "--out", str(tmp_path), "--date", anchor.isoformat(),
                        "--db", demo_db.url)
    assert code == 0 and f"示例市大气办催〔{anchor.year}〕2号" in text and len(list(tmp_path.glob("*催办函.pdf"))) == 1
    code, _, err = run(capsys, "remind", "督办〔2026〕1号", "--out", str(tmp_path), "--db", demo_db.url)
    assert code == 1 and "已销号" in err
