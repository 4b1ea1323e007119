"""A problem found in an imported file, located the way the clerk finds it in Excel."""

from __future__ import annotations

from dataclasses import dataclass

from aqdesk.domain.enums import Labelled
from aqdesk.domain.values import shown


class Severity(Labelled):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"


@dataclass(frozen=True, slots=True)
class Problem:
    """``file`` is the file's name (no folder); ``row`` the row number as Excel shows it;
    ``value`` the cell's text, cut short for display; ``message`` says what is wrong in
    Chinese and may quote the value (``“约八成”不是数字``)."""

    file: str
    message: str
    severity: Severity = Severity.ERROR
    sheet: str | None = None
    row: int | None = None
    heading: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.value is not None:
            object.__setattr__(self, "value", shown(self.value))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """``报送表.xlsx「重点任务」第7行「完成比例（%）」：“约八成”不是数字``."""
        where = self.file
        if self.sheet is not None:
            where += f"「{self.sheet}」"
        if self.row is not None:
            where += f"第{self.row}行"
        if self.heading is not None:
            where += f"「{self.heading}」"
        return f"{where}：{self.message}"
