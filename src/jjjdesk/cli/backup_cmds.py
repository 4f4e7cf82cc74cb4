"""Backup commands: backup, backups, restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError
from jjjdesk.services import backups


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    make = sub.add_parser("backup", parents=[db_option], help="立即备份数据库")
    make.add_argument("--keep", type=int, default=backups.DEFAULT_KEEP, help="保留最近几份备份")
    make.set_defaults(handler=_backup)
    sub.add_parser("backups", parents=[db_option], help="列出已有备份").set_defaults(handler=_list)
    restore = sub.add_parser("restore", parents=[db_option], help="从备份恢复数据库")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", type=Path, help="备份文件")
    which.add_argument("--latest", action="store_true", help="使用最近的一份备份")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.db()  # a damaged or newer file is refused before it is copied
    path = backups.make_backup(url=ctx.url, paths=ctx.paths, keep=args.keep)
    print(f"已备份到:{path}")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    found = backups.list_backups(paths=ctx.paths)
    if not found:
        print(f"还没有备份({ctx.paths.backup_dir})")
    for info in found:
        size = f"{info.size / 1024:.0f} KB"
        print(f"{info.created:%Y-%m-%d %H:%M:%S}\t{info.reason}\t{size}\t{info.path}")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    source = args.file
    if args.latest:
        found = backups.list_backups(paths=ctx.paths)
        if not found:
            raise UserFacingError("没有可用的备份。")
        source = found[0].path
    safety = backups.restore_backup(url=ctx.url, paths=ctx.paths, actor=ctx.actor, source=source)
    ctx.db()  # reopen: an older backup is migrated to the current schema
    if safety:
        print(f"恢复前的数据已另存为:{safety}")
    print(f"已从 {source} 恢复数据库:{ctx.url}")
    return 0
