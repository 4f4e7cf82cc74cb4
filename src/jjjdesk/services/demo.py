"""The demo registry built from the seed documents: the 2023 action plan and its figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import (
    Category,
    Indicator,
    IndicatorValue,
    KeyTask,
    Plan,
    Project,
    TaskUnit,
    Unit,
    UnitAlias,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.text import search_text, sort_key
from jjjdesk.errors import UserFacingError
from jjjdesk.resources import demo_file
from jjjdesk.services import audit
from jjjdesk.services.permissions import require_registry_write


def registry_is_empty(*, session: Session) -> bool:
    return all(
        session.exec(select(func.count()).select_from(model)).one() == 0
        for model in (Plan, Unit, Project)
    )


def load_demo(*, session: Session, actor: Actor, source: Path | None = None) -> dict[str, int]:
    """Fill an empty registry with the demo plan; returns how many of each were added."""
    require_registry_write(actor)
    if not registry_is_empty(session=session):
        raise UserFacingError("数据库中已有数据,演示数据只能载入到空数据库。")
    data = json.loads((source or demo_file()).read_text(encoding="utf-8"))
    units = _units(session, data["units"])
    plan = _plan(session, data["plan"])
    categories = _categories(session, plan.id, data["categories"])
    tasks = _tasks(session, plan.id, categories, units, data["tasks"])
    _projects(session, units, tasks, data["projects"])
    _indicators(session, plan.id, units, tasks, data["indicators"])
    counts = {
        "units": len(units),
        "categories": len(categories),
        "tasks": sum(1 for t in data["tasks"]),
        "projects": len(data["projects"]),
        "indicators": len(data["indicators"]),
    }
    audit.record(
        session=session, actor=actor, action="demo", entity="registry", entity_id=None,
        summary="载入演示数据", changes={"counts": counts},
    )
    return counts


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _units(session: Session, items: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for item in items:
        unit = Unit(
            name=item["name"], kind=item["kind"], contact_person=item.get("contact_person", ""),
            contact_phone=item.get("contact_phone", ""), is_demo=True,
            sort_key=sort_key(item["name"]),
            search_text=search_text(item["name"], *item.get("aliases", [])),
        )
        session.add(unit)
        session.flush()
        ids[unit.name] = unit.id
        for alias in item.get("aliases", []):
            if alias != unit.name:
                session.add(UnitAlias(unit_id=unit.id, alias=alias))
    session.flush()
    return ids


def _plan(session: Session, item: dict[str, Any]) -> Plan:
    plan = Plan(
        name=item["name"], short_name=item.get("short_name", ""), issuer=item.get("issuer", ""),
        issued=_day(item.get("issued")), start_year=item["start_year"],
        end_year=item["end_year"], is_demo=True,
    )
    session.add(plan)
    session.flush()
    return plan


def _categories(session: Session, plan_id: int, items: list[dict[str, Any]]) -> dict[int, int]:
    ids = {}
    for item in items:
        cat = Category(plan_id=plan_id, number=item["number"], title=item["title"])
        session.add(cat)
        session.flush()
        ids[cat.number] = cat.id
    return ids


def _task(plan_id: int, category_id: int, units: dict[str, int], item: dict[str, Any],
          parent_id: int | None = None) -> KeyTask:
    return KeyTask(
        plan_id=plan_id, category_id=category_id, parent_id=parent_id, number=item["number"],
        title=item["title"], content=item.get("content", ""),
        lead_unit_id=units.get(item.get("lead_unit", "")),
        start_date=_day(item.get("start")), due_date=_day(item.get("due")), is_demo=True,
        sort_key=sort_key(item["title"]),
        search_text=search_text(item["title"], item.get("content", "")),
    )


def _tasks(session: Session, plan_id: int, categories: dict[int, int], units: dict[str, int],
           items: list[dict[str, Any]]) -> dict[int, int]:
    ids = {}
    for item in items:
        category_id = categories[item["category"]]
        task = _task(plan_id, category_id, units, item)
        session.add(task)
        session.flush()
        ids[item["number"]] = task.id
        for name in item.get("cooperating_units", []):
            if name in units and units[name] != task.lead_unit_id:
                session.add(TaskUnit(task_id=task.id, unit_id=units[name]))
        for sub in item.get("subtasks", []):
            sub = {"start": item.get("start"), "due": item.get("due")} | sub
            session.add(_task(plan_id, category_id, units, sub, parent_id=task.id))
    session.flush()
    return ids


def _projects(session: Session, units: dict[str, int], tasks: dict[int, int],
              items: list[dict[str, Any]]) -> None:
    for item in items:
        session.add(
            Project(
                code=item["code"], name=item["name"], district_id=units.get(item.get("district")),
                lead_unit_id=units.get(item.get("lead_unit")),
                industry_chain=item.get("industry_chain", ""), kind=item["kind"],
                total_investment=item.get("total_investment"),
                annual_investment=item.get("annual_investment"), stage=item["stage"],
                planned_start=_day(item.get("planned_start")),
                planned_completion=_day(item.get("planned_completion")),
                task_id=tasks.get(item.get("task")), description=item.get("description", ""),
                is_demo=True, sort_key=sort_key(item["name"]),
                search_text=search_text(item["name"], item["code"], item.get("industry_chain")),
            )
        )
    session.flush()


def _indicators(session: Session, plan_id: int, units: dict[str, int], tasks: dict[int, int],
                items: list[dict[str, Any]]) -> None:
    for item in items:
        ind = Indicator(
            plan_id=plan_id, task_id=tasks.get(item.get("task")),
            lead_unit_id=units.get(item.get("lead_unit")), name=item["name"],
            measure=item.get("measure", ""), baseline_year=item.get("baseline_year"),
            baseline_value=item.get("baseline"), target_year=item.get("target_year"),
            target_value=item.get("target"), direction=item.get("direction", "up"),
            is_demo=True, sort_key=sort_key(item["name"]),
            search_text=search_text(item["name"], item.get("measure")),
        )
        session.add(ind)
        session.flush()
        for value in item.get("values", []):
            session.add(
                IndicatorValue(
                    indicator_id=ind.id, period_key=Period.parse(value["period"]).key,
                    value=value["value"], source=value.get("source", ""), is_demo=True,
                )
            )
    session.flush()
