"""The 空气质量 screen on the demo office: the county table in ranking order and colour, the
chart and the calendar following the chosen county, the ranking by another figure."""

import datetime as dt

from PySide6.QtCore import QPoint

from aqdesk.domain.air.aqi import Level
from aqdesk.domain.air.ranking import RankBy
from aqdesk.domain.enums import Color
from aqdesk.ui.models.rows import COLOR_ROLE
from aqdesk.ui.widgets.aqi_calendar import tooltip
from tests.ui.conftest import show


def test_the_air_screen_shows_every_county_ranked_and_coloured(window, anchor):
    page = show(window, window.air_page)
    model = page.model
    assert model.rowCount() == 10
    assert [model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]
    assert {model.index(r, 0).data(COLOR_ROLE) for r in range(10)} == set(Color)
    assert "全市优良率" in page.city_label.text()
    first = model.row_object(0)
    assert page.chart.chart().title().startswith(first.name)
    running = page.chart.chart().series()[0]
    assert running.count() == anchor.month
    assert page.chart.chart().series()[-1].name().startswith("目标")
    assert len(page.calendar.cells) == anchor.timetuple().tm_yday


def test_choosing_a_county_and_another_ranking(window, anchor, qtbot):
    page = show(window, window.air_page)
    page.table.selectRow(4)
    chosen = page.model.row_object(4)
    assert page.calendar_title.text().startswith(chosen.name)
    page.rank_by.setCurrentIndex(page.rank_by.findData(RankBy.GOOD_RATE.value))
    page.rank_by.activated.emit(page.rank_by.currentIndex())
    rates = [page.model.row_object(r).summary.good_rate for r in range(page.model.rowCount())]
    assert rates == sorted(rates, reverse=True)


def test_calendar_cells_say_their_day_and_level(window, anchor):
    page = show(window, window.air_page)
    day = anchor - dt.timedelta(days=3)
    cell = page.calendar.cells[day]
    assert tooltip(day, cell) == f"{day.month}月{day.day}日：AQI {cell.aqi}，{Level.of(cell.aqi).label}"
    assert tooltip(dt.date(anchor.year, 12, 31), None).endswith("无数据")
    rect = page.calendar._rect(day)
    assert page.calendar._day_at(QPoint(rect.center())) == day


def test_targets_typed_in_the_dialog_are_saved_together_or_not_at_all(window, anchor, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from aqdesk.ui.dialogs.air_targets_dialog import AirTargetsDialog

    page = show(window, window.air_page)
    dialog = AirTargetsDialog(page.db, anchor.year, page)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names[-1] == "全市" and len(names) == 11
    east = names.index("东城区")
    dialog.table.item(east, 1).setText("99")
    dialog.table.item(0, 2).setText("约四十")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    dialog.save()
    assert warned and "“约四十”不是数字" in warned[0] and names[0] in warned[0]
    dialog.table.item(0, 2).setText("40")
    dialog.table.item(east, 4).setText("3月六成")
    dialog.save()
    assert "东城区" in warned[-1] and "3月60，6月70" in warned[-1]
    dialog.table.item(east, 4).setText("3月60，6月65")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page._reload()
    row = next(r for r in page.model.rows() if r.name == "东城区")
    assert row.target.good_rate == 99 and row.standing.color.value == "red"
    assert row.target.stages == ((3, 60.0), (6, 65.0))


def test_measured_rates_keep_one_decimal_so_the_column_lines_up(window):
    page = show(window, window.air_page)
    column = next(i for i, c in enumerate(page.model.COLUMNS) if c.header == "优良率")
    change = next(i for i, c in enumerate(page.model.COLUMNS) if c.header == "PM2.5同比")
    for r in range(page.model.rowCount()):
        rate, moved = page.model.index(r, column).data(), page.model.index(r, change).data()
        assert rate.endswith("%") and len(rate.rstrip("%").split(".")[1]) == 1, rate
        assert not moved or moved.rstrip("%").split(".")[1].isdigit(), moved


def test_new_targets_recolour_the_overview_too(window, monkeypatch):
    """总览's air card (already looked at) follows targets changed on 空气质量."""
    from PySide6.QtWidgets import QTableWidgetItem

    from aqdesk.ui.dialogs.air_targets_dialog import AirTargetsDialog

    show(window, window.overview)
    assert int(window.overview.air_card.numbers[Color.RED].text()) > 0

    def lenient(dialog):
        for r in range(dialog.table.rowCount()):
            for c, text in ((1, "1"), (2, "500"), (3, "365"), (4, "")):
                dialog.table.setItem(r, c, QTableWidgetItem(text))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(AirTargetsDialog, "exec", lenient)
    page = show(window, window.air_page)
    page.edit_targets()
    assert {page.model.index(r, 0).data(COLOR_ROLE) for r in range(10)} == {Color.GREEN}
    show(window, window.overview)
    assert window.overview.air_card.numbers[Color.RED].text() == "0"
