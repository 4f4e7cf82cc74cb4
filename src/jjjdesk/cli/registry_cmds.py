"""Registry commands: init, demo, list, show, units (a task's or project's 共同牵头/配合 units)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date, datetime
from typing import Any

from jjjdesk.cli.context import CliContext
from jjjdesk.db.engine import Database
from jjjdesk.services import demo, indicators, projects, tasks, units
from jjjdesk.services.query import ListQuery

KINDS = ("tasks", "projects", "units", "indicators")


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    init = sub.add_parser("init", parents=[db_option], help="创建或升级数据库")
    init.add_argument("--demo", action="store_true", help="同时载入演示数据")
    demo_cmd = sub.add_parser("demo", parents=[db_option], help="向空数据库载入演示数据")
    demo_cmd.set_defaults(handler=_init, demo=True)
    for p in (init, demo_cmd):
        p.add_argument("--history", action="store_true",
                       help="演示数据附带近一年的填报批次和进展(与图形界面首次启动相同)")
    init.set_defaults(handler=_init)
    lister = sub.add_parser("list", parents=[db_option], help="列出任务、项目、单位或指标")
    lister.add_argument("kind", choices=KINDS)
    lister.add_argument("--search", default="", help="按名称、拼音首字母筛选")
    lister.add_argument("--json", action="store_true", help="输出 JSON")
    lister.set_defaults(handler=_list_command)
    show = sub.add_parser("show", parents=[db_option], help="显示一条记录")
    show.add_argument("kind", choices=[k.rstrip("s") for k in KINDS] + list(KINDS))
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(handler=_show_command)
    who = sub.add_parser("units", parents=[db_option],
                         help="设置任务或项目的共同牵头单位和配合单位(各自填报承担部分的进展)")
    which = who.add_mutually_exclusive_group(required=True)
    which.add_argument("--task", help="重点任务编号,如 3 或 3.2")
    which.add_argument("--project", help="重点项目编号")
    who.add_argument("--co-lead", action="append", default=None, metavar="UNIT",
                     help="共同牵头单位(可多次给出;给出即替换原有的)")
    who.add_argument("--coop", action="append", default=None, metavar="UNIT",
                     help="配合单位(可多次给出;给出即替换原有的)")
    who.add_argument("--clear-co-lead", action="store_true", help="去掉全部共同牵头单位")
    who.add_argument("--clear-coop", action="store_true", help="去掉全部配合单位")
    who.set_defaults(handler=_units_command)


def _init(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.db()
    if args.demo:
        with db.session() as s:
            counts = demo.load_demo(session=s, actor=ctx.actor)
        print(
            f"已载入演示数据:{counts['units']} 个单位、{counts['categories']} 个类别、"
            f"{counts['tasks']} 项任务、{counts['projects']} 个项目、"
            f"{counts['indicators']} 个指标"
        )
        if args.history:
            from jjjdesk.services.demo_history import load_demo_history

            with db.session() as s:
                made = load_demo_history(session=s, actor=ctx.actor)
            print(f"已载入演示填报历史:{made.rounds} 个填报批次、{made.entries} 条进展、"
                  f"{made.closed_problems} 个已销号问题")
    print(f"数据库就绪:{db.location}")
    return 0


def _list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = _list(ctx.db(), args.kind, args.search)
    if args.json:
        print(json.dumps(jsonable(rows), ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(_line(args.kind, row))
    return 0


def _show_command(args: argparse.Namespace, ctx: CliContext) -> int:
    data = jsonable(_show(ctx.db(), args.kind, args.id))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _list(db: Database, kind: str, text: str) -> list[Any]:
    query = ListQuery(text=text)
    with db.session() as s:
        if kind == "projects":
            return projects.list_projects(session=s, query=query, limit=1_000_000)
        if kind == "units":
            return units.list_units(session=s, query=query, limit=1_000_000)
        if kind == "indicators":
            return indicators.list_indicators(session=s, query=query, limit=1_000_000)
        flat = []
        for plan in tasks.task_tree(session=s, query=query):
            for cat in plan.categories:
                for task in cat.tasks:
                    flat.append(task)
        return flat


def _line(kind: str, row: Any) -> str:
    if kind == "projects":
        invest = "" if row.total_investment is None else f"{row.total_investment:.2f}亿元"
        return f"{row.id}\t{row.code}\t{row.name}\t{row.district}\t{row.stage_label}\t{invest}"
    if kind == "units":
        return f"{row.id}\t{row.name}\t{row.kind_label}\t{row.aliases}"
    if kind == "indicators":
        target = "" if row.target_value is None else f"{row.target_value:g}"
        latest = "" if row.latest_value is None else f"{row.latest_value:g}"
        return f"{row.id}\t{row.name}\t{latest}/{target} {row.measure}\t{row.latest_period}"
    return f"{row.id}\t{row.code}. {row.title}\t{row.lead_unit}\t{len(row.subtasks)} 项分解任务"


def _show(db: Database, kind: str, record_id: int) -> Any:
    kind = kind.rstrip("s")
    with db.session() as s:
        if kind == "project":
            return projects.get_project(session=s, project_id=record_id)
        if kind == "unit":
            return units.get_unit(session=s, unit_id=record_id)
        if kind == "indicator":
            return indicators.get_indicator(session=s, indicator_id=record_id)
        return tasks.get_task(session=s, task_id=record_id)




def _units_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Only the lists the user named change; a list not given stays as it is."""
    from jjjdesk.errors import UserFacingError
    from jjjdesk.services import subjects

    with ctx.db().session() as s:
        def ids(names: list[str]) -> list[int]:
            out = []
            for name in names:
                unit_id = units.find_unit_by_name(session=s, name=name)
                if unit_id is None:
                    raise UserFacingError(f"台账中没有单位“{name}”。")
                out.append(unit_id)
            return out

        values: dict[str, list[int]] = {}
        if args.co_lead is not None or args.clear_co_lead:
            values["co_lead_unit_ids"] = ids(args.co_lead or [])
        if args.coop is not None or args.clear_coop:
            values["cooperating_unit_ids"] = ids(args.coop or [])
        if not values:
            raise UserFacingError("请给出 --co-lead、--coop(或 --clear-co-lead、--clear-coop)。")
        ref = subjects.find_subject(s, task=args.task, project=args.project)
        if ref.kind == "task":
            tasks.update_task(session=s, actor=ctx.actor, task_id=ref.id, values=values)
            detail: Any = tasks.get_task(session=s, task_id=ref.id)
        else:
            projects.update_project(session=s, actor=ctx.actor, project_id=ref.id,
                                    values=values)
            detail = projects.get_project(session=s, project_id=ref.id)
        names = dict(units.unit_choices(session=s))
    co = "、".join(names.get(u, str(u)) for u in detail.co_lead_unit_ids) or "无"
    coop = "、".join(names.get(u, str(u)) for u in detail.cooperating_unit_ids) or "无"
    print(f"已设置:共同牵头单位 {co};配合单位 {coop}。")
    return 0
