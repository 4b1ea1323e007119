"""Filling a translated text's placeholders, as Qt's ``QString.arg`` does in C++."""

from __future__ import annotations

import re

_PLACE = re.compile(r"%(\d)")


def arg(text: str, *values: object) -> str:
    """``arg(self.tr("已保存：%1"), path)``: %1, %2… replaced in one pass, so a value that
    itself contains "%2" is left as it is."""
    return _PLACE.sub(lambda m: str(values[int(m.group(1)) - 1]), text)
