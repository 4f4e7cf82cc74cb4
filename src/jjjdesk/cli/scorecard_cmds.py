"""`jjjdesk-cli scorecard --round N | --from P --to P`: the 红黑榜 of closed rounds, with the
reasons for every point lost."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext
from jjjdesk.services.scorecard import PARTS, Scorecard, UnitScore


def add_span_options(p: argparse.ArgumentParser) -> None:
    """--round N (repeatable) or --from P [--to P], and --today: shared with the export."""
    chosen = p.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--round", type=int, action="append", dest="round_ids",
                        metavar="N", help="填报批次编号(可重复)")
    chosen.add_argument("--from", dest="first", metavar="P",
                        help="起始期次,如 2024-01、2024年1月、2024Q1")
    p.add_argument("--to", dest="last", metavar="P", help="截止期次(与起始期次同类),默认同起始")
    p.add_argument("--today", type=day, help="按此日期评价红黄绿灯(YYYY-MM-DD),默认今天")


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    p = sub.add_parser("scorecard", parents=[db_option],
                       help="红黑榜:各单位按时报送、完整性、质量、进展得分与排名(只统计已关闭的批次)")
    add_span_options(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_run)


def build(args: argparse.Namespace, ctx: CliContext) -> Scorecard:
    from jjjdesk.services.scorecard import scorecard

    with ctx.db().session() as s:
        return scorecard(session=s, today=args.today or date.today(),
                         round_ids=args.round_ids or (), first=args.first, last=args.last)


def row_json(r: UnitScore) -> dict[str, Any]:
    return {
        "unit": r.unit_name, "unit_id": r.unit_id, "score": r.total, "rank": r.rank,
        "previous_rank": r.previous_rank, "change": r.change,
        "parts": {code: r.part(code) for code, _, _ in PARTS},
        "flags": list(r.flags), "reasons": list(r.reasons),
        "rounds": [{"round_id": f.round_id, "round": f.round_name, "deadline": str(f.deadline),
                    "submitted_on": str(f.submitted_on or ""), "late_workdays": f.late_workdays,
                    "items": f.items, "reported": f.reported, "entries": f.entries,
                    "returned": f.returned, "green": f.green, "yellow": f.yellow,
                    "red": f.red, "grey": f.grey} for f in r.rounds],
    }


def card_json(card: Scorecard) -> dict[str, Any]:
    return {
        "label": card.label,
        "rounds": [{"id": r.id, "name": r.name, "period": r.period_key,
                    "deadline": str(r.deadline)} for r in card.rounds],
        "ignored_open": list(card.ignored_open),
        "previous": card.previous_label,
        "weights": {code: card.weights.of(code) for code, _, _ in PARTS},
        "rows": [row_json(r) for r in card.rows],
    }


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    card = build(args, ctx)
    if args.json:
        print(json.dumps(card_json(card), ensure_ascii=False))
        return 0
    print(f"红黑榜:{card.label}(统计{len(card.rounds)}个已关闭批次"
          + (f",名次变化对比{card.previous_label}" if card.previous_label else "") + ")")
    weights = "、".join(f"{label}{card.weights.of(code):g}" for code, label, _ in PARTS)
    print(f"权重:{weights}")
    if card.ignored_open:
        print(f"未计入(尚未关闭):{'、'.join(card.ignored_open)}")
    print("\t".join(["排名", "单位", "总分", "名次变化", *(label for _, label, _ in PARTS),
                     "标记"]))
    for r in card.rows:
        print("\t".join([str(r.rank), r.unit_name, _score(r.total), r.change_label,
                         *(_score(r.part(code)) for code, _, _ in PARTS), "、".join(r.flags)]))
        for reason in r.reasons:
            print(f"\t· {reason}")
    return 0
