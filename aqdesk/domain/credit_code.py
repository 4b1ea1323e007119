"""Unified social credit codes (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None when ``code`` is valid, else the reason in Chinese."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"统一社会信用代码“{code}”含不允许的字符：{''.join(bad)}（不使用I、O、Z、S、V）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码“{code}”校验位错误，应为“{expected}”"
    return None
