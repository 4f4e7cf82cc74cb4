"""The PDF brief of a meeting pack: lights, red and yellow items, problems, missing units.

`build_brief` gathers plain data (testable without a PDF); `write_brief_pdf` draws it with
fpdf2 and an embedded CJK font (no Qt below the GUI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Light, ProblemKind, ProblemState
from jjjdesk.domain.lag import SEVERITY
from jjjdesk.domain.models import KeyTask, Project, RoundItem, Unit
from jjjdesk.domain.period import Period, chinese_date
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.excel.ledger_data import resolve_period
from jjjdesk.excel.lights import lights_for
from jjjdesk.files import atomic_path
from jjjdesk.reports.fonts import FontChoice, find_cjk_font
from jjjdesk.services import lag

COUNTED = (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY, Light.NONE)


@dataclass(frozen=True)
class FlaggedItem:
    kind_label: str
    code: str
    name: str
    unit: str
    light: str
    light_label: str
    reason: str
    change: str = ""  # against the previous round of the same kind
    subject: SubjectRef | None = None  # which task or project (the pack's 佐证材料)


@dataclass(frozen=True)
class ProblemLine:
    unit: str
    subject: str
    description: str
    state_label: str
    raised: str
    due: str = ""  # 办结时限 as 2026年12月31日, "" when none was set
    overdue: bool = False


@dataclass(frozen=True)
class MissingUnit:
    unit: str
    state_label: str
    progress: str
    contact: str


@dataclass(frozen=True)
class Investment:
    """The projects' investment of the year up to the period, as the 总览 page counts it."""

    year: int
    planned_annual: float  # 亿元, sum of 年度计划投资
    planned_to_date: float  # the plan spread evenly up to the period's end
    completed: float  # sum of 本期完成投资 this year up to the period
    #: the year's periods up to this one, for the chart: label, completed and planned to date
    months: tuple[tuple[str, float, float], ...] = ()

    @property
    def share_of_annual(self) -> float | None:
        return self.completed / self.planned_annual * 100 if self.planned_annual else None


@dataclass
class Brief:
    title: str
    period_label: str
    round_name: str
    generated: date
    counts: dict[str, dict[str, int]]  # "重点任务"/"重点项目" → light code → count
    flagged: list[FlaggedItem] = field(default_factory=list)
    problems: list[ProblemLine] = field(default_factory=list)
    missing: list[MissingUnit] | None = None  # None: no round, so nobody "has not reported"
    units_total: int = 0  # units in the round
    previous_counts: dict[str, dict[str, int]] | None = None  # the period before, same items
    previous_label: str = ""
    investment: Investment | None = None
    #: each unit of the round: (name, entries sent, entries asked), for the rate chart
    unit_rates: list[tuple[str, int, int]] = field(default_factory=list)


def _subjects(session: Session, round_id: int | None) -> list[SubjectRef]:
    if round_id is not None:
        items = session.exec(select(RoundItem).where(RoundItem.round_id == round_id)
                             .order_by(RoundItem.sort_order, RoundItem.id))
        return [SubjectRef.of(i) for i in items]
    refs = [SubjectRef.task(i) for i in session.exec(
        select(KeyTask.id).where(col(KeyTask.parent_id).is_(None)).order_by(KeyTask.number))]
    refs += [SubjectRef.project(i) for i in session.exec(
        select(Project.id).order_by(Project.code))]
    return refs


def _names(session: Session, refs: list[SubjectRef]) -> dict[SubjectRef, tuple[str, str, str]]:
    units = dict(session.exec(select(Unit.id, Unit.name)).all())
    out: dict[SubjectRef, tuple[str, str, str]] = {}
    tasks = {t.id: t for t in session.exec(select(KeyTask))}
    for ref in refs:
        if ref.kind == "task":
            t = tasks[ref.id]
            parent = tasks.get(t.parent_id) if t.parent_id else None
            code = f"{parent.number}.{t.number}" if parent else str(t.number)
            out[ref] = (code, t.title, units.get(t.lead_unit_id, ""))
    ids = [r.id for r in refs if r.kind == "project"]
    for p in session.exec(select(Project).where(col(Project.id).in_(ids))):
        out[SubjectRef.project(p.id)] = (p.code, p.name,
                                         units.get(p.lead_unit_id or p.district_id, ""))
    return out


