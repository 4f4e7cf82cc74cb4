"""Audit commands: verify the hash chain."""

from __future__ import annotations

import argparse

from jjjdesk.cli.context import CliContext
from jjjdesk.services import audit


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    group = sub.add_parser("audit", parents=[db_option], help="审计日志")
    actions = group.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    actions.add_parser(
        "verify", parents=[db_option], help="校验审计日志是否被绕过程序修改"
    ).set_defaults(handler=_verify)


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
