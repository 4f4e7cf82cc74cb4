"""The shortcuts a large import takes give what the plain paths give: entry checks, row images,
column-wise rows, hidden rows found by the guard, and the paused garbage collector."""

from __future__ import annotations

import gc
import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from import_helpers import write_xlsx

from jjjdesk.db.bulk import ImageText, bulk_objects
from jjjdesk.domain.entry_rules import (
    SLOW,
    EntryContext,
    check_entry,
    check_fast,
    entry_defaults,
    fast_floats,
    fast_value,
)
from jjjdesk.importing.read.fields import ENTRY_SHEET
from jjjdesk.importing.read.guard import check_file
from jjjdesk.importing.read.layout import find_layout, spread_merges
from jjjdesk.importing.read.normalise import CellProblem, read_amount, read_amounts
from jjjdesk.importing.read.rows import data_block, data_rows
from jjjdesk.importing.read.workbook import read_workbook

entry_value = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 200),
    st.sampled_from(["", " 12 ", "80%", "1,234", "滞后", "已完成", "done", "正常推进", "x"]),
    st.text("12.%,亿 滞后\n", max_size=6),
)
entry_values = st.dictionaries(
    st.sampled_from(
        [
            "assessment",
            "completion_pct",
            "invest_period",
            "invest_cumulative",
            "progress",
            "problems",
            "next_steps",
            "cumulative_reason",
        ]
    ),
    entry_value,
    max_size=5,
)
contexts = st.builds(
    EntryContext,
    st.booleans(),
    st.one_of(st.none(), st.floats(0, 100)),
    st.just("上期"),
    st.one_of(st.none(), st.floats(0, 100)),
)


@given(entry_values, contexts)
def test_fast_entry_check_agrees_with_check_entry(values, context):
    fast = {name: fast_value(name, value) for name, value in values.items()}
    if any(v is SLOW for v in fast.values()):
        return  # the importer takes `check_entry` itself then
    data = entry_defaults()
    data.update(fast)
    got, want = check_fast(data, context), check_entry(values, context)
    assert (got.values, got.errors, got.warnings) == (want.values, want.errors, want.warnings)


figure = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(0, 10**9).map("{:,}".format),
    st.decimals(0, 10**6, places=3).map(str),
    st.sampled_from(["", "1,23", "12\n34", "3000万元", "-5", "1.", " 12", "１２"]),
)
amount_column = st.one_of(
    st.lists(st.one_of(st.none(), figure)),
    st.lists(st.one_of(st.none(), st.floats())),
    st.lists(st.one_of(st.none(), st.integers(), st.booleans(), figure), max_size=4),
)


def _one_by_one(cells, factor):
    out = []
    for cell in cells:
        try:
            out.append(read_amount(cell, factor))
        except CellProblem:
            return None
    return out


@given(amount_column, st.sampled_from([1.0, 1e-4]))
def test_a_column_of_amounts_reads_as_its_cells_one_by_one(cells, factor):
    got = read_amounts(cells, factor)
    if got is None:  # not every cell plain: the caller reads them one by one
        assert any(type(c) not in (float, type(None)) for c in cells)
        return
    want = _one_by_one(cells, factor)
    assert want is not None and len(got) == len(want)
    assert all(g == w or g != g and w != w for g, w in zip(got, want, strict=True))


@given(st.sampled_from(["completion_pct", "invest_period", "invest_cumulative", "progress"]),
       st.lists(st.one_of(st.none(), st.floats())))
def test_fast_floats_are_fast_value_of_each(name, values):
    want = [fast_value(name, v) for v in values]
    got = fast_floats(name, values)
    assert [g is SLOW for g in got] == [w is SLOW for w in want]
    assert [g for g in got if g is not SLOW] == [w for w in want if w is not SLOW]


scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.datetimes(timezones=st.just(UTC)),
    st.dates(),
)
image_rows = st.dictionaries(
    st.sampled_from("abcdefg"), scalar | st.lists(scalar, max_size=2), min_size=1
)


def _iso(value):
    return value.isoformat()


@given(image_rows, st.sets(st.sampled_from("abcdefg")))
def test_image_text_is_json_dumps_of_the_row(row, constant):
    keys = tuple(row)
    image = ImageText(keys, {k: row[k] for k in constant if k in row})
    assert image(row) == json.dumps(row, ensure_ascii=False, default=_iso)


def test_image_text_of_texts_with_separators_and_nul():
    stamp = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    row = {
        "id": 1,
        "progress": 'a\x00b, "c": [1]',
        "at": stamp,
        "pct": 45.0,
        "list": [1, {"x": "\x00"}],
        "day": date(2024, 3, 1),
        "none": None,
    }
    image = ImageText(tuple(row), {"at": stamp})
    assert image(row) == json.dumps(row, ensure_ascii=False, default=_iso)


def test_rows_by_column_are_the_rows_one_by_one(tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            ["2024年3月"],
            ["序号", "项目名称", "行标识", "完成进度", "工作进展"],
            [1, "甲", None, "45%", "a"],
            [None, None, None, None, None],
            ["一、产业项目"],
            ["(二)其他", None, "project:3"],
            [2, "乙", "", 0.5, None],
            [3, "隐藏", None, "1", "x"],
            ["合 计", None, None, "9"],
            [4, "丙"],
            ["填表人:张三"],
            [5, "表尾之后", None, "1", "y"],
        ],
        hidden_rows=(10,),
    )
    sheet = read_workbook(path).sheets[0]
    spread_merges(sheet)
    layout = find_layout(sheet, allowed=ENTRY_SHEET)
    one_by_one, by_column = [], []
    rows = list(data_rows(sheet, layout, one_by_one))
    block = data_block(sheet, layout, by_column)
    assert by_column == one_by_one and len(one_by_one) == 5
    assert [r.row for r in rows] == block.rows
    assert [block.staged(i) for i in range(len(block.rows))] == rows


