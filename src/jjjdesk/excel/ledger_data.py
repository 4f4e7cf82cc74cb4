"""What a ledger shows: subjects of a period or round, grouped by category, as plain rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Assessment, Light, ReviewState
from jjjdesk.domain.models import (
    Category,
    KeyTask,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
)
from jjjdesk.domain.numerals import category_label
from jjjdesk.domain.period import Period, chinese_date
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.excel.lights import CHUNK, lights_for
from jjjdesk.excel.sheet import Column, LightCell
from jjjdesk.services import lag as lag_rules
from jjjdesk.services import projects, tasks
from jjjdesk.services.query import ListQuery

LedgerKind = Literal["projects", "tasks"]
NO_CATEGORY = "未关联重点任务的项目"

_PROGRESS = "进展评价"
PROJECT_COLUMNS = (
    Column("序号", "int", 5),
    Column("项目编号", "center", 13),
    Column("项目名称", "wrap", 26),
    Column("所在区", "center", 9),
    Column("责任单位", "wrap", 13),
    Column("项目阶段", "center", 7),
    Column("总投资", "money", 9, "投资情况(亿元)", total=True),
    Column("本期完成", "money", 9, "投资情况(亿元)", total=True),
    Column("累计完成", "money", 9, "投资情况(亿元)", total=True),
    Column("完成进度", "pct", 7, _PROGRESS),
    Column("推进情况", "center", 8, _PROGRESS),
    Column("红黄绿灯", "light", 7, _PROGRESS),
    Column("评价说明", "wrap", 22, _PROGRESS),
    Column("工作进展", "wrap", 34),
    Column("存在问题", "wrap", 22),
    Column("下步计划", "wrap", 22),
    Column("需协调事项", "wrap", 20),
)
PROJECT_LABEL_COLS = 6  # "小计" spans 序号…项目阶段
TASK_COLUMNS = (
    Column("序号", "int", 5),
    Column("任务编号", "center", 7),
    Column("重点任务", "wrap", 30),
    Column("牵头单位", "wrap", 13),
    Column("配合单位", "wrap", 16),
    Column("开始", "date", 15, "计划时间"),
    Column("完成", "date", 15, "计划时间"),
    Column("完成进度", "pct", 7, _PROGRESS),
    Column("推进情况", "center", 8, _PROGRESS),
    Column("红黄绿灯", "light", 7, _PROGRESS),
    Column("评价说明", "wrap", 22, _PROGRESS),
    Column("工作进展", "wrap", 34),
    Column("存在问题", "wrap", 22),
    Column("下步计划", "wrap", 20),
    Column("需协调事项", "wrap", 20),
)


@dataclass
class LedgerGroup:
    title: str
    rows: Iterable[Sequence[Any]]  # without 序号; the writer numbers rows in each group


@dataclass
class LedgerData:
    """Everything the writer needs; `groups` may be a generator (streamed once)."""

    title: str
    subtitle: str
    columns: Sequence[Column]
    groups: Iterable[LedgerGroup]
    total_rows: int
    label_cols: int = 3
    freeze_cols: int = 3
    sheet_name: str = "台账"
    light_counts: dict[str, int] = field(default_factory=dict)


def resolve_period(session: Session, period: Period | None, round_id: int | None
                   ) -> tuple[Period, ReportingRound | None]:
    rnd = None
    if round_id is not None:
        rnd = session.get(ReportingRound, round_id)
        if rnd is None:
            raise UserFacingError("所选填报批次不存在,可能已被删除。")
        if period is None:
            period = Period.from_key(rnd.period_key)
    if period is None:
        raise UserFacingError("请选择台账的统计期次或填报批次。")
    return period, rnd


def _in_round(session: Session, round_id: int, column) -> set[int]:
    return set(session.exec(select(column).where(RoundItem.round_id == round_id,
                                                 col(column).is_not(None))).all())


def _entries(session: Session, column, ids: list[int], period: Period, include_drafts: bool
             ) -> dict[int, ProgressEntry]:
    states = [ReviewState.SUBMITTED, ReviewState.APPROVED]
    if include_drafts:
        states += [ReviewState.DRAFT, ReviewState.RETURNED]
    found: dict[int, ProgressEntry] = {}
    for i in range(0, len(ids), CHUNK):
        stmt = select(ProgressEntry).where(
            col(column).in_(ids[i:i + CHUNK]), ProgressEntry.period_key == period.key,
            col(ProgressEntry.review_state).in_([s.value for s in states]),
        )
        for e in session.exec(stmt):
            found[e.task_id if e.task_id is not None else e.project_id] = e
    return found


def _assessment(e: ProgressEntry | None) -> str:
    return "" if e is None else Assessment(e.assessment).label


def _changes(session: Session, rnd: ReportingRound | None, today: date) -> dict:
    """Each item's change since the previous round (新增红灯, 连续N期滞后…), for a round."""
    if rnd is None or rnd.id is None:
        return {}
    return lag_rules.light_changes(session=session, round_id=rnd.id, today=today)


def _reason(lag, change: str) -> str:
    """The light's reason, led by its change since the last round, as the brief writes it."""
    if lag.light == Light.NONE:
        return ""
    return ";".join(x for x in (change, lag.explanation) if x)


def _light_cell(light) -> LightCell | None:
    if light is None or light.light == Light.NONE:
        return None
    return LightCell(light.light.value, light.light.label)


