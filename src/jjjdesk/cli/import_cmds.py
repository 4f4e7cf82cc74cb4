"""Import commands: import FILE…, import undo BATCH, import-registry FILE, imports.

Exit codes, the same for one file or many (then the worst file's, in the order
clean < warnings < rows rejected < refused): 0 clean, 3 done with warnings, 4 some rows were
rejected (not imported), 1 refused (nothing written).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jjjdesk import importing
from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError
from jjjdesk.importing import ERROR, EXCLUDED, INFO, REJECTED, ImportPreview

EXIT_REFUSED = 1
EXIT_WARNINGS = 3
EXIT_ERRORS = 4
#: How bad each exit code is, for several files: a refused file outranks rejected rows.
_SEVERITY = {0: 0, EXIT_WARNINGS: 1, EXIT_ERRORS: 2, EXIT_REFUSED: 3}


def _worse(a: int, b: int) -> int:
    return max(a, b, key=_SEVERITY.__getitem__)


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    imp = sub.add_parser("import", parents=[db_option],
                         help="导入单位报送的 Excel/CSV 回表(import undo 批次号:撤销导入)",
                         epilog="退出码:0 无问题;3 有警告;4 有行未导入;1 文件被拒绝(未写入)。"
                                "多个文件时取最严重的一个。")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="一个或多个文件;也可以是文件夹或 .zip 压缩包(报表及按序号或项目编号"
                          "命名的佐证材料,导入时附加到对应的行)")
    imp.add_argument("--preview", "--dry-run", dest="preview", action="store_true",
                     help="只预览,不写入")
    imp.add_argument("--round", type=int, dest="round_id", help="填报批次编号")
    imp.add_argument("--unit", default="", help="报送单位名称(或别名)")
    imp.add_argument("--period", default="", help="期次,如 2024年3月、2024-Q1")
    imp.add_argument("--annotate", action="store_true",
                     help="有错误时在原文件旁写一份标注了错误的副本,便于退回单位修改")
    imp.add_argument("--json", action="store_true", help="输出 JSON")
    imp.add_argument("--all", action="store_true", help="列出无变化的行和提示")
    imp.add_argument("--skip-hidden", action="store_true",
                     help="不导入文件中被隐藏的行(默认照常导入并提示)")
    imp.add_argument("--skip-row", action="append", default=[], metavar="[工作表!]行号",
                     help="不导入该行(可重复);不写工作表时指每个工作表的该行")
    imp.set_defaults(handler=_import)
    undo = sub.add_parser("import-undo", parents=[db_option], help="撤销一个导入批次")
    undo.add_argument("batch", type=int)
    undo.set_defaults(handler=_undo)
    reg = sub.add_parser("import-registry", parents=[db_option],
                         help="从 Excel 台账导入单位、任务、项目、指标")
    reg.add_argument("file", type=Path)
    reg.add_argument("--preview", "--dry-run", dest="preview", action="store_true")
    reg.add_argument("--json", action="store_true")
    reg.add_argument("--all", action="store_true")
    reg.set_defaults(handler=_import_registry)
    sub.add_parser("imports", parents=[db_option], help="列出导入批次").set_defaults(
        handler=_list)


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.files[0] == "undo":
        if len(args.files) != 2 or not args.files[1].isdigit():
            raise UserFacingError("用法:jjjdesk-cli import undo 批次号")
        args.batch = int(args.files[1])
        return _undo(args, ctx)
    db = ctx.db()
    unit_id = None
    if args.unit:
        from jjjdesk.services.units import find_unit_by_name

        with db.session() as s:
            unit_id = find_unit_by_name(session=s, name=args.unit)
        if unit_id is None:
            raise UserFacingError(f"台账中没有单位“{args.unit}”。")
    worst = 0
    reports = []
    for name in args.files:
        path = Path(name)
        try:
            with db.session() as s:
                preview = importing.preview_import(
                    session=s, actor=ctx.actor, path=path, round_id=args.round_id,
                    unit_id=unit_id, period=args.period or None)
            preview = preview.excluding(_skipped(preview, args))
            result = None
            if not args.preview and preview.can_commit:
                with db.session() as s:
                    result = importing.commit_import(session=s, actor=ctx.actor, preview=preview,
                                                   database_url=ctx.url, paths=ctx.paths)
        except UserFacingError as exc:
            if len(args.files) == 1:
                raise
            reports.append({"file": str(path), "error": str(exc)})
            print(f"错误:{path.name}:{exc}", file=sys.stderr)  # stdout keeps --json whole
            worst = _worse(worst, EXIT_REFUSED)
            continue
        worst = _worse(worst, _code(preview))
        annotated = None
        if args.annotate and preview.counts["errors"] + preview.counts["warnings"]:
            from jjjdesk.importing import annotated_name, write_annotated_copy

            # A folder's or zip's return: the copy goes beside the folder or zip.
            target = (None if preview.source is None
                      else path.parent / annotated_name(preview.path))
            annotated = write_annotated_copy(preview.path, preview.diagnostics, target)
        if args.json:
            reports.append(_json(preview, result, annotated))
        else:
            _print(preview, args.all)
            if result is not None:
                print(result.message)
                if result.backup_path:
                    print(f"导入前已备份数据库:{result.backup_path}")
            elif args.preview:
                print("(预览,未写入数据库)")
            if annotated:
                print(f"已写出标注错误的副本:{annotated}")
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2, default=str))
    return worst


def _code(preview: ImportPreview) -> int:
    if preview.fatal:
        return EXIT_REFUSED
    counts = preview.counts
    # Rows the user left out (--skip-…) are 不导入 by choice, not rejected by the rules.
    refused = sum(1 for r in preview.rows if r.status == REJECTED and EXCLUDED not in r.messages)
    if counts["errors"] or refused:
        return EXIT_ERRORS
    if preview.counts["warnings"]:
        return EXIT_WARNINGS
    return 0


def _print(preview: ImportPreview, everything: bool) -> None:
    print(f"文件:{preview.file_name}" + (f"(编码 {preview.encoding})" if preview.encoding else ""))
    if preview.period_label or preview.unit_name:
        print(f"期次:{preview.period_label or '—'}  单位:{preview.unit_name or '—'}"
              + ("  [jjjdesk 模板]" if preview.is_template else ""))
    for d in preview.diagnostics:
        if d.level != INFO or everything:
            value = f" 内容“{d.value}”" if d.value and d.level == ERROR else ""
            print(f"  {d.text()}{value}")
    for row in preview.rows:
        if row.status == "unchanged" and not everything:
            continue
        what = f"{row.code} {row.name}".strip()
        line = f"  {row.status_label} 第{row.row}行 {what}"
        if row.changes:
            line += ":" + ";".join(f"{c.label} {c.old or '(空)'} → {c.new or '(空)'}"
                                   for c in row.changes)
        print(line)
    if preview.evidence:
        print("佐证材料:")
        for f in preview.evidence:
            where = f" → 第{f.row}行 {f.what}" if f.row is not None else ""
            why = f"({f.message})" if f.message else ""
            print(f"  {f.status_label} {f.name}{where}{why}")
    print(preview.summary())


def _json(preview: ImportPreview, result, annotated) -> dict:
    return {
        "file": str(preview.source or preview.path), "hash": preview.file_hash,
        "period": preview.period_key,
        "unit": preview.unit_name, "template": preview.is_template, "fatal": preview.fatal,
        "counts": preview.counts, "batch_id": result.batch_id if result else None,
        "diagnostics": [d.to_json() for d in preview.diagnostics],
        "rows": [{"status": r.status, "sheet": r.sheet, "row": r.row, "kind": r.kind,
                  "id": r.record_id, "code": r.code, "name": r.name, "period": r.period_key,
                  "changes": [[c.field, c.old, c.new] for c in r.changes],
                  "messages": list(r.messages)} for r in preview.rows],
        "annotated": str(annotated) if annotated else None,
        "files": [{"name": f.name, "size": f.size, "status": f.status, "sheet": f.sheet,
                   "row": f.row, "item": f.what, "message": f.message}
                  for f in preview.evidence],
        "attached": result.attached if result else 0,
    }


def _undo(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        print(importing.undo_import(session=s, actor=ctx.actor, batch_id=args.batch))
    return 0


def _import_registry(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.importing import preview_registry_import

    db = ctx.db()
    with db.session() as s:
        preview = preview_registry_import(session=s, actor=ctx.actor, path=args.file)
    result = None
    if not args.preview and preview.can_commit:
        with db.session() as s:
            result = importing.commit_import(session=s, actor=ctx.actor, preview=preview,
                                           database_url=ctx.url, paths=ctx.paths)
    if args.json:
        print(json.dumps(_json(preview, result, None), ensure_ascii=False, indent=2, default=str))
    else:
        _print(preview, args.all)
        print(result.message if result else "(预览,未写入数据库)" if args.preview else "")
    return _code(preview)


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        batches = importing.list_batches(session=s)
    if not batches:
        print("还没有导入批次。")
    for b in batches:
        state = f"已撤销({b.undone_by})" if b.undone_at else "有效"
        c = b.counts
        print(f"{b.id}\t{b.created_at:%Y-%m-%d %H:%M}\t{b.actor}\t{b.file_name}\t"
              f"新增{c.get('new', 0)} 修改{c.get('changed', 0)}\t{state}")
    return 0


def _skipped(preview, args: argparse.Namespace) -> set[tuple[str, int]]:
    """The rows `--skip-hidden` and `--skip-row` leave out of `preview`."""
    rows = preview.hidden_rows() if args.skip_hidden else set()
    sheets = {r.sheet for r in preview.rows}
    for spec in args.skip_row:
        sheet, _, number = spec.rpartition("!")
        if not number.strip().isdigit():
            raise UserFacingError(f"行号“{spec}”不正确,应写成 12 或 进展情况!12。")
        rows |= {(name, int(number)) for name in ([sheet] if sheet else sheets)}
    return rows
