"""The ledger screens: which model, which loader and which filters each one has."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aqdesk.domain.relocation import STAGES
from aqdesk.services.ledgers import loose_coal, relocation, substitution, tasks
from aqdesk.ui.models import ledgers
from aqdesk.ui.models.filters import ChoiceFilter, FlagFilter
from aqdesk.ui.pages.ledger_page import LedgerPage, colour_filter


def tr(text: str) -> str:
    return QCoreApplication.translate("ledgers", text)


def task_page() -> LedgerPage:
    return LedgerPage(tr("重点任务台账"), ledgers.TaskModel(), tasks.task_rows, history=ledgers.TASK_HISTORY, filters=[
        ChoiceFilter(tr("类别"), tr("全部类别"), lambda r: (r.category,)),
        ChoiceFilter(tr("单位"), tr("全部单位"), lambda r: (r.lead, *r.cooperator_names)),
        colour_filter(),
        FlagFilter(tr("推迟过"), lambda r: r.postponed > 0),
    ])


def loose_coal_page() -> LedgerPage:
    return LedgerPage(tr("散煤治理台账（本年累计）"), ledgers.CountyModel(), loose_coal.county_rows, filters=[colour_filter()])


def relocation_page() -> LedgerPage:
    return LedgerPage(tr("退城入园企业台账"), ledgers.EnterpriseModel(), relocation.enterprise_rows,
                      history=("enterprise", lambda r: r.name), filters=[
        ChoiceFilter(tr("县区"), tr("全部县区"), lambda r: (r.county,)),
        ChoiceFilter(tr("园区"), tr("全部园区"), lambda r: (r.park,)),
        ChoiceFilter(tr("阶段"), tr("全部阶段"), lambda r: (r.stage,), STAGES),
        colour_filter(),
        FlagFilter(tr("推迟2次及以上"), lambda r: r.postponed >= 2),
    ])


def substitution_page() -> LedgerPage:
    return LedgerPage(tr("双替代（气代煤/电代煤）台账"), ledgers.TownshipModel(), substitution.township_rows,
                      history=("substitution_target", lambda r: f"{r.county}{r.township}"), filters=[
        ChoiceFilter(tr("县区"), tr("全部县区"), lambda r: (r.county,)),
        ChoiceFilter(tr("类型"), tr("全部类型"), lambda r: (r.kind.label,)),
        colour_filter(),
        FlagFilter(tr("数据有误"), lambda r: bool(r.data_error)),
    ])
