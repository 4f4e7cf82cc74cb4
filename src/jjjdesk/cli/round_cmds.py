"""`jjjdesk-cli round create|list|board|remind`: reporting rounds from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.services import board, rounds, schedules


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("round", parents=[db_option],
                            help="填报批次:创建、列表、报送情况、催报")
    parser.set_defaults(handler=_run)
    actions = parser.add_subparsers(dest="round_command", required=True, metavar="ACTION")
    create = actions.add_parser("create", parents=[db_option], help="创建填报批次")
    create.add_argument("period", type=_period, help="期次,如 2024-03、2024年一季度、2024-W12")
    create.add_argument("--deadline", type=day, required=True, help="截止日期 YYYY-MM-DD")
    create.add_argument("--name", default=None, help="批次名称(默认如“2024年3月月报”)")
    create.add_argument("--unit", type=int, action="append", default=[], help="单位编号,可多次")
    create.add_argument("--no-projects", action="store_true", help="不含重点项目")
    create.add_argument("--no-tasks", action="store_true", help="不含重点任务")
    create.add_argument("--subtasks", action="store_true", help="包含分解任务")
    lister = actions.add_parser("list", parents=[db_option], help="列出填报批次")
    lister.add_argument("--json", action="store_true", help="输出 JSON")
    for name, text in (("board", "各单位报送情况"), ("remind", "生成催报通知并记录催报")):
        action = actions.add_parser(name, parents=[db_option], help=text)
        action.add_argument("round_id", type=int)
        action.add_argument("--today", type=day, default=None, help="按该日期判断逾期")
        if name == "board":
            action.add_argument("--json", action="store_true", help="输出 JSON")
    due = actions.add_parser("due", parents=[db_option],
                             help="临期:N 个工作日内到截止日期、尚未报送的单位")
    due.add_argument("--within", type=int, default=3, help="工作日数(默认 3;0 为今天截止)")
    due.add_argument("--today", type=day, default=None, help="按该日期计算")
    due.add_argument("--json", action="store_true", help="输出 JSON")
    sched = actions.add_parser("schedule", parents=[db_option], help="批次计划:自动创建填报批次")
    verbs = sched.add_subparsers(dest="schedule_command", required=True, metavar="ACTION")
    add = verbs.add_parser("add", parents=[db_option], help="新增批次计划")
    add.add_argument("kind", choices=sorted(schedules.KINDS), help="week|month|quarter")
    add.add_argument("--offset", type=int, default=5, help="截止工作日数(月报告为次月第N个工作日)")
    add.add_argument("--name", default="", help="计划名称")
    add.add_argument("--unit", type=int, action="append", default=[], help="单位编号,可多次")
    for verb, text in (("list", "列出批次计划"), ("run", "创建到期的填报批次"),
                       ("pause", "暂停批次计划"), ("resume", "恢复批次计划")):
        v = verbs.add_parser(verb, parents=[db_option], help=text)
        if verb in ("pause", "resume"):
            v.add_argument("schedule_id", type=int)
        v.add_argument("--json", action="store_true", help="输出 JSON")
        v.add_argument("--today", type=day, default=None, help="按该日期计算")
    rem = actions.add_parser("reminders", parents=[db_option], help="各单位催报阶段与记录")
    rem.add_argument("--round", type=int, dest="round_id", required=True, help="填报批次编号")
    rem.add_argument("--today", type=day, default=None, help="按该日期判断")
    rem.add_argument("--json", action="store_true", help="输出 JSON")


def _json(value) -> str:
    return json.dumps(dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value,
                      ensure_ascii=False, indent=1, default=str)


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    today = getattr(args, "today", None) or date.today()
    actor = ctx.actor
    with ctx.db().session() as s:
        if args.round_command == "create":
            scope = rounds.RoundScope(unit_ids=tuple(args.unit),
                                      include_projects=not args.no_projects,
                                      include_tasks=not args.no_tasks,
                                      include_subtasks=args.subtasks)
            view = rounds.create_round(session=s, actor=actor, period=args.period,
                                       deadline=args.deadline, name=args.name, scope=scope)
            print(f"已创建填报批次 {view.id}:{view.name},{view.unit_count} 个单位、"
                  f"{view.item_count} 项事项,截止 {view.deadline:%Y-%m-%d}")
            if view.skipped:
                print(f"未指定牵头单位、未纳入:{'、'.join(view.skipped)}")
        elif args.round_command == "list":
            views = rounds.list_rounds(session=s)
            if args.json:
                print(_json([dataclasses.asdict(v) for v in views]))
            for v in [] if args.json else views:
                print(f"{v.id}\t{v.name}\t{v.state_label}\t截止{v.deadline:%Y-%m-%d}\t"
                      f"已报 {v.submitted_units}/{v.unit_count}")
        elif args.round_command == "due":
            rows = board.due_within(session=s, today=today, within=args.within)
            if args.json:
                print(_json([dataclasses.asdict(r) for r in rows]))
            elif not rows:
                print(f"{args.within} 个工作日内没有临期未报的单位。")
            for r in [] if args.json else rows:
                when = "今天截止" if r.workdays_left == 0 else f"还有{r.workdays_left}个工作日"
                print(f"{r.round_name}\t截止{r.deadline:%Y-%m-%d}({when})\t{r.unit_name}\t"
                      f"{r.state_label}\t已填{r.filled}/{r.total}\t{r.contact}")
        elif args.round_command == "board":
            result = board.round_board(session=s, round_id=args.round_id, today=today)
            if args.json:
                print(_json(result))
            else:
                print(f"{result.round.name}(截止{result.round.deadline:%Y-%m-%d})")
                for r in result.rows:
                    last = f"{r.last_submitted_at:%Y-%m-%d %H:%M}" if r.last_submitted_at else ""
                    print(f"{r.unit_name}\t{r.state_label}\t{r.filled}/{r.total}\t{last}\t"
                          f"{r.contact_person} {r.contact_phone}".rstrip())
        elif args.round_command == "schedule":
            _schedule(args, s, actor, today)
        elif args.round_command == "reminders":
            rows = schedules.round_reminders(session=s, round_id=args.round_id, today=today)
            if args.json:
                print(_json([dataclasses.asdict(r) for r in rows]))
            for r in [] if args.json else rows:
                late = "" if r.late_workdays is None else f"迟报{r.late_workdays}个工作日"
                print(f"{r.unit_name}\t{r.stage_label}\t催报{r.count}次\t{late}".rstrip())
                for at, stage, channel in r.history:
                    print(f"\t{at:%Y-%m-%d %H:%M}\t{stage}\t{channel}")
        elif args.round_command == "remind":
            print(board.remind(session=s, actor=actor, round_id=args.round_id, today=today,
                               channel="cli"))
        else:  # pragma: no cover - argparse guarantees the choice
            raise UserFacingError(f"未知操作 {args.round_command}")
    return 0


def _schedule(args: argparse.Namespace, s, actor, today: date) -> None:
    cmd = args.schedule_command
    if cmd == "add":
        v = schedules.add_schedule(session=s, actor=actor, kind=args.kind,
                                   deadline_offset=args.offset, name=args.name,
                                   scope=rounds.RoundScope(unit_ids=tuple(args.unit)))
        print(f"已新增批次计划 {v.id}:{v.name}({v.kind_label})")
    elif cmd in ("pause", "resume"):
        v = schedules.update_schedule(session=s, actor=actor, schedule_id=args.schedule_id,
                                      paused=cmd == "pause")
        print(f"批次计划 {v.id} {'已暂停' if v.paused else '已恢复'}")
    elif cmd == "run":
        made = schedules.run_due(session=s, actor=actor, today=today)
        if args.json:
            print(_json([dataclasses.asdict(v) for v in made]))
        for v in [] if args.json else made:
            print(f"已创建填报批次 {v.id}:{v.name},截止 {v.deadline:%Y-%m-%d}")
        if not made and not args.json:
            print("没有到期需要创建的填报批次。")
    else:
        views = schedules.list_schedules(session=s)
        if args.json:
            print(_json([dataclasses.asdict(v) for v in views]))
        for v in [] if args.json else views:
            state = "已暂停" if v.paused else "运行中"
            print(f"{v.id}\t{v.name}\t{v.kind_label}\t{state}\t最近 {v.last_period_key or '-'}")
