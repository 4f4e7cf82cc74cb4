"""Ledgers as a reader sees them: layout, print setup, fills, subtotals, text safety."""

from __future__ import annotations

import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jjjdesk.domain.period import Period
from jjjdesk.errors import Cancelled
from jjjdesk.excel.ledger import export_ledger
from jjjdesk.excel.ledger_data import PROJECT_COLUMNS, project_ledger
from jjjdesk.excel.styles import LIGHT_COLOURS
from jjjdesk.files import FileLockedError
from jjjdesk.services import projects
from jjjdesk.services.demo import load_demo_progress
from jjjdesk.services.query import ListQuery

PERIOD = Period.month(2024, 12)
TODAY = date(2025, 1, 8)


def with_progress(db, actor) -> None:
    with db.session() as s:
        load_demo_progress(session=s, actor=actor)


def sheet_xml(path: Path, index: int = 1) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")



@pytest.fixture
def db(demo_db, actor):
    with_progress(demo_db, actor)
    return demo_db


def _export(db, path, **kw):
    with db.session() as s:
        return export_ledger(session=s, path=path, period=PERIOD, today=TODAY, **kw)


def test_projects_ledger_layout_and_print_setup(db, tmp_path):
    path = tmp_path / "台账.xlsx"
    result = _export(db, path)
    assert result.rows == 80 and result.sheets == ["重点项目台账", "目标指标"]
    wb = load_workbook(path)
    ws = wb["重点项目台账"]
    assert ws["A1"].value == "2024年12月京津冀协同发展重点项目推进情况台账"
    assert "统计期次:2024年12月" in ws["A2"].value and "导出日期:2025年1月8日" in ws["A2"].value
    merged = {str(r) for r in ws.merged_cells.ranges}
    # the title is centred over what the first page width prints (A–M), not over all 17
    assert {"A1:M1", "A2:M2", "G3:I3", "J3:M3", "A3:A4", "C3:C4", "N3:N4"} <= merged
    assert ws["G3"].value == "投资情况(亿元)"
    assert [ws.cell(4, c).value for c in (7, 8, 9)] == ["总投资", "本期完成", "累计完成"]
    assert ws.freeze_panes == "D5"
    assert ws.print_title_rows == "$3:$4"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    # 17 columns shrunk onto one A4 width would print at 6 pt: two widths keep 9 pt or more,
    # and the second repeats 序号, 编号, 名称
    assert int(ws.page_setup.fitToWidth) == 2 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_cols == "$A:$C"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.column_dimensions["C"].width >= 20  # names in Chinese get room
    assert ws["M6"].alignment.wrap_text


def test_groups_subtotals_formats_and_lights(db, tmp_path):
    path = tmp_path / "台账.xlsx"
    _export(db, path)
    ws = load_workbook(path)["重点项目台账"]
    light_col = [c.header for c in PROJECT_COLUMNS].index("红黄绿灯") + 1
    group_rows, data, lights = [], [], {}
    grand = None
    sums = [0.0, 0.0, 0.0]
    for row in ws.iter_rows(min_row=5):
        first = row[0].value
        if isinstance(first, str) and first.startswith("("):
            group_rows.append(first)
            sums = [0.0, 0.0, 0.0]
        elif first == "小计":
            for i, col in enumerate((6, 7, 8)):
                assert row[col].value == pytest.approx(sums[i], abs=1e-6)
                assert row[col].number_format == "0.00"
        elif first == "合计":
            grand = [row[c].value for c in (6, 7, 8)]
        elif isinstance(first, int):
            data.append(row)
            for i, col in enumerate((6, 7, 8)):
                sums[i] += row[col].value or 0
            cell = row[light_col - 1]
            if cell.value:
                lights.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb)
    assert len(data) == 80 and group_rows[0].startswith("(一)")
    totals = [sum(r[c].value or 0 for r in data) for c in (6, 7, 8)]
    assert grand == pytest.approx(totals)
    assert data[0][6].number_format == "0.00" and data[0][9].number_format == "0%"
    assert 0 <= data[0][9].value <= 1  # 35% is stored as 0.35
    assert set(lights) <= {"红灯", "黄灯", "绿灯", "灰灯"} and "红灯" in lights
    label_of = {"红灯": "red", "黄灯": "yellow", "绿灯": "green", "灰灯": "grey"}
    for label, fills in lights.items():
        expected = "FF" + LIGHT_COLOURS[label_of[label]][0].lstrip("#").upper()
        assert fills == {expected}


