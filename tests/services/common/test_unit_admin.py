import pytest

from aqdesk.domain.enums import UnitKind
from aqdesk.errors import UserError
from aqdesk.services.common import editing, unit_admin
from aqdesk.services.ledgers.tasks import find_tasks


def unit(db, name):
    return next(u for u in unit_admin.unit_rows(db) if u.name == name)


def test_aliases_let_returns_name_a_unit_their_own_way(demo_db, anchor):
    eco = unit(demo_db, "市生态环境局")
    with pytest.raises(UserError, match="找不到单位"):
        find_tasks(demo_db, anchor, "环保部门")
    action = unit_admin.set_aliases(demo_db, eco.id, eco.version, [*eco.aliases, "环保部门"])
    assert find_tasks(demo_db, anchor, "环保部门")
    editing.undo_action(demo_db, action)
    assert "环保部门" not in unit(demo_db, "市生态环境局").aliases


def test_an_alias_another_unit_goes_by_is_refused(demo_db):
    eco = unit(demo_db, "市生态环境局")
    with pytest.raises(UserError, match="其他单位"):
        unit_admin.set_aliases(demo_db, eco.id, eco.version, ["城管局"])
    assert unit(demo_db, "市生态环境局").aliases == eco.aliases


def test_rename_keeps_the_old_name_as_an_alias(demo_db, anchor):
    row = unit(demo_db, "市城管执法局")
    unit_admin.rename(demo_db, row.id, row.version, "市城市管理综合行政执法局")
    renamed = unit(demo_db, "市城市管理综合行政执法局")
    assert "市城管执法局" in renamed.aliases
    assert find_tasks(demo_db, anchor, "市城管执法局")  # files with the old name still match


def test_add_units(demo_db):
    unit_admin.add_unit(demo_db, "市人防办", UnitKind.DEPARTMENT)
    unit_admin.add_unit(demo_db, "城关镇", UnitKind.TOWNSHIP, "安平县")
    with pytest.raises(UserError, match="已有单位"):
        unit_admin.add_unit(demo_db, "城管局", UnitKind.DEPARTMENT)
    with pytest.raises(UserError, match="所属县"):
        unit_admin.add_unit(demo_db, "新镇", UnitKind.TOWNSHIP)
    assert unit(demo_db, "城关镇").parent == "安平县"


def test_contacts_are_kept_checked_and_undoable(demo_db):
    eco = unit(demo_db, "市生态环境局")
    action = unit_admin.set_contacts(demo_db, eco.id, eco.version, leader=" 王建国（局长） ",
                                     contact_person="刘敏", phone="0319-5123456 转 8")
    changed = unit(demo_db, "市生态环境局")
    assert (changed.leader, changed.contact_person, changed.phone) == ("王建国（局长）", "刘敏", "0319-5123456 转 8")
    with pytest.raises(UserError, match="联系电话“见通讯录”"):
        unit_admin.set_contacts(demo_db, eco.id, changed.version, leader="", contact_person="", phone="见通讯录")
    assert unit(demo_db, "市生态环境局").contact_person == "刘敏"
    editing.undo_action(demo_db, action)
    assert unit(demo_db, "市生态环境局").contact_person == eco.contact_person
