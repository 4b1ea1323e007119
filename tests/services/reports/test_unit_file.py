"""一单位一档 as printed: each entry one sentence in the office's own date style."""

import re

from aqdesk.services.reports.unit_file import unit_file


def test_a_summons_entry_reads_as_one_sentence_with_chinese_dates(demo_db, anchor):
    f = unit_file(demo_db, "石桥县", anchor)
    summons = f.section("约谈").entries
    assert summons
    for entry in summons:
        assert entry.text.startswith(("已约谈", "拟约谈"))
        assert not re.search(r"\d{4}-\d{2}-\d{2}", entry.text), entry.text
        assert "。；" not in entry.text and entry.text.endswith("。")
    assert "承诺" in summons[0].text and "年" in summons[0].text
