"""The office's settings are read typed, by section and attribute, never by string key."""

import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from aqdesk.db.models import Setting
from aqdesk.domain.enums import Color, DeadlineKind
from aqdesk.services.common import settings

PACKAGE = Path(__file__).resolve().parents[3] / "aqdesk"


def test_load_gives_frozen_sections_with_the_defaults_and_saved_values(empty_db):
    office = settings.load_from(empty_db)
    assert office.sheet.days(Color.RED) == 3 and office.summons.series == "示例市大气办约"
    assert office.substitution.heating_season_start == (11, 15)
    with pytest.raises(dataclasses.FrozenInstanceError):
        office.sheet.series = "x"
    settings.save_all(empty_db, {"sheet.days.yellow": 7, "office.city": "安平市", "warning.cycle_days.monthly": 40})
    office = settings.load_from(empty_db)
    assert office.sheet.days(Color.YELLOW) == 7 and office.office.city == "安平市"
    assert office.warning.rules().cycle_days[DeadlineKind.MONTHLY] == 40


def test_every_option_belongs_to_a_section_field():
    sections = {f.name: f for f in dataclasses.fields(settings.OfficeSettings)}
    for option in settings.OPTIONS.values():
        assert option.section in sections
        section = settings._SECTIONS[option.section]
        assert option.field in {f.name for f in dataclasses.fields(section)}, option.key


def test_a_renamed_key_is_upgraded_on_reading_and_stored_anew_on_saving(empty_db, monkeypatch):
    with empty_db.transaction() as session:  # as an older aqdesk stored it
        session.add(Setting(key="sheet.code", value=json.dumps("督查")))
        session.add(Setting(key=settings.VERSION_KEY, value="1"))

    def rename(stored):
        if "sheet.code" in stored:
            stored["sheet.series"] = stored.pop("sheet.code")
        return stored

    monkeypatch.setattr(settings, "VERSION", 2)
    monkeypatch.setattr(settings, "UPGRADES", {1: rename})
    assert settings.load_from(empty_db).sheet.series == "督查"
    settings.save_all(empty_db, {"office.city": "安平市"})
    with empty_db.reading() as session:
        stored = {s.key: json.loads(s.value) for s in session.scalars(select(Setting))}
    assert stored["sheet.series"] == "督查" and "sheet.code" not in stored and stored[settings.VERSION_KEY] == 2


def test_no_service_reads_a_setting_by_its_key():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "settings.py":
            text = path.read_text(encoding="utf-8")
            assert "settings.get(" not in text and "all_values(" not in text, path
