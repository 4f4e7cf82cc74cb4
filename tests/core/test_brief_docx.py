"""The meeting brief as Word .docx: 简报 masthead, 期号, fonts, same tables as the PDF; CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pypdf import PdfReader

from jjjdesk.cli.main import main
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.reports.brief import BriefTable, brief_sections, brief_summary, build_brief
from jjjdesk.reports.brief_docx import write_brief_docx
from jjjdesk.reports.gongwen import TEXT_WIDTH_MM
from jjjdesk.services import rounds
from jjjdesk.services.demo import load_demo_progress

PERIOD = Period.month(2024, 12)
TODAY = date(2025, 1, 8)


@pytest.fixture
def brief(demo_db, actor):
    """Progress up to November; the December round is open and nobody has reported."""
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in range(1, 12)])
        rid = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2025, 1, 5)).id
        return build_brief(session=s, round_id=rid, today=TODAY)


def _east_asia(run) -> str | None:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def _style_font(style) -> tuple[str | None, Pt | None]:
    fonts = style.element.rPr.rFonts
    return fonts.get(qn("w:eastAsia")), style.font.size


def _border(par, side: str) -> tuple[str, str] | None:
    line = par._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn(f'w:{side}')}")
    return None if line is None else (line.get(qn("w:val")), line.get(qn("w:color")))


def test_docx_brief_in_jianbao_style(brief, tmp_path):
    path = write_brief_docx(tmp_path / "简报.docx", brief, issue_no=7)
    doc = Document(str(path))
    pars = doc.paragraphs

    masthead = pars[0]
    assert masthead.text == "京津冀协同发展工作简报"
    assert masthead.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert masthead.runs[0].font.color.rgb == RGBColor(0xFF, 0, 0)
    assert _east_asia(masthead.runs[0]) == "方正小标宋简体"
    size = _style_font(masthead.style)[1]
    assert len(masthead.text) * size.pt <= TEXT_WIDTH_MM / 25.4 * 72  # one line
    assert pars[1].text == "第7期"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    assert doc.core_properties.language == "zh-CN"
    assert pars[2].text == "京津冀协同发展领导小组办公室\t2025年1月8日"
    assert _border(pars[2], "bottom") == ("single", "FF0000")  # the red rule

    title = pars[3]
    assert title.text == brief.title
    assert _east_asia(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.name == "方正小标宋简体"
    assert _style_font(title.style) == ("方正小标宋简体", Pt(22))  # 2号

    body = [p for p in pars if p.style.name == "简报正文"]
    assert body and all(_east_asia(r) == "仿宋_GB2312" for p in body for r in p.runs)
    assert _style_font(body[0].style) == ("仿宋_GB2312", Pt(16))  # 3号
    assert body[0].text == brief_summary(brief)[0]
    headings = [p for p in pars if p.style.name == "一级标题"]
    sections = brief_sections(brief)
    assert [p.text for p in headings] == [s.heading for s in sections]
    assert all(_east_asia(p.runs[0]) == "黑体" for p in headings)
    assert _style_font(doc.styles["二级标题"]) == ("楷体_GB2312", Pt(16))
    assert _style_font(doc.styles["Normal"])[0] == "仿宋_GB2312"

    # the tables hold what the PDF draws: the same BriefTable objects
    tables = [b for s in sections for b in s.blocks if isinstance(b, BriefTable)]
    assert len(doc.tables) == len(tables) == 5  # lights, investment, flagged, problems, units
    for table, source in zip(doc.tables, tables, strict=True):
        assert len(table.rows) == len(source.rows)
        for i in (0, 1, len(source.rows) - 1):
            assert tuple(c.text for c in table.rows[i].cells) == source.rows[i]
        assert all(_east_asia(r) is not None for c in table.rows[1].cells
                   for r in c.paragraphs[0].runs)
        # the grid (which LibreOffice lays out by) has the columns' own widths
        grid = [round(c.width.mm) for c in table.columns]
        assert grid == [round(c.width.mm) for c in table.rows[1].cells]
        assert sum(grid) == pytest.approx(TEXT_WIDTH_MM, abs=len(grid))
        assert len(set(grid)) > 1
    red_row = next(i for i, li in enumerate(tables[2].lights) if li == "red")
    light_cell = doc.tables[2].rows[red_row].cells[3]
    assert light_cell.text == "红灯"
    assert light_cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"

    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin,
                                  sec.right_margin)] == [37, 35, 28, 26]
    footer = sec.footer.paragraphs[0]
    assert footer.text == "— 1 —"
    assert " PAGE " in [t.text for t in footer._p.iter(qn("w:instrText"))]

    cc, issued = pars[-2], pars[-1]
    assert cc.text == "抄送:领导小组各成员单位。"
    assert issued.text == "京津冀协同发展领导小组办公室\t2025年1月8日印发"
    assert _border(cc, "top") and _border(issued, "bottom")

    # where the 方正/GB2312 faces are missing, Word and WPS use the named fallback
    table_xml = zipfile.ZipFile(path).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in table_xml
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table_xml


def test_docx_brief_refuses_a_bad_issue_number(brief, tmp_path):
    with pytest.raises(UserFacingError, match="期号"):
        write_brief_docx(tmp_path / "x.docx", brief, issue_no=0)
    assert not (tmp_path / "x.docx").exists()


def _pdf_text(pdf) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        return re.sub(r"\s+", "", out.stdout.decode("utf-8"))
    return re.sub(r"[\s\x00]+", "", PdfReader(pdf).pages[0].extract_text())


def test_cli_export_brief_docx_and_pdf(tmp_path, capsys, actor):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    from jjjdesk.db.open import open_database
    from jjjdesk.paths import AppPaths

    database = open_database(f"sqlite:///{db}", AppPaths.default())
    with database.session() as s:
        load_demo_progress(session=s, actor=actor)
        rid = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2025, 1, 5)).id
    database.dispose()
    capsys.readouterr()
    common = ["--db", db, "--round", str(rid), "--today", "2025-01-08"]
    docx_out, pdf_out = tmp_path / "简报.docx", tmp_path / "简报.pdf"
    assert main(["export", "brief", *common, "--format", "docx", "--issue", "5",
                 "--out", str(docx_out)]) == 0
    assert f"已生成简报:{docx_out}" in capsys.readouterr().out
    doc = Document(str(docx_out))
    assert [p.text for p in doc.paragraphs[:2]] == ["京津冀协同发展工作简报", "第5期"]
    assert main(["export", "brief", *common, "--format", "pdf", "--out", str(pdf_out)]) == 0
    assert "已生成简报" in capsys.readouterr().out
    text = _pdf_text(pdf_out)
    assert "2024年12月京津冀协同发展重点任务推进情况简报" in text
    assert doc.tables[0].rows[1].cells[0].text in text

    for bad, word in ((["--format", "docx", "--out", str(tmp_path / "a.pdf")], "扩展名"),
                      (["--format", "xls", "--out", str(tmp_path / "a.docx")], "docx 或 pdf"),
                      (["--issue", "0", "--out", str(tmp_path / "a.docx")], "期号")):
        assert main(["export", "brief", *common, *bad]) == 1
        err = capsys.readouterr().err.strip()
        assert word in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "a.docx").exists() and not (tmp_path / "a.pdf").exists()


def test_the_summary_prose_says_what_the_tables_show(brief, demo_db):
    from jjjdesk.services.dashboard import DashboardFilter, load_dashboard

    lights, invest, flagged, problems, units = [
        b for s in brief_sections(brief) for b in s.blocks if isinstance(b, BriefTable)]
    prose = brief_summary(brief)
    header = lights.rows[0]
    totals = {row[0]: int(row[-1]) for row in lights.rows[1:]}
    assert prose[0].startswith(f"2024年12月,纳入调度的重点任务{totals['重点任务']}项、"
                               f"重点项目{totals['重点项目']}项,其中")
    for light in ("红灯", "黄灯", "绿灯", "灰灯"):
        n = sum(int(row[header.index(light)]) for row in lights.rows[1:])
        assert (f"{light}{n}项" in prose[0]) == (n > 0)
    assert sum(1 for li in flagged.lights if li == "red") == sum(
        int(row[header.index("红灯")]) for row in lights.rows[1:])
    assert "与2024年11月相比,红灯" in prose[0]
    # 报送: the round's units; nobody has reported the December round yet
    missing = len(units.rows) - 1
    assert prose[1] == (f"2024年12月月报应报送单位{missing}个,已报送0个,报送率0%;"
                        + "、".join(r[1] for r in units.rows[1:6]) + f"等{missing}个单位尚未报送。")
    # investment: the numbers of the table, and the 总览 page's own figure
    year, planned, to_date, done, share = invest.rows[1]
    assert prose[2] == (f"2024年重点项目累计完成投资{done}亿元,占年度计划投资{planned}亿元的"
                        f"{share}(按时序应完成{to_date}亿元)。")
    with demo_db.session() as s:
        board = load_dashboard(session=s, today=date(2025, 1, 8),
                               filters=DashboardFilter(period_key="2024-12"))
    assert float(done) == pytest.approx(board.investment.completed_cumulative[-1], abs=0.005)
    if len(problems.rows) > 1:
        assert prose[3].startswith(f"需协调解决的问题{len(problems.rows) - 1}项,主要涉及")


def test_an_overdue_problem_is_flagged_in_the_brief(brief, demo_db, actor):
    from jjjdesk.services import problem_tracking, problems

    assert brief.problems, "the demo progress raises coordination needs"
    with demo_db.session() as s:
        first = next(p for p in problems.list_problems(session=s, kind="coordination",
                                                        limit=10_000))
        problem_tracking.assign_problem(session=s, actor=actor, problem_id=first.id,
                                        unit_id=first.owner_unit_id, person="赵强",
                                        due=date(2024, 12, 31))
        rid = rounds.list_rounds(session=s)[0].id
        again = build_brief(session=s, round_id=rid, today=TODAY)
    table = next(b for s in brief_sections(again) for b in s.blocks
                 if isinstance(b, BriefTable) and b.rows[0][-1] == "办结时限")
    flagged = [row for row in table.rows[1:] if row[-1] == "2024年12月31日(逾期)"]
    assert len(flagged) == 1 and flagged[0][3] == first.description
    assert table.lights[table.rows.index(flagged[0])] == "red"
    assert "(其中1项超过办结时限)" in brief_summary(again)[-1]