def build_brief(*, session: Session, period: Period | None = None, round_id: int | None = None,
                today: date | None = None) -> Brief:
    """What the brief says, as plain data."""
    today = today or date.today()
    period, rnd = resolve_period(session, period, round_id)
    refs = _subjects(session, rnd.id if rnd else None)
    lights = lights_for(session=session, subjects=refs, period=period, today=today)
    names = _names(session, refs)
    changes = lag.light_changes(session=session, round_id=rnd.id, today=today) if (
        rnd is not None and rnd.id is not None) else {}
    counts = {kind: {light.value: 0 for light in COUNTED} for kind in ("重点任务", "重点项目")}
    flagged = []
    for ref in refs:
        judged = lights[ref]
        counts[ref.kind_label][judged.light.value] += 1
        if judged.light in (Light.RED, Light.YELLOW):
            code, name, unit = names[ref]
            flagged.append(FlaggedItem(ref.kind_label, code, name, unit, judged.light.value,
                                       judged.light.label, judged.explanation,
                                       changes.get(ref, ""), ref))
    flagged.sort(key=lambda f: (SEVERITY[Light(f.light)], f.kind_label != "重点任务", f.code))
    before = period.previous()
    previous = {kind: {light.value: 0 for light in COUNTED} for kind in counts}
    for ref, was in lights_for(session=session, subjects=refs, period=before,
                               today=today).items():
        previous[ref.kind_label][was.light.value] += 1
    brief = Brief(
        title=f"{period.label}京津冀协同发展重点任务推进情况简报",
        period_label=period.label, round_name=rnd.name if rnd else "", generated=today,
        counts=counts, flagged=flagged, problems=_problems(session, names, today),
        previous_counts=previous, previous_label=before.label,
        investment=_investment(session, period, today),
    )
    if rnd is not None:
        brief.missing, brief.units_total, brief.unit_rates = _missing(session, rnd.id, today)
    return brief


def _investment(session: Session, period: Period, today: date) -> Investment | None:
    from jjjdesk.services.dashboard.filters import DashboardFilter, dashboard_context
    from jjjdesk.services.dashboard.investment_series import investment

    ctx = dashboard_context(session=session, today=today,
                            filters=DashboardFilter(period_key=period.key))
    series = investment(session=session, ctx=ctx)
    if not series.period_keys:
        return None
    return Investment(series.year, series.planned_annual, series.planned_cumulative[-1],
                      series.completed_cumulative[-1],
                      tuple(zip(series.period_labels, series.completed_cumulative,
                                series.planned_cumulative, strict=True)))


def _problems(session: Session, names: dict[SubjectRef, tuple[str, str, str]], today: date
              ) -> list[ProblemLine]:
    from jjjdesk.services import problems

    rows = problems.list_problems(
        session=session, state=(ProblemState.PENDING.value, ProblemState.IN_PROGRESS.value),
        kind=ProblemKind.COORDINATION.value, limit=10_000)
    out = []
    for p in rows:
        subject = ""
        if p.subject is not None:
            code, name, _unit = names.get(p.subject) or ("", "", "")
            subject = f"{p.subject.kind_label} {code} {name}".strip()
        raised = Period.from_key(p.raised_period_key).label if p.raised_period_key else ""
        due = chinese_date(p.due_date) if p.due_date else ""
        out.append(ProblemLine(p.owner_unit, subject, p.description, p.state_label, raised, due,
                               p.is_overdue(today)))
    return out


def _missing(session: Session, round_id: int, today: date
             ) -> tuple[list[MissingUnit], int, list[tuple[str, int, int]]]:
    from jjjdesk.services import board

    brd = board.round_board(session=session, round_id=round_id, today=today)
    return ([MissingUnit(r.unit_name, r.state_label, f"{r.submitted}/{r.total}",
                         " ".join(x for x in (r.contact_person, r.contact_phone) if x))
             for r in board.missing_units(brd)], len(brd.rows),
            [(r.unit_name, r.submitted, r.total) for r in brd.rows])


# ------------------------------------------------------------ document model


@dataclass(frozen=True)
class BriefTable:
    """A table of the brief; the first row is the header. `widths` are the PDF's columns
    in mm (the .docx scales them to its text width); `lights` gives a light code per row
    for the column `light_col` (the 灯 cell is tinted red or yellow)."""

    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]
    light_col: int | None = None
    lights: list[str | None] | None = None


@dataclass(frozen=True)
class BriefFigure:
    """A chart of the brief: `kind` names what `reports.charts` draws from the brief
    (lights, rates, investment); both writers embed the same PNG at `width_mm`."""

    kind: str
    caption: str
    width_mm: float = 150


Block = str | BriefTable | BriefFigure


@dataclass(frozen=True)
class BriefSection:
    heading: str
    blocks: list[Block]  # paragraphs, tables and figures in reading order
    level: int = 1


def brief_subtitle(brief: Brief) -> str:
    line = f"统计期次:{brief.period_label}"
    if brief.round_name:
        line += f"　　填报批次:{brief.round_name}"
    return line + f"　　生成日期:{chinese_date(brief.generated)}"


