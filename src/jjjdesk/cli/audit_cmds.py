"""Audit commands: list the log in words, verify the hash chain (and signed checkpoints),
export it to Excel (the auditor's duty: each command acts as the signed-in user and is
refused to roles that may not read the audit)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jjjdesk.cli import audit_anchor_cmds
from jjjdesk.cli.context import CliContext
from jjjdesk.services import audit, audit_log
from jjjdesk.services.audit_summaries import summary_parts
from jjjdesk.services.audit_text import action_label, change_items, entity_label


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    group = sub.add_parser("audit", parents=[db_option], help="审计日志")
    actions = group.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify", parents=[db_option], help="校验审计日志是否被绕过程序修改")
    audit_anchor_cmds.add_verify_options(verify)
    verify.set_defaults(handler=_verify)
    audit_anchor_cmds.register(actions, db_option)
    lister = actions.add_parser("list", parents=[db_option], help="列出审计日志(最新在前)")
    lister.add_argument("--json", action="store_true", help="以 JSON 输出")
    lister.add_argument("--limit", type=int, default=50, help="最多列出多少条(默认 50)")
    lister.set_defaults(handler=_list)
    exporter = actions.add_parser("export", parents=[db_option],
                                  help="导出审计日志到 Excel(导出本身记入审计日志)")
    exporter.add_argument("path", help="保存到的 .xlsx 文件")
    exporter.add_argument("--actor", default="", help="只导出该用户的操作")
    exporter.set_defaults(handler=_export)


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.limit < 1:
        print("--limit 须为正整数。")
        return 2
    with ctx.db().session() as s:
        events = audit_log.list_log(session=s, actor=ctx.acting(s), limit=args.limit)
    rows = []
    for e in events:
        subject = entity_label(e.entity) + (f" #{e.entity_id}" if e.entity_id is not None else "")
        # The summary's template and slots too, so a script can word it in its own language.
        template, slots = summary_parts(e.summary) or (None, {})
        rows.append({
            "time": audit.local_time(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            "who": e.actor,
            "action": action_label(e.action),
            "subject": subject,
            "summary": e.summary,
            "summary_template": template,
            "summary_slots": slots,
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
        audit_log.require_reader(ctx.acting(s))
    return audit_anchor_cmds.verify(args, ctx)


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.excel.audit_sheet import export_audit

    path = Path(args.path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    with ctx.db().session() as s:
        count = export_audit(session=s, actor=ctx.acting(s),
                             filters=audit.AuditFilter(actor=args.actor), path=path)
    print(f"已导出 {count} 条审计记录到 {path}")
    return 0
