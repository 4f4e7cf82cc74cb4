"""Backup commands: backup, backups, restore."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError
from jjjdesk.services import backups


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    make = sub.add_parser("backup", parents=[db_option], help="立即备份数据库")
    make.add_argument("--keep", type=int, default=backups.DEFAULT_KEEP, help="保留最近几份备份")
    make.set_defaults(handler=_backup)
    listing = sub.add_parser("backups", parents=[db_option], help="列出本数据库的备份")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    restore = sub.add_parser("restore", parents=[db_option], help="从备份恢复数据库")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", type=Path, help="备份文件")
    which.add_argument("--latest", action="store_true", help="使用本数据库最近的一份备份")
    restore.add_argument("--from-other-database", action="store_true",
                         help="确认用另一个数据库的备份覆盖当前数据库")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.db()  # a damaged or newer file is refused before it is copied
    path = backups.make_backup(url=ctx.url, paths=ctx.paths, keep=args.keep)
    print(f"已备份到:{path}")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    found = backups.list_backups(url=ctx.url, paths=ctx.paths)
    if args.json:
        print(json.dumps([{
            "path": str(b.path), "created": b.created.isoformat(timespec="seconds"),
            "reason": b.reason, "size": b.size, "source": b.source,
            "verified": True, "known_source": b.known_source} for b in found],
            ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"本数据库还没有备份({ctx.paths.backup_dir})")
    for info in found:
        size = f"{info.size / 1024:.0f} KB"
        source = info.source if info.known_source else f"{info.source}(旧备份,来源未记录)"
        print(f"{info.created:%Y-%m-%d %H:%M:%S}\t{info.reason}\t{size}\t已校验\t{source}"
              f"\t{info.path}")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    source = args.file
    if args.latest:
        latest = backups.latest_backup(url=ctx.url, paths=ctx.paths)
        if latest is None:
            raise UserFacingError("本数据库没有可用的备份。")
        source = latest.path
    safety = backups.restore_backup(url=ctx.url, paths=ctx.paths, actor=ctx.actor, source=source,
                                    from_other_database=args.from_other_database)
    ctx.db()  # reopen: an older backup is migrated to the current schema
    if safety:
        print(f"恢复前的数据已另存为:{safety}")
    print(f"已从 {source} 恢复数据库:{ctx.url}")
    return 0
