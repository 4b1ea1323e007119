"""Rules of Chinese typesetting that hold for any document the office sends out, whatever
writes it (PDF or Word): brackets inside brackets, runs of text a line must not split, and no
word spaces beside Chinese characters."""

from __future__ import annotations

import re
import unicodedata

JOINER = "\u2060"  # WORD JOINER: no line break here, and nothing printed
_NUMBER = re.compile(r"〔\d{4}〕\d+号")
_INNER = {"（": "〔", "）": "〕"}


def unbreakable(text: str) -> str:
    """``text`` with a joiner between its characters, so no line breaks inside it (an
    office's name, a document number); Word and LibreOffice honour the joiner too."""
    return JOINER.join(text)


def keep_numbers(text: str) -> str:
    """Every document number (〔2026〕16号) in ``text``, with the character before it, held on
    one line."""
    def glue(m: re.Match) -> str:
        return unbreakable(m.group(0))
    return re.sub(r"\S?" + _NUMBER.pattern, glue, text)


def nest_brackets(text: str) -> str:
    """Round brackets inside round brackets become 〔〕, as GB/T 15834 asks:
    （责任领导：李红军（副局长）） → （责任领导：李红军〔副局长〕）."""
    out, depth = [], 0
    for ch in text:
        if ch == "（":
            out.append(_INNER[ch] if depth else ch)
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            out.append(_INNER[ch] if depth else ch)
        else:
            out.append(ch)
    return "".join(out)


def close_spaces(text: str) -> str:
    """Without the spaces typed beside a Chinese character (「5-06 石桥县」, 「副市长 李明」):
    Chinese is set without word spaces, and a space on the character grid is a hole that a
    justified line has to spread. Spaces between Latin words or figures stay."""
    def wide(ch: str) -> bool:
        return unicodedata.east_asian_width(ch) in ("W", "F")
    return re.sub(r"(?<=(.)) +(?=(.))", lambda m: "" if wide(m.group(1)) or wide(m.group(2)) else m.group(0), text)


# Words of the office's titles that a line must not split: GB/T 9704 7.3.1 asks a title that
# runs onto a second line to break 「词意完整」, and 「大气污 / 染防治」 is the break a clerk
# would send back. Longest first, so a word inside a longer one does not cut that one.
TITLE_WORDS = sorted((
    "大气污染防治", "大气污染", "污染防治", "攻坚战", "重点工作", "重点任务", "推进情况", "进展情况", "完成情况",
    "落实情况", "整改情况", "有关事项", "有关情况", "三色督办单", "督办单", "督办函", "催办函", "约谈", "问责",
    "通报", "通知", "专报", "建议名单", "一单位一档", "年终汇总", "空气质量", "散煤治理", "散煤", "退城入园", "双替代",
    "人民政府", "办公室", "责任单位", "全市", "年度",
), key=len, reverse=True)
_TITLE_WORD = re.compile("|".join([r"\d+年(?:\d+月(?:\d+日)?)?", r"\d+月(?:\d+日)?", *map(re.escape, TITLE_WORDS)]))


def title_words(text: str) -> str:
    """A title with its words and dates (2026年11月) each held on one line."""
    return _TITLE_WORD.sub(lambda m: unbreakable(m.group(0)), text)


def prepare(text: str) -> str:
    """What every writer does to a piece of text before setting it."""
    return keep_numbers(nest_brackets(close_spaces(text)))
