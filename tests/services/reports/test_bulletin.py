import dataclasses
import datetime as dt

import pytest
from sqlalchemy import delete

from aqdesk.db.models import AirDay
from aqdesk.domain.air.budget import Target
from aqdesk.errors import UserError
from aqdesk.services.air.targets import set_target
from aqdesk.services.common import settings
from aqdesk.services.reports import brief, bulletin
from aqdesk.services.reports.air_section import air_figures
from tests.exchange.pdf_reading import pages_text

OCT_END, NOV = dt.date(2026, 10, 31), dt.date(2026, 11, 26)


def ranks(b, kind="counties"):
    return {u["unit"]: u for u in b.figures["ranking"][kind]}


def test_a_bulletin_is_numbered_in_its_own_yearly_series_and_issued_once(demo_db):
    october, _ = bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-10", OCT_END))
    assert october.number == "示例市大气办通报〔2026〕1号" and october.issued
    draft = bulletin.draft(demo_db, "2026-11", NOV)
    assert draft.number == "示例市大气办通报〔2026〕2号" and not draft.issued
    with pytest.raises(UserError, match="已印发"):
        bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-10", OCT_END))
    with pytest.raises(UserError, match="2026-11"):
        bulletin.draft(demo_db, "十一月")


def test_moves_are_against_the_frozen_previous_bulletin(demo_db):
    october, _ = bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-10", OCT_END))
    published = {name: u["rank"] for name, u in ranks(october).items()}
    # the office reweighs its ranking afterwards: October recomputed would now rank differently
    settings.save_all(demo_db, {"ranking.weight.red": 0, "ranking.weight.late_sheets": 0,
                                "ranking.weight.missing_returns": 100})
    november = bulletin.draft(demo_db, "2026-11", NOV)
    assert november.figures["compared_with"] == october.number
    for name, u in ranks(november).items():
        was = published.get(name)
        assert u["previous_rank"] == was
        expected = "—" if was is None else "持平" if was == u["rank"] else (
            f"进{was - u['rank']}位" if was > u["rank"] else f"退{u['rank'] - was}位")
        assert u["move"] == expected
    assert any(u["move"].startswith(("进", "退")) for u in ranks(november).values())


def test_a_first_bulletin_has_nothing_to_compare_with(demo_db):
    november = bulletin.draft(demo_db, "2026-11", NOV)
    assert november.figures["compared_with"] == ""
    assert {u["move"] for u in ranks(november).values()} == {"—"}


def test_a_reprint_is_identical_whatever_changed_since(demo_db):
    issued, _ = bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-11", NOV, opening="本月开头。"))
    first = issued.pdf()
    settings.save_all(demo_db, {"office.name": "示例市生态环境保护委员会办公室", "ranking.weight.red": 10})
    reprint = bulletin.draft(demo_db, "2026-11")
    assert reprint.issued and reprint.opening == "本月开头。"
    assert reprint.figures == issued.figures
    assert reprint.pdf() == first


def test_the_bulletin_says_how_units_were_scored(demo_db):
    b = bulletin.draft(demo_db, "2026-11", NOV)
    texts = [p.text for p in bulletin.paragraphs(b)]
    assert any(t.startswith("说明：得分=按时完成率") for t in texts)
    assert [t.title for t in bulletin.attachments(b.figures)] == [
        "县（区）空气质量排名", "市直部门大气污染防治重点工作排名", "县（区）大气污染防治重点工作排名", "逾期未完成事项清单"]
    assert b.pdf().startswith(b"%PDF")


