from aqdesk.domain.typography import JOINER, nest_brackets, prepare


def test_inner_round_brackets_become_hexagonal():
    assert nest_brackets("石桥县（责任领导：李红军（副局长））") == "石桥县（责任领导：李红军〔副局长〕）"
    assert nest_brackets("（一）甲（乙）") == "（一）甲（乙）"
    assert nest_brackets("未配对）") == "未配对）"


def test_a_document_number_is_joined_with_the_character_before_it():
    text = prepare("见督办〔2026〕16号。")
    assert text.replace(JOINER, "") == "见督办〔2026〕16号。"
    assert f"办{JOINER}〔" in text and f"6{JOINER}号" in text and not text.endswith(JOINER + "。")


def test_spaces_beside_chinese_characters_are_dropped_and_others_kept():
    assert prepare("5-06 石桥县") == "5-06石桥县"
    assert prepare("市政府副市长 李明") == "市政府副市长李明"
    assert prepare("PM2.5 浓度，John Smith，— 2 —") == "PM2.5浓度，John Smith，— 2 —"
