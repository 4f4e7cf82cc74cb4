"""The meeting brief as a Word .docx in 简报 style (GB/T 9704-2012): masthead, 期号, red rule, 版记.

Draws the same `brief_sections` as the PDF writer; nothing is computed here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jjjdesk.errors import UserFacingError

# atomic_path and chinese_date live in excel (issue 13 moves them down); taken through the
# brief module so no new reports -> excel import is added.
from jjjdesk.reports.brief import (
    Brief,
    BriefTable,
    atomic_path,
    brief_sections,
    brief_subtitle,
    chinese_date,
)

MASTHEAD = "京津冀协同发展工作简报"
DEFAULT_ISSUER = "京津冀协同发展领导小组办公室"
DEFAULT_COPY_TO = "领导小组各成员单位。"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"  # page numbers: 4号半角宋体 (GB/T 9704 7.5)
#: Written into the font table as w:altName: Word and WPS use it where the font is missing
#: (office PCs often lack the 方正 and _GB2312 faces).
FALLBACKS = {TITLE_FONT: "黑体", BODY_FONT: "仿宋", H2_FONT: "楷体", H1_FONT: "SimHei",
             NUMBER_FONT: "SimSun"}

RED = RGBColor(0xFF, 0x00, 0x00)
TEXT_WIDTH_MM = 210 - 28 - 26
_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C"}
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Chinese size names in points: 初号 42, 小初 36, 2号 22, 3号 16, 4号 14, 五号 10.5
_STYLES = {  # name: (font, size pt, alignment, first-line indent pt)
    "简报报头": (TITLE_FONT, 42, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报期号": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报标题": (TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报副题": (H2_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "一级标题": (H1_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, 32),
    "二级标题": (H2_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, 32),
    "简报正文": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 32),
    "简报表格": (BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "简报表头": (H1_FONT, 10.5, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "版记": (BODY_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "页码": (NUMBER_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, 0),
}


def _set_font(element, name: str) -> None:
    """Name the font for Latin and East Asian text alike: python-docx's font.name sets only
    w:ascii/w:hAnsi, and Word picks Chinese glyphs from w:eastAsia. Theme attributes
    would override the names, so they go."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)


def _setup_styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in _THEME_ATTRS:
                fonts.attrib.pop(qn(f"w:{attr}"), None)
            fonts.set(qn("w:eastAsia"), BODY_FONT)
    normal = doc.styles["Normal"]
    _set_font(normal.element, BODY_FONT)
    normal.font.size = Pt(16)
    for name, (font, size, align, indent) in _STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _set_font(style.element, font)
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Pt(indent)
        fmt.space_before = fmt.space_after = Pt(0)
        if size >= 14 and name not in ("简报报头", "简报标题"):
            # 固定值 28 磅: about 22 lines of 3号 text on the GB/T 9704 type area
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(28)
        if name in ("一级标题", "二级标题"):
            fmt.keep_with_next = True
    doc.styles["简报报头"].font.color.rgb = RED
    doc.styles["简报标题"].paragraph_format.space_before = Pt(16)
    doc.styles["简报标题"].paragraph_format.space_after = Pt(8)


def _font_fallbacks(doc) -> None:
    from lxml import etree

    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        for name, alt in FALLBACKS.items():
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
            etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
            etree.SubElement(font, qn("w:family"), {qn("w:val"): "auto"})
            etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


def _para(container, text: str, style: str, color: RGBColor | None = None):
    par = container.add_paragraph(style=style)
    if text:
        _run(par, text, style, color)
    return par


def _run(par, text: str, style: str, color: RGBColor | None = None):
    run = par.add_run(text)
    _set_font(run._element, _STYLES[style][0])  # on the run too: WPS reads run fonts first
    if color is not None:
        run.font.color.rgb = color
    return run


def _border(par, side: str, eighths: int, color: str) -> None:
    ppr = par._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(
            bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
            "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
            "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
            "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
            "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
            "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", "1"),
                       ("color", color)):
        line.set(qn(f"w:{key}"), value)
    bdr.append(line)


def _right_tab(par) -> None:
    par.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


def _page_number(section) -> None:
    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(par, "— ", "页码")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                       ("text", "1"), ("end", None)):
        run = _run(par, text if kind == "text" else "", "页码")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind != "text":
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
    _run(par, " —", "页码")
    for run in par.runs:
        run.font.size = Pt(14)


def _table(doc, t: BriefTable) -> None:
    cols = len(t.rows[0])
    table = doc.add_table(rows=0, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    scale = TEXT_WIDTH_MM / sum(t.widths)
    widths = [Mm(w * scale) for w in t.widths]
    for i, values in enumerate(t.rows):
        row = table.add_row()
        if i == 0:  # the header repeats on every page the table runs onto
            flag = OxmlElement("w:tblHeader")
            row._tr.get_or_add_trPr().append(flag)
        for j, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[j]
            style = "简报表头" if i == 0 else "简报表格"
            par = cell.paragraphs[0]
            par.style = doc.styles[style]
            _run(par, value, style)
            fill = "D9E1F2" if i == 0 else (
                _FILLS.get(t.lights[i] or "") if t.lights and j == t.light_col else None)
            if fill:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), fill)
                cell._tc.get_or_add_tcPr().append(shd)


def write_brief_docx(path: Path | str, brief: Brief, *, issue_no: int = 1,
                     issuer: str = DEFAULT_ISSUER, copy_to: str = DEFAULT_COPY_TO,
                     issued: date | None = None) -> Path:
    """Write the brief as .docx (A4, GB/T 9704 margins, "— N —" page numbers); atomic."""
    if issue_no < 1:
        raise UserFacingError(f"期号应为正整数:{issue_no}")
    issued = issued or brief.generated
    path = Path(path)
    doc = Document()
    doc.core_properties.title = brief.title
    doc.core_properties.author = issuer
    _setup_styles(doc)
    _font_fallbacks(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    _page_number(section)

    body = doc.paragraphs[0] if doc.paragraphs else None
    masthead = _para(doc, MASTHEAD, "简报报头", RED)
    if body is not None:  # the template's empty first paragraph
        body._p.getparent().remove(body._p)
    masthead.paragraph_format.space_after = Pt(12)
    _para(doc, f"第{issue_no}期", "简报期号")
    rule = _para(doc, f"{issuer}\t{chinese_date(issued)}", "简报期号")
    rule.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _right_tab(rule)
    _border(rule, "bottom", 18, "FF0000")  # the red rule, 2.25 pt

    _para(doc, brief.title, "简报标题")
    _para(doc, brief_subtitle(brief), "简报副题")
    for sec in brief_sections(brief):
        _para(doc, sec.heading, "一级标题" if sec.level == 1 else "二级标题")
        for block in sec.blocks:
            if isinstance(block, BriefTable):
                _table(doc, block)
            else:
                _para(doc, block, "简报正文")

    # 版记: 抄送 and 印发 between a thick first and last rule and a thin one in between
    gap = _para(doc, "", "版记")
    gap.paragraph_format.space_before = Pt(28)
    cc = _para(doc, f"抄送:{copy_to}", "版记")
    cc.paragraph_format.left_indent = Pt(14)
    cc.paragraph_format.right_indent = Pt(14)
    _border(cc, "top", 8, "000000")
    _border(cc, "bottom", 4, "000000")
    out = _para(doc, f"{issuer}\t{chinese_date(issued)}印发", "版记")
    out.paragraph_format.left_indent = Pt(14)
    out.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(14),
                                                WD_TAB_ALIGNMENT.RIGHT)
    _border(out, "bottom", 8, "000000")

    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path
