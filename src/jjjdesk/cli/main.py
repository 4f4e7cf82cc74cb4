"""`jjjdesk-cli`: init, demo, list, show — errors as one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from datetime import date, datetime
from typing import Any

from jjjdesk.db.engine import Database, resolve_url
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.errors import UserFacingError
from jjjdesk.logging_setup import setup_logging
from jjjdesk.paths import AppPaths
from jjjdesk.services import demo, indicators, projects, tasks, units
from jjjdesk.services.query import ListQuery

log = logging.getLogger("jjjdesk.cli")

KINDS = ("tasks", "projects", "units", "indicators")


def _parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the command; SUPPRESS keeps a sub-command's
    # unset option from overwriting the value given before it.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="数据库文件或连接地址"
    )
    parser = argparse.ArgumentParser(
        prog="jjjdesk-cli", description="京津冀协同发展台账 命令行工具", parents=[db_option]
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = sub.add_parser("init", parents=[db_option], help="创建或升级数据库")
    init.add_argument("--demo", action="store_true", help="同时载入演示数据")
    sub.add_parser("demo", parents=[db_option], help="向空数据库载入演示数据")
    lister = sub.add_parser("list", parents=[db_option], help="列出任务、项目、单位或指标")
    lister.add_argument("kind", choices=KINDS)
    lister.add_argument("--search", default="", help="按名称、拼音首字母筛选")
    lister.add_argument("--json", action="store_true", help="输出 JSON")
    show = sub.add_parser("show", parents=[db_option], help="显示一条记录")
    show.add_argument("kind", choices=[k.rstrip("s") for k in KINDS] + list(KINDS))
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
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


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    paths = AppPaths.default()
    setup_logging(paths.log_file)
    url = resolve_url(getattr(args, "db", None), paths)
    db = open_database(url, paths)
    try:
        actor = Actor.local()
        if args.command in ("init", "demo"):
            if args.command == "demo" or args.demo:
                with db.session() as s:
                    counts = demo.load_demo(session=s, actor=actor)
                print(
                    f"已载入演示数据:{counts['units']} 个单位、{counts['categories']} 个类别、"
                    f"{counts['tasks']} 项任务、{counts['projects']} 个项目、"
                    f"{counts['indicators']} 个指标"
                )
            print(f"数据库就绪:{db.location}")
        elif args.command == "list":
            rows = _list(db, args.kind, args.search)
            if args.json:
                print(json.dumps(_jsonable(rows), ensure_ascii=False, indent=1))
            else:
                for row in rows:
                    print(_line(args.kind, row))
        elif args.command == "show":
            record = _show(db, args.kind, args.id)
            data = _jsonable(record)
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=1))
            else:
                for key, value in data.items():
                    print(f"{key}: {value}")
        return 0
    finally:
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    # Chinese output must not die on a console whose encoding is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UserFacingError as exc:
        log.warning("cli: %s", exc)
        print(f"错误:{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, details in log
        log.exception("cli crashed")
        print(f"内部错误:{exc}(详情见日志 {AppPaths.default().log_file})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
