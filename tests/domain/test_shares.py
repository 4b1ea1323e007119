from aqdesk.domain.enums import Color, ShareRule
from aqdesk.domain.shares import ShareState, derive
from aqdesk.domain.warning import Assessment

RED = Assessment(Color.RED, "逾期3天", -3)
YELLOW = Assessment(Color.YELLOW, "剩2个工作日", 3, 2)
GREEN = Assessment(Color.GREEN, "剩40天", 40)
DONE = Assessment(Color.GREEN, "按期完成")
OWN = Assessment(Color.GREEN, "剩40天", 40)


def counties(done: int, late: list[str], yellow: int = 0, green: int = 0) -> list[ShareState]:
    shares = [ShareState(f"{i}县", DONE, 100, True) for i in range(done)]
    shares += [ShareState(name, RED, 50, False) for name in late]
    shares += [ShareState(f"黄{i}区", YELLOW, 80, False) for i in range(yellow)]
    shares += [ShareState(f"绿{i}区", GREEN, 60, False) for i in range(green)]
    return shares


def run(rule, shares, **kw):
    return derive(rule, shares, own=lambda: OWN, own_progress=10, own_done=False, noun="县区", **kw)


def test_all_must_finish_takes_the_latest_share_and_names_the_late_units():
    d = run(ShareRule.ALL, counties(8, ["甲县", "乙区"]))
    assert d.warning.color is Color.RED
    assert d.warning.reason == "10个县区中8个已完成，2个逾期：甲县、乙区"
    assert d.late == ("甲县", "乙区") and not d.done
    assert d.progress == (8 * 100 + 2 * 50) // 10


def test_all_finished_is_green_and_done():
    d = run(ShareRule.ALL, counties(10, []))
    assert (d.warning.color, d.warning.reason, d.done, d.progress) == (Color.GREEN, "10个县区全部完成", True, 100)


def test_all_with_only_a_share_due_soon_is_yellow():
    d = run(ShareRule.ALL, counties(9, [], yellow=1))
    assert d.warning.color is Color.YELLOW and d.warning.reason.endswith("1个预警：黄0区")


def test_the_lead_decides_whatever_the_other_shares_say():
    shares = [ShareState("市住建局", GREEN, 70, False, is_lead=True), *counties(2, ["甲县"])]
    d = run(ShareRule.LEAD, shares)
    assert d.warning.color is Color.GREEN and d.progress == 70 and not d.done
    assert d.warning.reason == "4个县区中2个已完成，1个逾期：甲县；牵头单位认定：剩40天"
    assert d.late == ("甲县",)
    # without a share of its own the lead's figures on the task decide
    alone = run(ShareRule.LEAD, counties(0, ["甲县"]))
    assert alone.warning.color is Color.GREEN and alone.progress == 10


def test_a_count_of_shares_is_done_once_enough_finish():
    d = run(ShareRule.COUNT, counties(8, ["甲县", "乙区"]), needed=8)
    assert (d.warning.color, d.done, d.progress) == (Color.GREEN, True, 100)
    assert d.warning.reason == "10个县区中8个已完成，2个逾期：甲县、乙区（需完成8个）"


def test_a_count_is_coloured_by_the_weakest_share_still_needed():
    # 6 done, 1 on track, 1 due soon, 2 late: needing 7 is green, 8 yellow, 9 red
    shares = counties(6, ["甲县", "乙区"], yellow=1, green=1)
    assert run(ShareRule.COUNT, shares, needed=7).warning.color is Color.GREEN
    assert run(ShareRule.COUNT, shares, needed=8).warning.color is Color.YELLOW
    assert run(ShareRule.COUNT, shares, needed=9).warning.color is Color.RED
    assert run(ShareRule.COUNT, shares, needed=9).progress == (600 + 80 + 60 + 50) // 9


def test_a_task_without_shares_keeps_its_own_assessment():
    d = run(ShareRule.ALL, [])
    assert d.warning is OWN and d.progress == 10 and d.late == ()


def test_every_county_is_said_in_several_ways():
    from aqdesk.domain.shares import means_every_county

    assert all(means_every_county(t) for t in ("全部县区", "各县区", " 各县(区) ", "全市各县（区）"))
    assert not means_every_county("安平县") and not means_every_county("各乡镇")
