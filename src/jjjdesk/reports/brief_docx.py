"""The meeting brief as a Word .docx in 简报 style (GB/T 9704-2012): masthead, 期号, red rule, 版记.

Draws the same `brief_sections` as the PDF writer; nothing is computed here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from jjjdesk.domain.period import chinese_date
from jjjdesk.errors import UserFacingError
from jjjdesk.files import atomic_path
from jjjdesk.reports.brief import (
    Brief,
    BriefFigure,
    BriefTable,
    brief_sections,
    brief_subtitle,
)
from jjjdesk.reports.gongwen import (
    FILLS,
    RED,
    TEXT_WIDTH_MM,
    border,
    first_para,
    grid_table,
    new_document,
    para,
    right_tab,
    run,
)

MASTHEAD = "京津冀协同发展工作简报"
DEFAULT_ISSUER = "京津冀协同发展领导小组办公室"
DEFAULT_COPY_TO = "领导小组各成员单位。"


def _table(doc, t: BriefTable) -> None:
    def light(i: int, j: int) -> str | None:
        return FILLS.get(t.lights[i] or "") if t.lights and j == t.light_col else None

    grid_table(doc, t.rows, t.widths, light)


def _figure(doc, brief: Brief, f: BriefFigure) -> None:
    """The chart inline in a centred paragraph, its caption under it (kept together)."""
    import io

    from jjjdesk.reports.charts import chart_png

    holder = para(doc, "", "简报图")
    holder.paragraph_format.keep_with_next = True
    holder.add_run().add_picture(io.BytesIO(chart_png(brief, f)),
                                 width=Mm(min(f.width_mm, TEXT_WIDTH_MM)))
    para(doc, f.caption, "简报图题")


def write_brief_docx(path: Path | str, brief: Brief, *, issue_no: int = 1,
                     issuer: str = DEFAULT_ISSUER, copy_to: str = DEFAULT_COPY_TO,
                     issued: date | None = None) -> Path:
    """Write the brief as .docx (A4, GB/T 9704 margins, "— N —" page numbers); atomic."""
    if issue_no < 1:
        raise UserFacingError(f"期号应为正整数:{issue_no}")
    issued = issued or brief.generated
    path = Path(path)
    doc = new_document(brief.title, issuer)
    masthead = first_para(doc, MASTHEAD, "简报报头", RED)
    masthead.paragraph_format.space_after = Pt(12)
    para(doc, f"第{issue_no}期", "简报期号")
    rule = para(doc, f"{issuer}\t{chinese_date(issued)}", "简报期号")
    rule.alignment = WD_ALIGN_PARAGRAPH.LEFT
    right_tab(rule)
    border(rule, "bottom", 18, "FF0000")  # the red rule, 2.25 pt

    para(doc, brief.title, "简报标题")
    # one item a line: at 3号 the three items (about 48 characters) broke mid-word
    subtitle = para(doc, "", "简报副题")
    for i, item in enumerate(brief_subtitle(brief).split("　　")):
        if i:
            subtitle.runs[-1].add_break()
        run(subtitle, item, "简报副题")
    for sec in brief_sections(brief):
        para(doc, sec.heading, "一级标题" if sec.level == 1 else "二级标题")
        for block in sec.blocks:
            if isinstance(block, BriefFigure):
                _figure(doc, brief, block)
            elif isinstance(block, BriefTable):
                _table(doc, block)
            else:
                para(doc, block, "简报正文")

    # 版记: 抄送 and 印发 between a thick first and last rule and a thin one in between
    gap = para(doc, "", "版记")
    gap.paragraph_format.space_before = Pt(28)
    cc = para(doc, f"抄送:{copy_to}", "版记")
    cc.paragraph_format.left_indent = Pt(14)
    cc.paragraph_format.right_indent = Pt(14)
    border(cc, "top", 8, "000000")
    border(cc, "bottom", 4, "000000")
    out = para(doc, f"{issuer}\t{chinese_date(issued)}印发", "版记")
    out.paragraph_format.left_indent = Pt(14)
    out.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(14),
                                                WD_TAB_ALIGNMENT.RIGHT)
    border(out, "bottom", 8, "000000")

    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path
