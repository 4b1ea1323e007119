"""Colours are declared once, in domain/palette.py, and the warning colours keep one order."""

import re
from pathlib import Path

from aqdesk.domain import palette
from aqdesk.domain.enums import Color

PACKAGE = Path(__file__).resolve().parents[2] / "aqdesk"
HEX = re.compile(r"""["']#?[0-9A-Fa-f]{6}["']""")


def test_every_warning_colour_has_a_fill_and_an_ink_worst_first():
    assert set(palette.ORDER) == set(Color) and palette.ORDER[0] is Color.RED
    assert [palette.SEVERITY[c] for c in palette.ORDER] == [0, 1, 2]
    assert set(palette.FILL) == set(palette.INK) == set(Color)


def test_colours_are_hex_and_excel_takes_them_without_the_hash():
    names = [n for n in dir(palette) if n.isupper() and isinstance(getattr(palette, n), str)]
    assert names and all(re.fullmatch(r"#[0-9A-F]{6}", getattr(palette, n)) for n in names)
    assert palette.excel(palette.FILL[Color.RED]) == "F8D0CC"


def test_no_colour_is_spelled_outside_the_palette():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "palette.py":
            found = HEX.findall(path.read_text(encoding="utf-8"))
            assert not found, f"{path} spells colours {found}"
