"""Ledger column widths from the longest value, and columns past two page widths on a 续 sheet."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from jjjdesk.domain.period import Period
from jjjdesk.excel.ledger import export_ledger, write_ledger
from jjjdesk.excel.ledger_data import LedgerData, LedgerGroup
from jjjdesk.excel.sheet import Column, column_mm, pages_wide
from jjjdesk.excel.widths import CAPS, fit_widths, rendered_units, split_for_print

COLUMNS = [Column("序号", "int", 5), Column("编号", "center", 13), Column("名称", "wrap", 10),
           Column("完成时限", "date", 8), Column("金额", "money", 9)]


def _data(columns, rows, name="台账") -> LedgerData:
    return LedgerData(title="测试台账", subtitle="导出日期", columns=columns,
                      groups=[LedgerGroup("", rows)], total_rows=len(rows), label_cols=2,
                      freeze_cols=2, sheet_name=name)


def test_rendered_width_counts_cjk_double_and_dates_in_chinese():
    assert rendered_units("abc", "text") == 3
    assert rendered_units("重点项目", "wrap") == 8
    assert rendered_units(date(2027, 12, 31), "date") == 14  # 2027年12月31日
    assert rendered_units(12.5, "money") == 5  # 12.50
    assert rendered_units("短\n一行更长的文字", "wrap") == 14


def test_widths_from_the_longest_value_capped(tmp_path):
    long_name = "京津冀协同发展重点项目" * 6
    rows = [("A-1", long_name, date(2027, 12, 31), 1.5), ("A-2", "短名", None, 12345.25)]
    path = write_ledger(tmp_path / "t.xlsx", _data(COLUMNS, rows)).path
    ws = load_workbook(path)["台账"]
    widths = {c: ws.column_dimensions[c].width for c in "ABCDE"}
    # 完成时限: "2027年12月31日" is 14 units; it shows whole (no ###), not wider than needed
    assert 14 < widths["D"] <= 14 + 3
    assert widths["C"] <= CAPS["wrap"] + 1  # a long name wraps at the cap
    assert widths["C"] >= CAPS["wrap"] - 0.1
    assert ws["C4"].alignment.wrap_text
    assert widths["B"] < 13  # "A-1" and the header need less than the declared 13
    assert 8 <= widths["E"] <= 11  # 12345.25


def test_columns_past_two_page_widths_go_to_a_continued_sheet(tmp_path):
    cols = [Column("序号", "int", 5), Column("名称", "wrap", 20)]
    cols += [Column(f"说明{i}", "wrap", 10) for i in range(12)]
    text = "需要协调解决的事项说明文字很长" * 4
    rows = [(f"项目{n}", *([text] * 12)) for n in range(3)]
    fitted = fit_widths(cols, ((n, *r) for n, r in enumerate(rows, 1)))
    assert pages_wide([c.width for c in fitted], 10, 277) > 2  # would shrink below 9 pt
    parts = split_for_print(fitted, 2)
    assert len(parts) >= 2 and all(p[:2] == [0, 1] for p in parts)
    result = write_ledger(tmp_path / "wide.xlsx", _data(cols, rows))
    wb = load_workbook(result.path)
    assert wb.sheetnames[:2] == ["台账", "台账(续)"]
    first, second = wb["台账"], wb["台账(续)"]
    # the label columns repeat; every column appears once after them
    heads = [[c.value for c in ws[3]] for ws in (first, second)]
    assert heads[0][:2] == heads[1][:2] == ["序号", "名称"]
    shown = [h for ws_heads in heads for h in ws_heads[2:] if h]
    assert shown == [c.header for c in cols[2:]][:len(shown)]
    assert second["B4"].value == "项目0"
    assert second.freeze_panes == "C4"  # the repeated labels stay in view there too
    for ws in (first, second):  # each part fits two widths at 9 pt or more
        total = sum(column_mm(ws.column_dimensions[c.column_letter].width) for c in ws[3])
        assert total * 9 / 10 <= 2 * 277 + 1


def test_demo_task_ledger_shows_its_dates(demo_db, tmp_path):
    with demo_db.session() as s:
        result = export_ledger(session=s, path=tmp_path / "任务.xlsx", kind="tasks",
                               period=Period.month(2024, 12), today=date(2025, 1, 8))
    ws = load_workbook(result.path).worksheets[0]
    heads = [c.value for c in ws[4]]
    col = ws.cell(4, heads.index("完成") + 1).column_letter
    assert ws.column_dimensions[col].width >= 14 + 1
