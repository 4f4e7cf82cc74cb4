"""Every number exact or explained (issue 14): formulas without cached values, hidden rows and
sheets, a return without 推进情况, percent formats, Chinese numerals — imported into a real
database and checked against what the user is told."""

from __future__ import annotations

import pytest
from import_helpers import OFFICE, build_registry, write_xlsx
from openpyxl import Workbook
from sqlmodel import select

from jjjdesk.domain.models import ProgressEntry
from jjjdesk.importing import batch as imports
from jjjdesk.importing.read.formula import evaluate

HEAD = [["2024年3月"], ["项目名称", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展"]]


def _preview(db, path, **kw):
    with db.session() as s:
        return imports.preview_import(session=s, actor=OFFICE, path=path, **kw)


def _import(db, path, **kw):
    preview = _preview(db, path, **kw)
    assert preview.fatal == ""
    with db.session() as s:
        imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with db.session() as s:
        entries = {e.project_id: e for e in s.exec(select(ProgressEntry))}
    return preview, entries


def _said(preview) -> set[tuple[int | None, str, str]]:
    return {(d.row, d.level, d.problem) for d in preview.diagnostics}


# ----------------------------------------------------------------------------- formulas


def _cells(values: dict[tuple[int, int], float]):
    def value_at(r: int, c: int) -> float:
        return values.get((r, c), 0.0)
    return value_at


@pytest.mark.parametrize(("formula", "expected"), [
    ("B3+C3", 3.0), ("=B3-C3*2", -3.0), ("(B3+C3)/2", 1.5), ("-B3+10", 9.0),
    ("SUM(B3:C3)", 3.0), ("SUM(B3:C3, 4, $B$3)", 8.0), ("1.5e1", 15.0), ("B3 + 0.25", 1.25),
    ("sum(b3:c3)", 3.0),
])
def test_simple_formulas_are_computed(formula, expected):
    assert evaluate(formula, _cells({(2, 1): 1.0, (2, 2): 2.0})) == expected


@pytest.mark.parametrize("formula", [
    "Sheet2!B3+1", "VLOOKUP(A1,B:C,2)", "B3/0", "IF(B3>1,1,0)", "B3&C3", "(B3+1", "B3+",
    "ROUND(B3,2)", "SUM(A1:Z100000)", "LOG10(B3)", "B3 C3", "共享公式", "",
])
def test_anything_else_is_not_guessed(formula):
    assert evaluate(formula, _cells({(2, 1): 1.0})) is None


def test_a_formula_without_a_value_is_computed_or_refused(empty_db, tmp_path):
    """openpyxl writes formulas with no cached values, as generators and WPS with
    calculation off do: the simple ones are computed and said so, the others are errors."""
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "f.xlsx", [
        *HEAD,
        ["津兴城际铁路", 1.5, "=B3+2.5", "50%", "铺轨"],
        ["天津港北疆港区集装箱码头", 2, "=SUM(B3:B4)*2", "40%", "x"],
        ["滨海新区生物医药产业园", 1, "=VLOOKUP(A5,Sheet2!A:B,2,0)", "30%", "y"],
    ])
    preview, entries = _import(empty_db, path)
    said = _said(preview)
    assert (3, "info", "公式 =B3+2.5 没有计算结果,已按本表单元格算得 4") in said
    assert (4, "info", "公式 =SUM(B3:B4)*2 没有计算结果,已按本表单元格算得 7") in said
    errors = [d for d in preview.diagnostics if d.level == "error"]
    assert [(d.row, d.column) for d in errors] == [(5, "C")]
    assert errors[0].problem.startswith("公式没有计算结果,请在 Excel/WPS 中打开并保存后再导入")
    assert entries[reg.p1].invest_cumulative == 4.0
    assert entries[reg.p2].invest_cumulative == 7.0
    assert reg.p3 not in entries  # the row with the error is not stored


# ----------------------------------------------------------------------------- hidden


def test_hidden_rows_are_imported_and_marked(empty_db, tmp_path):
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "h.xlsx", [
        *HEAD, ["津兴城际铁路", 1, 2, "50%", "铺轨"],
        ["天津港北疆港区集装箱码头", 1, 3, "40%", "x"],
    ], hidden_rows=(4,))
    preview, entries = _import(empty_db, path)
    assert (4, "info", "隐藏行") in _said(preview)
    assert entries[reg.p2].invest_cumulative == 3.0 and entries[reg.p2].progress == "x"


