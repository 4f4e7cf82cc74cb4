"""Word documents in 公文 style (GB/T 9704-2012): A4, its margins, 仿宋 3号 body, 黑体/楷体
headings, "— N —" page numbers, fonts named for East Asian text with fallbacks WPS and Word
use where the 方正/_GB2312 faces are missing. The brief and the notices share it.
"""

from __future__ import annotations

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

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
FILLS = {"red": "FFC7CE", "yellow": "FFEB9C"}
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Chinese size names in points: 初号 42, 小初 36, 2号 22, 3号 16, 4号 14, 五号 10.5
STYLES = {  # name: (font, size pt, alignment, first-line indent pt)
    # 小初: the 11 characters of the masthead at 初号 (462 pt) overrun the 156 mm (442 pt)
    # type area and wrapped "报" onto a line of its own.
    "简报报头": (TITLE_FONT, 36, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报期号": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报标题": (TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报副题": (H2_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "一级标题": (H1_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, 32),
    "二级标题": (H2_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, 32),
    "简报正文": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 32),
    "简报表格": (BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "简报表头": (H1_FONT, 10.5, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报图": (BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "简报图题": (H2_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "版记": (BODY_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "页码": (NUMBER_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "主送": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "落款": (BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT, 0),
}


def set_font(element, name: str) -> None:
    """Name the font for Latin and East Asian text alike: python-docx's font.name sets only
    w:ascii/w:hAnsi, and Word picks Chinese glyphs from w:eastAsia. Theme attributes
    would override the names, so they go."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)


def setup_styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in THEME_ATTRS:
                fonts.attrib.pop(qn(f"w:{attr}"), None)
            fonts.set(qn("w:eastAsia"), BODY_FONT)
        for lang in defaults.iter(qn("w:lang")):
            # python-docx's template says en-US: Word and WPS would spell-check the
            # 简报 as English and pick East Asian fonts for an English document.
            lang.set(qn("w:val"), "zh-CN")
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    set_font(normal.element, BODY_FONT)
    normal.font.size = Pt(16)
    for name, (font, size, align, indent) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        set_font(style.element, font)
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


def font_fallbacks(doc) -> None:
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


def para(container, text: str, style: str, color: RGBColor | None = None):
    par = container.add_paragraph(style=style)
    if text:
        run(par, text, style, color)
    return par


def run(par, text: str, style: str, color: RGBColor | None = None):
    r = par.add_run(text)
    set_font(r._element, STYLES[style][0])  # on the run too: WPS reads run fonts first
    if color is not None:
        r.font.color.rgb = color
    return r


def border(par, side: str, eighths: int, color: str) -> None:
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


def right_tab(par) -> None:
    par.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


def page_number(section) -> None:
    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(par, "— ", "页码")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                       ("text", "1"), ("end", None)):
        r = run(par, text if kind == "text" else "", "页码")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind != "text":
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    run(par, " —", "页码")
    for r in par.runs:
        r.font.size = Pt(14)


def new_document(title: str, author: str):
    """An empty A4 document with the 公文 styles, margins and page numbers."""
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "zh-CN"
    setup_styles(doc)
    font_fallbacks(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    page_number(section)
    return doc


def first_para(doc, text: str, style: str, color: RGBColor | None = None):
    """The document's first paragraph (python-docx's template starts with an empty one)."""
    empty = doc.paragraphs[0] if doc.paragraphs else None
    par = para(doc, text, style, color)
    if empty is not None:
        empty._p.getparent().remove(empty._p)
    return par


def shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_header(row) -> None:
    """The row repeats at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


HEADER_FILL = "D9E1F2"


def grid_table(doc, rows, parts, fill=None) -> None:
    """A ruled table over the text width: `rows[0]` is the header (shaded, repeated on every
    page), `parts` the columns' shares of the width, `fill(i, j)` an optional cell tint."""
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * p / sum(parts)) for p in parts]
    # The grid too, not only each cell: LibreOffice lays a table out by its w:tblGrid,
    # which python-docx writes in equal widths.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for i, values in enumerate(rows):
        row = table.add_row()
        if i == 0:
            repeat_header(row)
        for j, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[j]
            style = "简报表头" if i == 0 else "简报表格"
            par = cell.paragraphs[0]
            par.style = doc.styles[style]
            run(par, value, style)
            tint = HEADER_FILL if i == 0 else fill(i, j) if fill else None
            if tint:
                shade(cell, tint)
