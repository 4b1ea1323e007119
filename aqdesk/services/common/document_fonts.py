"""The typefaces of the office's documents: the office's choice of font file per role,
what the machine has, and what the clerk must be told before a document is issued (roles
set in a stand-in face, characters no font can print)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.errors import UserError
from aqdesk.exchange.pdf.fonts import (
    BORROWED,
    BUILT_IN,
    CHOSEN,
    ROLES,
    STAND_IN,
    FontSet,
    font_set,
    usable_file,
)
from aqdesk.exchange.pdf.textflow import clean
from aqdesk.services.common import settings

KEY = "document.fonts"
HOW_TO_INSTALL = ("请安装方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312、宋体（在字体文件上右键选择“为所有用户安装”，"
                  "然后重新启动本程序），或在“选项 → 公文字体”中为各用途指定字体文件（TrueType .ttf/.ttc）。")
ORIGIN_LABELS = {CHOSEN: "办公室指定", STAND_IN: "替代字体", BORROWED: "借用其他用途的字体", BUILT_IN: "程序自带字体"}


@dataclass(frozen=True)
class RoleFont:
    role: str
    label: str  # 仿宋
    use: str  # 正文
    family: str
    path: str
    origin: str  # how it was found, in words; empty for the office's own typeface
    chosen_file: str  # the file the office set, if any


def chosen_files(db: Database) -> dict[str, str]:
    with db.reading() as session:
        value = settings.load(session).document.fonts
    return {role: path for role, path in (value or {}).items() if role in ROLES and path}


def office_fonts(db: Database) -> FontSet:
    return font_set(tuple(sorted(chosen_files(db).items())))


def role_fonts(db: Database) -> list[RoleFont]:
    """Each role with the font that sets it now, for the 选项 dialog."""
    fonts, files = office_fonts(db), chosen_files(db)
    return [RoleFont(role, spec.label, spec.use, fonts[role].family, str(fonts[role].path),
                     ORIGIN_LABELS.get(fonts.origins.get(role, ""), ""), files.get(role, ""))
            for role, spec in ROLES.items()]


def check_file(role: str, path: str) -> None:
    """Refuse a file that cannot set the role's text, saying why."""
    if not path:
        return
    if not Path(path).is_file():
        raise UserError(f"{ROLES[role].label}（{ROLES[role].use}）的字体文件不存在：{path}")
    if usable_file(Path(path)) is None:
        raise UserError(f"{ROLES[role].label}（{ROLES[role].use}）的字体文件无法使用：{path}。"
                        "请选择含简体中文的 TrueType 字体（.ttf 或 .ttc）；CFF 轮廓的 .otf 字体不能嵌入 PDF。")


def save_files(db: Database, files: dict[str, str]) -> None:
    """Store the office's font file per role (an empty path: look the font up as usual)."""
    for role, path in files.items():
        check_file(role, path)
    settings.save_all(db, {KEY: {role: path for role, path in files.items() if path}})


def notices(fonts: FontSet, texts: Iterable[str] = ()) -> list[str]:
    """What the clerk should know before issuing a document set in ``fonts``: substituted
    roles and how to install the right fonts, and characters no font here can print (the
    document is then refused: a □ must never go out in a 公文)."""
    out = []
    refused = [f"{ROLES[r].label}：{path}" for r, path in fonts.refused.items()]
    if refused:
        out.append("指定的字体文件无法使用，已改用其他字体：" + "；".join(refused) + "。")
    substituted = fonts.substituted()
    if substituted:
        parts = [f"{ROLES[r].use}（应为{ROLES[r].label}）用“{fonts[r].family}”" for r in substituted]
        out.append("本机缺少公文字体，以下用途将以其他字体代替：" + "；".join(parts) + "。" + HOW_TO_INSTALL)
    missing = undrawable(fonts, texts)
    if missing:
        out.append("以下字符没有字体能够显示，无法印出：" + "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
                   + "。请改写这些字符，或安装含有它们的字体后再生成。")
    return out


def undrawable(fonts: FontSet, texts: Iterable[str]) -> list[str]:
    """Characters of ``texts`` that neither the body font nor the fallback has."""
    seen: dict[str, None] = {}
    for text in texts:
        for ch in clean(text):
            if ch.isspace() or ch in seen:
                continue
            if not any(f.has(ch) for f in (fonts["body"], fonts["heading"], fonts["kai"], fonts.fallback)):
                seen[ch] = None
    return [ch for ch in seen if ch != "\u2060"]