def test_a_hidden_sheet_is_listed_and_skipped_unless_chosen(empty_db, tmp_path):
    build_registry(empty_db)
    path = tmp_path / "s.xlsx"
    wb = Workbook()
    shown = wb.active
    shown.title = "进展"
    for row in [*HEAD, ["津兴城际铁路", 1, 2, "50%", "铺轨"]]:
        shown.append(row)
    hidden = wb.create_sheet("旧表")
    for row in [*HEAD, ["天津港北疆港区集装箱码头", 1, 3, "40%", "x"]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    wb.save(path)
    preview = _preview(empty_db, path)
    assert [r.name for r in preview.rows] == ["津兴城际铁路"]
    assert [(d.sheet, d.problem) for d in preview.diagnostics if d.sheet == "旧表"] == [
        ("旧表", "工作表已隐藏,未导入")]
    chosen = _preview(empty_db, path, mapping={"旧表": {
        0: "name", 1: "invest_period", 2: "invest_cumulative", 3: "completion_pct",
        4: "progress"}})
    assert sorted(r.name for r in chosen.rows) == ["天津港北疆港区集装箱码头", "津兴城际铁路"]


# ----------------------------------------------------------------------------- no source


def test_no_assessment_column_is_said_once_per_file(empty_db, tmp_path):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "a.xlsx", [
        *HEAD, ["津兴城际铁路", 1, 2, "50%", "铺轨"],
        ["天津港北疆港区集装箱码头", 1, 3, "40%", "x"],
    ])
    preview = _preview(empty_db, path)
    told = [d for d in preview.diagnostics if d.problem == "文件没有“推进情况”列,未填写"]
    assert len(told) == 1 and told[0].level == "info" and told[0].row is None
    with_column = write_xlsx(tmp_path / "b.xlsx", [
        ["2024年3月"], ["项目名称", "推进情况", "工作进展"], ["津兴城际铁路", "滞后", "铺轨"]])
    assert not [d for d in _preview(empty_db, with_column).diagnostics
                if d.field == "assessment"]


# ----------------------------------------------------------------------------- formats


def test_a_percent_formatted_cell_is_read_as_shown(empty_db, tmp_path):
    """0.911 in a cell formatted 0.0% is shown as 91.1%: stored 91.1, and said so; a plain
    40 beside it stays 40 (no fraction-column guess over the formatted cells)."""
    reg = build_registry(empty_db)
    path = tmp_path / "p.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    for row in [*HEAD, ["津兴城际铁路", 1, 2, 0.911, "铺轨"],
                ["天津港北疆港区集装箱码头", 1, 3, 40, "x"],
                ["滨海新区生物医药产业园", 1, 3, 0.5, "y"]]:
        ws.append(row)
    ws["D3"].number_format = "0.0%"
    ws["D5"].number_format = "0%"
    wb.save(path)
    preview, entries = _import(empty_db, path)
    said = _said(preview)
    assert (3, "info", "单元格格式为百分比,按91.1%读取") in said
    assert (5, "info", "单元格格式为百分比,按50%读取") in said
    assert [d for d in preview.diagnostics if d.level != "info"] == []
    assert [entries[p].completion_pct for p in (reg.p1, reg.p2, reg.p3)] == [91.1, 40.0, 50.0]


# ----------------------------------------------------------------------- Chinese numerals


def test_chinese_numerals_in_number_cells_are_read_and_said(empty_db, tmp_path):
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "cn.xlsx", [
        *HEAD,
        ["津兴城际铁路", "一点五", "十二", "四十", "铺轨"],
        ["天津港北疆港区集装箱码头", "三千万元", "两亿", "百分之四十五点五", "x"],
        ["滨海新区生物医药产业园", "12万", "12", "六十", "y"],
    ])
    preview, entries = _import(empty_db, path)
    said = _said(preview)
    assert (3, "info", "中文数字“四十”按“40”读取") in said
    assert (4, "info", "中文数字“三千万元”按“3000万元”读取") in said
    assert (4, "info", "中文数字“百分之四十五点五”按“45.5%”读取") in said
    assert (entries[reg.p1].invest_period, entries[reg.p1].invest_cumulative,
            entries[reg.p1].completion_pct) == (1.5, 12.0, 40.0)
    assert (entries[reg.p2].invest_period, entries[reg.p2].invest_cumulative,
            entries[reg.p2].completion_pct) == (0.3, 2.0, 45.5)
    # 12万 is the amount reader's own form (12万元): no numeral reading is claimed for it
    assert entries[reg.p3].invest_period == 0.0012
    assert not any("12万" in d.problem for d in preview.diagnostics)


