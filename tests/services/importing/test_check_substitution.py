"""双替代 returns: the lean path and the careful one read the same figures the same way."""

from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import substitution
from tests.services.common.test_import_record import (
    HEADINGS,
    PERIOD,
    item,
    ledger,
    reports,
    spaced,
    towns,
)
from tests.services.importing.test_importing import workbook


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
