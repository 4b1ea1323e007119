"""All models, imported here so ``Base.metadata`` knows every table."""

from aqdesk.db.models.air import AirDay, AirTarget
from aqdesk.db.models.files import StepAttachment, StoredFile
from aqdesk.db.models.followup import (
    Accountability,
    Escalation,
    Inspection,
    InspectionFinding,
    OfficeRule,
    SummonsCommitment,
    SummonsRecord,
)
from aqdesk.db.models.loose_coal import LooseCoalReport, LooseCoalTarget
from aqdesk.db.models.records import (
    AuditEntry,
    CalendarDay,
    ImportBatch,
    ImportChanges,
    PlanYear,
    Setting,
)
from aqdesk.db.models.relocation import Enterprise, Milestone
from aqdesk.db.models.reporting import Bulletin, ReportReceived
from aqdesk.db.models.substitution import SubstitutionReport, SubstitutionTarget
from aqdesk.db.models.supervision import Letter, SeriesStart, SheetItem, SheetStep, SupervisionSheet
from aqdesk.db.models.tasks import (
    Category,
    DeadlineChange,
    SharePostponement,
    ShareProgress,
    Task,
    TaskProgress,
    TaskShare,
    task_cooperator,
)
from aqdesk.db.models.units import Unit, UnitAlias

__all__ = [
    "AirDay", "AirTarget",
    "Accountability", "Escalation", "Inspection", "InspectionFinding", "OfficeRule", "SeriesStart",
    "StepAttachment", "StoredFile", "SummonsCommitment", "SummonsRecord",
    "AuditEntry", "Bulletin", "CalendarDay", "Category", "DeadlineChange", "Enterprise", "ImportBatch",
    "ImportChanges", "Letter", "LooseCoalReport", "LooseCoalTarget", "Milestone", "PlanYear", "ReportReceived",
    "Setting", "SharePostponement", "ShareProgress", "TaskShare",
    "SheetItem", "SheetStep", "SubstitutionReport", "SubstitutionTarget", "SupervisionSheet", "Task",
    "TaskProgress", "Unit", "UnitAlias", "task_cooperator",
]
