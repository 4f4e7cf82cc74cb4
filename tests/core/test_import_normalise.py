"""The cell readers (property-based), header detection, and the CLI's import commands."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from import_helpers import build_registry, write_xlsx

from jjjdesk.cli.main import main
from jjjdesk.importing.read.fields import field_for_header, split_header
from jjjdesk.importing.read.normalise import (
    CellProblem,
    excel_serial,
    is_footer_row,
    is_total_row,
    parse_amount,
    parse_date,
    parse_number,
    parse_percent,
    text_of,
)

FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(money)
def test_numbers_as_text_with_thousands_separators_and_full_width_digits(x):
    plain = f"{x:.2f}"
    grouped = f"{x:,.2f}"
    for text in (plain, grouped, grouped.translate(FULL_WIDTH), f"\u00a0{plain}\u200b "):
        assert parse_number(text) == pytest.approx(float(x))


@given(money)
def test_amounts_in_wan_and_yi_become_yi(x):
    assert parse_amount(f"{x}万元") == pytest.approx(float(x) / 10000)
    assert parse_amount(f"{x}亿元") == pytest.approx(float(x))
    assert parse_amount(str(x), factor=1e-4) == pytest.approx(float(x) / 10000)
    assert parse_amount(float(x), factor=1e-4) == pytest.approx(float(x) / 10000)
    assert parse_amount(f"{x}亿", factor=1e-4) == pytest.approx(float(x))  # the cell's unit wins


@given(st.integers(min_value=0, max_value=100))
def test_percent_as_text_number_or_fraction(n):
    assert parse_percent(f"{n}%") == n
    assert parse_percent(f"{n}％".translate(FULL_WIDTH)) == n
    assert parse_percent(n) == n
    assert parse_percent(n / 100, fractions=True) == pytest.approx(n)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_in_every_spelling_read_the_same(d):
    serial = (d - date(1899, 12, 30)).days
    for text in (f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}",
                 f"{d:%Y-%m-%d}", f"{d.year}/{d.month}/{d.day}", f"{d:%Y%m%d}",
                 f"{d.year}年{d.month:02d}月{d.day:02d}号"):
        assert parse_date(text) == d
    assert parse_date(serial) == d
    assert parse_date(float(serial)) == d
    assert parse_date(f"{d.month}月{d.day}日", default_year=d.year) == d


@given(st.text(alphabet=st.sampled_from("项目名称ABC123 \u00a0\u3000\u200b"), max_size=20))
def test_text_of_never_keeps_odd_spaces(s):
    out = text_of(s)
    assert "\u00a0" not in out and "\u3000" not in out and "\u200b" not in out
    assert out == out.strip()
    assert unicodedata.normalize("NFKC", out) == out


def test_things_that_are_not_values_are_refused_with_a_reason():
    with pytest.raises(CellProblem, match="不是有效的金额"):
        parse_amount("一千万")
    with pytest.raises(CellProblem, match="日、月顺序不明确"):
        parse_date("03/04/2024")
    with pytest.raises(CellProblem, match="缺少年份"):
        parse_date("3月15日")
    with pytest.raises(CellProblem) as bad:
        parse_number("1,23")
    assert "千分位" in bad.value.suggestion
    assert parse_number("—") is None and parse_amount("/") is None and parse_date("无") is None
    assert excel_serial(45366) == date(2024, 3, 15)
    assert excel_serial(1) == date(1899, 12, 31)
    assert date(1899, 12, 30) + timedelta(days=45366) == date(2024, 3, 15)


def test_total_and_footer_rows():
    assert is_total_row(["合 计", None, 12])
    assert is_total_row([None, "小计", 3])
    assert not is_total_row(["合计划开工项目", 1])  # a name that starts with 合计划… is data
    assert is_footer_row(["填表人:张三", None, "联系电话:1"])
    assert is_footer_row(["注:本表金额单位为万元"])
    assert not is_footer_row(["津兴城际铁路", "注意安全"])


@pytest.mark.parametrize(("header", "field", "unit"), [
    ("项目名称", "name", ""),
    ("累计完成投资（万元）", "invest_cumulative", "万元"),
    ("本月完成投资(亿元)", "invest_period", "亿元"),
    ("完成进度(%)", "completion_pct", "%"),
    ("困难和问题", "problems", ""),
    ("下一步工作计划", "next_steps", ""),
    ("需协调解决的问题", "coordination", ""),
    ("牵头单位", "unit", ""),
    ("2024年3月工作进展情况", "progress", ""),
    ("*項目名稱", "name", ""),
])
def test_header_synonyms(header, field, unit):
    assert field_for_header(header)[0] == field
    assert split_header(header)[1] == unit


def test_cli_import_preview_commit_and_undo(empty_db, tmp_path, capsys):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度"], ["津兴城际铁路", "铺轨", "50%"],
        ["没有的项目", "x", "1"]])
    db = ["--db", empty_db.url]
    assert main(["import", str(path), "--preview", *db]) == 4
    out = capsys.readouterr().out
    assert "新增 第3行 JJJ-001 津兴城际铁路" in out
    assert "台账中没有“没有的项目”" in out
    assert "(预览,未写入数据库)" in out
    assert main(["import", str(path), "--json", "--annotate", *db]) == 4
    report = json.loads(capsys.readouterr().out)[0]
    assert report["counts"]["new"] == 1 and report["batch_id"]
    assert report["annotated"].endswith("r(待修改).xlsx")
    assert main(["import", str(path), *db]) == 4
    assert "没有需要导入的变化" not in capsys.readouterr().out  # nothing to commit: no message
    assert main(["imports", *db]) == 0
    assert "r.xlsx" in capsys.readouterr().out
    assert main(["import", "undo", str(report["batch_id"]), *db]) == 0
    assert "已撤销" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "missing.xlsx"), *db]) == 1
    assert "找不到文件" in capsys.readouterr().err
