import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from aqdesk.domain.enums import Color, TaskStatus
from aqdesk.services.ledgers.tasks import TaskRow
from aqdesk.ui.models.filters import ChoiceFilter
from aqdesk.ui.models.ledgers import TaskModel
from aqdesk.ui.models.rows_proxy import RowsProxy


def rows(n=30):
    return [
        TaskRow(id=i, number=f"{i % 9 + 1}-{i:02d}", category=f"类别{i % 3}", title=f"任务{i}",
                lead=f"单位{i % 4}", cooperator_names=(f"单位{(i + 1) % 4}",),
                deadline=dt.date(2026, 12, 1) + dt.timedelta(days=i), deadline_text="", status=TaskStatus.IN_PROGRESS,
                progress=(i * 37) % 101, latest="散煤" if i % 5 == 0 else "扬尘", color=list(Color)[i % 3],
                reason="", days_left=i, postponed=0)
        for i in range(n)
    ]


def test_proxy_passes_qt_model_checks_through_filter_and_sort(qapp):
    model = TaskModel()
    proxy = RowsProxy([ChoiceFilter("单位", "全部单位", lambda r: (r.lead, *r.cooperator_names))])
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(rows())
    proxy.set_filter("散煤", ["单位1"])
    shown = proxy.accepted_rows()
    assert shown and all(r.latest == "散煤" and "单位1" in (r.lead, *r.cooperator_names) for r in shown)
    proxy.sort(7, Qt.SortOrder.DescendingOrder)  # 进度（%）
    progress = [proxy.index(r, 7).data() for r in range(proxy.rowCount())]
    assert progress == sorted(progress, key=int, reverse=True)
    source = proxy.mapToSource(proxy.index(0, 1))
    assert proxy.mapFromSource(source).row() == 0
    model.set_rows(rows(5))
    assert proxy.rowCount() == 1  # the filter survives new rows


def test_the_import_preview_shows_a_removed_share_as_deleted(qapp):
    from aqdesk.services.importing.changes import Removal
    from aqdesk.ui.models.imports import ChangeModel

    model = ChangeModel()
    model.set_rows([Removal("task_share", 7, 1, "任务 9-09 清河县分工", "任务清单", 2)])
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert shown == ["任务清单 第2行", "任务 9-09 清河县分工", "删除", "", ""]
