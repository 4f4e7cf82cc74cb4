"""`jjjdesk-cli entries list|show|search|part|parts`: stored progress entries with where each
came from, and the parts 配合 / 共同牵头 units report in a round."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from jjjdesk.cli.context import CliContext
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    entries = sub.add_parser("entries", parents=[db_option], help="查看已存的进展填报及其来源")
    verbs = entries.add_subparsers(dest="entries_command", required=True, metavar="VERB")
    listing = verbs.add_parser("list", parents=[db_option], help="列出填报(最新期次在前)")
    listing.add_argument("--round", type=int, dest="round_id", help="填报批次编号")
    listing.add_argument("--period", help="期次,如 2024-03、2024年3月")
    listing.add_argument("--unit", help="填报单位名称(或别名)")
    listing.add_argument("--limit", type=int, default=200, help="最多列出几条(默认 200)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    show = verbs.add_parser("show", parents=[db_option], help="一条填报的全部内容和来源")
    show.add_argument("entry_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)
    search = verbs.add_parser("search", parents=[db_option],
                              help="搜索进展:工作进展、存在问题、下步计划、需协调事项、审核意见")
    search.add_argument("text", metavar="TEXT", help="要找的文字;以空格分开的几个词须都出现")
    search.add_argument("--limit", type=int, default=200, help="最多列出几条(默认 200)")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=_search)
    part = verbs.add_parser("part", parents=[db_option],
                            help="填报配合单位(或共同牵头单位)在本批次中承担部分的进展")
    part.add_argument("--round", type=int, dest="round_id", required=True, help="填报批次编号")
    which = part.add_mutually_exclusive_group(required=True)
    which.add_argument("--task", help="重点任务编号,如 3 或 3.2")
    which.add_argument("--project", help="重点项目编号")
    part.add_argument("--unit", required=True, help="配合单位名称(或别名)")
    part.add_argument("--text", required=True, help="本单位的配合进展")
    part.add_argument("--completion", type=float, help="本单位完成进度(%%),0 到 100")
    part.set_defaults(handler=_part)
    parts = verbs.add_parser("parts", parents=[db_option],
                             help="列出批次中各配合单位应报的配合进展(已报、未报)")
    parts.add_argument("--round", type=int, dest="round_id", required=True, help="填报批次编号")
    parts.add_argument("--unit", help="只列出该单位的")
    parts.add_argument("--json", action="store_true")
    parts.set_defaults(handler=_parts)


def _record(item) -> dict:
    data = dataclasses.asdict(item.entry)
    data["subject"] = {"kind": item.entry.subject.kind, "id": item.entry.subject.id}
    data["file_name"] = item.file_name
    data["provenance"] = item.provenance
    return data


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.entry_list import list_entries
    from jjjdesk.services.units import find_unit_by_name

    period_key = None
    if args.period:
        try:
            period_key = Period.parse(args.period).key
        except ValueError as exc:
            raise UserFacingError(str(exc)) from None
    with ctx.db().session() as s:
        unit_id = None
        if args.unit:
            unit_id = find_unit_by_name(session=s, name=args.unit)
            if unit_id is None:
                raise UserFacingError(f"台账中没有单位“{args.unit}”。")
        found = list_entries(session=s, actor=ctx.actor, round_id=args.round_id,
                             period_key=period_key, unit_id=unit_id, limit=args.limit)
    if args.json:
        print(json.dumps([_record(i) for i in found], ensure_ascii=False, indent=2, default=str))
        return 0
    if not found:
        print("没有符合条件的填报。")
    for item in found:
        e = item.entry
        pct = "" if e.completion_pct is None else f"{e.completion_pct:g}%"
        print(f"{e.id}\t{e.period_label}\t{e.subject_code}\t{e.subject_name}\t{e.reporter_unit}"
              f"\t{e.review_state_label}\t{pct}\t{item.provenance}")
    return 0


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.entry_list import show_entry

    with ctx.db().session() as s:
        item = show_entry(session=s, actor=ctx.actor, entry_id=args.entry_id)
    if args.json:
        print(json.dumps(_record(item), ensure_ascii=False, indent=2, default=str))
        return 0
    e = item.entry
    lines = [
        ("填报", f"{e.id}(版本 {e.version})"), ("事项", f"{e.subject_code} {e.subject_name}"),
        ("期次", e.period_label), ("填报单位", e.reporter_unit), ("推进情况", e.assessment_label),
        ("完成进度", "" if e.completion_pct is None else f"{e.completion_pct:g}%"),
        ("本期完成投资(亿元)", "" if e.invest_period is None else f"{e.invest_period:g}"),
        ("累计完成投资(亿元)", "" if e.invest_cumulative is None else f"{e.invest_cumulative:g}"),
        ("工作进展", e.progress), ("存在问题", e.problems), ("下步计划", e.next_steps),
        ("需协调事项", e.coordination), ("审核状态", e.review_state_label),
        ("审核意见", e.review_comment), ("来源", item.provenance),
        ("填报日期", e.reported_on.isoformat() if e.reported_on else ""),
    ]
    for label, value in lines:
        print(f"{label}:{value}")
    return 0


def _search(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.entry_search import search_entries

    with ctx.db().session() as s:
        result = search_entries(session=s, actor=ctx.actor, text=args.text,
                                limit=args.limit)
    hits = result.hits
    if result.more:  # on stderr, so that the JSON on stdout stays a list
        print(f"超过 {args.limit} 条填报符合,只列出最近录入的 {args.limit} 条;"
              "可再加一个词缩小范围。", file=sys.stderr)
    if args.json:
        print(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"没有填报提到“{args.text.strip()}”。")
    for h in hits:
        print(f"{h.entry_id}\t{h.period_label}\t{h.subject_code}\t{h.subject_name}"
              f"\t{h.reporter_unit}\t{h.review_state_label}")
        for f in h.fields:
            print(f"  {f.label}:{f.snippet}")
    return 0


def _unit_id(s, name: str) -> int:
    from jjjdesk.services.units import find_unit_by_name

    unit_id = find_unit_by_name(session=s, name=name)
    if unit_id is None:
        raise UserFacingError(f"台账中没有单位“{name}”。")
    return unit_id


def _part(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import coop_parts, subjects

    with ctx.db().session() as s:
        ref = subjects.find_subject(s, task=args.task, project=args.project)
        unit_id = _unit_id(s, args.unit)
        completion = args.completion
        if completion is None:  # not given: a stored 完成进度 stays, never cleared
            completion = next((p.completion_pct for p in coop_parts.round_parts(
                session=s, round_id=args.round_id, unit_id=unit_id, subject=ref)), None)
        view = coop_parts.save_part(session=s, actor=ctx.actor, round_id=args.round_id,
                                    subject=ref, unit_id=unit_id, progress=args.text,
                                    completion_pct=completion)
    print(f"已填报{view.unit_name}在“{view.subject_code} {view.subject_name}”中的"
          f"{view.role_label}进展(版本 {view.version})。")
    return 0


def _parts(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import coop_parts

    with ctx.db().session() as s:
        unit_id = _unit_id(s, args.unit) if args.unit else None
        found = coop_parts.round_parts(session=s, round_id=args.round_id, unit_id=unit_id)
    if args.json:
        out = []
        for p in found:
            data = dataclasses.asdict(p)
            data["subject"] = {"kind": p.subject.kind, "id": p.subject.id}
            data["reported"] = p.reported
            out.append(data)
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return 0
    if not found:
        print("该批次中没有配合单位需要填报的事项。")
    for p in found:
        pct = "" if p.completion_pct is None else f"{p.completion_pct:g}%"
        state = "已报" if p.reported else "未报"
        print(f"{p.subject_code}\t{p.subject_name}\t{p.unit_name}\t{p.role_label}\t{state}"
              f"\t{pct}\t{p.progress}")
    return 0
