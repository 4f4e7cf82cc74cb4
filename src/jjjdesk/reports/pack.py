"""季调度会材料: one folder with the ledgers, the dashboard's charts and the PDF brief."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.excel.ledger import export_ledger
from jjjdesk.excel.ledger_data import resolve_period
from jjjdesk.excel.safety import safe_filename
from jjjdesk.progress import CancelFlag, ProgressFn
from jjjdesk.reports.brief import build_brief, write_brief_pdf
from jjjdesk.reports.charts import save_charts
from jjjdesk.reports.fonts import FontChoice
from jjjdesk.reports.pack_attachments import PackAttachments
from jjjdesk.services.scorecard import Scorecard

#: Draws the dashboard's charts into the folder it is given and returns the PNG files it
#: wrote (the GUI passes one; the CLI has none).
ChartRenderer = Callable[[Path], list[Path]]


@dataclass(frozen=True)
class PackResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    #: With `with_attachments`: the red items' files copied (count, bytes), else None.
    attachments: PackAttachments | None = None

    def attachments_text(self) -> str:
        """“红灯事项佐证材料 3 个,共 1.2 MB”, or "" when the pack was made without them."""
        a = self.attachments
        if a is None:
            return ""
        from jjjdesk.services.attachments import size_text

        damaged = f"({a.damaged} 个内容损坏,未导出)" if a.damaged else ""
        if not a.count and not a.damaged:
            return "本期红灯事项没有佐证材料"
        return f"红灯事项佐证材料 {a.count} 个,共 {size_text(a.size)}{damaged}"


def pack_folder_name(label: str) -> str:
    return safe_filename(f"{label}季调度会材料")


def pack_scorecard(session: Session, period: Period, round_id: int | None, today: date
                   ) -> Scorecard | None:
    """The 红黑榜 a meeting pack carries: the round's own when it is closed; else the
    period's closed rounds of its kind, or for a quarter or year its months'. None when
    nothing is closed yet (an open round is still being reported)."""
    from jjjdesk.errors import UserFacingError
    from jjjdesk.services.scorecard import scorecard

    tries: list[dict] = [{"round_ids": [round_id]}] if round_id is not None else [
        {"first": period}]
    if round_id is None and period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR):
        months = period.children(PeriodKind.MONTH)
        tries.append({"first": months[0], "last": months[-1]})
    for query in tries:
        try:
            return scorecard(session=session, today=today, **query)
        except UserFacingError:
            continue
    return None


def export_pack(*, session: Session, folder: Path | str, period: Period | None = None,
                round_id: int | None = None, charts: ChartRenderer | None = None,
                font: FontChoice | None = None, today: date | None = None,
                with_attachments: bool = False,
                progress: ProgressFn | None = None, cancel: CancelFlag | None = None
                ) -> PackResult:
    """Write the meeting pack into `folder` (created if needed): the projects and tasks
    ledgers, the 红黑榜 when the period has closed rounds (`pack_scorecard`), chart PNGs
    from `charts` (the GUI's dashboard) and the brief's own (`charts.save_charts`), and
    简报.pdf; `with_attachments`: the red items' 佐证材料 too, a folder per item with a list
    (`pack_attachments`). Returns the files in writing order.

    Progress is reported in steps (ledgers, charts, brief); `Cancelled` stops between
    and inside steps, leaving only complete files behind.
    """
    today = today or date.today()
    period, rnd = resolve_period(session, period, round_id)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    label = rnd.name if rnd is not None else period.label
    steps, files = 5 if with_attachments else 4, []

    def step(n: int) -> None:
        if cancel is not None and cancel.is_set():
            from jjjdesk.errors import Cancelled

            raise Cancelled("已取消")
        if progress is not None:
            progress(n, steps)

    step(0)
    for n, kind in enumerate(("projects", "tasks"), start=1):
        name = "重点项目台账" if kind == "projects" else "重点任务台账"
        result = export_ledger(session=session, path=folder / safe_filename(f"{label}{name}.xlsx"),
                               kind=kind, period=period, round_id=round_id,
                               include_indicators=kind == "projects", today=today,
                               cancel=cancel)
        files.append(result.path)
        step(n)
    card = pack_scorecard(session, period, rnd.id if rnd is not None else None, today)
    if card is not None:
        from jjjdesk.excel.scorecard_sheet import export_scorecard

        files.append(export_scorecard(folder / safe_filename(f"{label}红黑榜.xlsx"), card,
                                      today=today).path)
    brief = build_brief(session=session, period=period, round_id=round_id, today=today)
    chart_dir = folder / "图表"
    chart_dir.mkdir(exist_ok=True)
    if charts is not None:
        files += charts(chart_dir)
    # the brief's own charts (lights, reporting rate, investment): headless, CLI included
    files += save_charts(brief, chart_dir)
    step(3)
    files.append(write_brief_pdf(folder / safe_filename(f"{label}简报.pdf"), brief, font))
    step(4)
    extra = None
    if with_attachments:
        from jjjdesk.reports.pack_attachments import write_red_attachments

        extra = write_red_attachments(session, folder, brief.flagged, period,
                                      check=lambda: step(4))
        files += extra.files
        step(5)
    return PackResult(folder, files, extra)