def _yi(value: float) -> str:
    """亿元 as the office writes them: two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _change(now: int, before: int) -> str:
    if now == before:
        return "持平"
    return f"增加{now - before}项" if now > before else f"减少{before - now}项"


def brief_summary(brief: Brief) -> list[str]:
    """The opening prose, written from the same figures as the tables below it."""
    total = {kind: sum(c.values()) for kind, c in brief.counts.items()}
    by_light = {li: sum(c[li.value] for c in brief.counts.values()) for li in COUNTED}
    lights = "、".join(f"{li.label}{by_light[li]}项" for li in COUNTED if by_light[li])
    text = (f"{brief.period_label},纳入调度的重点任务{total['重点任务']}项、"
            f"重点项目{total['重点项目']}项,其中{lights or '均无评价'}。")
    if brief.previous_counts is not None:
        before = {li: sum(c[li.value] for c in brief.previous_counts.values())
                  for li in (Light.RED, Light.YELLOW)}
        red = _change(by_light[Light.RED], before[Light.RED])
        yellow = _change(by_light[Light.YELLOW], before[Light.YELLOW])
        text += f"与{brief.previous_label}相比,红灯{red}、黄灯{yellow}。"
    paragraphs = [text]
    if brief.missing is not None and brief.units_total:
        sent = brief.units_total - len(brief.missing)
        rate = f"{sent / brief.units_total * 100:.1f}".rstrip("0").rstrip(".")
        line = (f"{brief.round_name}应报送单位{brief.units_total}个,已报送{sent}个,"
                f"报送率{rate}%")
        if brief.missing:
            names = "、".join(m.unit for m in brief.missing[:5])
            more = f"等{len(brief.missing)}个单位" if len(brief.missing) > 5 else ""
            line += f";{names}{more}尚未报送。"
        else:
            line += "。"
        paragraphs.append(line)
    inv = brief.investment
    if inv is not None and (inv.planned_annual or inv.completed):
        line = f"{inv.year}年重点项目累计完成投资{_yi(inv.completed)}亿元"
        if inv.share_of_annual is not None:
            line += (f",占年度计划投资{_yi(inv.planned_annual)}亿元的"
                     f"{inv.share_of_annual:.1f}%(按时序应完成{_yi(inv.planned_to_date)}亿元)")
        paragraphs.append(line + "。")
    if brief.problems:
        units: dict[str, int] = {}
        for p in brief.problems:
            units[p.unit or "未明确责任单位"] = units.get(p.unit or "未明确责任单位", 0) + 1
        top = sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        overdue = sum(p.overdue for p in brief.problems)
        paragraphs.append(f"需协调解决的问题{len(brief.problems)}项"
                          + (f"(其中{overdue}项超过办结时限)" if overdue else "")
                          + ",主要涉及" + "、".join(f"{u}({n}项)" for u, n in top) + "。")
    return paragraphs


def brief_sections(brief: Brief) -> list[BriefSection]:
    """The brief's sections, once, for every writer (PDF and .docx show the same)."""
    lights = [Light(c) for c in brief.counts["重点任务"]]
    rows = [("类别", *(li.label for li in lights), "合计")]
    for kind, counts in brief.counts.items():
        rows.append((kind, *(str(counts[li.value]) for li in lights),
                     str(sum(counts.values()))))
    red = sum(c[Light.RED.value] for c in brief.counts.values())
    yellow = sum(c[Light.YELLOW.value] for c in brief.counts.values())
    overview: list[Block] = [*brief_summary(brief),
                                        BriefTable(rows, (30, 20, 20, 20, 20, 20, 20))]
    inv = brief.investment
    if inv is not None and (inv.planned_annual or inv.completed):
        share = f"{inv.share_of_annual:.1f}%" if inv.share_of_annual is not None else "—"
        overview.append(BriefTable(
            [("年度", "年度计划投资(亿元)", "按时序应完成(亿元)", "累计完成投资(亿元)",
              "占年度计划"),
             (f"{inv.year}年", _yi(inv.planned_annual), _yi(inv.planned_to_date),
              _yi(inv.completed), share)],
            (20, 40, 40, 40, 30)))
    overview.append(f"本期红灯事项 {red} 项、黄灯事项 {yellow} 项,具体如下。")
    out = [BriefSection("一、总体情况", overview)]

    flagged: list[Block] = ["无。"]
    if brief.flagged:
        # the change since the last round leads the reason (新增红灯;…), in the same columns
        rows = [("类型", "编号", "名称", "灯", "责任单位", "原因(较上期)")]
        rows += [(f.kind_label, f.code, f.name, f.light_label, f.unit,
                  ";".join(x for x in (f.change, f.reason) if x)) for f in brief.flagged]
        flagged = [BriefTable(rows, (16, 22, 44, 12, 26, 60), light_col=3,
                              lights=[None, *(f.light for f in brief.flagged)])]
    out.append(BriefSection("二、红灯、黄灯事项", flagged))

    problems: list[Block] = ["无。"]
    if brief.problems:
        rows = [("序号", "责任单位", "涉及事项", "需协调事项", "状态", "提出期次", "办结时限")]
        rows += [(str(i), p.unit, p.subject, p.description, p.state_label, p.raised,
                  p.due + ("(逾期)" if p.overdue else ""))
                 for i, p in enumerate(brief.problems, start=1)]
        problems = [BriefTable(rows, (10, 24, 38, 52, 14, 20, 26), light_col=6,
                               lights=[None, *("red" if p.overdue else None
                                               for p in brief.problems)])]
    out.append(BriefSection("三、需协调解决的问题", problems))

    if brief.missing is None:
        missing: list[Block] = ["未指定填报批次,不统计报送情况。"]
    elif brief.missing:
        rows = [("序号", "单位", "状态", "已报送/应报", "联系人")]
        rows += [(str(i), m.unit, m.state_label, m.progress, m.contact)
                 for i, m in enumerate(brief.missing, start=1)]
        missing = [BriefTable(rows, (12, 60, 22, 30, 56))]
    else:
        missing = ["各单位均已报送。"]
    out.append(BriefSection("四、未报送单位", missing))
    out.append(BriefSection("五、统计图表", brief_figures(brief)))
    return out


