"""`jjjdesk-cli attach add|list|get|delete`: 佐证材料 of progress entries, problems and
extension requests (延期申请)."""

from __future__ import annotations

import argparse
import json

from jjjdesk.cli.context import CliContext


def _owner_options(parser: argparse.ArgumentParser) -> None:
    owner = parser.add_mutually_exclusive_group(required=True)
    owner.add_argument("--entry", type=int, metavar="ID", help="进展填报编号")
    owner.add_argument("--problem", type=int, metavar="ID", help="问题编号")
    owner.add_argument("--extension", type=int, metavar="ID", help="延期申请编号")


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    attach = sub.add_parser("attach", parents=[db_option],
                            help="佐证材料:添加、列出、导出、删除、清理存储")
    verbs = attach.add_subparsers(dest="attach_command", required=True, metavar="VERB")
    add = verbs.add_parser("add", parents=[db_option],
                           help="为一条填报、一个问题或一项延期申请添加文件(任一文件不合格则都不添加;"
                                "每个文件的大小上限为设置 attach.max_mb)")
    _owner_options(add)
    add.add_argument("files", nargs="+", metavar="FILE")
    add.set_defaults(handler=_add)
    listing = verbs.add_parser("list", parents=[db_option],
                               help="列出一条填报、一个问题或一项延期申请的佐证材料")
    _owner_options(listing)
    listing.add_argument("--deleted", action="store_true", help="包括已删除的")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    get = verbs.add_parser("get", parents=[db_option], help="把一个佐证材料保存为文件")
    get.add_argument("attachment_id", type=int, metavar="ATTACHMENT_ID")
    get.add_argument("--out", required=True, metavar="PATH", help="保存为的文件(或文件夹)")
    get.set_defaults(handler=_get)
    delete = verbs.add_parser("delete", parents=[db_option],
                              help="删除一个佐证材料(留痕:记录删除人和时间)")
    delete.add_argument("attachment_id", type=int, metavar="ATTACHMENT_ID")
    delete.add_argument("--reason", default="", help="删除原因")
    delete.set_defaults(handler=_delete)
    cleanup = verbs.add_parser("cleanup", parents=[db_option],
                               help="清理不再被任何佐证材料使用的文件内容(已删除的附件仍保留其内容)")
    cleanup.add_argument("--dry-run", action="store_true", help="只列出,不删除")
    cleanup.add_argument("--json", action="store_true")
    cleanup.set_defaults(handler=_cleanup)


def _record(v) -> dict:
    return {
        "id": v.id, "file_name": v.file_name, "media_type": v.media_type, "size": v.size,
        "sha256": v.sha256, "uploader": v.uploader, "created_at": v.created_at.isoformat(),
        "entry_id": v.entry_id, "entry_version": v.entry_version, "problem_id": v.problem_id,
        "extension_id": v.extension_id,
        "deleted_at": v.deleted_at.isoformat() if v.deleted_at else None,
        "deleted_by": v.deleted_by,
    }


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.attachments import add_attachments

    with ctx.db().session() as s:
        added = add_attachments(session=s, actor=ctx.acting(s), files=args.files,
                                entry_id=args.entry, problem_id=args.problem,
                                extension_id=args.extension)
    for v in added:
        print(f"已添加佐证材料 {v.id}:{v.file_name}({v.size_text})")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.attachments import list_attachments

    with ctx.db().session() as s:
        rows = list_attachments(session=s, actor=ctx.acting(s), entry_id=args.entry,
                                problem_id=args.problem, extension_id=args.extension,
                                include_deleted=args.deleted)
    if args.json:
        print(json.dumps([_record(v) for v in rows], ensure_ascii=False))
        return 0
    if not rows:
        print("没有佐证材料。")
        return 0
    print("编号\t文件名\t大小\t类型\t上传人\t上传时间\t状态")
    for v in rows:
        when = v.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        state = f"已删除({v.deleted_by})" if v.is_deleted else ""
        print(f"{v.id}\t{v.file_name}\t{v.size_text}\t{v.media_type}\t{v.uploader}\t{when}\t"
              f"{state}")
    return 0


def _get(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.attachments import save_attachment

    with ctx.db().session() as s:
        path = save_attachment(session=s, actor=ctx.acting(s),
                               attachment_id=args.attachment_id, out=args.out)
    print(f"已保存到 {path}")
    return 0


def _delete(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.attachments import delete_attachment

    with ctx.db().session() as s:
        v = delete_attachment(session=s, actor=ctx.acting(s), attachment_id=args.attachment_id,
                              reason=args.reason)
    print(f"已删除佐证材料 {v.id}:{v.file_name}(记录保留在历史中)")
    return 0


def _cleanup(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services.attachments import cleanup_contents

    with ctx.db().session() as s:
        report = cleanup_contents(session=s, actor=ctx.acting(s), dry_run=args.dry_run)
    if args.json:
        print(json.dumps({"dry_run": report.dry_run, "contents": report.contents,
                          "chunks": report.chunks, "size": report.size,
                          "sha256": list(report.sha256)}, ensure_ascii=False))
        return 0
    if not report.contents:
        print("没有未被使用的文件内容。")
    elif report.dry_run:
        print(f"可清理 {report.contents} 个未被使用的文件内容,共 {report.size_text}(未删除)")
    else:
        print(f"已清理 {report.contents} 个未被使用的文件内容,释放 {report.size_text}")
    return 0
