"""A document the clerk saves from a preview: written whole, or not at all, with a Chinese
message when the file is held open by Excel, WPS or a PDF reader."""

from __future__ import annotations

from pathlib import Path

from aqdesk.exchange import atomic


def save_bytes(path: str | Path, data: bytes) -> Path:
    return atomic.write_bytes(Path(path), data)
