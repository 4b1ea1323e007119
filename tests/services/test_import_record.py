"""双替代 returns through the lean and the careful path, the compact record of what an
import changed, and undo of imports and hand edits against each other."""

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import ImportBatch, ImportChanges, SubstitutionReport, SubstitutionTarget
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import substitution
from tests import servers
from tests.services.test_importing import workbook

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
    return substitution.update_township(db, row.id, row.version, **{**figures, **values})


# 1 ---------------------------------------------------------------------------------------


def test_clean_and_messy_rows_of_a_return_are_read_alike(demo_db, tmp_path, anchor):
    a, b, c, d, e, f, g, h = towns(demo_db, anchor)[:8]
    qinghe = next(r for r in substitution.township_rows(demo_db, anchor) if r.county == "清河县")
    path = workbook(tmp_path / "安平县双替代.xlsx", {
        "双替代": [
            HEADINGS,
            ["安平县", a.township, a.kind.label, a.target, a.completed + 10, a.accepted + 5],  # 2 clean
            ["安平县", spaced(b.township), b.kind.label, "", f" {b.completed + 7} ", str(b.accepted + 2)],  # 3
            ["安平县", c.township, c.kind.label, float(c.target), float(c.completed + 3), None],  # 4
            ["安平县", f.township, f.kind.label, f.target, -5, 0],  # 5
            ["安平县", g.township, g.kind.label, g.target, "约八成", ""],  # 6
            ["安平县", "不存在镇", "气代煤", 100, 50, 40],  # 7
            ["清河县", qinghe.township, qinghe.kind.label, qinghe.target, qinghe.completed, qinghe.accepted],  # 8
            ["安平县", h.township, h.kind.label, "", h.completed - 0.5, ""],  # 9
            ["安平县", d.township, d.kind.label, d.target, d.completed, d.accepted],  # 10 unchanged
        ],
        "双替代（续）": [
            HEADINGS,
            ["安平县", a.township, a.kind.label, a.target, a.completed + 1, a.accepted],  # repeats a clean row
            ["安平县", b.township, b.kind.label, b.target, b.completed + 1, b.accepted],  # repeats a messy row
            ["安平县", e.township, e.kind.label, e.target, e.completed + 4, e.accepted + 4],  # 4 clean
        ],
    })
    plan = prepare(demo_db, path, unit="安平县", period=PERIOD, today=anchor)

    assert {(c.item, c.field, c.old, c.new) for c in plan.changes()} == {
        (item(a), "completed", a.completed, a.completed + 10), (item(a), "accepted", a.accepted, a.accepted + 5),
        (item(b), "completed", b.completed, b.completed + 7), (item(b), "accepted", b.accepted, b.accepted + 2),
        (item(c), "completed", c.completed, c.completed + 3),
        (item(e), "completed", e.completed, e.completed + 4), (item(e), "accepted", e.accepted, e.accepted + 4),
    }
    errors = {(p.sheet, p.row): p.message for p in plan.errors}
    assert set(errors) == {("双替代", 5), ("双替代", 6), ("双替代", 7), ("双替代", 8), ("双替代", 9),
                           ("双替代（续）", 2), ("双替代（续）", 3)}
    assert "负数" in errors[("双替代", 5)]
    assert "约八成" in errors[("双替代", 6)] and "不是数字" in errors[("双替代", 6)]
    assert "台账中没有安平县不存在镇的气代煤任务" in errors[("双替代", 7)]
    assert "不属于报送单位安平县" in errors[("双替代", 8)]
    assert "不是整数" in errors[("双替代", 9)]
    assert "与工作表「双替代」第2行重复" in errors[("双替代（续）", 2)]
    assert "与工作表「双替代」第3行重复" in errors[("双替代（续）", 3)]
    assert plan.warnings == []

    before = ledger(demo_db, with_version=False)
    batch = commit(demo_db, plan, accept_valid_rows=True)
    typed = {a.id: (a.completed + 10, a.accepted + 5), b.id: (b.completed + 7, b.accepted + 2),
             c.id: (c.completed + 3, c.accepted), e.id: (e.completed + 4, e.accepted + 4)}
    expected = [(i, target, *typed.get(i, (completed, accepted)), deadline)
                for i, target, completed, accepted, deadline in before]
    assert ledger(demo_db, with_version=False) == expected
    after = {r.id: (r.completed, r.accepted) for r in substitution.township_rows(demo_db, anchor)}
    assert {i: after[i] for i in typed} == typed
    assert reports(demo_db, batch) == {(i, PERIOD, *figures) for i, figures in typed.items()}
    assert all(type(v) is int for i in typed for v in after[i])


def test_the_same_figures_typed_clean_or_messy_make_the_same_plan(demo_db, tmp_path, anchor):
    a, b = towns(demo_db, anchor)[:2]
    clean = workbook(tmp_path / "clean.xlsx", {"双替代": [
        HEADINGS,
        ["安平县", a.township, a.kind.label, a.target, a.completed + 1, a.accepted + 1],
        ["安平县", b.township, b.kind.label, "", b.completed + 2, None]]})
    messy = workbook(tmp_path / "messy.xlsx", {"双替代": [
        HEADINGS,
        ["安平县", spaced(a.township), a.kind.label, str(a.target), f"{a.completed + 1}户", f" {a.accepted + 1} "],
        ["安平县", spaced(b.township), b.kind.label, "", str(float(b.completed + 2)), ""]]})

    def outcome(path):
        plan = prepare(demo_db, path, unit="安平县", period=PERIOD, today=anchor)
        return (sorted((c.table, c.row_id, c.version, c.field, c.old, c.new, c.item, c.label, c.sheet, c.row)
                       for c in plan.changes()),
                sorted((i.table, tuple(sorted(i.values.items())), i.item, i.row) for i in plan.inserts()),
                [p.message for p in plan.problems])

    planned = outcome(clean)
    assert len(planned[0]) == 3 and len(planned[1]) == 2 and planned[2] == []
    assert outcome(messy) == planned


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
    assert "completed" in str(refused.value) and "手工修改" in str(refused.value)
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
    from sqlalchemy import event

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