def test_the_guard_names_the_parts_with_hidden_rows(tmp_path):
    hidden = write_xlsx(tmp_path / "h.xlsx", [["a"], ["b"]], hidden_rows=(2,))
    shown = write_xlsx(tmp_path / "s.xlsx", [["a"], ["b"]])
    assert "xl/worksheets/sheet1.xml" in check_file(hidden).hidden_parts
    assert "xl/worksheets/sheet1.xml" not in check_file(shown).hidden_parts
    assert read_workbook(hidden).sheets[0].hidden_rows == {1}


@pytest.mark.parametrize("was_on", [True, False])
def test_bulk_objects_pauses_the_collector_and_puts_it_back(was_on):
    (gc.enable if was_on else gc.disable)()
    try:
        with bulk_objects():
            assert not gc.isenabled()
            with bulk_objects():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer use still runs
        assert gc.isenabled() == was_on
        with pytest.raises(ZeroDivisionError), bulk_objects():
            1 / 0  # noqa: B018
        assert gc.isenabled() == was_on
    finally:
        gc.enable()


def test_insert_rows_with_literal_constants_stores_what_a_plain_insert_stores(empty_db):
    from sqlalchemy import insert, select

    from jjjdesk.db.bulk import insert_rows
    from jjjdesk.domain.models import ImportBatch
    from jjjdesk.importing.changelog import table

    t = table(ImportBatch)
    stamp = datetime(2024, 3, 15, 8, 30, tzinfo=UTC)
    sample = ImportBatch(file_name="x", file_hash="h", created_at=stamp)
    base = {c.key: getattr(sample, c.key) for c in t.columns if c.key != "id"}
    # NUL can't be a SQLite literal (bound instead); PostgreSQL refuses NUL in text at all.
    nul = "\x00" if empty_db.file is not None else ""
    constant = {"actor": "O'Brien 张三", "counts": "{" + nul + "}", "created_at": stamp}
    rows = [
        {k: v for k, v in base.items() if k not in constant}
        | {"file_name": f"第{i}个'文件'.xlsx", "file_hash": f"{i % 2}"}
        for i in range(5)
    ]
    with empty_db.session() as s:
        insert_rows(s, t, rows, constant)
        insert_rows(s, t, [rows[0]], constant)  # a single row: nothing to detect
        s.execute(insert(t), [constant | row for row in rows])
        stored = [tuple(r)[1:] for r in s.execute(select(t).order_by(t.c.id))]
    fast, single, plain = stored[:5], stored[5], stored[6:]
    assert fast == plain
    assert single == plain[0]
    assert plain[0][:3] == ("第0个'文件'.xlsx", "0", "O'Brien 张三")


code_cell = st.one_of(
    st.none(),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=8),
    st.sampled_from(["JJJ-001", " jjj 002 ", "ＪＪＪ-003", "", "   ", "JJJ\t4", "濱海-5"]),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.lists(code_cell, max_size=6))
def test_code_keys_of_a_column_are_each_cells_match_key(cells):
    from jjjdesk.domain.text import match_key
    from jjjdesk.importing.read.normalise import text_of
    from jjjdesk.importing.read.rows import RowBlock
    from jjjdesk.importing.returns.rows import code_keys

    block = RowBlock("进展", None, list(range(len(cells))), {"code": cells}, {"code": "B"})
    want = [match_key(text_of(c)) or None for c in cells]
    assert code_keys(block) == want


@given(st.text(st.characters(max_codepoint=127), min_size=1, max_size=6))
def test_an_ascii_cell_is_blank_exactly_when_it_is_whitespace_and_never_a_mark(text):
    from jjjdesk.importing.read.normalise import text_of
    from jjjdesk.importing.read.rows import _MARK_STARTS

    cleaned = text_of(text)
    # Control characters are dropped like spaces; the fast path sends such cells to text_of.
    assert (cleaned == "") == all(c.isspace() or not c.isprintable() for c in text)
    if text.isprintable() or text.isspace():
        assert (cleaned == "") == text.isspace()
    assert not cleaned or (cleaned[0] not in _MARK_STARTS and cleaned[0] != " ")


def test_only_formula_cells_without_a_value_are_taken_for_uncached():
    """A computed formula followed by an uncomputed one: the match never runs across cells."""
    from jjjdesk.importing.read.workbook import _UNCACHED

    xml = (b'<c r="C5"><f>A5+1</f><v>3</v></c><c r="C6"><f>B6</f></c>'
           b'<c r="C7"><f t="shared" si="0"/></c><c r="C8" s="2"><f>D8&amp;"x"</f><v></v></c>'
           b'<c r="C9"><v>4</v></c>')
    assert [(a.strip(), f) for a, f in _UNCACHED.findall(xml)] == [
        (b'r="C6"', b"B6"), (b'r="C7"', b""), (b'r="C8" s="2"', b'D8&amp;"x"')]