def _subtitle(period: Period, rnd: ReportingRound | None, today: date) -> str:
    parts = [f"统计期次:{period.label}"]
    if rnd is not None:
        parts.append(f"填报批次:{rnd.name}")
    parts.append(f"导出日期:{chinese_date(today)}")
    return "　　".join(parts)


def _tally(lights: dict) -> dict[str, int]:
    counts = {light.value: 0 for light in Light}
    for lag in lights.values():
        counts[lag.light.value] += 1
    return counts


def project_ledger(*, session: Session, period: Period | None = None, round_id: int | None = None,
                   query: ListQuery | None = None, include_drafts: bool = False,
                   today: date) -> LedgerData:
    """Projects as the projects screen filters and sorts them, grouped by category."""
    period, rnd = resolve_period(session, period, round_id)
    query = query or ListQuery()
    count = projects.count_projects(session=session, query=query)
    rows = projects.list_projects(session=session, query=query, limit=max(count, 1))
    if rnd is not None:
        keep = _in_round(session, rnd.id, RoundItem.project_id)
        rows = [r for r in rows if r.id in keep]
    ids = [r.id for r in rows]
    category: dict[int, tuple[int, str]] = {}
    for i in range(0, len(ids), CHUNK):
        for pid, number, title in session.exec(
            select(Project.id, Category.number, Category.title)
            .join(KeyTask, KeyTask.id == Project.task_id)
            .join(Category, Category.id == KeyTask.category_id)
            .where(col(Project.id).in_(ids[i:i + CHUNK]))
        ):
            category[pid] = (number, title)
    entries = _entries(session, ProgressEntry.project_id, ids, period, include_drafts)
    lights = lights_for(session=session, subjects=[SubjectRef.project(i) for i in ids],
                        period=period, today=today)
    changes = _changes(session, rnd, today)
    grouped: dict[tuple[int, str], list[Sequence[Any]]] = {}
    for r in rows:
        e = entries.get(r.id)
        lag = lights[SubjectRef.project(r.id)]
        key = category.get(r.id, (10_000, NO_CATEGORY))
        grouped.setdefault(key, []).append((
            r.code, r.name, r.district, r.lead_unit, r.stage_label, r.total_investment,
            None if e is None else e.invest_period, None if e is None else e.invest_cumulative,
            None if e is None else e.completion_pct, _assessment(e), _light_cell(lag),
            _reason(lag, changes.get(SubjectRef.project(r.id), "")),
            "" if e is None else e.progress, "" if e is None else e.problems,
            "" if e is None else e.next_steps, "" if e is None else e.coordination,
        ))
    groups = [LedgerGroup(category_label(n, t) if n < 10_000 else t, grouped[(n, t)])
              for n, t in sorted(grouped)]
    return LedgerData(
        title=f"{period.label}京津冀协同发展重点项目推进情况台账",
        subtitle=_subtitle(period, rnd, today), columns=PROJECT_COLUMNS, groups=groups,
        total_rows=len(rows), label_cols=PROJECT_LABEL_COLS, freeze_cols=3,
        sheet_name="重点项目台账", light_counts=_tally(lights),
    )


def task_ledger(*, session: Session, period: Period | None = None, round_id: int | None = None,
                query: ListQuery | None = None, include_drafts: bool = False,
                include_subtasks: bool = True, today: date) -> LedgerData:
    """Tasks (and sub-tasks) as the task tree filters them, grouped by category."""
    period, rnd = resolve_period(session, period, round_id)
    keep = _in_round(session, rnd.id, RoundItem.task_id) if rnd is not None else None
    cats: list[tuple[str, list[Any]]] = []
    for plan in tasks.task_tree(session=session, query=query or ListQuery()):
        for cat in plan.categories:
            nodes = []
            for t in cat.tasks:
                for node in [t, *(t.subtasks if include_subtasks else [])]:
                    if keep is None or node.id in keep:
                        nodes.append(node)
            if nodes:
                cats.append((category_label(cat.number, cat.title), nodes))
    ids = [n.id for _, nodes in cats for n in nodes]
    entries = _entries(session, ProgressEntry.task_id, ids, period, include_drafts)
    lights = lights_for(session=session, subjects=[SubjectRef.task(i) for i in ids],
                        period=period, today=today)
    changes = _changes(session, rnd, today)
    groups = []
    for title, nodes in cats:
        rows = []
        for n in nodes:
            e, lag = entries.get(n.id), lights[SubjectRef.task(n.id)]
            rows.append((
                n.code, n.title, n.lead_unit, n.cooperating_units, n.start_date, n.due_date,
                None if e is None else e.completion_pct, _assessment(e), _light_cell(lag),
                _reason(lag, changes.get(SubjectRef.task(n.id), "")),
                "" if e is None else e.progress, "" if e is None else e.problems,
                "" if e is None else e.next_steps, "" if e is None else e.coordination,
            ))
        groups.append(LedgerGroup(title, rows))
    return LedgerData(
        title=f"{period.label}京津冀协同发展重点任务推进情况台账",
        subtitle=_subtitle(period, rnd, today), columns=TASK_COLUMNS, groups=groups,
        total_rows=len(ids), label_cols=3, freeze_cols=3, sheet_name="重点任务台账",
        light_counts=_tally(lights),
    )
