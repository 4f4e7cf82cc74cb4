"""Per-cell diagnostics: where (sheet, row, column), what was there, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR = "error"  # the row (or the file) is not imported
WARNING = "warning"  # imported, but a person should look
INFO = "info"  # how something was read (skipped 合计 row, hidden row …)

LEVEL_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Diagnostic:
    level: str
    sheet: str
    row: int | None  # 1-based Excel row; None for the whole sheet / file
    column: str  # Excel letter ("D"), "" for the whole row
    field: str  # field name, "" when none
    value: str  # the cell as shown
    problem: str
    suggestion: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def where(self) -> str:
        """“工作表“进展”第12行D列”."""
        place = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row is not None:
            place += f"第{self.row}行"
        if self.column:
            place += f"{self.column}列"
        return place

    def text(self) -> str:
        tail = f"({self.suggestion})" if self.suggestion else ""
        return f"[{self.level_label}] {self.where}:{self.problem}{tail}"

    def to_json(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies each field, 40 us a diagnostic, and a large
        # return's batch keeps tens of thousands.
        return {"level": self.level, "sheet": self.sheet, "row": self.row,
                "column": self.column, "field": self.field, "value": self.value,
                "problem": self.problem, "suggestion": self.suggestion}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Diagnostic:
        return cls(**{k: data.get(k, "") for k in cls.__dataclass_fields__})


def shown(value: object, limit: int = 60) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
