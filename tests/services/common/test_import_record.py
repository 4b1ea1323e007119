"""双替代 returns through the lean and the careful path, the compact record of what an
import changed, and undo of imports and hand edits against each other."""

import datetime as dt
import json

import pytest
from sqlalchemy import event, func, select, text

from aqdesk.db.models import ImportBatch, ImportChanges, SubstitutionReport, SubstitutionTarget
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.importing import bulk_pg
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import substitution
from tests import servers
from tests.services.importing.test_importing import workbook

PERIOD = dt.date(2026, 11, 20)
HEADINGS = ["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"]


def spaced(name: str) -> str:
    """The township as a clerk might type it: full-width space inside, spaces around."""
    return f" {name[0]}\u3000{name[1:]}  "


def item(row) -> str:
    return f"{row.county}{row.township}（{row.kind.label}）"


def towns(db, anchor):
    """安平县's targets: the five still open (room to report more), then the others."""
    rows = [r for r in substitution.township_rows(db, anchor) if r.county == "安平县"]
    open_ = [r for r in rows if r.completed + 20 < r.target]
    assert len(open_) >= 5 and len(rows) - len(open_) >= 3
    return open_ + [r for r in rows if r not in open_]


def ledger(db, with_version: bool = True):
    t = SubstitutionTarget
    columns = [t.id, t.target_households, t.completed, t.accepted, t.deadline] + ([t.version] if with_version else [])
    with db.reading() as s:
        return [tuple(r) for r in s.execute(select(*columns).order_by(t.id))]


def reports(db, batch_id=None):
    r = SubstitutionReport
    query = select(r.target_id, r.period, r.completed, r.accepted)
    if batch_id is not None:
        query = query.where(r.batch_id == batch_id)
    with db.reading() as s:
        return {tuple(r) for r in s.execute(query)}


def counts(db):
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in
                     (SubstitutionReport, ImportBatch, ImportChanges))


def simple_return(tmp_path, name, *rows):
    """A clean return: ``rows`` are (target row, completed, accepted)."""
    return workbook(tmp_path / name, {"双替代": [HEADINGS] + [
        ["安平县", t.township, t.kind.label, t.target, completed, accepted] for t, completed, accepted in rows]})


def import_return(db, path, period=PERIOD):
    return commit(db, prepare(db, path, unit="安平县", period=period))


def completed_of(db, target_id):
    with db.reading() as s:
        return s.get(SubstitutionTarget, target_id).completed


def edit(db, anchor, target_id, **values):
    """A hand edit of a township target, as the ledger page makes it; returns the action id."""
    row = next(r for r in substitution.township_rows(db, anchor) if r.id == target_id)
    with db.reading() as s:
        deadline = s.get(SubstitutionTarget, target_id).deadline
    figures = {"target": row.target, "completed": row.completed, "accepted": row.accepted, "deadline": deadline}
    reason = {"reason": "气源未落实"} if "deadline" in values else {}  # a new deadline is a postponement
    return substitution.update_township(db, row.id, row.version, **{**figures, **values, **reason})


# 1 (the lean and the careful path: tests/services/importing/test_check_substitution.py)


# 2 ---------------------------------------------------------------------------------------

