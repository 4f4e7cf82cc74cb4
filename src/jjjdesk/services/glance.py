"""The first page of 重点项目 read straight from a SQLite file, before SQLAlchemy is imported.

Importing SQLAlchemy, SQLModel and the models takes longer than the whole start-up target
(bench/bench_startup.py), so the window shows this read-only page while the worker opens the
database properly; the page then reloads through `projects.list_projects`, with the same rows
(tests/core/test_glance.py compares the two for every sort). Anything unusual — another schema
revision, users who must sign in first, a locked or foreign file — means no glance: None.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jjjdesk.db.schema_version import HEAD
from jjjdesk.domain.enums import ProjectKind, Stage
from jjjdesk.services.project_row import ProjectRow

log = logging.getLogger(__name__)

# ListQuery.sort → ORDER BY, as services/projects.py `_SORTS` orders.
_ORDER = {
    "": "p.code",
    "code": "p.code",
    "name": "p.sort_key",
    "district": "d.sort_key",
    "lead_unit": "l.sort_key",
    "industry_chain": "p.industry_chain",
    "kind": "p.kind",
    "stage": "p.stage",
    "total_investment": "p.total_investment",
    "annual_investment": "p.annual_investment",
    "planned_start": "p.planned_start",
    "planned_completion": "p.planned_completion",
    "task": "t.number",
}

_SELECT = """
SELECT p.id, p.code, p.name, d.name, l.name, p.industry_chain, p.kind, p.stage,
       p.total_investment, p.annual_investment, p.planned_start, p.planned_completion,
       t.number, p.is_demo
FROM project AS p
LEFT OUTER JOIN unit AS d ON d.id = p.district_id
LEFT OUTER JOIN unit AS l ON l.id = p.lead_unit_id
LEFT OUTER JOIN key_task AS t ON t.id = p.task_id
ORDER BY {order} {direction}, p.id
LIMIT ?
"""


@dataclass(frozen=True)
class ProjectsGlance:
    rows: list[ProjectRow]
    total: int  # projects in the registry


def first_projects(
    file: Path, *, sort: str = "", descending: bool = False, limit: int = 200
) -> ProjectsGlance | None:
    """The unfiltered first page of projects in `file`, or None when it cannot be shown yet."""
    order = _ORDER.get(sort)
    if order is None or not file.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error as exc:
        log.info("no glance of %s: %s", file, exc)
        return None
    try:
        if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD,):
            return None
        if conn.execute("SELECT 1 FROM app_user LIMIT 1").fetchone() is not None:
            return None  # signing in comes first
        total = conn.execute("SELECT count(*) FROM project").fetchone()[0]
        sql = _SELECT.format(order=order, direction="DESC" if descending else "ASC")
        rows = [_row(r) for r in conn.execute(sql, (limit,))]
    except (sqlite3.Error, ValueError) as exc:
        log.info("no glance of %s: %s", file, exc)
        return None
    finally:
        conn.close()
    return ProjectsGlance(rows, total)


def _row(r: tuple) -> ProjectRow:
    return ProjectRow(
        id=r[0],
        code=r[1],
        name=r[2],
        district=r[3] or "",
        lead_unit=r[4] or "",
        industry_chain=r[5],
        kind_label=ProjectKind(r[6]).label,
        stage_label=Stage(r[7]).label,
        total_investment=r[8],
        annual_investment=r[9],
        planned_start=_day(r[10]),
        planned_completion=_day(r[11]),
        task_number=r[12],
        is_demo=bool(r[13]),
    )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
