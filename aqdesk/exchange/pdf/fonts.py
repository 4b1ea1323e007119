"""Fonts for official documents, chosen by role from what the machine has.

A font file the office chose for a role comes first. Then, on Windows, the files of 方正小标宋简体,
仿宋_GB2312/仿宋, 黑体, 楷体 and 宋体 in the system or the user's font folder; elsewhere fontconfig's
list of Chinese fonts, the office's typefaces first and then freely licensed stand-ins (AR PL
UKai for 楷体, AR PL UMing for 宋体). A role without a font of its own borrows its neighbour's
(title → 黑体, body → 宋体) and finally the bundled font; the FontSet says which roles were
substituted, so the clerk is told before a document is issued.
reportlab subsets and embeds every TrueType font it draws with, so the PDF prints the
same anywhere; CFF-based fonts (most .otf) cannot be embedded by it and are skipped.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aqdesk import paths
from aqdesk.errors import UserError

log = logging.getLogger(__name__)

BUNDLED = ("fonts/wqy-microhei.ttc", 0)
PROBE = "中"


@dataclass(frozen=True)
class Role:
    label: str
    use: str  # what the role sets, for messages
    windows_files: tuple[str, ...]
    families: tuple[str, ...]
    borrow: str | None  # the role whose font stands in when this one has none
    stand_ins: tuple[str, ...] = ()  # free look-alikes, used but reported


ROLES = {
    "title": Role("小标宋", "发文机关标志和标题", ("FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXBSK.TTF", "方正小标宋_GBK.ttf"),
                  ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"), "heading"),
    "body": Role("仿宋", "正文", ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "simfang.ttf"),
                 ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"), "song"),
    "heading": Role("黑体", "一级标题和表格栏目", ("simhei.ttf",), ("黑体", "SimHei", "华文黑体", "STHeiti"), None,
                    ("WenQuanYi Zen Hei",)),
    "kai": Role("楷体", "二级标题", ("楷体_GB2312.ttf", "KT_GB2312.ttf", "simkai.ttf"),
                ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"), "body",
                ("AR PL UKai CN", "AR PL KaitiM GB")),
    "song": Role("宋体", "页码", ("simsun.ttc",), ("宋体", "SimSun", "NSimSun", "华文宋体", "STSong"), None,
                 ("AR PL UMing CN", "AR PL SungtiL GB")),
}
OWN, CHOSEN, STAND_IN, BORROWED, BUILT_IN = "own", "chosen", "stand-in", "borrowed", "built-in"


@dataclass(frozen=True)
class Face:
    """A registered font: its reportlab name, where it came from, and its glyph metrics."""

    name: str
    family: str
    path: Path
    index: int
    bundled: bool

    @property
    def _face(self):
        return pdfmetrics.getFont(self.name).face

    def has(self, ch: str) -> bool:
        return ord(ch) in self._face.charToGlyph

    def width(self, ch: str, size: float) -> float:
        face = self._face
        return face.charWidths.get(ord(ch), face.defaultWidth) * size / 1000.0

    @property
    def ascent(self) -> float:
        """Above the baseline, per point of size."""
        return self._face.ascent / 1000.0


@dataclass(frozen=True)
class FontSet:
    roles: dict[str, Face]
    fallback: Face  # draws the characters a role's font lacks
    origins: dict[str, str] = field(default_factory=dict)  # role → OWN, CHOSEN, STAND_IN, BORROWED or BUILT_IN
    refused: dict[str, str] = field(default_factory=dict)  # role → a chosen file that could not be used

    def __getitem__(self, role: str) -> Face:
        return self.roles[role]

    def summary(self) -> str:
        return "；".join(f"{ROLES[r].label}：{f.family}" for r, f in self.roles.items())

    def substituted(self) -> list[str]:
        """Roles set in a face that is not the office's typeface for them."""
        return [r for r in self.roles if self.origins.get(r, OWN) not in (OWN, CHOSEN)]

    def drawable(self, ch: str) -> bool:
        """A character is drawn by the role's font or else the fallback: safe in any role
        when the fallback has it or every role's font does."""
        return self.fallback.has(ch) or all(face.has(ch) for face in self.roles.values())

    def refuse_undrawable(self, content: object) -> None:
        """Name the characters of ``content`` (text, or a dataclass of texts) that would print
        as □ — a 生僻字 of CJK Extension B in a company's name, an emoji, Arabic — before
        the document is numbered and written, rather than after it has gone out."""
        missing: dict[str, str] = {}
        for text in _texts(content):
            for ch in unicodedata.normalize("NFC", text):
                if ch not in missing and not _invisible(ch) and not self.drawable(ch):
                    missing[ch] = text
        if missing:
            named = "、".join(f"“{ch}”（U+{ord(ch):04X}，见“{_around(text, ch)}”）" for ch, text in missing.items())
            raise UserError(f"本机字体无法显示 {named}，印出来会是“□”。请安装含这些字的字体（Windows 可安装 "
                            "SimSun-ExtB），或改用通行写法后再生成；文件未生成，也未编号。")


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _invisible(ch: str) -> bool:
    """Spaces, controls and variation selectors: dropped or blank, never a □."""
    return ch.isspace() or unicodedata.category(ch)[0] in "CZ" or 0xFE00 <= ord(ch) <= 0xFE0F \
        or 0xE0100 <= ord(ch) <= 0xE01EF