def brief_figures(brief: Brief) -> list[Block]:
    """The charts the brief carries: lights by kind always, the reporting rate by unit when
    a round is reported, the investment over the year's periods when there is one."""
    figures: list[Block] = [BriefFigure("lights", "图1 各类事项亮灯情况")]
    if brief.unit_rates:
        figures.append(BriefFigure("rates", f"图{len(figures) + 1} 各单位报送率"))
    inv = brief.investment
    if inv is not None and inv.months and (inv.planned_annual or inv.completed):
        figures.append(BriefFigure("investment",
                                   f"图{len(figures) + 1} {inv.year}年重点项目累计完成投资"))
    return figures


# --------------------------------------------------------------------- PDF

_FILLS = {"red": (255, 199, 206), "yellow": (255, 235, 156)}


def write_brief_pdf(path: Path | str, brief: Brief, font: FontChoice | None = None) -> Path:
    """Draw the brief on A4 portrait pages with page numbers; written atomically."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font = font or find_cjk_font()
    path = Path(path)

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(font.family, size=9)
            self.cell(0, 8, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")

    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_title(brief.title)
    pdf.set_creator("jjjdesk")
    pdf.add_font(font.family, fname=str(font.path), collection_font_number=font.index)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font(font.family, size=18)
    pdf.multi_cell(0, 10, brief.title, align="C", new_x="LMARGIN", new_y="NEXT",
                   wrapmode="CHAR")
    pdf.set_font(font.family, size=10)
    pdf.cell(0, 8, brief_subtitle(brief), align="C", new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(emphasis="", fill_color=(217, 225, 242))

    def table(t: BriefTable) -> None:
        with pdf.table(col_widths=t.widths, headings_style=heading, wrapmode="CHAR",
                       text_align="LEFT", line_height=5.5, padding=1) as ft:
            for i, values in enumerate(t.rows):
                row = ft.row()
                for j, v in enumerate(values):
                    fill = (_FILLS.get(t.lights[i] or "") if t.lights and j == t.light_col
                            and i > 0 else None)
                    row.cell(v, style=FontFace(fill_color=fill) if fill else None)

    def figure(f: BriefFigure) -> None:
        import io

        from jjjdesk.reports.charts import chart_png

        png = chart_png(brief, f)
        width = min(f.width_mm, pdf.epw)
        # keep the caption with its chart: the image's height from its pixel size
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            height = width * im.height / im.width
        if height > 200:  # a tall chart (many units) still fits one page with its caption
            width, height = width * 200 / height, 200
        if pdf.will_page_break(height + 8):
            pdf.add_page()
        pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
        pdf.set_font(font.family, size=9.5)
        pdf.cell(0, 6, f.caption, align="C", new_x="LMARGIN", new_y="NEXT")

    for sec in brief_sections(brief):
        pdf.ln(3)
        pdf.set_font(font.family, size=13)
        pdf.cell(0, 9, sec.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font.family, size=9.5)
        after_table = False
        for block in sec.blocks:
            if isinstance(block, BriefFigure):
                figure(block)
                after_table = True
                continue
            if isinstance(block, BriefTable):
                table(block)
                after_table = True
                continue
            if after_table:
                pdf.ln(2)
            pdf.multi_cell(0, 6 if after_table else 7, block, new_x="LMARGIN",
                           new_y="NEXT", wrapmode="CHAR")

    with atomic_path(path) as tmp:
        pdf.output(str(tmp))
    return path
