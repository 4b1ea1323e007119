"""Setting Chinese text on a character grid: glyphs with the font that has them, lines
broken by the rules of Chinese typesetting, justified to the line's full width.

Characters no font has (emoji, rare ideographs) become □, the customary mark for a
missing character, rather than an empty box or a hole; control characters are dropped.
Runs joined by WORD JOINER (an office's name, a document number) are never split.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas

from aqdesk.domain.typography import JOINER, prepare
from aqdesk.exchange.pdf.fonts import Face, FontSet

MISSING = "□"
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}>")
NO_LINE_END = set("（《「『【〔〈“‘([{<")


@dataclass(frozen=True)
class Glyph:
    ch: str
    face: Face
    width: float  # at the size it was shaped for, before any character spacing
    glue: bool = False  # no line break after this glyph

    @property
    def word(self) -> bool:
        """Part of a Latin word or a number, which is not broken across lines."""
        return self.ch.isascii() and (self.ch.isalnum() or self.ch in ".-_/%+@#:")


def clean(text: str) -> str:
    """NFC, tabs as spaces, one kind of line break, without control, format (but the word
    joiner), private-use or variation characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch in ("\n", JOINER) or not (
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
        or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF))


def shape(text: str, face: Face, fonts: FontSet, size: float) -> list[Glyph]:
    """One glyph per character of one line of text, each with a font that has it."""
    glyphs: list[Glyph] = []
    for ch in clean(prepare(text)).replace("\n", " "):
        if ch == JOINER:
            if glyphs:
                glyphs[-1] = replace(glyphs[-1], glue=True)
            continue
        use = face if face.has(ch) else fonts.fallback if fonts.fallback.has(ch) else None
        if use is None:
            ch = MISSING
            use = face if face.has(ch) else fonts.fallback
        glyphs.append(Glyph(ch, use, use.width(ch, size)))
    return glyphs


def natural_width(glyphs: list[Glyph], spacing: float) -> float:
    return sum(g.width for g in glyphs) + spacing * max(0, len(glyphs) - 1)


def break_lines(glyphs: list[Glyph], width: float, spacing: float, first_indent: float = 0.0) -> list[list[Glyph]]:
    """Greedy breaking: a line takes what fits; a closing mark never starts a line and an
    opening one never ends it (the character before moves down with it); a Latin word or
    number moves down whole unless it is longer than a line."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    used = 0.0
    for g in glyphs:
        limit = width - (0.0 if lines else first_indent)
        advance = g.width + (spacing if line else 0.0)
        if line and used + advance > limit + 0.01:
            keep = _break_point(line, g)
            lines.append(line[:keep])
            line = line[keep:]
            while line and line[0].ch == " ":
                line.pop(0)
            used = natural_width(line, spacing)
            advance = g.width + (spacing if line else 0.0)
        if g.ch == " " and not line and lines:
            continue
        line.append(g)
        used += advance
    if line or not lines:
        lines.append(line)
    return lines


def _break_point(line: list[Glyph], following: Glyph) -> int:
    """How many glyphs of a full ``line`` stay on it when ``following`` does not fit."""
    keep = len(line)
    if following.ch in NO_LINE_START and keep > 1:
        keep -= 1
        while keep > 1 and line[keep].ch in NO_LINE_START:
            keep -= 1
    if following.word and line[keep - 1].word:
        start = keep
        while start > 0 and line[start - 1].word:
            start -= 1
        if start > 0:
            keep = start
    while keep > 1 and line[keep - 1].ch in NO_LINE_END:
        keep -= 1
    start = keep
    while start > 0 and line[start - 1].glue:
        start -= 1
    return start or keep  # a joined run longer than a line breaks where it must


def wrap(text: str, face: Face, fonts: FontSet, size: float, width: float, spacing: float = 0.0,
         first_indent: float = 0.0) -> list[list[Glyph]]:
    """Lines of a text that may hold paragraphs separated by newlines."""
    lines = []
    for paragraph in clean(text).split("\n"):
        lines.extend(break_lines(shape(paragraph, face, fonts, size), width, spacing, first_indent))
    return lines


def draw(canvas: Canvas, glyphs: list[Glyph], x: float, baseline: float, size: float, spacing: float,
         justify_to: float | None = None) -> None:
    """Draw one line from ``x``; with ``justify_to`` the spacing is stretched or squeezed so
    the line spans exactly that width."""
    glyphs = _trim(glyphs)
    if not glyphs:
        return
    if justify_to is not None and len(glyphs) > 1:
        spacing = (justify_to - sum(g.width for g in glyphs)) / (len(glyphs) - 1)
    text = canvas.beginText(x, baseline)
    text.setCharSpace(spacing)
    for face, run in _runs(glyphs):
        text.setFont(face.name, size)
        text.textOut(run)
    canvas.drawText(text)


def _trim(glyphs: list[Glyph]) -> list[Glyph]:
    end = len(glyphs)
    while end and glyphs[end - 1].ch == " ":
        end -= 1
    return glyphs[:end]


def _runs(glyphs: list[Glyph]) -> Iterator[tuple[Face, str]]:
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or glyphs[i].face is not glyphs[start].face:
            yield glyphs[start].face, "".join(g.ch for g in glyphs[start:i])
            start = i
