"""`jjjdesk-cli lights`: 红黄绿灯 of a round, a period or a date, with the reason of each."""

from __future__ import annotations

import argparse
import json
from datetime import date

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext
from jjjdesk.domain.enums import Light
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lights", parents=[db_option],
                       help="红黄绿灯及原因(按填报批次、期次或日期评价,与台账一致)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--round", type=int, dest="round_id", help="填报批次编号(只含该批次的事项)")
    which.add_argument("--period", help="统计期次,如 2024-03、2024Q1")
    p.add_argument("--today", type=day, help="评价日期(默认:期次的报送截止后;无期次时为今天)")
    p.add_argument("--kind", choices=("task", "project"), help="只看任务或项目")
    p.add_argument("--light", choices=[light.value for light in Light], help="只看某种灯")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lights)


def _lights(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import lag

    with ctx.db().session() as s:
        if args.round_id is not None:
            rows = lag.round_lights(session=s, round_id=args.round_id, today=args.today,
                                    kind=args.kind, light=args.light)
        elif args.period:
            try:
                period = Period.parse(args.period)
            except ValueError as exc:
                raise UserFacingError(str(exc)) from None
            rows = lag.period_lights(session=s, period=period, today=args.today,
                                     kind=args.kind, light=args.light)
        else:
            rows = lag.subject_lights(session=s, today=args.today or date.today(),
                                      kind=args.kind, light=args.light)
    if args.json:
        print(json.dumps([{
            "kind": r.subject.kind, "id": r.subject.id, "code": r.code, "name": r.name,
            "unit": r.unit_name, "light": r.light, "light_label": r.light_label,
            "reason": r.explanation, "completion_pct": r.completion_pct,
            "elapsed_pct": r.elapsed_pct, "latest_period": r.latest_period_key,
        } for r in rows], ensure_ascii=False, indent=2))
        return 0
    counts = {light.label: sum(r.light == light.value for r in rows) for light in Light}
    print("、".join(f"{label} {n}" for label, n in counts.items() if n) or "没有事项")
    for r in rows:
        print(f"{r.light_label}\t{r.code}\t{r.name}\t{r.unit_name}\t{r.explanation}")
    return 0
