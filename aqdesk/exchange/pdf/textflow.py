"""Setting Chinese text on a character grid: glyphs with the font that has them, lines
broken by the rules of Chinese typesetting, justified to the line's full width.

Characters no font has (emoji, rare ideographs) become □, the customary mark for a
missing character, rather than an empty box or a hole; control characters are dropped.
Runs joined by WORD JOINER (an office's name, a document number) are never split. Where
keeping such a run (or a figure, or a mark that may not end or start a line) whole would break
a line early, a justified line is tightened instead, as GB/T 9704 lets 字距 be adjusted: up to
``TIGHTEN`` of tracking, and the punctuation inside the line set on half its body, as Chinese
typesetters squeeze it (标点挤压).
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
HALF_OPEN = set("（《「『【〔〈“‘")  # ink on the right half of the body: may give up its left half
HALF_CLOSE = set("，。、；：）》」』】〕〉”’")  # ink on the left half: may give up its right half
SPACES = (" ", "\u3000")  # a separator that falls at a line break is not set: no hole at either edge
TIGHTEN = 1.0  # pt of tracking a justified line may lose, 1/16 of a 3号 character


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


def break_lines(glyphs: list[Glyph], width: float, spacing: float, first_indent: float = 0.0,
                tighten: float = 0.0) -> list[list[Glyph]]:
    """Greedy breaking: a line takes what fits; a closing mark never starts a line and an
    opening one never ends it (the character before moves down with it); a Latin word or
    number moves down whole unless it is longer than a line. With ``tighten`` (for lines that
    will be justified), a line that would break early for those rules takes the rest of the
    run instead when it fits squeezed (see ``squeezed_width``)."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    used = 0.0
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        limit = width - (0.0 if lines else first_indent)
        advance = g.width + (spacing if line else 0.0)
        if line and used + advance > limit + 0.01:
            keep = _break_point(line, g)
            rest = glyphs[i - (len(line) - keep):]
            if tighten and (_early(line[:keep], rest, limit, spacing) or _unit_after_figure(line[:keep], rest)):
                taken = _tightened(line[:keep], glyphs, i - (len(line) - keep), limit, spacing, tighten)
                if taken:
                    line, i = line[:keep] + taken, i - (len(line) - keep) + len(taken)
                    keep = len(line)
                    if i >= len(glyphs):
                        break
                    g = glyphs[i]
                else:
                    keep = _before_number(line + [g], keep)
            lines.append(line[:keep])
            line = line[keep:]
            while line and line[0].ch in SPACES:
                line.pop(0)
            used = natural_width(line, spacing)
            advance = g.width + (spacing if line else 0.0)
        if g.ch in SPACES and not line and lines:
            i += 1
            continue
        line.append(g)
        used += advance
        i += 1
    if line or not lines:
        lines.append(line)
    return lines


def _early(line: list[Glyph], rest: list[Glyph], limit: float, spacing: float) -> bool:
    """Whether ``line`` ends with room for the first character (or whole figure) of ``rest``,
    not counting a character carried down with a closing mark (the customary 避头尾, which
    keeps the line at 28 characters)."""
    if any(g.ch in NO_LINE_START for g in rest[:2]):
        return False
    unit = rest[:1]
    while rest[0].word and len(unit) < len(rest) and rest[len(unit)].word:
        unit = rest[:len(unit) + 1]
    return natural_width(trim(line), spacing) + natural_width(unit, spacing) + spacing <= limit + 0.01


def _unit_after_figure(line: list[Glyph], rest: list[Glyph]) -> bool:
    """Whether the break would part a figure from the Chinese word after it (「26｜天」)."""
    return bool(line and rest and line[-1].word and line[-1].ch.isdigit() and not rest[0].word
                and rest[0].ch not in SPACES and unicodedata.east_asian_width(rest[0].ch) == "W")


def _before_number(line: list[Glyph], keep: int) -> int:
    """Where a document number held to the character before it (办〔2026〕3号) can neither fit
    nor be squeezed in: the break before its 〔, which keeps the number itself whole and the
    line fuller than a break before the held character."""
    for k in range(len(line) - 1, keep, -1):  # ``line`` ends with the glyph that did not fit
        if line[k].ch == "〔" and line[k - 1].glue and not any(g.glue for g in line[keep:k - 1]):
            return k
    return keep


