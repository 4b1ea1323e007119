"""问题清单: a checked file's problems as a workbook to send back to the unit that sent it."""

from __future__ import annotations

from pathlib import Path

from aqdesk.exchange.workbook import read_workbook
from aqdesk.services.importing.changes import FilePlan


def default_name(source: str | Path) -> str:
    return f"{Path(source).stem}_问题清单.xlsx"


def save_problem_list(plan: FilePlan, out: str | Path) -> Path:
    """Write ``plan``'s problems, beside the rows they concern as the unit sent them, to
    ``out``; raises ``UserError`` when the file cannot be read again or written."""
    from aqdesk.exchange.errors_report import write_errors_report  # openpyxl: not at start-up

    return write_errors_report(read_workbook(plan.path), plan.problems, Path(out))


def save_into(plan: FilePlan, folder: str | Path) -> Path:
    """The problem list in ``folder`` (made if missing), named after the checked file."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return save_problem_list(plan, Path(folder) / default_name(plan.file_name))
