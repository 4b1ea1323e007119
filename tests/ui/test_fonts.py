from PySide6.QtGui import QFontDatabase

from aqdesk.ui.app import make_app
from aqdesk.ui.fonts import has_cjk, register_bundled


def test_bundled_font_covers_simplified_chinese(qapp):
    family = register_bundled()
    assert family is not None and has_cjk(family)


def test_application_font_can_draw_chinese(qapp):
    app = make_app()
    family = app.font().family()
    assert has_cjk(family), family
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
