"""Backup commands: backup, backups, restore (latest, a file, or to a time), check."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
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
    which.add_argument("--at", type=_moment, metavar="时间",
                       help="恢复到该时间(含)之前最近的一份备份,如 2026-12-01 18:00")
    restore.add_argument("--from-other-database", action="store_true",
                         help="确认用另一个数据库的备份覆盖当前数据库")
    restore.set_defaults(handler=_restore)
    check = sub.add_parser("check", parents=[db_option],
                           help="检查数据库文件是否完好(损坏时指出可用于恢复的备份)")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_check)


def _moment(text: str) -> datetime:
    """"2026-12-01 18:00", "2026-12-01T18:00:00" or a day (its end)."""
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time.max)
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间格式应为 2026-12-01 18:00:“{text}”") from None


def _check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Exit 0 when the file passes SQLite's quick check, 2 when it is damaged."""
    result = backups.check_database(url=ctx.url, paths=ctx.paths)
    good = result.newest_good
    if args.json:
        print(json.dumps({
            "file": str(result.file), "ok": result.ok, "problem": result.problem or "",
            "newest_good_backup": str(good.path) if good else "",
            "newest_good_backup_created": good.created.isoformat(timespec="seconds")
            if good else ""}, ensure_ascii=False))
        return 0 if result.ok else 2
    if result.ok:
        print(f"数据库完好(quick_check 通过):{result.file}")
        return 0
    print(f"数据库已损坏:{result.file}")
    print(f"  SQLite 检查结果:{result.problem}")
    if good is None:
        print("  本数据库没有完好的备份;请勿继续使用此文件,并联系管理员。")
    else:
        print(f"  最近的完好备份:{good.created:%Y-%m-%d %H:%M:%S}({good.path.name})")
        print(f"  恢复:jjjdesk-cli --db {result.file} restore --latest"
              "(损坏的文件会原样另存为 “文件名.damaged-时间”,不会被删除)")
    return 2


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
    if args.at is not None:
        source = backups.backup_at(url=ctx.url, paths=ctx.paths, moment=args.at).path
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
