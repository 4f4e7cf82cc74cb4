"""`jjjdesk-cli problems list|show|assign|action|close`: 问题清单 tracked to the end."""

from __future__ import annotations

import argparse
import json
from datetime import date

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    problems = sub.add_parser("problems", parents=[db_option],
                              help="问题清单:交办、协调、反馈、销号")
    verbs = problems.add_subparsers(dest="problems_command", required=True, metavar="VERB")
    listing = verbs.add_parser("list", parents=[db_option], help="列出问题(最早提出的在前)")
    listing.add_argument("--open", action="store_true", help="只列未办结的(待协调、协调中)")
    listing.add_argument("--overdue", action="store_true", help="只列逾期的(未办结且已过办结时限)")
    listing.add_argument("--today", help="判断逾期的日期(默认今天),如 2026-10-01")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    show = verbs.add_parser("show", parents=[db_option], help="一个问题及其办理记录")
    show.add_argument("problem_id", type=int, metavar="ID")
    show.add_argument("--today", help="判断逾期的日期(默认今天)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)
    assign = verbs.add_parser("assign", parents=[db_option], help="交办:责任单位、责任人、办结时限")
    assign.add_argument("problem_id", type=int, metavar="ID")
    assign.add_argument("--unit", required=True, help="责任单位名称(或别名)")
    assign.add_argument("--person", default="", help="责任人姓名")
    assign.add_argument("--due", required=True, help="办结时限,如 2026-12-31")
    assign.add_argument("--note", default="", help="交办说明")
    assign.set_defaults(handler=_assign)
    action = verbs.add_parser("action", parents=[db_option], help="登记协调或反馈情况")
    action.add_argument("problem_id", type=int, metavar="ID")
    action.add_argument("--kind", required=True, help="协调 或 反馈")
    action.add_argument("--note", required=True, help="情况说明")
    action.set_defaults(handler=_action)
    close = verbs.add_parser("close", parents=[db_option], help="销号(须说明解决情况)")
    close.add_argument("problem_id", type=int, metavar="ID")
    close.add_argument("--note", required=True, help="解决情况")
    close.set_defaults(handler=_close)


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserFacingError(f"{what}的日期格式应为 2026-10-01:“{text}”") from None


def _action_record(a) -> dict:
    return {"kind": a.kind, "kind_label": a.kind_label, "at": a.at.isoformat(),
            "actor": a.actor, "note": a.note}


def _record(p, today: date) -> dict:
    return {
        "id": p.id, "kind": p.kind, "kind_label": p.kind_label, "description": p.description,
        "state": p.state, "state_label": p.state_label, "unit": p.owner_unit,
        "unit_id": p.owner_unit_id, "person": p.responsible_person,
        "due": p.due_date.isoformat() if p.due_date else None,
        "overdue": p.is_overdue(today), "raised_period": p.raised_period_key,
        "last_action": _action_record(p.last_action) if p.last_action else None,
    }


def _last(p) -> str:
    a = p.last_action
    if a is None:
        return "—"
    return f"{a.at.astimezone().date().isoformat()} {a.kind_label}({a.actor})"


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.problem_tracking import overdue_problems
    from jjjdesk.services.problems import OPEN_STATES, list_problems

    today = _day(args.today, "--today") or date.today()
    with ctx.db().session() as s:
        if args.overdue:
            rows = overdue_problems(session=s, today=today)
        else:
            rows = list_problems(session=s, state=OPEN_STATES if args.open else None)
    if args.json:
        print(json.dumps([_record(p, today) for p in rows], ensure_ascii=False))
        return 0
    if not rows:
        print("没有符合条件的问题。")
        return 0
    print("编号\t状态\t责任单位\t责任人\t办结时限\t逾期\t最近办理\t问题")
    for p in rows:
        due = p.due_date.isoformat() if p.due_date else "—"
        print(f"{p.id}\t{p.state_label}\t{p.owner_unit or '—'}\t{p.responsible_person or '—'}\t"
              f"{due}\t{'逾期' if p.is_overdue(today) else ''}\t{_last(p)}\t{p.description}")
    return 0


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.problem_tracking import get_problem, problem_actions

    today = _day(args.today, "--today") or date.today()
    with ctx.db().session() as s:
        row = get_problem(session=s, problem_id=args.problem_id)
        actions = problem_actions(session=s, problem_id=args.problem_id)
    if args.json:
        print(json.dumps(_record(row, today) | {"actions": [_action_record(a) for a in actions]},
                         ensure_ascii=False))
        return 0
    due = row.due_date.isoformat() if row.due_date else "—"
    print(f"问题 {row.id}({row.kind_label},{row.state_label}):{row.description}")
    print(f"责任单位:{row.owner_unit or '—'}  责任人:{row.responsible_person or '—'}  "
          f"办结时限:{due}" + ("  【逾期】" if row.is_overdue(today) else ""))
    if not actions:
        print("尚无办理记录。")
    for a in actions:
        when = a.at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}\t{a.kind_label}\t{a.actor}\t{a.note}")
    return 0


def _assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.problem_tracking import assign_problem
    from jjjdesk.services.units import find_unit_by_name

    due = _day(args.due, "办结时限")
    with ctx.db().session() as s:
        unit_id = find_unit_by_name(session=s, name=args.unit)
        if unit_id is None:
            raise UserFacingError(f"没有名为“{args.unit}”的责任单位。")
        row = assign_problem(session=s, actor=ctx.actor, problem_id=args.problem_id,
                             unit_id=unit_id, person=args.person, due=due, note=args.note)
    person = f"({row.responsible_person})" if row.responsible_person else ""
    print(f"已将问题 {row.id} 交办给{row.owner_unit}{person},办结时限 {due.isoformat()}")
    return 0


def _action(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.problem_tracking import log_problem_action

    with ctx.db().session() as s:
        made = log_problem_action(session=s, actor=ctx.actor, problem_id=args.problem_id,
                                  kind=args.kind, note=args.note)
    print(f"已登记问题 {args.problem_id} 的{made.kind_label}:{made.note}")
    return 0


def _close(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.problems import set_problem_state

    with ctx.db().session() as s:
        row = set_problem_state(session=s, actor=ctx.actor, problem_id=args.problem_id,
                                state="closed", note=args.note)
    print(f"问题 {row.id} 已销号:{row.resolution}")
    return 0
