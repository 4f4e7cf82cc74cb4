"""The demo registry built from the seed documents: the 2023 action plan and its figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

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
    row_id,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.text import search_text, sort_key
from jjjdesk.errors import UserFacingError
from jjjdesk.resources import demo_file
from jjjdesk.services import audit
from jjjdesk.services import audit_summaries as summaries
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
    plan_id = row_id(plan)
    categories = _categories(session, plan_id, data["categories"])
    tasks = _tasks(session, plan_id, categories, units, data["tasks"])
    _projects(session, units, tasks, data["projects"])
    _indicators(session, plan_id, units, tasks, data["indicators"])
    counts = {
        "units": len(units),
        "categories": len(categories),
        "tasks": sum(1 for t in data["tasks"]),
        "projects": len(data["projects"]),
        "indicators": len(data["indicators"]),
    }
    audit.record(
        session=session, actor=actor, action="demo", entity="registry", entity_id=None,
        summary=summaries.DEMO(), changes={"counts": counts},
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
        ids[unit.name] = row_id(unit)
        for alias in item.get("aliases", []):
            if alias != unit.name:
                session.add(UnitAlias(unit_id=row_id(unit), alias=alias))
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
    ids: dict[int, int] = {}
    for item in items:
        cat = Category(plan_id=plan_id, number=item["number"], title=item["title"])
        session.add(cat)
        session.flush()
        ids[cat.number] = row_id(cat)
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
    ids: dict[int, int] = {}
    for item in items:
        category_id = categories[item["category"]]
        task = _task(plan_id, category_id, units, item)
        session.add(task)
        session.flush()
        ids[item["number"]] = row_id(task)
        for name in item.get("cooperating_units", []):
            if name in units and units[name] != task.lead_unit_id:
                session.add(TaskUnit(task_id=row_id(task), unit_id=units[name]))
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
                code=item["code"], name=item["name"],
                district_id=units.get(item.get("district", "")),
                lead_unit_id=units.get(item.get("lead_unit", "")),
                industry_chain=item.get("industry_chain", ""), kind=item["kind"],
                total_investment=item.get("total_investment"),
                annual_investment=item.get("annual_investment"), stage=item["stage"],
                planned_start=_day(item.get("planned_start")),
                planned_completion=_day(item.get("planned_completion")),
                task_id=tasks.get(item.get("task", 0)), description=item.get("description", ""),
                is_demo=True, sort_key=sort_key(item["name"]),
                search_text=search_text(item["name"], item["code"], item.get("industry_chain")),
            )
        )
    session.flush()


def _indicators(session: Session, plan_id: int, units: dict[str, int], tasks: dict[int, int],
                items: list[dict[str, Any]]) -> None:
    for item in items:
        ind = Indicator(
            plan_id=plan_id, task_id=tasks.get(item.get("task", 0)),
            lead_unit_id=units.get(item.get("lead_unit", "")), name=item["name"],
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
                    indicator_id=row_id(ind), period_key=Period.parse(value["period"]).key,
                    value=value["value"], source=value.get("source", ""), is_demo=True,
                )
            )
    session.flush()


# --------------------------------------------------------------------- demo progress

_PROGRESS_WORDS = {
    "planning": "完成项目建议书编制,正在开展前期论证",
    "signed": "已完成签约,正在办理用地和规划手续",
    "started": "项目已开工,场地平整和桩基施工有序推进",
    "under_construction": "主体工程施工有序推进",
    "completed": "主体工程已竣工,正在开展竣工验收",
    "in_production": "项目已投产,产能逐步释放",
    "operating": "项目运营平稳",
}
_PROBLEMS = (
    "用地指标尚未落实", "环评审批进度慢于预期", "资金到位不足", "征地拆迁协调难度大",
    "跨省市审批事项衔接不畅",
)
_COORDINATION = (
    "请求协调三地有关部门加快办理跨区域审批手续", "请求协调解决项目用地指标",
    "请求协调落实配套资金",
)


def load_demo_progress(
    *, session: Session, actor: Actor, periods: list[Period] | None = None, seed: int = 2024
) -> int:
    """Plausible approved monthly entries for the demo's tasks and projects (default: the
    12 months of 2024); about one subject in six lags, and the lagging ones raise problems
    and coordination needs in the last period. Returns the number of entries written."""
    import random

    from jjjdesk.domain.enums import Assessment, ReviewState
    from jjjdesk.domain.models import ProgressEntry, now
    from jjjdesk.domain.subject import SubjectRef
    from jjjdesk.services import problems, subjects

    require_registry_write(actor)
    periods = sorted(periods or [Period.month(2024, m) for m in range(1, 13)],
                     key=Period.sort_key)
    rng = random.Random(seed)
    written = 0
    last_entries: list[ProgressEntry] = []
    items: list[tuple[SubjectRef, date | None, date | None, int | None, Project | None]] = []
    top_tasks = select(KeyTask).where(col(KeyTask.parent_id).is_(None)).order_by(col(KeyTask.id))
    for t in session.exec(top_tasks):
        items.append((SubjectRef.task(row_id(t)), t.start_date, t.due_date, t.lead_unit_id, None))
    for p in session.exec(select(Project).order_by(col(Project.id))):
        items.append((SubjectRef.project(row_id(p)), p.planned_start, p.planned_completion,
                      p.lead_unit_id or p.district_id, p))
    for ref, start, end, unit_id, project in items:
        lag = rng.random() < 0.17
        pace = rng.uniform(0.45, 0.7) if lag else rng.uniform(0.95, 1.15)
        cumulative = round(rng.uniform(0, 0.3) * (project.total_investment or 0), 2) \
            if project else None
        for period in periods:
            if start is None or end is None or period.end < start:
                elapsed = None
            else:
                span = max((end - start).days, 1)
                elapsed = min(100.0, 100 * (period.end - start).days / span)
            completion = None if elapsed is None else round(min(100.0, elapsed * pace), 1)
            done = completion is not None and completion >= 100
            assessment = (Assessment.DONE if done else Assessment.LAGGING if lag
                          else Assessment.ON_TRACK)
            invest_period = None
            if project is not None and project.annual_investment:
                invest_period = round(project.annual_investment / 12 * pace
                                      * rng.uniform(0.6, 1.4), 2)
                cumulative = round((cumulative or 0) + invest_period, 2)
            words = (_PROGRESS_WORDS.get(project.stage, "按计划推进") if project
                     else "按照任务分工有序推进,本月召开专题推进会")
            is_last = period == periods[-1]
            problem = rng.choice(_PROBLEMS) if lag else ""
            entry = ProgressEntry(
                **ref.columns, period_kind=period.kind.value, period_key=period.key,
                assessment=assessment.value, completion_pct=completion,
                invest_period=invest_period, invest_cumulative=cumulative,
                progress=f"{period.label}:{words}。",
                problems=problem, next_steps="加快推进,确保按期完成" if lag else "",
                coordination=rng.choice(_COORDINATION) if lag and is_last else "",
                reporter_unit_id=unit_id, reporter=actor.name,
                review_state=ReviewState.APPROVED.value, submitted_at=now(),
                reviewed_by=actor.name, reviewed_at=now(), is_demo=True,
            )
            session.add(entry)
            written += 1
            if is_last and (entry.problems or entry.coordination):
                last_entries.append(entry)
    session.flush()
    for entry in last_entries:
        problems.raise_from_entry(session, actor, entry,
                                  subjects.subject_info(session, SubjectRef.of(entry)))
    audit.record(
        session=session, actor=actor, action="demo", entity="progress_entry", entity_id=None,
        summary=summaries.DEMO_ENTRIES(count=written),
        changes={"periods": [p.key for p in periods], "entries": written},
    )
    return written
