"""Property (issue 14): no cell of a return is stored differently from what it shows without a
diagnostic on its row. Returns of random but plausible cells are previewed; what commit would
store (the planned writes) is compared with what Excel shows."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import OFFICE, build_registry
from openpyxl import Workbook

from jjjdesk.importing import batch as imports

NAMES = ("津兴城际铁路", "天津港北疆港区集装箱码头", "滨海新区生物医药产业园")

# A completion cell: (value written, number format, the percent Excel shows).
percent_cell = st.one_of(
    st.integers(-5, 120).map(lambda n: (n, "General", float(n))),
    st.decimals(0, 100, places=1).map(lambda d: (float(d), "General", float(d))),
    st.decimals(0, 1, places=3).map(lambda d: (float(d), "0.0%", float(d) * 100)),
    st.integers(0, 100).map(lambda n: (f"{n}%", "General", float(n))),
)
# An amount cell in a (亿元) column: (value, format, the 亿元 it shows). At most 12 亿元, below
# every project's 总投资, so a row is said only for how its cell was read.
amount_cell = st.one_of(
    st.decimals(-1, 12, places=2).map(lambda d: (float(d), "General", float(d))),
    st.one_of(st.integers(1, 12), st.integers(0, 120000)).map(
        lambda n: (n, '0"万元"', n / 10000)),  # 1–12: as plausible in 亿元 as in 万元
    st.integers(0, 120000).map(lambda n: (f"{n}万元", "General", n / 10000)),
)


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(percent_cell, amount_cell), min_size=3, max_size=3))
def test_every_stored_number_is_what_the_cell_shows_or_is_said(empty_db, tmp_path, cells):
    if not getattr(empty_db, "_built", False):
        build_registry(empty_db)
        empty_db._built = True  # one registry for every example (previews write nothing)
    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws.append(["2024年3月"])
    ws.append(["项目名称", "累计完成(亿元)", "完成进度", "工作进展"])
    for name, ((pct, pct_fmt, _), (amount, amount_fmt, _)) in zip(NAMES, cells, strict=True):
        ws.append([name, amount, pct, "推进中"])
        row = ws.max_row
        ws.cell(row, 2).number_format = amount_fmt
        ws.cell(row, 3).number_format = pct_fmt
    path = tmp_path / "random.xlsx"
    wb.save(path)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=path)
    assert preview.fatal == ""
    said = {d.row for d in preview.diagnostics if d.row is not None and d.row > 2}
    # A reading of the whole column ("都在0到1之间,已按比例理解") is said on its header row.
    column_said = {d.field for d in preview.diagnostics if d.row == 2}
    stored = {w.row: w.values for w in preview.writes}
    for offset, ((_, _, shown_pct), (_, _, shown_amount)) in enumerate(cells):
        row = 3 + offset
        if row in said:
            continue  # read differently, or questioned: the user is told
        values = stored.get(row)
        assert values is not None, f"row {row} left out without a word"
        if "completion_pct" not in column_said:
            assert _close(values["completion_pct"], shown_pct), (row, values, shown_pct)
        assert _close(values["invest_cumulative"], shown_amount), (row, values, shown_amount)
