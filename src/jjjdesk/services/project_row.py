"""One line of the 重点项目 list, importable without SQLAlchemy (services/glance.py uses it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ProjectRow:
    id: int
    code: str
    name: str
    district: str
    lead_unit: str
    industry_chain: str
    kind_label: str
    stage_label: str
    total_investment: float | None
    annual_investment: float | None
    planned_start: date | None
    planned_completion: date | None
    task_number: int | None
    is_demo: bool
