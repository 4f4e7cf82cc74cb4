"""File formats and hostile files: CSV encodings, .xls, and files that must be refused cleanly."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from import_helpers import OFFICE, build_registry, dump_entries, write_xlsx
from openpyxl import load_workbook

from jjjdesk.importing import batch as imports
from jjjdesk.importing.annotate import write_annotated_copy
from jjjdesk.importing.read import guard
from jjjdesk.importing.read.guard import BadFileError
from jjjdesk.importing.read.workbook import read_workbook

CSV_ROWS = ("项目编号,项目名称,累计完成投资(万元),工作进展\n"
            "JJJ-001,津兴城际铁路,\"12,000\",铺轨过半\n")


def _preview(db, path, **kw):
    with db.session() as s:
        return imports.preview_import(session=s, actor=OFFICE, path=path, **kw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_gbk(empty_db, tmp_path, encoding):
    build_registry(empty_db)
    path = tmp_path / "回表.csv"
    path.write_bytes(CSV_ROWS.encode(encoding))
    preview = _preview(empty_db, path, period="2024-03")
    expected = {"gbk": "gb18030", "utf-8": "utf-8", "utf-8-sig": "utf-8-sig"}[encoding]
    assert preview.encoding == expected
    assert [(r.status, r.name) for r in preview.rows] == [("new", "津兴城际铁路")]
    changes = {c.label: c.new for c in preview.rows[0].changes}
    assert changes["累计完成投资(亿元)"] == "1.2"
    assert changes["工作进展"] == "铺轨过半"


def test_csv_text_starting_with_equals_is_stored_as_text(empty_db, tmp_path):
    build_registry(empty_db)
    path = tmp_path / "f.csv"
    path.write_text("项目名称,工作进展\n津兴城际铁路,=HYPERLINK(\"x\")\n", encoding="utf-8")
    preview = _preview(empty_db, path, period="2024-03")
    assert {c.label: c.new for c in preview.rows[0].changes}["工作进展"] == '=HYPERLINK("x")'


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_legacy_xls_return(empty_db, tmp_path):
    """A .xls made by LibreOffice from a messy .xlsx reads the same."""
    fixture = Path(__file__).parent / "data" / "legacy_return.xls"
    if not fixture.exists():
        if not _soffice():
            pytest.skip("no .xls fixture and no LibreOffice to make one")
        src = write_xlsx(tmp_path / "legacy_return.xlsx", [
            ["2024年3月项目进展"], ["项目名称", "完成进度", "工作进展"],
            ["津兴城际铁路", 0.45, "铺轨"], ["合计", None, None]])
        subprocess.run([_soffice(), "--headless", "--convert-to", "xls", "--outdir",
                        str(tmp_path), str(src)], check=True, capture_output=True, timeout=120)
        fixture = tmp_path / "legacy_return.xls"
    build_registry(empty_db)
    preview = _preview(empty_db, fixture)
    assert preview.file_format == "xls"
    assert preview.period_key == "2024-03"
    assert [(r.status, r.name) for r in preview.rows] == [("new", "津兴城际铁路")]
    changes = {c.label: c.new for c in preview.rows[0].changes}
    assert changes["完成进度(%)"] == "45" and changes["工作进展"] == "铺轨"


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _refused(db, path, match):
    before = dump_entries(db)
    with db.session() as s, pytest.raises(BadFileError, match=match):
        imports.preview_import(session=s, actor=OFFICE, path=path)
    assert dump_entries(db) == before


def test_hostile_and_broken_files_are_refused_with_a_clear_message(empty_db, tmp_path):
    build_registry(empty_db)
    not_a_workbook = tmp_path / "报表.xlsx"
    not_a_workbook.write_text("这不是表格", encoding="utf-8")
    _refused(empty_db, not_a_workbook, "不是有效的 Excel 文件")

    good = write_xlsx(tmp_path / "good.xlsx", [["项目名称", "工作进展"], ["津兴城际铁路", "x"]])
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(empty_db, truncated, "已损坏或不完整")

    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(empty_db, empty, "是空的")

    encrypted = tmp_path / "加密.xlsx"
    encrypted.write_bytes(guard.OLE2_MAGIC + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le")
                          + b"\0" * 512)
    _refused(empty_db, encrypted, "设置了打开密码")

    bomb = _zip(tmp_path / "bomb.xlsx", {
        "[Content_Types].xml": b"<Types/>",
        "xl/worksheets/sheet1.xml": b"<" + b" " * (guard.MAX_MEMBER_BYTES + 10) + b">",
    })
    assert bomb.stat().st_size < 2_000_000
    _refused(empty_db, bomb, "压缩炸弹")

    entities = _zip(tmp_path / "xxe.xlsx", {
        "[Content_Types].xml": b"<Types/>",
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                    b"<worksheet>&a;</worksheet>",
    })
    _refused(empty_db, entities, "XML 实体")

    word = _zip(tmp_path / "报告.xlsx", {"[Content_Types].xml": b"<Types/>",
                                        "word/document.xml": b"<w/>"})
    _refused(empty_db, word, "不是 Excel 工作簿")

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _refused(empty_db, pdf, "不是可导入的文件")


def test_row_limit_is_enforced(tmp_path, monkeypatch):
    monkeypatch.setattr("jjjdesk.importing.read.workbook.MAX_ROWS", 5)
    path = tmp_path / "big.csv"
    path.write_text("\n".join(f"a{i},b" for i in range(10)), encoding="utf-8")
    with pytest.raises(BadFileError, match="超过 5 行"):
        read_workbook(path)


def test_annotated_copy_marks_bad_cells_with_comments(empty_db, tmp_path):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "发改委.xlsx", [
        ["2024年3月"], ["项目名称", "累计完成投资(亿元)", "工作进展"],
        ["津兴城际铁路", "很多", "x"], ["不存在的项目", "1", "y"]])
    preview = _preview(empty_db, path)
    target = write_annotated_copy(path, preview.diagnostics)
    assert target.name == "发改委(待修改).xlsx"
    ws = load_workbook(target)["进展情况"]
    assert ws["B3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "不是有效的金额" in ws["B3"].comment.text
    assert "台账中没有“不存在的项目”" in ws["A4"].comment.text
    assert ws["D2"].value == "错误说明"
    assert "B列" in ws["D3"].value
    assert ws["C3"].comment is None


def test_annotated_copy_of_a_csv_is_a_new_workbook(empty_db, tmp_path):
    build_registry(empty_db)
    path = tmp_path / "r.csv"
    path.write_text("项目名称,工作进展\n没有这个,=1+1\n", encoding="utf-8")
    preview = _preview(empty_db, path, period="2024-03")
    target = write_annotated_copy(path, preview.diagnostics)
    ws = load_workbook(target).active
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"
    assert ws["A2"].comment is not None


def test_cancel_stops_the_preview_and_progress_is_reported(empty_db, tmp_path):
    import threading

    from jjjdesk.errors import Cancelled

    build_registry(empty_db)
    rows = [["2024年3月"], ["项目名称", "工作进展"]]
    rows += [["津兴城际铁路", f"{i}"] for i in range(600)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    seen = []
    preview = _preview(empty_db, path, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert preview.counts["rejected"] == 600  # one project 600 times, differing: all refused
    cancel = threading.Event()
    cancel.set()
    with empty_db.session() as s, pytest.raises(Cancelled):
        imports.preview_import(session=s, actor=OFFICE, path=path, cancel=cancel)


def test_damaged_workbooks_are_refused_in_chinese_without_library_text(empty_db, tmp_path):
    """calamine says "Cfb error: Sector …" or "File not found 'xl/_rels/…'"; users read why
    in Chinese and what to do, the library's words go to the log."""
    import re

    from import_helpers import write_xlsx

    good = write_xlsx(tmp_path / "good.xlsx",
                      [["项目编号", "项目名称"], ["JJJ-001", "津兴城际铁路"]])
    with zipfile.ZipFile(good) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()
                 if i.filename != "xl/_rels/workbook.xml.rels"}
    no_rels = _zip(tmp_path / "缺部件.xlsx", parts)
    # An OLE2 header with a broken sector table: what a cut-off legacy .xls looks like.
    ole = tmp_path / "损坏.xls"
    ole.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + b"\x3e\x00\x03\x00"
                    + b"\xfe\xff\x09\x00" + b"\xff" * 480)
    for path in (no_rels, ole):
        before = dump_entries(empty_db)
        with empty_db.session() as s, pytest.raises(BadFileError) as err:
            imports.preview_import(session=s, actor=OFFICE, path=path)
        message = str(err.value)
        assert message.startswith(f"“{path.name}”") and "另存为 .xlsx" in message
        assert not re.search(r"[A-Za-z]{4,}", message.replace(path.name, "").replace("xlsx", "")
                             .replace("Excel", "")), message
        assert dump_entries(empty_db) == before


def test_legacy_xls_warnings_stay_off_stdout_so_json_parses(tmp_path, capsys):
    """xlrd warns about an odd file size on stdout by default; `import --json` must parse."""
    import json

    from jjjdesk.cli.main import main

    fixture = Path(__file__).parent / "data" / "legacy_return.xls"
    odd = tmp_path / "旧版.xls"
    odd.write_bytes(fixture.read_bytes() + b"\x00" * 100)  # no longer a multiple of 512
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    capsys.readouterr()
    main(["import", str(odd), "--dry-run", "--json", "--db", db])
    out = capsys.readouterr().out
    assert "WARNING" not in out
    json.loads(out)
