"""Audit commands: list the log in words, verify the hash chain."""

from __future__ import annotations

import argparse
import json

from jjjdesk.cli.context import CliContext
from jjjdesk.services import audit
from jjjdesk.services.audit_text import action_label, change_items, entity_label


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    group = sub.add_parser("audit", parents=[db_option], help="审计日志")
    actions = group.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    actions.add_parser(
        "verify", parents=[db_option], help="校验审计日志是否被绕过程序修改"
    ).set_defaults(handler=_verify)
    lister = actions.add_parser("list", parents=[db_option], help="列出审计日志(最新在前)")
    lister.add_argument("--json", action="store_true", help="以 JSON 输出")
    lister.add_argument("--limit", type=int, default=50, help="最多列出多少条(默认 50)")
    lister.set_defaults(handler=_list)


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.limit < 1:
        print("--limit 须为正整数。")
        return 2
    with ctx.db().session() as s:
        events = audit.list_events(session=s, limit=args.limit)
    rows = []
    for e in events:
        subject = entity_label(e.entity) + (f" #{e.entity_id}" if e.entity_id is not None else "")
        rows.append({
            "time": audit.local_time(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            "who": e.actor,
            "action": action_label(e.action),
            "subject": subject,
            "summary": e.summary,
            "changes": [
                {"label": label, "old": old, "new": new}
                for label, old, new in change_items(e.changes, e.entity)
            ],
            "reason": e.reason,
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r['time']}  {r['who']}  {r['action']}  {r['subject']}  {r['summary']}")
        for c in r["changes"]:
            print(f"    {c['label']}:{c['old'] + ' → ' if c['old'] else '→ '}{c['new']}")
    if not rows:
        print("审计日志为空。")
    return 0


def _verify(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        broken = audit.verify_chain(session=s)
        total = audit.count_events(session=s)
    if broken:
        shown = "、".join(str(i) for i in broken[:20])
        print(f"审计日志校验失败:第 {shown} 条记录在程序之外被修改或删除。")
        return 3
    print(f"审计日志完整:共 {total} 条记录,哈希链校验通过。")
    return 0