def test_undo_of_a_return_restores_exactly(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    before, reports_before = ledger(demo_db, with_version=False), reports(demo_db)
    batch = import_return(demo_db, simple_return(
        tmp_path, "r.xlsx", (a, a.completed + 10, a.accepted + 5), (b, b.completed + 1, b.accepted)))

    with demo_db.reading() as s:
        data = json.loads(s.scalar(select(ImportChanges.data).where(ImportChanges.batch_id == batch)))
    rows = {tuple(r) for g in data if g["table"] == "substitution_target" for r in g["rows"]}
    assert [g["fields"] for g in data] == [["completed", "accepted"]]
    assert rows == {(a.id, a.completed, a.accepted, a.completed + 10, a.accepted + 5),
                    (b.id, b.completed, b.accepted, b.completed + 1, b.accepted)}
    assert len(reports(demo_db, batch)) == 2

    undo_import(demo_db, batch)
    assert ledger(demo_db, with_version=False) == before
    assert reports(demo_db, batch) == set() and reports(demo_db) == reports_before


# 3 ---------------------------------------------------------------------------------------


def test_undo_of_a_return_refused_after_a_hand_edit_of_the_same_field(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    batch = import_return(demo_db, simple_return(tmp_path, "r.xlsx", (a, a.completed + 10, a.accepted)))
    edit(demo_db, anchor, a.id, completed=a.completed + 12)
    with pytest.raises(UserError, match="又被") as refused:
        undo_import(demo_db, batch)
    assert "「已完成户数」" in str(refused.value) and "手工修改" in str(refused.value)
    assert completed_of(demo_db, a.id) == a.completed + 12


def test_a_hand_edit_of_another_field_or_row_does_not_block_the_undo(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    batch = import_return(demo_db, simple_return(tmp_path, "r.xlsx", (a, a.completed + 10, a.accepted)))
    edit(demo_db, anchor, a.id, deadline=dt.date(2027, 3, 31))
    edit(demo_db, anchor, b.id, completed=b.completed + 3)
    undo_import(demo_db, batch)
    after = {r.id: r for r in substitution.township_rows(demo_db, anchor)}
    assert (after[a.id].completed, after[a.id].accepted, after[a.id].deadline) == (
        a.completed, a.accepted, dt.date(2027, 3, 31))
    assert after[b.id].completed == b.completed + 3


# 4 ---------------------------------------------------------------------------------------


def test_an_import_cannot_be_undone_under_a_later_standing_import(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    before, reports_before = ledger(demo_db, with_version=False), reports(demo_db)
    first = import_return(demo_db, simple_return(
        tmp_path, "第一次.xlsx", (a, a.completed + 10, a.accepted), (b, b.completed + 1, b.accepted)))
    second = import_return(demo_db, simple_return(tmp_path, "第二次.xlsx", (a, a.completed + 20, a.accepted)),
                           period=PERIOD + dt.timedelta(days=10))

    with pytest.raises(UserError, match="又被") as refused:
        undo_import(demo_db, first)
    assert "第二次.xlsx" in str(refused.value) and f"批次 {second}" in str(refused.value)
    assert completed_of(demo_db, a.id) == a.completed + 20

    undo_import(demo_db, second)
    assert completed_of(demo_db, a.id) == a.completed + 10
    undo_import(demo_db, first)
    assert ledger(demo_db, with_version=False) == before and reports(demo_db) == reports_before


# 5 ---------------------------------------------------------------------------------------


def test_a_hand_edit_cannot_be_undone_under_a_later_import_of_the_same_field(demo_db, tmp_path, anchor):
    a = towns(demo_db, anchor)[0]
    before = ledger(demo_db, with_version=False)
    action = edit(demo_db, anchor, a.id, completed=a.completed + 5)
    batch = import_return(demo_db, simple_return(tmp_path, "后来的.xlsx", (a, a.completed + 9, a.accepted)))

    with pytest.raises(UserError, match="后来的.xlsx") as refused:
        editing.undo_action(demo_db, action)
    assert f"批次 {batch}" in str(refused.value)
    assert completed_of(demo_db, a.id) == a.completed + 9

    undo_import(demo_db, batch)
    editing.undo_action(demo_db, action)
    assert ledger(demo_db, with_version=False) == before


# 6 ---------------------------------------------------------------------------------------


def test_a_target_edited_after_preview_refuses_the_whole_commit(demo_db, tmp_path, anchor):
    a, b, c = towns(demo_db, anchor)[:3]
    path = workbook(tmp_path / "r.xlsx", {"双替代": [
        HEADINGS,
        ["安平县", a.township, a.kind.label, a.target, a.completed + 1, a.accepted],
        ["安平县", spaced(b.township), b.kind.label, "", str(b.completed + 1), ""],
        ["安平县", c.township, c.kind.label, c.target, c.completed + 1, c.accepted]]})
    plan = prepare(demo_db, path, unit="安平县", period=PERIOD, today=anchor)
    assert plan.errors == [] and len(plan.changes()) == 3
    edit(demo_db, anchor, b.id, deadline=dt.date(2027, 3, 31))
    before = (ledger(demo_db), counts(demo_db))
    with pytest.raises(UserError, match="重新预览"):
        commit(demo_db, plan)
    assert (ledger(demo_db), counts(demo_db)) == before


def test_a_corrected_return_for_the_same_period_corrects_the_figures_and_undoes_back(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    before, reports_before = ledger(demo_db, with_version=False), reports(demo_db)
    first = import_return(demo_db, simple_return(
        tmp_path, "11月.xlsx", (a, a.completed + 10, a.accepted), (b, b.completed + 1, b.accepted)))
    plan = prepare(demo_db, simple_return(tmp_path, "11月更正.xlsx", (a, a.completed + 8, a.accepted + 2)),
                   unit="安平县", period=PERIOD)
    assert any("已导入过" in str(p) and "将按本行更正" in str(p) for p in plan.warnings) and not plan.errors
    second = commit(demo_db, plan)
    assert completed_of(demo_db, a.id) == a.completed + 8
    assert (a.id, PERIOD, a.completed + 8, a.accepted + 2) in reports(demo_db, first)  # the period's one report

    undo_import(demo_db, second)
    assert (a.id, PERIOD, a.completed + 10, a.accepted) in reports(demo_db, first)
    assert completed_of(demo_db, a.id) == a.completed + 10
    undo_import(demo_db, first)
    assert ledger(demo_db, with_version=False) == before and reports(demo_db) == reports_before


@pytest.mark.skipif(not servers.on_server(), reason="PostgreSQL's bulk paths")
def test_on_a_server_a_return_and_its_undo_go_through_the_bulk_paths(demo_db, tmp_path, anchor):
    """COPY and UPDATE ... FROM unnest, not a statement per row: row by row, a 100,000-row
    return took ten times SQLite's time (bench/import.py measures both)."""
    a, b, c = towns(demo_db, anchor)[:3]
    per_row = []

    def watch(_conn, _cursor, statement, parameters, _context, executemany):
        if "substitution" in statement and (executemany or "UPDATE" in statement or "INSERT" in statement):
            per_row.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", watch)
    batch = import_return(demo_db, simple_return(
        tmp_path, "r.xlsx", (a, a.completed + 1, a.accepted), (b, b.completed + 2, b.accepted),
        (c, c.completed + 3, c.accepted)))
    assert completed_of(demo_db, b.id) == b.completed + 2 and len(reports(demo_db, batch)) == 3
    undo_import(demo_db, batch)
    assert completed_of(demo_db, b.id) == b.completed and reports(demo_db, batch) == set()
    assert per_row == []




@pytest.mark.skipif(not servers.on_server(), reason="PostgreSQL's compression of long values")
def test_on_a_server_the_record_of_a_return_is_compressed_by_lz4(demo_db, tmp_path, anchor):
    """pglz took a tenth of a second over the record of a 100,000-row return; lz4 is asked for
    in the import's own transaction only."""
    with demo_db.reading() as s:
        if not s.scalar(text("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")):
            pytest.skip("a server without lz4")

    def stored_with(quick: bool) -> str:
        with demo_db.transaction() as s:
            if quick:
                bulk_pg.compress_quickly(s.connection())
            batch = ImportBatch(file_name="x.xlsx", sha256=str(quick), kind="return", period=PERIOD, rows_read=0,
                                rows_changed=0, errors=0, warnings=0, audit_mark=0)
            s.add(batch)
            s.flush()
            s.add(ImportChanges(batch_id=batch.id, data=json.dumps([[n, n % 7, n % 11] for n in range(2000)])))
            s.flush()
            return s.scalar(text("SELECT pg_column_compression(data) FROM import_changes WHERE batch_id = :b"),
                            {"b": batch.id})

    assert (stored_with(True), stored_with(False)) == ("lz4", "pglz")  # the next transaction is as before

    asked = []
    event.listen(demo_db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: asked.append("default_toast_compression" in statement))
    rows = towns(demo_db, anchor)[:2]
    import_return(demo_db, simple_return(tmp_path, "r.xlsx", *[(t, t.completed + 1, t.accepted) for t in rows]))
    assert any(asked)