def test_the_brief_is_one_page_with_the_clerks_note(demo_db, tmp_path):
    result = brief.brief(demo_db, NOV, note="本周全市空气质量总体平稳。请各单位抓紧销号。")
    path = brief.save_brief_pdf(result, tmp_path / "专报.pdf")
    pages = [text.replace(" ", "").replace("\n", "") for text in pages_text(path)]
    assert len(pages) == 1
    assert "本周全市空气质量总体平稳" in pages[0] and "逾期最久：①" in pages[0] and "约谈建议" in pages[0]
    assert result.air.startswith("空气质量：全市优良率76.1%（目标75%），PM2.5 46（目标48）；")
    assert "西城区" in result.air and result.air.count("。") == 1  # one sentence
    assert "空气质量：全市优良率" in pages[0]
    assert result.as_text().splitlines()[2] == result.air  # it opens the brief, after the clerk's note
    assert "新增逾期11项" in result.as_text()


def test_issuing_can_be_undone_and_the_number_is_free_again(demo_db):
    from aqdesk.services.common import editing

    issued, action = bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-11", NOV))
    editing.undo_action(demo_db, action)
    again = bulletin.draft(demo_db, "2026-11", NOV)
    assert not again.issued and again.number == issued.number


def test_the_bulletin_opens_with_air_quality_against_the_targets_and_the_ranking(demo_db):
    b = bulletin.draft(demo_db, "2026-11", NOV)
    texts = [p.text for p in bulletin.paragraphs(b)]
    assert texts[1] == "一、空气质量"
    assert texts[2].startswith("截至11月26日，全市优良天数率") and "（目标75%）" in texts[2]
    air = b.figures["air"]
    ranked = [c["name"] for c in air["counties"]]
    assert [c["rank"] for c in air["counties"]] == sorted(c["rank"] for c in air["counties"])
    red = [c["name"] for c in air["counties"] if c["color"] == "red"]
    assert red and all(name in " ".join(texts[3:6]) for name in red)
    assert any(f"前三位是{'、'.join(ranked[:3])}" in t and "详见附件1" in t for t in texts)
    assert any(m in " ".join(texts) for m in (f"{c['name']}{c['movement']}" for c in air["counties"]
                                                 if c["movement"].startswith(("进", "退"))))
    assert any("详见附件2、附件3" in t for t in texts) and any("详见附件4" in t for t in texts)
    table = bulletin.attachments(b.figures)[0]
    assert [row[1] for row in table.rows] == ranked
    xicheng = next(row for row in table.rows if row[1] == "西城区")
    assert xicheng[3] == "73" and xicheng[7] == "红"


def test_an_issued_bulletin_keeps_its_air_figures_when_targets_change(demo_db):
    issued, _ = bulletin.issue(demo_db, bulletin.draft(demo_db, "2026-11", NOV))
    first = issued.pdf()
    set_target(demo_db, "西城区", 2026, Target(60, 70))
    assert next(c for c in air_figures(demo_db, NOV)["counties"] if c["name"] == "西城区")["color"] != "red"
    reprint = bulletin.draft(demo_db, "2026-11")
    assert reprint.figures["air"] == issued.figures["air"]
    assert next(c for c in reprint.figures["air"]["counties"] if c["name"] == "西城区")["color"] == "red"
    assert reprint.pdf() == first


def test_a_bulletin_issued_before_air_figures_were_kept_reprints_without_them(demo_db):
    b = bulletin.draft(demo_db, "2026-11", NOV)
    older = dataclasses.replace(b, figures={k: v for k, v in b.figures.items() if k != "air"})
    texts = [p.text for p in bulletin.paragraphs(older)]
    assert texts[1] == "一、总体情况" and any("详见附件1、附件2" in t for t in texts)
    assert bulletin.attachments(older.figures)[0].title == "市直部门大气污染防治重点工作排名"


def test_no_air_section_without_air_figures(demo_db):
    with demo_db.transaction() as s:
        s.execute(delete(AirDay))
    b = bulletin.draft(demo_db, "2026-11", NOV)
    assert b.figures["air"] is None
    assert "空气质量" not in " ".join(p.text for p in bulletin.paragraphs(b))
    assert not brief.brief(demo_db, NOV).air
