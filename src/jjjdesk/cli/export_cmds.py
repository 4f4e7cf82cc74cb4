"""`jjjdesk-cli export ledger|templates|pack|brief`: Excel, brief and meeting-pack exports."""

from __future__ import annotations

import argparse
from pathlib import Path

from jjjdesk.cli.arg_types import day
from jjjdesk.cli.context import CliContext
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.services.query import ListQuery

BRIEF_FORMATS = ("docx", "pdf")


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    export = sub.add_parser("export", parents=[db_option], help="导出台账、填报模板或会议材料")
    export.set_defaults(handler=_run)
    what = export.add_subparsers(dest="what", required=True, metavar="WHAT")

    def when(p: argparse.ArgumentParser) -> None:
        p.add_argument("--period", help="统计期次,如 2024-03、2024年3月、2024Q1")
        p.add_argument("--round", type=int, dest="round_id", help="填报批次编号")
        p.add_argument("--today", type=day, help="按此日期评价红黄绿灯(YYYY-MM-DD)")

    ledger = what.add_parser("ledger", parents=[db_option], help="导出台账(.xlsx)")
    ledger.add_argument("--kind", choices=("projects", "tasks"), default="projects")
    when(ledger)
    ledger.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx")
    ledger.add_argument("--search", default="", help="与列表页相同的筛选文字")
    ledger.add_argument("--split", action="store_true", help="每个类别一个工作表")
    ledger.add_argument("--no-indicators", action="store_true", help="不附目标指标表")
    ledger.add_argument("--include-drafts", action="store_true", help="包含草稿和退回的填报")
    templates = what.add_parser("templates", parents=[db_option], help="生成各单位填报模板")
    templates.add_argument("--round", type=int, dest="round_id", required=True)
    templates.add_argument("--out", required=True, type=Path, help="输出文件夹")
    templates.add_argument("--unit", type=int, action="append", dest="unit_ids",
                           help="只生成该单位(编号,可重复)")
    pack = what.add_parser("pack", parents=[db_option], help="生成季调度会材料文件夹")
    when(pack)
    pack.add_argument("--out", required=True, type=Path, help="输出文件夹")
    brief = what.add_parser("brief", parents=[db_option], help="生成简报(.docx 或 .pdf)")
    when(brief)
    brief.add_argument("--format", dest="fmt", metavar="docx|pdf",
                       help="docx 或 pdf;省略时按输出文件扩展名,默认 docx")
    brief.add_argument("--out", required=True, type=Path, help="输出文件 .docx 或 .pdf")
    brief.add_argument("--issue", type=int, default=1, help="期号(第N期),默认 1")
    brief.add_argument("--issuer", help="编发单位,默认“京津冀协同发展领导小组办公室”")



def _period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from None


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.db()
    if args.what == "ledger":
        from jjjdesk.excel.ledger import export_ledger

        with db.session() as s:
            result = export_ledger(
                session=s, path=args.out, kind=args.kind, period=_period(args.period),
                round_id=args.round_id, query=ListQuery(text=args.search),
                split_by_category=args.split, include_indicators=not args.no_indicators,
                include_drafts=args.include_drafts, today=args.today,
            )
        print(f"已导出台账:{result.path}({result.rows} 行,工作表:{'、'.join(result.sheets)})")
        for warning in result.warnings:
            print(f"注意:{warning}")
    elif args.what == "templates":
        from jjjdesk.excel.templates import export_templates

        with db.session() as s:
            paths = export_templates(session=s, round_id=args.round_id, folder=args.out,
                                     unit_ids=args.unit_ids)
        print(f"已生成 {len(paths)} 个填报模板:{args.out}")
        for p in paths:
            print(f"  {p.name}")
    elif args.what == "brief":
        _brief(args, ctx)
    else:
        from jjjdesk.reports.pack import export_pack

        with db.session() as s:
            result = export_pack(session=s, folder=args.out, period=_period(args.period),
                                 round_id=args.round_id, today=args.today)
        print(f"已生成会议材料:{result.folder}")
        for p in result.files:
            print(f"  {p.name}")
    return 0


def _brief_format(fmt: str | None, out: Path) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if fmt is not None and fmt.lower() not in BRIEF_FORMATS:
        raise UserFacingError(f"简报格式应为 docx 或 pdf:“{fmt}”")
    fmt = fmt.lower() if fmt else None
    if fmt is None:
        return suffix if suffix in BRIEF_FORMATS else "docx"
    if suffix and suffix != fmt:
        raise UserFacingError(f"输出文件扩展名“.{suffix}”与格式 {fmt} 不符,请使用 .{fmt}")
    return fmt


def _brief(args: argparse.Namespace, ctx: CliContext) -> None:
    from jjjdesk.reports.brief import build_brief

    fmt = _brief_format(args.fmt, args.out)
    out = args.out if args.out.suffix else args.out.with_suffix(f".{fmt}")
    if args.issue < 1:
        raise UserFacingError(f"期号应为正整数:{args.issue}")
    with ctx.db().session() as s:
        brief = build_brief(session=s, period=_period(args.period), round_id=args.round_id,
                            today=args.today)
    if fmt == "docx":
        from jjjdesk.reports.brief_docx import DEFAULT_ISSUER, write_brief_docx

        write_brief_docx(out, brief, issue_no=args.issue, issuer=args.issuer or DEFAULT_ISSUER)
    else:
        from jjjdesk.reports.brief import write_brief_pdf

        write_brief_pdf(out, brief)
    print(f"已生成简报:{out}")