def test_words_in_number_cells_stay_errors(empty_db, tmp_path):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "words.xlsx", [
        *HEAD, ["津兴城际铁路", 1, 2, "五成左右", "铺轨"]])
    preview = _preview(empty_db, path)
    assert any(d.level == "error" and d.row == 3 for d in preview.diagnostics)
    assert not any(d.level == "info" and "中文数字" in d.problem for d in preview.diagnostics)


def test_small_amounts_are_kept_to_the_yuan(empty_db, tmp_path):
    """1.2万元 in a 万元 column is 0.00012 亿元: never rounded to 0.0001 (it was)."""
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "wan.xlsx", [
        ["2024年3月"], ["项目名称", "本月完成(万元)", "累计完成(万元)", "完成进度", "工作进展"],
        ["津兴城际铁路", 1.2, 3456.78, 40, "铺轨"],
        ["天津港北疆港区集装箱码头", 0.05, 12345.6789, 50, "x"],
    ])
    _preview, entries = _import(empty_db, path)
    assert (entries[reg.p1].invest_period, entries[reg.p1].invest_cumulative) == (
        0.00012, 0.345678)
    assert (entries[reg.p2].invest_period, entries[reg.p2].invest_cumulative) == (
        0.000005, 1.23456789)


def test_a_returns_total_investment_is_compared_never_stored(empty_db, tmp_path):
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "total.xlsx", [
        ["2024年3月"],
        ["项目名称", "总投资(亿元)", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展"],
        ["津兴城际铁路", 50, 1, 10, 40, "铺轨"],  # as registered: nothing to say
        ["天津港北疆港区集装箱码头", 100, 1, 10, 50, "x"],  # registry says 30
        ["滨海新区生物医药产业园", -12.5, 1, 3, 60, "y"],
    ])
    preview, _entries = _import(empty_db, path)
    said = {(row, problem) for row, level, problem in _said(preview) if level == "warning"}
    assert (4, "报表总投资100亿元与台账30亿元不一致;台账未修改,请核实") in said
    assert (5, "总投资为负数(-12.5亿元),请核实(总投资不从报表导入)") in said
    assert not any(row == 3 for row, _problem in said)
    assert not any("未对应到任何字段" in d.problem for d in preview.diagnostics)
    from jjjdesk.domain.models import Project
    with empty_db.session() as s:
        assert [s.get(Project, p).total_investment for p in (reg.p1, reg.p2, reg.p3)] == [
            50, 30, 12.5]


def test_cumulative_above_the_returns_own_total_is_said(empty_db, tmp_path):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "over.xlsx", [
        ["2024年3月"],
        ["项目名称", "总投资(亿元)", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展"],
        ["天津港北疆港区集装箱码头", 8, 1, 10, 50, "x"],
    ])
    preview = _preview(empty_db, path)
    problems = [d.problem for d in preview.diagnostics if d.row == 3]
    assert "累计完成投资10亿元超过本表所填总投资8亿元,请核实" in problems


def test_the_report_date_is_kept_and_an_absurd_one_said(empty_db, tmp_path):
    from datetime import date

    from jjjdesk.services import entry_list
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "dated.xlsx", [
        ["2024年3月"],
        ["项目名称", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展", "填报日期"],
        ["津兴城际铁路", 1, 10, 40, "铺轨", "2024年4月2日"],
        ["天津港北疆港区集装箱码头", 1, 10, 50, "x", "1900-01-01"],
        ["滨海新区生物医药产业园", 1, 3, 60, "y", "2099-12-31"],
    ])
    preview, entries = _import(empty_db, path)
    said = {(row, problem) for row, level, problem in _said(preview) if level == "warning"}
    assert (4, "填报日期1900-01-01早于报告期2024年3月开始,请核实;未保存填报日期") in said
    assert (5, "填报日期2099-12-31晚于今天,请核实;未保存填报日期") in said
    assert [entries[p].reported_on for p in (reg.p1, reg.p2, reg.p3)] == [
        date(2024, 4, 2), None, None]
    with empty_db.session() as s:
        shown = entry_list.show_entry(session=s, actor=OFFICE, entry_id=entries[reg.p1].id)
    assert shown.entry.reported_on == date(2024, 4, 2)


