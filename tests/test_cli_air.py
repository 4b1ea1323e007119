"""aqdesk air and air-target on the demo office, as the issue gives the JSON."""

import json

from tests.test_cli import run


def test_air_json_on_the_demo(capsys, demo_db, anchor):
    url = demo_db.engine.url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, "air", "--json", "--as-of", anchor.isoformat(), "--db", url)
    report = json.loads(out)
    assert code == 0 and report["as_of"] == anchor.isoformat()
    counties = report["counties"]
    assert len(counties) == 10
    for county in counties:
        assert {"name", "good_rate", "pm25", "target_good_rate", "target_pm25", "budget_days", "color", "reason",
                "rank"} <= set(county)
        assert county["color"] in ("red", "yellow", "green") and county["reason"]
    colours = {c["color"] for c in counties}
    assert colours == {"red", "yellow", "green"}, "the demo shows counties of every colour"
    assert sorted(c["rank"] for c in counties) == list(range(1, 11))
    assert any(c["movement"].startswith(("进", "退")) for c in counties), "the ranking moves month on month"
    assert report["city"]["name"] == "全市"


def test_air_for_one_county_by_another_name_and_setting_its_target(capsys, demo_db, anchor):
    url = demo_db.engine.url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, "air-target", "东城", "--year", str(anchor.year), "--good-rate", "95", "--pm25", "20",
                       "--db", url)
    assert code == 0
    code, out, _ = run(capsys, "air", "--county", "东城", "--as-of", anchor.isoformat(), "--db", url)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 and lines[1].startswith("红 东城区") and "目标 95%" in lines[1]
    code, _, err = run(capsys, "air", "--county", "南城区", "--db", url)
    assert code == 1 and "没有名为“南城区”的县（区）" in err
    code, _, err = run(capsys, "air-target", "东城区", "--year", "2026", "--good-rate", "120", "--db", url)
    assert code == 1 and "0–100" in err
    code, _, err = run(capsys, "air-target", "东城区", "--year", "2026", "--stages", "三月六成", "--db", url)
    assert code == 1 and "3月60，6月70" in err
    code, _, _ = run(capsys, "air-target", "全市", "--year", str(anchor.year), "--stages", "3月60，6月99", "--db", url)
    code, out, _ = run(capsys, "air", "--json", "--as-of", anchor.isoformat(), "--db", url)
    city = json.loads(out)["city"]
    assert city["target_stages"] == [[3, 60], [6, 99]] and "未达阶段目标99%" in city["reason"]
