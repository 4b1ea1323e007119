import openpyxl
import pytest

from aqdesk.cli import main
from tests.exchange.pdf_reading import pages_text


@pytest.fixture
def db_url(demo_db):
    """The demo office as of its anchor day, whatever today is."""
    return demo_db.url


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_ledger_for_a_unit(capsys, db_url, tmp_path):
    out = tmp_path / "台账.xlsx"
    code, text, _ = run(capsys, "export", "ledger", "--out", str(out), "--as-of", "2026-11-22", "--unit", "东城区",
                        "--db", db_url)
    assert code == 0 and "已导出台账" in text
    assert openpyxl.load_workbook(out)["重点任务"]["A1"].value.endswith("（东城区，截至2026年11月22日）")


def test_a_ledger_of_a_year_the_office_never_had_is_refused_not_exported_empty(capsys, db_url, tmp_path):
    out = tmp_path / "台账.xlsx"
    code, _, err = run(capsys, "export", "ledger", "--out", str(out), "--year", "1999", "--db", db_url)
    assert code == 1 and "没有1999年度的计划或记录" in err and "2026" in err and not out.exists()


def test_letters_for_every_overdue_unit_then_one_unit(capsys, db_url, tmp_path, anchor):
    code, text, _ = run(capsys, "letters", "--overdue", "--out", str(tmp_path / "函"), "--as-of", anchor.isoformat(),
                        "--db", db_url)
    assert code == 0
    written = sorted((tmp_path / "函").glob("*.pdf"))
    assert len(written) == len(text.strip().splitlines()) > 5
    assert "示例市大气办督〔2026〕4号" in text  # after the demo office's three letters
    code, text, _ = run(capsys, "letters", "--unit", "石桥", "--out", str(tmp_path / "函"),
                        "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0 and f"示例市大气办督〔2026〕{len(written) + 4}号　石桥县" in text


def test_letters_for_a_unit_with_nothing_overdue_exits_1(capsys, db_url, tmp_path, anchor):
    code, _, err = run(capsys, "letters", "--unit", "市教育局", "--out", str(tmp_path), "--as-of", anchor.isoformat(),
                       "--db", db_url)
    assert code == 1 and "没有逾期或临期事项" in err


def test_sheet_is_issued_and_printed(capsys, db_url, tmp_path, anchor):
    out = tmp_path / "督办单.pdf"
    code, text, _ = run(capsys, "sheet", "--unit", "石桥县", "--item", "5-06", "关帝庙乡", "--out", str(out),
                        "--as-of", anchor.isoformat(), "--db", db_url)
    assert code == 0 and "已交办红色督办单 督办〔2026〕12号" in text
    page = pages_text(out)[0].replace(" ", "")
    assert "红色督办单" in page and "石桥县铸造行业深度治理" in page
    code, _, err = run(capsys, "sheet", "--unit", "石桥县", "--item", "9-99", "--out", str(out), "--db", db_url)
    assert code == 1 and "找不到以下事项：9-99" in err


def test_summons_lists_units_and_saves_a_pdf(capsys, db_url, tmp_path, anchor):
    run(capsys, "sheet", "--unit", "石桥县", "--item", "5-06", "--out", str(tmp_path / "s.pdf"),
        "--as-of", "2026-11-10", "--db", db_url)
    code, text, _ = run(capsys, "summons", "--out", str(tmp_path / "约谈.pdf"), "--as-of", anchor.isoformat(),
                        "--db", db_url)
    assert code == 0 and "石桥县" in text
    assert "石桥县" in pages_text(tmp_path / "约谈.pdf")[0]


def test_the_summons_list_is_numbered_on_its_one_page(capsys, db_url, tmp_path, anchor):
    run(capsys, "summons", "--out", str(tmp_path / "约谈.pdf"), "--as-of", anchor.isoformat(), "--db", db_url)
    pages = pages_text(tmp_path / "约谈.pdf")
    assert len(pages) == 1 and pages[0].rstrip().endswith("— 1 —")


def test_before_issuing_the_clerk_is_told_what_will_not_print_right(capsys, db_url, tmp_path, anchor):
    code, _, err = run(capsys, "letters", "--unit", "石桥", "--out", str(tmp_path), "--as-of", anchor.isoformat(),
                       "--requirement", "请立即整改😀", "--db", db_url)
    assert code == 1 and "注意：以下字符没有字体能够显示，无法印出：“😀”（U+1F600）" in err
    assert "文件未生成，也未编号" in err and not list(tmp_path.glob("*督办函*"))
    from aqdesk.exchange.pdf.fonts import font_set
    if font_set().substituted():
        assert "注意：本机缺少公文字体" in err and "请安装方正小标宋简体" in err
