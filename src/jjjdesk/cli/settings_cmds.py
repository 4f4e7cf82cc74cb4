"""`jjjdesk-cli settings list|set`: the domain settings that travel with the data (红黄绿灯
thresholds, 临期提醒, 红黑榜 weights), through the same validated, audited service as the GUI."""

from __future__ import annotations

import argparse
import json

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser("settings", parents=[db_option],
                         help="业务设置(红黄绿灯、临期提醒、红黑榜权重)")
    verbs = cmd.add_subparsers(dest="settings_command", required=True, metavar="VERB")
    listing = verbs.add_parser("list", parents=[db_option], help="列出全部设置及当前值")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    put = verbs.add_parser("set", parents=[db_option], help="修改一项设置")
    put.add_argument("key", metavar="KEY", help="设置项,如 remind.within_workdays")
    put.add_argument("value", metavar="VALUE")
    put.set_defaults(handler=_set)


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.settings import list_settings

    with ctx.db().session() as s:
        found = list_settings(session=s)
    if args.json:
        print(json.dumps([{"key": v.key, "label": v.label, "value": v.value,
                           "default": v.default} for v in found], ensure_ascii=False))
        return 0
    for v in found:
        print(f"{v.key}\t{v.label}\t{v.value}" + ("" if v.value == v.default
                                                  else f"\t(默认 {v.default})"))
    return 0


def _set(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.settings import DOMAIN_SETTINGS, set_setting

    spec = next((s for s in DOMAIN_SETTINGS if s.key == args.key), None)
    if spec is None:
        raise UserFacingError(f"没有设置项“{args.key}”;可用 settings list 查看。")
    with ctx.db().session() as s:
        value = set_setting(session=s, actor=ctx.acting(s), key=args.key, value=args.value)
    print(f"已将“{spec.label}”设为 {value}")
    return 0
