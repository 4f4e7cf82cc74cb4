"""`jjjdesk-cli calendar workdays|is-workday|override`: the working-day calendar (法定节假日与
调休) with the office's own corrections, which are kept in the database."""

from __future__ import annotations

import argparse
import json
from datetime import date

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext
from jjjdesk.domain import workdays


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    cal = sub.add_parser("calendar", parents=[db_option], help="工作日日历(法定节假日与调休)")
    verbs = cal.add_subparsers(dest="calendar_command", required=True, metavar="VERB")
    count = verbs.add_parser("workdays", parents=[db_option], help="两个日期之间(含首尾)的工作日数")
    count.add_argument("first", type=day, metavar="FROM")
    count.add_argument("last", type=day, metavar="TO")
    count.add_argument("--json", action="store_true")
    count.set_defaults(handler=_workdays)
    one = verbs.add_parser("is-workday", parents=[db_option], help="某天是否工作日,及原因")
    one.add_argument("day", type=day, metavar="DATE")
    one.add_argument("--json", action="store_true")
    one.set_defaults(handler=_is_workday)
    override = verbs.add_parser("override", help="本单位对工作日历的调整(存于数据库,有审计)")
    ops = override.add_subparsers(dest="override_command", required=True, metavar="OP")
    add = ops.add_parser("add", parents=[db_option], help="把某天设为工作日或休息日")
    add.add_argument("day", type=day, metavar="DATE")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--workday", action="store_true", help="设为工作日")
    kind.add_argument("--holiday", action="store_true", help="设为休息日")
    add.add_argument("--note", default="", help="说明,如“市政府通知调休”")
    add.set_defaults(handler=_override_add)
    listing = ops.add_parser("list", parents=[db_option], help="列出本单位的调整")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_override_list)
    remove = ops.add_parser("remove", parents=[db_option], help="取消某天的调整")
    remove.add_argument("day", type=day, metavar="DATE")
    remove.set_defaults(handler=_override_remove)


def _missing_years(first: date, last: date) -> list[int]:
    return [y for y in range(first.year, last.year + 1) if not workdays.has_schedule(y)]


def _warn(years: list[int]) -> str:
    listed = "、".join(f"{y}年" for y in years)
    return f"注意:{listed}的法定节假日安排尚未载入,这些年份只按周末计算。"


def _overrides(ctx: CliContext) -> dict:
    """The office's corrections, when a database is given or the default one exists."""
    from jjjdesk.db.engine import sqlite_file
    from jjjdesk.services.workday_overrides import list_overrides

    file = sqlite_file(ctx.url)
    if ctx.db_arg is None and file is not None and not file.exists():
        return {}
    with ctx.db().session() as s:
        return list_overrides(session=s)


def _workdays(args: argparse.Namespace, ctx: CliContext) -> int:
    first, last = sorted((args.first, args.last))
    count = workdays.workdays_between(first, last, _overrides(ctx))
    missing = _missing_years(first, last)
    if args.json:
        print(json.dumps({"from": first.isoformat(), "to": last.isoformat(), "workdays": count,
                          "years_without_schedule": missing}, ensure_ascii=False))
    else:
        print(f"{first.isoformat()} 至 {last.isoformat()}(含首尾)共 {count} 个工作日")
        if missing:
            print(_warn(missing))
    return 0


def _is_workday(args: argparse.Namespace, ctx: CliContext) -> int:
    working, reason = workdays.day_kind(args.day, _overrides(ctx))
    missing = _missing_years(args.day, args.day)
    if args.json:
        print(json.dumps({"date": args.day.isoformat(), "workday": working, "reason": reason,
                          "schedule_loaded": not missing}, ensure_ascii=False))
    else:
        print(f"{args.day.isoformat()}:{'是' if working else '否'}工作日({reason})")
        if missing:
            print(_warn(missing))
    return 0


def _override_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.workday_overrides import set_override

    with ctx.db().session() as s:
        made = set_override(session=s, actor=ctx.actor, day=args.day, workday=args.workday,
                            note=args.note)
    kind = "工作日" if made.workday else "休息日"
    print(f"已将 {made.day.isoformat()} 设为{kind}" + (f"({made.note})" if made.note else ""))
    return 0


def _override_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.workday_overrides import list_overrides

    with ctx.db().session() as s:
        found = sorted(list_overrides(session=s).values(), key=lambda o: o.day)
    if args.json:
        print(json.dumps([{"date": o.day.isoformat(), "workday": o.workday, "note": o.note}
                          for o in found], ensure_ascii=False))
        return 0
    if not found:
        print("本单位没有调整工作日历。")
    for o in found:
        print(f"{o.day.isoformat()}\t{'工作日' if o.workday else '休息日'}\t{o.note}")
    return 0


def _override_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.errors import UserFacingError
    from jjjdesk.services.workday_overrides import remove_override

    with ctx.db().session() as s:
        if not remove_override(session=s, actor=ctx.actor, day=args.day):
            raise UserFacingError(f"{args.day.isoformat()} 没有调整,未做任何修改。")
    print(f"已取消 {args.day.isoformat()} 的调整")
    return 0
