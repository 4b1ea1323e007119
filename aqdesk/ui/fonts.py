"""Making sure Chinese text never shows as boxes: use the machine's CJK font when it has
one, else register the bundled open-licence font."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from aqdesk import paths

log = logging.getLogger(__name__)

BUNDLED_FONT = "fonts/wqy-microhei.ttc"
PREFERRED = ("Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
             "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei", "SimSun")


def has_cjk(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def register_bundled() -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled CJK font could not be loaded")
        return None
    return families[0]


def ensure_cjk_font(app: QApplication) -> str | None:
    """Pick the UI font; returns the family chosen, None if none covers Chinese."""
    families = QFontDatabase.families()
    family = next((f for f in PREFERRED if f in families and has_cjk(f)), None)
    if family is None:
        # the bundled font before any other the machine happens to have: a known, even look
        family = register_bundled() or next((f for f in families if has_cjk(f)), None)
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    return family
