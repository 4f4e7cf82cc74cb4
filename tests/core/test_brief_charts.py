"""Charts in the brief: the same PNGs inline in the .docx, images in the PDF, files in the pack."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from jjjdesk.domain.period import Period
from jjjdesk.reports.brief import BriefFigure, brief_sections, build_brief, write_brief_pdf
from jjjdesk.reports.brief_docx import write_brief_docx
from jjjdesk.reports.charts import chart_png, save_charts
from jjjdesk.services import rounds
from jjjdesk.services.demo import load_demo_progress

PERIOD = Period.month(2024, 12)
TODAY = date(2025, 1, 8)


@pytest.fixture
def brief(demo_db, actor):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in range(1, 13)])
        rid = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2025, 1, 5)).id
        return build_brief(session=s, round_id=rid, today=TODAY)


def _figures(brief) -> list[BriefFigure]:
    return [b for sec in brief_sections(brief) for b in sec.blocks if isinstance(b, BriefFigure)]


def test_brief_has_three_charts_from_its_own_figures(brief):
    assert [f.kind for f in _figures(brief)] == ["lights", "rates", "investment"]
    assert brief.unit_rates and len(brief.unit_rates) == brief.units_total
    assert brief.investment is not None and len(brief.investment.months) == 12
    assert brief.investment.months[-1][1] == brief.investment.completed
    for f in _figures(brief):
        png = chart_png(brief, f)
        with Image.open(io.BytesIO(png)) as im:
            assert im.format == "PNG" and im.width > 600


def test_docx_has_inline_images_in_the_chart_section(brief, tmp_path):
    doc = Document(str(write_brief_docx(tmp_path / "简报.docx", brief)))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("五、统计图表")
    chart_pars = doc.paragraphs[start + 1:]
    pics = [p for p in chart_pars if p._p.findall(f".//{qn('wp:inline')}")]
    assert len(pics) == 3
    assert len(doc.inline_shapes) == 3
    assert "图1 各类事项亮灯情况" in texts and "图2 各单位报送率" in texts
    assert any(t.startswith("图3 2024年") for t in texts)


def test_pdf_embeds_the_charts(brief, tmp_path):
    reader = PdfReader(str(write_brief_pdf(tmp_path / "简报.pdf", brief)))
    images = [im for page in reader.pages for im in page.images]
    assert len(images) == 3
    assert all(im.image.width > 600 for im in images)


def test_save_charts_writes_pngs(brief, tmp_path):
    files = save_charts(brief, tmp_path / "图表")
    assert [f.suffix for f in files] == [".png"] * 3
    assert all(f.stat().st_size > 5000 for f in files)
