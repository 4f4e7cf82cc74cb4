"""`jjjdesk-cli calendar workdays|is-workday`: the working-day calendar (法定节假日与调休)."""

from __future__ import annotations

import argparse
import json
from datetime import date

from jjjdesk.cli.context import CliContext
from jjjdesk.domain import workdays


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 2026-10-01:“{text}”") from None


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    cal = sub.add_parser("calendar", parents=[db_option], help="工作日日历(法定节假日与调休)")
    verbs = cal.add_subparsers(dest="calendar_command", required=True, metavar="VERB")
    count = verbs.add_parser("workdays", help="两个日期之间(含首尾)的工作日数")
    count.add_argument("first", type=_day, metavar="FROM")
    count.add_argument("last", type=_day, metavar="TO")
    count.add_argument("--json", action="store_true")
    count.set_defaults(handler=_workdays)
    one = verbs.add_parser("is-workday", help="某天是否工作日,及原因")
    one.add_argument("day", type=_day, metavar="DATE")
    one.add_argument("--json", action="store_true")
    one.set_defaults(handler=_is_workday)


def _missing_years(first: date, last: date) -> list[int]:
    return [y for y in range(first.year, last.year + 1) if not workdays.has_schedule(y)]


def _warn(years: list[int]) -> str:
    listed = "、".join(f"{y}年" for y in years)
    return f"注意:{listed}的法定节假日安排尚未载入,这些年份只按周末计算。"


def _workdays(args: argparse.Namespace, ctx: CliContext) -> int:
    first, last = sorted((args.first, args.last))
    count = workdays.workdays_between(first, last)
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
    working, reason = workdays.day_kind(args.day)
    missing = _missing_years(args.day, args.day)
    if args.json:
        print(json.dumps({"date": args.day.isoformat(), "workday": working, "reason": reason,
                          "schedule_loaded": not missing}, ensure_ascii=False))
    else:
        print(f"{args.day.isoformat()}:{'是' if working else '否'}工作日({reason})")
        if missing:
            print(_warn(missing))
    return 0
