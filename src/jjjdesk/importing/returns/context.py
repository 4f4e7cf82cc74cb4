"""What the stages of a return's import share: the registry it is matched against, the
context the user chose (round, unit, period, mapping) and the plan being built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jjjdesk.domain.models import ReportingRound
from jjjdesk.domain.period import Period
from jjjdesk.importing.read.diagnostics import Diagnostic
from jjjdesk.importing.read.match import NameIndex
from jjjdesk.importing.template_format import TemplateInfo
from jjjdesk.importing.views import ColumnInfo, PlannedWrite, PreviewRow


@dataclass
class Registry:
    """The part of the registry a return is matched against, loaded once per preview."""

    projects: NameIndex
    tasks: NameIndex
    units: NameIndex
    project_total: dict[int, float | None]
    project_unit: dict[int, int | None]
    task_unit: dict[int, int | None]


@dataclass
class ReturnContext:
    round: ReportingRound | None
    period: Period | None
    unit_id: int | None
    template: TemplateInfo | None
    mapping: dict[str, dict[int, str | None]]  # sheet → column index → field (user's choice)
    memory: dict[str, str]
    tick: Any = None


@dataclass
class ReturnPlan:
    rows: list[PreviewRow] = field(default_factory=list)
    writes: list[PlannedWrite] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)
    period: Period | None = None
    unit_id: int | None = None
    fatal: str = ""
    seqs: dict[tuple[str, int], str] = field(default_factory=dict)  # (sheet, row) → 序号
