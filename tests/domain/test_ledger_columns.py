"""Each ledger is declared once: the screen and the workbook read the same columns."""

from types import SimpleNamespace

from aqdesk.domain import ledger_columns as L


def headers(columns):
    return [c.header for c in columns]


def test_screen_and_workbook_agree_on_what_both_show():
    sheet = SimpleNamespace(late=True)
    late = next(c for c in L.SHEETS if c.header == "逾期反馈")
    assert late.on_screen and late.in_workbook and late.value(sheet) == "逾期"


def test_warning_reason_comes_right_after_names_and_units():
    for ledger, before in ((L.TASKS, "牵头单位"), (L.ENTERPRISES, "县（区）"), (L.COUNTIES, "县（区）")):
        for columns in (L.screen(ledger), L.workbook(ledger)):
            names = headers(columns)
            assert names.index("预警原因") == names.index(before) + 1 or names[names.index("预警原因") - 1] == "配合单位"


def test_only_the_warning_column_is_coloured():
    for ledger in (L.TASKS, L.ENTERPRISES, L.TOWNSHIPS, L.COUNTIES, L.UNIT_SUMMARY):
        assert [c.header for c in ledger if c.coloured] == ["预警"]
    # a sheet's level has its own word (级别 红色督办): its colour column says how its deadline stands
    assert [c.header for c in L.SHEETS if c.coloured] == ["办理"]


def test_an_unknown_field_is_never_shown_by_its_column_name():
    assert L.field_label("task", "progress_pct") == "完成进度"
    assert L.field_label("task", "no_such_field") == "某项内容"