def test_an_amount_formatted_with_a_unit_is_read_in_that_unit(empty_db, tmp_path):
    """12000 in a cell formatted 0"万元" shows “12000万元”: in a (亿元) column it is 1.2 亿元,
    and said; a cell formatted 0.00"亿元" in that column is read as it is, silently; a format
    that shows the figure scaled (0!.0000"万") is flagged."""
    reg = build_registry(empty_db)
    path = tmp_path / "units.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    for row in [*HEAD, ["津兴城际铁路", 12000, 2, 40, "铺轨"],
                ["天津港北疆港区集装箱码头", 1.5, 3, 40, "x"],
                ["滨海新区生物医药产业园", 123456, 3, 50, "y"]]:
        ws.append(row)
    ws["B3"].number_format = '0"万元"'
    ws["B4"].number_format = '0.00"亿元"'
    ws["B5"].number_format = '0!.0000"万"'
    wb.save(path)
    preview, entries = _import(empty_db, path)
    said = _said(preview)
    assert (3, "info", "单元格格式显示为“12000万元”,按万元读取(与列标题的单位不同)") in said
    assert not any(row == 4 for row, _level, _problem in said)
    assert any(row == 5 and level == "warning" and "缩放" in problem
               for row, level, problem in said)
    assert [entries[p].invest_period for p in (reg.p1, reg.p2, reg.p3)] == [1.2, 1.5, 123456]



def test_a_legacy_xls_return_is_read_by_its_number_formats(empty_db, tmp_path):
    """The same formats in a .xls (saved by LibreOffice from the .xlsx of the two tests
    above, data/formats_return.xls): 0.911 shown as 91.1% is 91.1; 12000 shown as 12000万元
    is 1.2 亿元; a figure shown scaled (0!.0000万) is flagged, not guessed."""
    from pathlib import Path

    reg = build_registry(empty_db)
    fixture = Path(__file__).parent / "data" / "formats_return.xls"
    preview, entries = _import(empty_db, fixture)
    assert preview.file_format == "xls"
    said = _said(preview)
    assert (3, "info", "单元格格式为百分比,按91.1%读取") in said
    assert (5, "info", "单元格格式为百分比,按50%读取") in said
    assert (3, "info", "单元格格式显示为“12000万元”,按万元读取(与列标题的单位不同)") in said
    assert any(row == 5 and level == "warning" and "缩放" in problem
               for row, level, problem in said)
    assert [entries[p].completion_pct for p in (reg.p1, reg.p2, reg.p3)] == [91.1, 40.0, 50.0]
    assert [entries[p].invest_period for p in (reg.p1, reg.p2, reg.p3)] == [1.2, 1.5, 123456]

def test_a_return_of_several_months_compares_each_with_the_month_before(empty_db, tmp_path):
    """Imported again, its January is not compared with its own March (a false 调减)."""
    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "months.xlsx", [
        ["项目名称", "填报期次", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展"],
        ["津兴城际铁路", "2024年1月", 1, 10, 10, "a"],
        ["津兴城际铁路", "2024年2月", 1, 11, 20, "b"],
        ["津兴城际铁路", "2024年3月", 1, 12, 30, "c"],
    ])
    first, entries = _import(empty_db, path)
    assert first.counts["new"] == 3 and first.counts["errors"] == 0 and reg.p1 in entries
    again = _preview(empty_db, path)
    assert (again.counts["unchanged"], again.counts["errors"]) == (3, 0)


def test_a_cut_between_two_months_of_one_return_is_said(empty_db, tmp_path):
    """February's 累计 below January's in the same file: the 调减 is refused as one below a
    stored month is, and names the file's own January; March, still below it, too."""
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "months.xlsx", [
        ["项目名称", "填报期次", "本月完成(亿元)", "累计完成(亿元)", "完成进度", "工作进展"],
        ["津兴城际铁路", "2024年1月", 1, 10, 10, "a"],
        ["津兴城际铁路", "2024年2月", 1, 8, 20, "b"],
        ["津兴城际铁路", "2024年3月", 1, 9, 30, "c"],
    ])
    preview = _preview(empty_db, path)
    said = _said(preview)
    assert any(row == 3 and level == "error" and "低于本表2024年1月累计(10亿元)" in problem
               for row, level, problem in said), said
    assert not any(row == 2 and level == "error" for row, level, _problem in said), said
    assert [r.status for r in preview.rows] == ["new", "rejected", "rejected"]
