"""Characters no font on the machine has are named before a document is issued (issue 12)."""

import pytest
from sqlalchemy import select

from aqdesk.db.models import Letter
from aqdesk.errors import UserError
from aqdesk.exchange.pdf.fonts import font_set
from aqdesk.services.supervision import letters


@pytest.mark.parametrize("text", ["企业名称𠮷家庄（Ext-B）", "立即整改😀", "مرحبا"])
def test_undrawable_characters_are_named(text):
    fonts = font_set()
    odd = next(ch for ch in text if not fonts.drawable(ch))
    with pytest.raises(UserError, match=f"U\\+{ord(odd):04X}") as caught:
        fonts.refuse_undrawable(("标题", [text]))
    assert odd in str(caught.value) and "未编号" in str(caught.value)


def test_ordinary_text_and_invisible_characters_pass():
    font_set().refuse_undrawable("大气污染防治攻坚\u3000（2026）第5号\n\ufe0f\u200b")


def test_a_letter_with_a_rare_character_is_refused_unnumbered(demo_db, anchor, tmp_path):
    with demo_db.reading() as session:
        before = session.scalars(select(Letter.number)).all()  # the demo office's own letters
    with pytest.raises(UserError, match="𠮷"):
        letters.issue_letter(demo_db, "石桥县", anchor, tmp_path / "out", requirement="请𠮷家庄立即整改")
    assert not list(tmp_path.glob("out/*"))
    with demo_db.reading() as session:
        assert session.scalars(select(Letter.number)).all() == before
