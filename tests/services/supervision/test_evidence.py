import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import SheetStep, StoredFile
from aqdesk.domain.enums import LoopStep
from aqdesk.errors import UserError
from aqdesk.services.common import backup, files
from aqdesk.services.supervision import sheet_list, sheet_loop


def open_sheet(db, anchor):
    row = next(r for r in sheet_list.sheet_rows(db, anchor) if r.number == "督办〔2026〕6号")
    return sheet_loop.sheet_detail(db, row.id)


def counts(db):
    with db.reading() as session:
        return (session.scalar(select(func.count()).select_from(SheetStep)),
                session.scalar(select(func.count()).select_from(StoredFile)))


def test_an_attachment_survives_backup_and_restore_byte_for_byte(demo_db, anchor, tmp_path):
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(bytes(range(256)) * 4000)
    detail = open_sheet(demo_db, anchor)
    sheet_loop.record_step(demo_db, detail.id, detail.version, LoopStep.FEEDBACK, anchor, "已整改", [photo])
    [stored] = sheet_loop.sheet_detail(demo_db, detail.id).steps[-1].files
    assert stored.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest() and stored.name == "现场照片.jpg"
    saved = backup.backup(demo_db, tmp_path / "备份.db")
    detail = sheet_loop.sheet_detail(demo_db, detail.id)
    sheet_loop.record_step(demo_db, detail.id, detail.version, LoopStep.RETURNED, anchor, "照片不清")
    restored, _safety = backup.restore(demo_db, saved)
    try:
        assert sheet_loop.sheet_detail(restored, detail.id).steps[-1].step is LoopStep.FEEDBACK
        out = files.export(restored, stored.sha256, tmp_path / "out" / "照片.jpg")
        assert out.read_bytes() == photo.read_bytes()
    finally:
        restored.close()


def test_the_same_file_twice_is_stored_once(demo_db, anchor, tmp_path):
    scan = tmp_path / "回复.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned reply")
    copy = tmp_path / "copy" / "回复副本.pdf"
    copy.parent.mkdir()
    copy.write_bytes(scan.read_bytes())
    before = counts(demo_db)[1]
    detail = open_sheet(demo_db, anchor)
    sheet_loop.record_step(demo_db, detail.id, detail.version, LoopStep.FEEDBACK, anchor, "反馈", [scan, copy])
    assert counts(demo_db)[1] == before + 1
    assert [f.name for f in sheet_loop.sheet_detail(demo_db, detail.id).steps[-1].files] == ["回复.pdf", "回复副本.pdf"]


def test_a_50_mb_file_is_refused_by_name_and_nothing_is_recorded(demo_db, anchor, tmp_path):
    big = tmp_path / "航拍视频.mp4"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = counts(demo_db)
    detail = open_sheet(demo_db, anchor)
    with pytest.raises(UserError, match=r"“航拍视频.mp4”有 50.0 MB，超过了单个文件 20 MB 的上限"):
        sheet_loop.record_step(demo_db, detail.id, detail.version, LoopStep.FEEDBACK, anchor, "反馈", [big])
    assert counts(demo_db) == before


def test_a_file_that_is_not_there_is_refused_and_nothing_is_recorded(demo_db, anchor, tmp_path):
    before = counts(demo_db)
    detail = open_sheet(demo_db, anchor)
    with pytest.raises(UserError, match="找不到文件.*不在这里.jpg"):
        sheet_loop.record_step(demo_db, detail.id, detail.version, LoopStep.FEEDBACK, anchor + dt.timedelta(days=1),
                               "反馈", [tmp_path / "不在这里.jpg"])
    assert counts(demo_db) == before
