from sqlalchemy import select

from aqdesk.db.models import Task
from aqdesk.services.common import clerk
from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import task_edit
from aqdesk.services.reports.history import item_history
from tests.services.importing.test_importing import PERIOD, task_return  # noqa: F401 - the fixture


def test_an_items_history_shows_hand_edits_and_imports_with_who_and_from_where(demo_db, task_return):  # noqa: F811
    clerk.set_name("王登记")
    with demo_db.reading() as session:
        task_id = session.scalar(select(Task.id).where(Task.number == "4-03"))
    detail = task_edit.task_detail(demo_db, task_id)
    task_edit.update_task(demo_db, task_id, detail.version, problems="雨雪天气影响机扫")
    commit(demo_db, prepare(demo_db, task_return, unit="城管局", period=PERIOD, today=PERIOD))
    rows = item_history(demo_db, "task", task_id)
    by_field = {r.field: r for r in rows}
    assert (by_field["存在问题"].who, by_field["存在问题"].source, by_field["存在问题"].new) == (
        "王登记", "手工", "雨雪天气影响机扫")
    progress = by_field["完成比例（%）"]
    assert (progress.old, progress.new, progress.source) == ("88", "95", "导入：城管局11月报送.xlsx")
    assert rows == sorted(rows, key=lambda r: r.when, reverse=True)


def test_an_enterprises_history_includes_its_milestones(demo_db, anchor):
    import datetime as dt

    from aqdesk.db.models import Milestone
    from aqdesk.services.ledgers import relocation
    with demo_db.reading() as session:
        milestone = session.scalars(select(Milestone).where(Milestone.kind == "build", Milestone.actual_date.is_(None))
                                    .order_by(Milestone.id)).first()
    new_date = (milestone.planned_date or anchor) + dt.timedelta(days=30)
    relocation.postpone_milestone(demo_db, milestone.id, milestone.version, new_date=new_date, reason="用地手续未批")
    [row] = [r for r in item_history(demo_db, "enterprise", milestone.enterprise_id) if r.field == "计划日期"]
    assert (row.what, row.new) == ("新址开工节点", new_date.isoformat())
