import pytest

from aqdesk import paths
from aqdesk.errors import UserError
from aqdesk.exchange.pdf import fonts as pdf_fonts
from aqdesk.services.common import document_fonts, settings

BUNDLED = str(paths.resources_dir() / "fonts/wqy-microhei.ttc")


def test_substituted_roles_are_named_with_how_to_install_the_fonts(demo_db):
    fonts = document_fonts.office_fonts(demo_db)
    said = " ".join(document_fonts.notices(fonts))
    for role in fonts.substituted():
        assert f"应为{pdf_fonts.ROLES[role].label}）用“{fonts[role].family}”" in said
    if fonts.substituted():
        assert "请安装方正小标宋简体、仿宋_GB2312" in said and "选项 → 公文字体" in said


def test_characters_no_font_has_are_named_before_issuing(demo_db):
    said = document_fonts.notices(document_fonts.office_fonts(demo_db), ["对😀问题"])
    assert any("“😀”（U+1F600）" in n and "无法印出" in n for n in said)


def test_a_role_pointed_at_a_file_uses_it_and_a_bad_file_is_refused(demo_db, tmp_path):
    document_fonts.save_files(demo_db, {"body": BUNDLED})
    fonts = document_fonts.office_fonts(demo_db)
    assert fonts.origins["body"] == pdf_fonts.CHOSEN and str(fonts["body"].path) == BUNDLED
    assert "body" not in fonts.substituted()
    bad = tmp_path / "kai.otf"
    bad.write_bytes(b"OTTO")
    with pytest.raises(UserError, match=r"楷体（二级标题）的字体文件无法使用：.*kai\.otf"):
        document_fonts.save_files(demo_db, {"kai": str(bad)})
    with pytest.raises(UserError, match="字体文件不存在"):
        document_fonts.save_files(demo_db, {"kai": str(tmp_path / "gone.ttf")})
    with demo_db.reading() as session:
        assert settings.load(session).document.fonts == {"body": BUNDLED}  # unchanged by the refusals