def _around(text: str, ch: str) -> str:
    at = text.index(ch)
    return text[max(0, at - 8):at + 9].replace("\n", " ")


@functools.cache
def font_set(chosen: tuple[tuple[str, str], ...] = ()) -> FontSet:
    """The fonts by role, ``chosen`` (role, font file) first, looked up and registered once
    per run."""
    bundled = _bundled()
    files = dict(chosen)
    found: dict[str, tuple[Face, str] | None] = {}
    refused: dict[str, str] = {}
    for role, spec in ROLES.items():
        face = usable_file(Path(files[role])) if files.get(role) else None
        if files.get(role) and face is None:
            refused[role] = files[role]
        found[role] = (face, CHOSEN) if face else _find(spec)
    roles: dict[str, Face] = {}
    origins: dict[str, str] = {}
    for role in ROLES:
        chain, entry = role, found[role]
        while entry is None and ROLES[chain].borrow:
            chain = ROLES[chain].borrow
            entry = found[chain]
        if entry is None and bundled is None:
            raise UserError("找不到可用的中文字体：程序自带字体文件缺失，且本机没有可嵌入的中文 TrueType 字体。"
                            "请重新安装本程序，或安装“仿宋”“黑体”等字体后重试。")
        roles[role] = entry[0] if entry else bundled
        origins[role] = BUILT_IN if entry is None else entry[1] if chain == role else BORROWED
    log.info("document fonts: %s", {r: (f.family, origins[r]) for r, f in roles.items()})
    return FontSet(roles, bundled or roles["body"], origins, refused)


def usable_file(path: Path) -> Face | None:
    """The font in a file the office chose, if reportlab can embed it and it sets Chinese."""
    if not path.is_file():
        return None
    face = _register(path, 0, path.stem)
    if face is None:
        return None
    family = pdfmetrics.getFont(face.name).face.familyName
    return Face(face.name, family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family),
                face.path, face.index, face.bundled)


def _bundled() -> Face | None:
    relative, index = BUNDLED
    return _register(paths.resources_dir() / relative, index, "文泉驿微米黑（程序自带）", bundled=True)


def _find(role: Role) -> tuple[Face, str] | None:
    for path in _windows_files(role.windows_files):
        face = _register(path, 0, path.stem)
        if face:
            return face, OWN
    installed = _fontconfig()
    for family in role.families + role.stand_ins:
        for path, index in installed.get(family.casefold(), ()):
            face = _register(path, index, family)
            if face:
                return face, OWN if family in role.families else STAND_IN
    return None


def _windows_files(names: tuple[str, ...]) -> list[Path]:
    folders = [Path(os.environ[v]) / sub for v, sub in (("WINDIR", "Fonts"),
                                                       ("LOCALAPPDATA", "Microsoft/Windows/Fonts"))
               if os.environ.get(v)]
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        by_lower = {p.name.casefold(): p for p in folder.iterdir()}
        found.extend(by_lower[n.casefold()] for n in names if n.casefold() in by_lower)
    return found


@functools.cache
def _fontconfig() -> dict[str, list[tuple[Path, int]]]:
    """Family name (any of its names, case-folded) → files of the machine's Chinese fonts."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\n", ":lang=zh"],
                             capture_output=True, text=True, encoding="utf-8", timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    families: dict[str, list[tuple[Path, int]]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[1].lower().endswith(".otf"):
            continue
        for family in parts[0].split(","):
            families.setdefault(family.strip().casefold(), []).append((Path(parts[1]), int(parts[2] or 0)))
    return families


_registered: dict[tuple[str, int], Face | None] = {}


def _register(path: Path, index: int, family: str, bundled: bool = False) -> Face | None:
    key = (str(path), index)
    if key in _registered:
        return _registered[key]
    face = None
    name = f"aqdesk-{len(_registered)}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        face = Face(name, family, path, index, bundled)
        if not face.has(PROBE):
            face = None
    except Exception as exc:  # CFF outlines, no embedding rights, a broken or missing file
        log.info("font %s (%s) not usable: %s", path, index, exc)
        face = None
    _registered[key] = face
    return face