def _tightened(line: list[Glyph], glyphs: list[Glyph], start: int, limit: float, spacing: float,
               tighten: float) -> list[Glyph]:
    """The glyphs from ``glyphs[start]`` up to the nearest place a line may end that ``line``
    can take when squeezed, or none."""
    for end in range(start + 1, len(glyphs) + 1):
        candidate = line + glyphs[start:end]
        if squeezed_width(candidate, spacing - tighten) > limit + 0.01:
            return []
        if end == len(glyphs) or _may_break(glyphs[end - 1], glyphs[end]):
            return glyphs[start:end]
    return []


def _may_break(before: Glyph, after: Glyph) -> bool:
    return not (before.glue or after.ch in NO_LINE_START or before.ch in NO_LINE_END
                or before.word and after.word)


def squeezed_width(glyphs: list[Glyph], spacing: float) -> float:
    """The narrowest a line can be set at ``spacing``: the punctuation inside it (not at its
    ends, which stay on the edges of the type area) on half its body."""
    glyphs = trim(glyphs)
    return natural_width(glyphs, spacing) - sum(g.width / 2 for g in glyphs[1:-1] if g.ch in HALF_OPEN | HALF_CLOSE)


def _break_point(line: list[Glyph], following: Glyph) -> int:
    """How many glyphs of a full ``line`` stay on it when ``following`` does not fit."""
    keep = len(line)
    if following.ch in NO_LINE_START and keep > 1:
        keep -= 1
        while keep > 1 and line[keep].ch in NO_LINE_START:
            keep -= 1
    moving = line[keep] if keep < len(line) else following  # the first glyph that goes down
    if moving.word and line[keep - 1].word:  # also a figure whose last digit a closing mark takes down
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
         justify_to: float | None = None, tighten: float = TIGHTEN) -> None:
    """Draw one line from ``x``; with ``justify_to`` the spacing is stretched or squeezed so
    the line spans exactly that width, by tracking down to ``spacing - tighten`` and then by
    setting the punctuation inside the line on as little as half its body."""
    glyphs = trim(glyphs)
    if not glyphs:
        return
    gives = [0.0] * len(glyphs)
    if justify_to is not None and len(glyphs) > 1:
        gaps = len(glyphs) - 1
        floor = spacing - tighten
        spacing = (justify_to - sum(g.width for g in glyphs)) / gaps
        if spacing < floor:
            halves = [g.width / 2 if 0 < k < gaps and g.ch in HALF_OPEN | HALF_CLOSE else 0.0
                      for k, g in enumerate(glyphs)]
            share = min(1.0, (floor - spacing) * gaps / sum(halves)) if sum(halves) else 0.0
            gives = [h * share for h in halves]
            spacing = (justify_to - sum(g.width for g in glyphs) + sum(gives)) / gaps
    text = canvas.beginText(x, baseline)
    text.setCharSpace(spacing)
    at = x
    for face, start, run in _runs(glyphs, gives):
        lead = gives[start] if glyphs[start].ch in HALF_OPEN else 0.0
        if start:  # each run placed anew, so no reader's rounding of the tracking accumulates along the line
            text.setTextOrigin(at - lead, baseline)
        text.setFont(face.name, size)
        text.textOut(run)
        at += sum(g.width + spacing for g in glyphs[start:start + len(run)]) - sum(gives[start:start + len(run)])
    canvas.drawText(text)


def trim(glyphs: list[Glyph]) -> list[Glyph]:
    """Without the spaces at the end, which are not set."""
    end = len(glyphs)
    while end and glyphs[end - 1].ch in SPACES:
        end -= 1
    return glyphs[:end]


def _runs(glyphs: list[Glyph], gives: list[float]) -> Iterator[tuple[Face, int, str]]:
    """Runs of one face that are set at the line's spacing; a squeezed mark ends a run (a
    closing one) or starts one (an opening one), where the text is placed anew."""
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or glyphs[i].face is not glyphs[start].face or gives[i - 1] or (
                gives[i] and glyphs[i].ch in HALF_OPEN):
            yield glyphs[start].face, start, "".join(g.ch for g in glyphs[start:i])
            start = i