def test_formula_looking_text_stays_text(db, actor, tmp_path):
    with db.session() as s:
        pid = projects.list_projects(session=s, query=ListQuery())[0].id
        projects.update_project(session=s, actor=actor, project_id=pid,
                                values={"name": '=HYPERLINK("http://x","点我")'})
    path = tmp_path / "台账.xlsx"
    _export(db, path)
    ws = load_workbook(path)["重点项目台账"]
    cells = [c for row in ws.iter_rows(min_row=5) for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert len(cells) == 1 and cells[0].data_type == "s"
    assert cells[0].quotePrefix  # stays text even after a user edits the cell
    xml = sheet_xml(path)
    assert "<f>" not in xml and "HYPERLINK" in xml


def test_one_sheet_per_category_and_tasks_ledger(db, tmp_path):
    path = tmp_path / "任务.xlsx"
    result = _export(db, path, kind="tasks", split_by_category=True, include_indicators=False)
    wb = load_workbook(path)
    assert len(wb.sheetnames) == 7 and wb.sheetnames[0].startswith("(一)")
    assert result.rows >= 25
    ws = wb.worksheets[0]
    assert ws["A1"].value == "2024年12月京津冀协同发展重点任务推进情况台账"
    assert "F3:G3" in {str(r) for r in ws.merged_cells.ranges}  # 计划时间 over 开始/完成
    assert ws["F5"].value is None and ws["A5"].value.startswith("(一)")
    assert ws.print_title_rows == "$3:$4"


def test_indicators_sheet(db, tmp_path):
    path = tmp_path / "台账.xlsx"
    _export(db, path)
    ws = load_workbook(path)["目标指标"]
    assert ws["D3"].value == "基期" and ws["H3"].value == "最新值"
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == 13
    with_latest = [r for r in rows if r[8] is not None]
    assert with_latest and all(r[10] for r in rows)  # a trend word on every row
    assert ws["J5"].number_format == "0%"


def test_filter_as_on_screen(db, tmp_path):
    with db.session() as s:
        data = project_ledger(session=s, period=PERIOD, query=ListQuery(text="津兴城际"),
                              today=TODAY)
        rows = [r for g in data.groups for r in g.rows]
    assert [r[1] for r in rows] == ["津兴城际铁路"]


class _CancelLater:
    """Not set at the start; set once the writer has begun (the temp file exists)."""

    def __init__(self):
        self.calls = 0

    def is_set(self) -> bool:
        self.calls += 1
        return self.calls > 1


@pytest.mark.parametrize("cancel", [_CancelLater, threading.Event])
def test_cancel_leaves_no_file(db, tmp_path, cancel):
    stop = cancel()
    if isinstance(stop, threading.Event):
        stop.set()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        _export(db, out / "台账.xlsx", cancel=stop)
    assert list(out.iterdir()) == []


def test_progress_reaches_the_total(db, tmp_path):
    seen = []
    _export(db, tmp_path / "台账.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] == 80 + 13


def test_open_target_is_reported(db, tmp_path):
    path = tmp_path / "out" / "台账.xlsx"
    _export(db, path)
    (tmp_path / "out" / "~$台账.xlsx").write_bytes(b"owner")
    with pytest.raises(FileLockedError):
        _export(db, path)


def test_period_is_required(db, tmp_path):
    from jjjdesk.errors import UserFacingError

    with db.session() as s, pytest.raises(UserFacingError, match="统计期次"):
        export_ledger(session=s, path=tmp_path / "x.xlsx")
    assert Period.month(2024, 12) == PERIOD


def test_export_what_a_table_shows(tmp_path):
    from jjjdesk.excel.ledger import export_table
    from jjjdesk.excel.sheet import Column

    columns = [Column("名称", "wrap", 20), Column("总投资", "money", 10, "投资(亿元)", True),
               Column("累计完成", "money", 10, "投资(亿元)", True)]
    rows = (("=1+1", 1.5, 0.5), ("项目乙", 2.25, None))
    path = tmp_path / "视图.xlsx"
    export_table(path, title="重点项目列表", columns=columns, rows=rows, total_rows=2,
                 today=date(2025, 1, 8))
    ws = load_workbook(path).active
    assert ws["A1"].value == "重点项目列表" and "2025年1月8日" in ws["A2"].value
    assert [ws["A5"].value, ws["B5"].value, ws["C5"].value] == [1, "=1+1", 1.5]
    assert ws["B5"].data_type == "s" and "C3:D3" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A7"].value == "合计" and ws["C7"].value == pytest.approx(3.75)
    assert ws.freeze_panes == "C5"


def test_fonts_and_coordination_column(db, tmp_path):
    path = tmp_path / "台账.xlsx"
    _export(db, path)
    ws = load_workbook(path)["重点项目台账"]
    assert ws["Q3"].value == "需协调事项"
    assert ws["A1"].font.name == "黑体" and ws["C6"].font.name == "宋体"
    with zipfile.ZipFile(path) as z:
        assert '<charset val="134"/>' in z.read("xl/styles.xml").decode("utf-8")


def test_a_text_longer_than_a_cell_is_flagged_and_kept_whole(tmp_path):
    """Excel holds 32,767 characters in a cell; a longer 工作进展 is marked in its cell,
    written whole to the 超长文本 sheet, and reported — never cut silently."""
    from jjjdesk.excel.ledger import write_ledger
    from jjjdesk.excel.ledger_data import LedgerData, LedgerGroup
    from jjjdesk.excel.sheet import CELL_LIMIT, Column

    long_text = "".join(f"第{i}段进展。" for i in range(12_000))  # ~90,000 characters
    columns = (Column("序号", "center", 5), Column("项目名称", "wrap", 20),
               Column("工作进展", "wrap", 40))
    data = LedgerData(title="测试台账", subtitle="2024年3月", sheet_name="台账",
                      columns=columns, groups=[LedgerGroup("", [("津兴城际铁路", long_text)])],
                      total_rows=1, label_cols=2, freeze_cols=1)
    result = write_ledger(tmp_path / "长文本.xlsx", data)
    assert result.sheets == ["台账", "超长文本"]
    assert len(result.warnings) == 1 and "超过 Excel 单元格上限" in result.warnings[0]
    wb = load_workbook(result.path)
    cell = next(c for row in wb["台账"].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("第0段"))
    assert len(cell.value) <= CELL_LIMIT and "见“超长文本”工作表" in cell.value
    parts = [r[3] for r in wb["超长文本"].iter_rows(min_row=2, values_only=True)]
    assert "".join(parts) == long_text


def test_pages_wide_keeps_printed_text_at_nine_points():
    from jjjdesk.excel.sheet import (
        A4_LANDSCAPE_PRINTABLE_MM,
        MIN_PRINT_PT,
        column_mm,
        pages_wide,
    )

    narrow = [10] * 8  # about 170 mm: one page at full size
    assert pages_wide(narrow, 10, A4_LANDSCAPE_PRINTABLE_MM) == 1
    for widths in ([14] * 17, [20] * 30):
        n = pages_wide(widths, 10, A4_LANDSCAPE_PRINTABLE_MM)
        scale = min(1.0, n * A4_LANDSCAPE_PRINTABLE_MM / sum(column_mm(w) for w in widths))
        assert 10 * scale >= MIN_PRINT_PT
        fewer = (n - 1) * A4_LANDSCAPE_PRINTABLE_MM / sum(column_mm(w) for w in widths)
        assert 10 * fewer < MIN_PRINT_PT  # not one page more than needed


def test_first_page_columns_as_excel_packs_a_fitted_sheet():
    from jjjdesk.excel.sheet import first_page_columns

    # 100 mm of paper: at 100% two pages hold 4 + (2 repeated + 2) columns of 25 mm
    assert first_page_columns([25] * 6, 2, 2, 100) == 4
    # eight columns need a smaller scale for two pages; the first page then holds more
    assert first_page_columns([25] * 8, 2, 2, 100) == 5
    assert first_page_columns([25] * 3, 0, 1, 100) == 3


def test_ledger_fonts_are_the_offices_choice(db, actor, tmp_path):
    from jjjdesk.errors import ValidationFailed
    from jjjdesk.services import settings

    with db.session() as s:
        settings.set_setting(session=s, actor=actor, key="ledger.font", value="仿宋")
        settings.set_setting(session=s, actor=actor, key="ledger.title_font",
                             value="方正小标宋简体")
    with pytest.raises(ValidationFailed, match="台账正文字体只能是"), db.session() as s:
        settings.set_setting(session=s, actor=actor, key="ledger.font", value="Comic Sans")
    path = tmp_path / "台账.xlsx"
    _export(db, path)
    ws = load_workbook(path)["重点项目台账"]
    assert ws["A1"].font.name == "方正小标宋简体"
    assert {ws.cell(r, c).font.name for r in (3, 6) for c in (1, 3, 7)} == {"仿宋"}
