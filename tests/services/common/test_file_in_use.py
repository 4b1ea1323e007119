"""Writing over a workbook or PDF that Excel, WPS or a PDF reader holds open: Windows refuses
with a permission error. Simulated here by refusing the final rename onto the target."""

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import AuditEntry, Letter
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.services.reports import ledger_export
from aqdesk.services.supervision import letters

IN_USE = "文件正被其他程序打开，请关闭后重试"


@pytest.fixture
def held_open(monkeypatch):
    """Every file in the returned set is 'open in another program'."""
    held: set[Path] = set()
    replace = os.replace

    def refusing(src, dst):
        if Path(dst) in held or held == {Path("*")}:
            raise PermissionError(13, "Permission denied", str(dst))
        return replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refusing)
    return held


def count(db, model):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_ledger_open_in_excel_is_named_and_left_as_it_was(demo_db, anchor, tmp_path, held_open):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "台账.xlsx"
    target.write_bytes(b"last week's workbook")
    held_open.add(target)
    with pytest.raises(UserError) as refused:
        ledger_export.export_ledgers(demo_db, target, anchor)
    assert IN_USE in str(refused.value) and str(target) in str(refused.value)
    assert target.read_bytes() == b"last week's workbook"
    assert sorted(p.name for p in folder.iterdir()) == ["台账.xlsx"]  # no .part left behind


def test_a_letter_that_cannot_be_written_takes_no_number(demo_db, anchor, tmp_path, held_open):
    tmp_path = tmp_path / "函"
    unit = letters.units_with_red(demo_db, anchor)[0]
    before = (count(demo_db, Letter), count(demo_db, AuditEntry))
    held_open.add(Path("*"))
    with pytest.raises(UserError, match=IN_USE):
        letters.issue_letter(demo_db, unit, anchor, tmp_path)
    assert (count(demo_db, Letter), count(demo_db, AuditEntry)) == before
    assert list(tmp_path.iterdir()) == []
    held_open.clear()
    first_try = letters.issue_letter(demo_db, unit, anchor, tmp_path)
    second = letters.issue_letter(demo_db, unit, anchor, tmp_path)
    assert first_try.path.exists() and int(second.number.split("〕")[1].rstrip("号")) == int(
        first_try.number.split("〕")[1].rstrip("号")) + 1
