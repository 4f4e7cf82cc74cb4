"""`jjjdesk-cli workbench [--today D] [--json]`: 本期工作台, the home page's numbers."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    bench = sub.add_parser("workbench", parents=[db_option],
                           help="本期工作台:当前批次的未报、逾期、待审核、红灯、待协调等数目")
    bench.add_argument("--today", type=day, default=None, help="按该日期计算(YYYY-MM-DD)")
    bench.add_argument("--json", action="store_true", help="输出 JSON")
    bench.set_defaults(handler=_run)


LINES = (
    ("not_reported", "未报送单位"), ("overdue", "逾期未报单位"), ("returned", "退回待改单位"),
    ("to_review", "待审核填报"), ("red", "红灯事项"), ("new_red", "  其中较上期新增"),
    ("coordination", "待协调事项"), ("overdue_problems", "逾期未办结问题"),
    ("due_soon", "30天内到期事项"), ("pending_extensions", "待审批延期申请"),
)


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.workbench import workbench

    today = args.today or date.today()
    with ctx.db().session() as s:
        data = workbench(session=s, today=today)
    if args.json:
        out = dataclasses.asdict(data)
        out["round"] = None if data.round is None else {
            "id": data.round.id, "name": data.round.name, "deadline": str(data.round.deadline),
            "submitted_units": data.round.submitted_units, "unit_count": data.round.unit_count}
        print(json.dumps(out, ensure_ascii=False, default=str))
        return 0
    rnd = data.round
    if rnd is None:
        print("当前没有进行中的填报批次。")
    else:
        print(f"{rnd.name}:截止 {rnd.deadline},还有 {data.days_left} 天"
              f"({data.workdays_left} 个工作日);"
              f"已报送 {rnd.submitted_units}/{rnd.unit_count} 个单位")
    for field, label in LINES:
        print(f"{label}\t{getattr(data, field)}")
    return 0
