"""A small registry and messy returns built the way departments really send them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import text

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import Category, KeyTask, Plan, Project, Unit, UnitAlias

OFFICE = Actor(name="协同办小李", role=Role.COORDINATOR)


@dataclass(frozen=True)
class Reg:
    fgw: int  # 市发展改革委 (alias 市发改委)
    binhai: int  # 滨海新区
    plan: int
    category: int
    task1: int  # 1 承接非首都功能疏解
    task2: int  # 2 建设滨海新区中心城区
    p1: int  # JJJ-001 津兴城际铁路 (total 50)
    p2: int  # JJJ-002 天津港北疆港区集装箱码头 (total 30)
    p3: int  # JJJ-003 滨海新区生物医药产业园 (total 12.5)


def build_registry(db) -> Reg:
    with db.session() as s:
        fgw = Unit(name="市发展改革委", sort_key="shi")
        binhai = Unit(name="滨海新区", kind="district", sort_key="bin")
        s.add_all([fgw, binhai])
        s.flush()
        s.add(UnitAlias(unit_id=fgw.id, alias="市发改委"))
        plan = Plan(name="测试行动方案", start_year=2023, end_year=2027)
        s.add(plan)
        s.flush()
        cat = Category(plan_id=plan.id, number=1, title="疏解承接")
        s.add(cat)
        s.flush()
        t1 = KeyTask(plan_id=plan.id, category_id=cat.id, number=1, title="承接非首都功能疏解",
                     lead_unit_id=fgw.id, start_date=date(2024, 1, 1), due_date=date(2024, 12, 31))
        t2 = KeyTask(plan_id=plan.id, category_id=cat.id, number=2, title="建设滨海新区中心城区",
                     lead_unit_id=binhai.id)
        s.add_all([t1, t2])
        s.flush()
        p1 = Project(code="JJJ-001", name="津兴城际铁路", lead_unit_id=fgw.id, total_investment=50)
        p2 = Project(code="JJJ-002", name="天津港北疆港区集装箱码头", lead_unit_id=binhai.id,
                     total_investment=30)
        p3 = Project(code="JJJ-003", name="滨海新区生物医药产业园", district_id=binhai.id,
                     total_investment=12.5)
        s.add_all([p1, p2, p3])
        s.flush()
        return Reg(fgw.id, binhai.id, plan.id, cat.id, t1.id, t2.id, p1.id, p2.id, p3.id)


def write_xlsx(path: Path, rows: list[list[Any]], *, merges: tuple[str, ...] = (),
               hidden_rows: tuple[int, ...] = (), title: str = "进展情况",
               extra: dict[str, list[list[Any]]] | None = None) -> Path:
    wb = Workbook()
    ws: Worksheet = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(row)
    wb.save(path)
    return path


def dump_entries(db) -> list[tuple]:
    """Every column of every progress entry, problem and round state, in a fixed order."""
    out = []
    with db.engine.connect() as conn:
        for table in ("progress_entry", "problem", "problem_entry", "round_unit"):
            order = "1, 2" if table in ("problem_entry", "round_unit") else "id"
            out.append((table, [tuple(r) for r in conn.execute(
                text(f"SELECT * FROM {table} ORDER BY {order}"))]))
    return out
