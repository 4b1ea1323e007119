"""A document the clerk saves from a preview: written whole, or not at all, with a Chinese
message when the file is held open by Excel, WPS or a PDF reader."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from aqdesk.exchange import atomic


def save_bytes(path: str | Path, data: bytes) -> Path:
    return atomic.write_bytes(Path(path), data)


def save_formats(path: str | Path, formats: Sequence[str], writers: Mapping[str, Callable[[], bytes]]) -> list[Path]:
    """Write a document beside ``path`` once per format (报告.pdf gives 报告.pdf and 报告.docx; a
    name with no such suffix, 2026.11通报, has it added); every document is made before the
    first file is written, so a refusal leaves no half of the pair behind."""
    base = Path(path)
    if base.suffix.lower() in {f".{kind}" for kind in writers}:
        base = base.with_suffix("")
    made = [(base.with_name(f"{base.name}.{kind}"), writers[kind]()) for kind in formats]
    return [atomic.write_bytes(target, data) for target, data in made]
