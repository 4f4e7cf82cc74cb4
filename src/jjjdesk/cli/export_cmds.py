"""`jjjdesk-cli export ledger|templates|pack|brief|reminders|supervision|scorecard`: Excel
ledgers and templates, the brief, the meeting pack, the 催报通知/督办通知单 Word documents and
the 红黑榜."""

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
    pack.add_argument("--with-attachments", action="store_true",
                      help="附红灯事项的佐证材料(每个事项一个文件夹,另附清单)")
    brief = what.add_parser("brief", parents=[db_option], help="生成简报(.docx 或 .pdf)")
    when(brief)
    brief.add_argument("--format", dest="fmt", metavar="docx|pdf",
                       help="docx 或 pdf;省略时按输出文件扩展名,默认 docx")
    brief.add_argument("--out", required=True, type=Path, help="输出文件 .docx 或 .pdf")
    brief.add_argument("--issue", type=int, default=1, help="期号(第N期),默认 1")
    brief.add_argument("--issuer", help="编发单位,默认“京津冀协同发展领导小组办公室”")
    reminders = what.add_parser("reminders", parents=[db_option],
                                help="为未报送的单位各生成一份催报通知(.docx)")
    reminders.add_argument("--round", type=int, dest="round_id", required=True,
                           help="填报批次编号")
    supervision = what.add_parser("supervision", parents=[db_option],
                                  help="按责任单位生成督办通知单(.docx)")
    chosen = supervision.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--problem", type=int, action="append", dest="problem_ids",
                        help="问题编号(可重复)")
    chosen.add_argument("--overdue", action="store_true", help="所有超过办结时限的未办结问题")
    from jjjdesk.cli.scorecard_cmds import add_span_options

    scorecard = what.add_parser("scorecard", parents=[db_option], help="导出红黑榜(.xlsx)")
    add_span_options(scorecard)
    scorecard.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx")
    for p in (reminders, supervision):
        p.add_argument("--out", required=True, type=Path, help="输出文件夹")
        p.add_argument("--today", type=day, help="通知日期(YYYY-MM-DD),默认今天")
        p.add_argument("--reply-by", type=day, help="要求报送或反馈的日期(YYYY-MM-DD)")
        p.add_argument("--contact", default="", help="协同办联系人及电话")
        p.add_argument("--issuer", default="",
                       help="落款单位,默认“京津冀协同发展领导小组办公室”")
        p.add_argument("--json", action="store_true", help="以 JSON 列出生成的文件")


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
    elif args.what in ("reminders", "supervision"):
        _notices(args, ctx)
    elif args.what == "scorecard":
        from jjjdesk.cli.scorecard_cmds import build
        from jjjdesk.excel.scorecard_sheet import export_scorecard

        card = build(args, ctx)
        result = export_scorecard(args.out, card, today=args.today)
        print(f"已导出红黑榜:{result.path}({result.rows} 个单位,{len(card.rounds)} 个已关闭批次)")
    else:
        from jjjdesk.reports.pack import export_pack

        with db.session() as s:
            result = export_pack(session=s, folder=args.out, period=_period(args.period),
                                 round_id=args.round_id, today=args.today,
                                 with_attachments=args.with_attachments)
        print(f"已生成会议材料:{result.folder}")
        for p in result.files:
            print(f"  {p.relative_to(result.folder)}")
        if result.attachments is not None:
            print(result.attachments_text())
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


def _notices(args: argparse.Namespace, ctx: CliContext) -> None:
    import json
    from datetime import date

    from jjjdesk.reports.notices_docx import write_notices
    from jjjdesk.services import board, notices, problem_tracking
    from jjjdesk.services.permissions import may_write_registry

    today = args.today or date.today()
    options = {"today": today, "reply_by": args.reply_by, "contact": args.contact,
               "issuer": args.issuer}
    with ctx.db().session() as s:
        if args.what == "reminders":
            made = notices.reminder_notices(session=s, round_id=args.round_id, **options)
        else:
            ids = args.problem_ids or [
                p.id for p in problem_tracking.overdue_problems(session=s, today=today)]
            made = notices.supervision_notices(session=s, problem_ids=ids, **options)
    paths = write_notices(args.out, made)
    if args.what == "reminders" and paths:
        with ctx.db().session() as s:
            actor = ctx.acting(s)
            if may_write_registry(actor):  # 催报记录: the notices went out through this channel
                board.mark_reminded(session=s, actor=actor, round_id=args.round_id, today=today,
                                    channel="notice")
    if args.json:
        print(json.dumps([{"file": str(p), "unit": n.addressee, "kind": n.kind,
                           "items": len(n.table), "reply_by": str(n.reply_by or "")}
                          for p, n in zip(paths, made, strict=True)], ensure_ascii=False))
        return
    label = made[0].kind_label
    print(f"已生成 {len(paths)} 份{label}:{args.out}")
    for p, n in zip(paths, made, strict=True):
        print(f"  {p.name}({len(n.table)} 项)")
