"""`jjjdesk-cli extension request|list|approve|reject`: 延期申请 and the office's decision."""

from __future__ import annotations

import argparse
import json

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    ext = sub.add_parser("extension", parents=[db_option], help="延期申请:提出、列表、批准、不批准")
    verbs = ext.add_subparsers(dest="extension_command", required=True, metavar="VERB")
    ask = verbs.add_parser("request", parents=[db_option], help="申请将事项的完成时限延后")
    which = ask.add_mutually_exclusive_group(required=True)
    which.add_argument("--task", help="重点任务编号,如 3 或 3.2")
    which.add_argument("--project", help="重点项目编号")
    ask.add_argument("--until", type=day, required=True, help="申请延期至(YYYY-MM-DD)")
    ask.add_argument("--reason", required=True, help="延期理由")
    ask.set_defaults(handler=_request)
    listing = verbs.add_parser("list", parents=[db_option], help="列出延期申请(最新在前)")
    listing.add_argument("--state", choices=("pending", "approved", "rejected"),
                         help="只列出待审批、已批准或未批准的")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    for name, help_text in (("approve", "批准延期(事项完成时限随之调整)"),
                            ("reject", "不批准延期(须说明理由)")):
        verb = verbs.add_parser(name, parents=[db_option], help=help_text)
        verb.add_argument("request_id", type=int, metavar="ID")
        verb.add_argument("--reason", default="", required=name == "reject",
                          help="审批意见")
        verb.set_defaults(handler=_decide)


def _line(v) -> str:
    return (f"{v.id}\t{v.state_label}\t{v.subject_title}\t{v.unit}\t"
            f"{v.original_due or '未定'} → {v.requested_until}\t{v.reason}")


def _request(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import extensions, subjects

    with ctx.db().session() as s:
        ref = subjects.find_subject(s, task=args.task, project=args.project)
        view = extensions.request_extension(session=s, actor=ctx.actor, subject=ref,
                                            until=args.until, reason=args.reason)
    print(f"已提出延期申请 {view.id}:{view.subject_title},"
          f"由{extensions.day_text(view.original_due)}延至{extensions.day_text(view.requested_until)},"
          "待协同办审批")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import extensions

    with ctx.db().session() as s:
        rows = extensions.list_extensions(session=s, actor=ctx.actor, state=args.state)
    if args.json:
        print(json.dumps([{
            "id": v.id, "state": v.state, "state_label": v.state_label,
            "subject": {"kind": v.subject.kind, "id": v.subject.id},
            "subject_title": v.subject_title, "unit": v.unit,
            "original_due": str(v.original_due or ""), "requested_until": str(v.requested_until),
            "reason": v.reason, "requested_by": v.requested_by,
            "requested_at": v.requested_at.isoformat(timespec="seconds"),
            "decided_by": v.decided_by,
            "decided_at": v.decided_at.isoformat(timespec="seconds") if v.decided_at else "",
            "decision_note": v.decision_note} for v in rows], ensure_ascii=False))
        return 0
    if not rows:
        print("没有延期申请。")
    for v in rows:
        print(_line(v))
    return 0


def _decide(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import extensions

    with ctx.db().session() as s:
        if args.extension_command == "approve":
            view = extensions.approve_extension(session=s, actor=ctx.actor,
                                                request_id=args.request_id, note=args.reason)
        else:
            view = extensions.reject_extension(session=s, actor=ctx.actor,
                                               request_id=args.request_id, note=args.reason)
    if view.state == "approved":
        print(f"已批准延期申请 {view.id}:{view.subject_title} 完成时限调整为"
              f"{extensions.day_text(view.requested_until)}")
    else:
        print(f"未批准延期申请 {view.id}:{view.subject_title}")
    return 0
