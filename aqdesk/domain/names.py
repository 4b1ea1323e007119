"""Normalising names as clerks type them: full-width forms, stray spaces, line breaks."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """NFKC, no whitespace at all: ``" 县（区）\\n"`` and ``"县(区)"`` compare equal."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))
