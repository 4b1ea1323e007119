import pytest
from PySide6.QtWidgets import QCheckBox, QDialog, QMessageBox

from aqdesk.domain.enums import Color
from aqdesk.ui.dialogs.enterprise_dialog import EnterpriseDialog
from aqdesk.ui.dialogs.township_dialog import TownshipDialog
from aqdesk.ui.models.rows import COLOR_ROLE
from tests.ui.conftest import show


@pytest.mark.parametrize("attr", ["loose_coal_page", "relocation_page", "substitution_page"])
def test_each_ledger_screen_shows_three_colours(window, attr):
    page = show(window, getattr(window, attr))
    colours = {page.proxy.index(r, 0).data(COLOR_ROLE) for r in range(page.proxy.rowCount())}
    assert colours == set(Color)


def test_relocation_filter_postponed_twice(window):
    page = show(window, window.relocation_page)
    box = next(w for w in page.filter_widgets if isinstance(w, QCheckBox))
    box.setChecked(True)
    shown = page.proxy.accepted_rows()
    assert shown and all(r.postponed >= 2 for r in shown) and len(shown) < 77


def test_enterprise_dialog_postpones_with_reason(window, qtbot, monkeypatch, anchor):
    row = next(r for r in show(window, window.relocation_page).model.rows() if r.color is Color.RED)
    dialog = EnterpriseDialog(window.db, row.id, anchor, today=anchor, parent=window)
    qtbot.addWidget(dialog)
    dialog.acted.connect(window.history.push)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog.postpone()
    assert warnings and "理由" in warnings[-1]
    before = dialog.history.rowCount()
    dialog.reason_edit.setText("设备采购周期延长")
    dialog.new_date.setDate(anchor.replace(year=anchor.year + 1))
    dialog.postpone()
    assert dialog.history.rowCount() == before + 1
    assert window.undo_action.isEnabled()


def test_township_dialog_refuses_accepted_above_completed(window, qtbot, monkeypatch, anchor):
    row = show(window, window.substitution_page).model.rows()[0]
    dialog = TownshipDialog(window.db, row.id, anchor, parent=window)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog.completed_spin.setValue(10)
    dialog.accepted_spin.setValue(20)
    dialog.save()
    assert warnings and "不能超过已完成户数" in warnings[-1]


def test_overview_item_opens_in_its_ledger(window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    show(window, window.overview)
    item = window.overview.overdue.row_object(0)
    window.overview.overdue_table.activated.emit(window.overview.overdue.index(0, 0))
    assert window.stack.currentWidget() is window.relocation_page
    assert opened == ["EnterpriseDialog"] and item.ledger == "enterprise"


@pytest.mark.parametrize("attr", ["task_page", "loose_coal_page", "relocation_page", "substitution_page"])
def test_a_row_of_the_year_chosen_opens_in_january(window, monkeypatch, attr):
    """With last year picked in 年度 while the date is in the new year, double-clicking one of
    last year's rows opens it (the dialog looked for it among the new year's rows and crashed)."""
    import datetime as dt

    from aqdesk.services.ledgers import rollover
    from aqdesk.ui.dialogs import county_dialog, enterprise_dialog, task_dialog, township_dialog

    rollover.close_year(window.db, 2026)
    rollover.open_year(window.db, 2027, set(rollover.Carry))
    rollover.reopen_year(window.db, 2026)
    window.date_edit.setDate(dt.date(2027, 1, 5))
    window.set_year(2026)
    opened = []
    for dialog in (county_dialog.CountyDialog, enterprise_dialog.EnterpriseDialog, township_dialog.TownshipDialog,
                   task_dialog.TaskDialog):
        monkeypatch.setattr(dialog, "exec", lambda d: opened.append(d.windowTitle()))
    page = show(window, getattr(window, attr))
    page.activated.emit(page.model.rows()[0])
    assert len(opened) == 1
