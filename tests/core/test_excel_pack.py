"""Meeting pack: ledgers, charts from a callback, the PDF brief in Chinese; CLI; LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jjjdesk.cli.main import main
from jjjdesk.domain.enums import Light
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.reports import fonts
from jjjdesk.reports.brief import build_brief
from jjjdesk.reports.pack import export_pack
from jjjdesk.services import rounds
from jjjdesk.services.demo import load_demo_progress
from jjjdesk.services.query import ListQuery

PERIOD = Period.month(2024, 12)
TODAY = date(2025, 1, 8)


def _text(pdf) -> str:
    """The PDF's text without whitespace. poppler's pdftotext where installed: pypdf 7
    garbles some runs of fpdf2's two-byte CID text (NULs in between, glyphs swapped after
    page 1) although viewers and poppler read the same file cleanly."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        text = out.stdout.decode("utf-8")
    else:
        text = PdfReader(pdf).pages[0].extract_text()
    return re.sub(r"[\s\x00]+", "", text)


def _embedded_fonts(pdf) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                d = desc.get_object().get("/FontDescriptor")
                if d is not None and any(k in d.get_object() for k in
                                         ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]))
    return names


@pytest.fixture
def round_id(demo_db, actor):
    """Progress up to November; the December round is open and nobody has reported."""
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in range(1, 12)])
        rid = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2025, 1, 5)).id
    return rid


def test_demo_progress_is_a_plausible_year(demo_db, actor):
    with demo_db.session() as s:
        assert load_demo_progress(session=s, actor=actor) == (25 + 80) * 12
    with demo_db.session() as s:
        keys = {e.period_key for e in s.exec(ProgressEntry.__table__.select())}
        assert keys == {f"2024-{m:02d}" for m in range(1, 13)}


def test_brief_data(demo_db, round_id):
    with demo_db.session() as s:
        brief = build_brief(session=s, round_id=round_id, today=TODAY)
    total = sum(sum(c.values()) for c in brief.counts.values())
    assert brief.counts["重点任务"] and total > 0
    red = [f for f in brief.flagged if f.light == Light.RED]
    assert red and all(f.reason for f in brief.flagged)
    assert brief.flagged[0].light == Light.RED  # red first, then yellow
    assert brief.problems and all(p.description for p in brief.problems)
    assert brief.missing is not None and len(brief.missing) > 10  # nobody reported yet


def test_pack_folder_with_charts_and_chinese_pdf(demo_db, round_id, tmp_path):
    def charts(folder):
        png = folder / "红黄绿灯分布.png"
        png.write_bytes(b"\x89PNG\r\n\x1a\n")
        return [png]

    steps = []
    with demo_db.session() as s:
        result = export_pack(session=s, folder=tmp_path / "材料", round_id=round_id,
                             charts=charts, today=TODAY,
                             progress=lambda d, t: steps.append((d, t)))
        brief = build_brief(session=s, round_id=round_id, today=TODAY)
    names = [p.name for p in result.files]
    assert names[:3] == ["2024年12月月报重点项目台账.xlsx", "2024年12月月报重点任务台账.xlsx",
                         "红黄绿灯分布.png"]
    # the brief's own charts follow the GUI's, drawn headless
    assert names[3:-1] == ["图1 各类事项亮灯情况.png", "图2 各单位报送率.png",
                           "图3 2024年重点项目累计完成投资.png"]
    assert names[-1] == "2024年12月月报简报.pdf"
    assert all(p.parent.name == "图表" for p in result.files[2:-1])
    assert steps[-1] == (4, 4)
    pdf = result.files[-1]
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _text(pdf)
    assert "京津冀协同发展重点任务推进情况简报" in text
    for item in [f for f in brief.flagged if f.light == Light.RED][:5]:
        assert re.sub(r"\s+", "", item.name) in text
    if shutil.which("pdftotext"):  # the whole text, not only page 1
        assert "需协调解决的问题" in text and "未报送单位" in text
        assert re.sub(r"\s+", "", brief.missing[0].unit) in text
        assert re.sub(r"\s+", "", brief.problems[0].description) in text
    assert _embedded_fonts(pdf)  # the CJK font travels with the file
    assert load_workbook(result.files[0]).sheetnames == ["重点项目台账", "目标指标"]


def test_font_lookup_fails_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "candidates", lambda: [(tmp_path / "none.ttc", "")])
    with pytest.raises(UserFacingError, match="未找到可用的中文字体"):
        fonts.find_cjk_font()


def test_font_lookup_prefers_the_env_and_picks_the_sc_face(monkeypatch):
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if not shutil.os.path.exists(noto):
        pytest.skip("Noto CJK not installed here")
    monkeypatch.setenv(fonts.FONT_ENV, noto)
    choice = fonts.find_cjk_font()
    assert str(choice.path) == noto and choice.index == 0  # env: taken as given
    monkeypatch.delenv(fonts.FONT_ENV)
    monkeypatch.setattr(fonts, "candidates", lambda: [(fonts.Path(noto), "Noto Sans CJK SC")])
    assert fonts.find_cjk_font().index == 2


@pytest.mark.sqlite_only  # database files given by path
def test_cli_export_ledger_templates_pack(tmp_path, capsys, actor):
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
    out = tmp_path / "导出"
    assert main(["export", "ledger", "--db", db, "--period", "2024年12月", "--today",
                 "2025-01-08", "--out", str(out / "台账.xlsx"), "--split"]) == 0
    assert "已导出台账" in capsys.readouterr().out
    assert len(load_workbook(out / "台账.xlsx").sheetnames) == 8
    assert main(["export", "templates", "--db", db, "--round", str(rid), "--out",
                 str(out / "模板")]) == 0
    assert "2024年12月月报_市发展改革委.xlsx" in capsys.readouterr().out
    assert main(["export", "pack", "--db", db, "--round", str(rid), "--out",
                 str(out / "材料"), "--today", "2025-01-08"]) == 0
    assert (out / "材料" / "2024年12月月报简报.pdf").exists()
    assert main(["export", "ledger", "--db", db, "--out", str(out / "x.xlsx")]) == 1
    assert "统计期次" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_renders_the_ledger(demo_db, actor, tmp_path):
    from jjjdesk.excel.ledger import export_ledger

    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor)
        export_ledger(session=s, path=tmp_path / "ledger.xlsx", period=PERIOD, today=TODAY,
                      query=ListQuery())
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path /
                                                                            "ledger.xlsx")],
                   check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / "ledger.pdf")
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # A4 landscape
    text = _text(tmp_path / "ledger.pdf")
    assert "重点项目推进情况台账" in text and f"共{len(reader.pages)}页" in text
