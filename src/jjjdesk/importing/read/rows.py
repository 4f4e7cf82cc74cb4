"""Walk a sheet's data rows under its header: skip blank, hidden, 合计/小计, heading and footer rows
(saying so), and hand back the remaining rows' raw cells by field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from jjjdesk.importing.read.diagnostics import INFO, Diagnostic, shown
from jjjdesk.importing.read.layout import SheetLayout
from jjjdesk.importing.read.normalise import (
    FOOTER_WORDS,
    TOTAL_WORDS,
    is_footer_row,
    is_total_row,
    row_texts,
    text_of,
)
from jjjdesk.importing.read.workbook import RawSheet

_HEADING = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[((][一二三四五六七八九十]+[))]|第[一二三四五六七八九十]+[部类章])"
)


@dataclass
class StagedRow:
    """One data row: where it is and its raw cells by field (merged cells already spread)."""

    sheet: str
    row: int  # 1-based Excel row
    cells: dict[str, object]
    columns: dict[str, str]  # field → column letter

    def text(self, name: str) -> str:
        return text_of(self.cells.get(name))


@dataclass
class RowBlock:
    """A sheet's data rows by column: `cells[field][i]` is the raw cell of Excel row
    `rows[i]` (a 50,000-row return is read a column at a time, not a dict per row)."""

    sheet: str
    layout: SheetLayout
    rows: list[int]  # 1-based Excel rows
    cells: dict[str, list[object]]
    columns: dict[str, str]  # field → column letter
    fractions: bool = False  # the percent column holds 0–1 (see `fraction_column`)
    memo: dict = field(default_factory=dict, repr=False)

    def staged(self, i: int) -> StagedRow:
        return StagedRow(self.sheet, self.rows[i],
                         {name: cells[i] for name, cells in self.cells.items()}, self.columns)


#: How a 合计 or footer row's texts may start (no ASCII: see `_kept`): other rows skip the
#: regular expressions.
HIDDEN_ROW = "隐藏行"

_MARK_STARTS = frozenset(word[0] for word in (*TOTAL_WORDS, *FOOTER_WORDS))


def _kept(sheet: RawSheet, layout: SheetLayout, diagnostics: list[Diagnostic],
          tick: Callable[[], None] | None) -> Iterator[int]:
    """Indexes of the data rows, saying why each other row is skipped."""
    key = layout.column_of("key")
    key_index = key.index if key is not None else -1
    marks = _MARK_STARTS
    starts: dict[str, int] = {}  # text → 0 blank, 1 plain, 2 starts like a 合计 or footer row
    footer_seen = False
    rows = sheet.rows
    hidden = sheet.hidden_rows
    for r in range(layout.first_data_row, len(rows)):
        if tick is not None:
            tick()
        row = rows[r]
        # The first three texts decide (see `row_texts`); a number is never blank or a mark.
        seen = 0
        plain = True
        for v in row:
            if v is None or v == "":
                continue
            if type(v) is str:
                # Cleaned, an ASCII text starts with no mark (they are Chinese) and no space;
                # one with control characters (dropped by cleaning) takes the full path.
                start = ((0 if v.isspace() else 1) if v.isascii()
                         and (v.isprintable() or v.isspace()) else starts.get(v))
                if start is None:
                    t = text_of(v)
                    start = starts[v] = 0 if not t else 2 if t[0] in marks or t[0] == " " else 1
                if start == 0:
                    continue
                if start == 2:
                    plain = False
            seen += 1
            if seen == 3:
                break
        if seen == 0:  # blank
            continue
        if plain and not footer_seen and seen > 1:
            if r in hidden:
                _hidden(diagnostics, sheet.name, r, row)
            yield r
            continue
        texts = row_texts(row, 3)
        if is_total_row(texts):
            diagnostics.append(Diagnostic(INFO, sheet.name, r + 1, "", "",
                                          shown(" ".join(row_texts(row, 2))), "合计/小计行,已跳过"))
            continue
        if footer_seen or is_footer_row(texts):
            footer_seen = True
            diagnostics.append(Diagnostic(INFO, sheet.name, r + 1, "", "", shown(" ".join(texts)),
                                          "表尾(填表人等),已跳过"))
            continue
        if (len(texts) == 1 and _HEADING.match(texts[0])
                and not (row[key_index] if 0 <= key_index < len(row) else None)):
            diagnostics.append(Diagnostic(INFO, sheet.name, r + 1, "", "", shown(texts[0]),
                                          "分组标题行,已跳过"))
            continue
        if r in hidden:
            _hidden(diagnostics, sheet.name, r, row)
        yield r


def _hidden(diagnostics: list[Diagnostic], sheet: str, r: int, row: list) -> None:
    """A hidden data row is data all the same (issue 14): imported, and said so."""
    diagnostics.append(Diagnostic(
        INFO, sheet, r + 1, "", "", shown(" ".join(row_texts(row, 3))), HIDDEN_ROW,
        "该行在表格中被隐藏,已导入;如不应导入,请删除该行后重新导入"))


def data_block(sheet: RawSheet, layout: SheetLayout, diagnostics: list[Diagnostic],
               tick: Callable[[], None] | None = None) -> RowBlock:
    """The sheet's data rows, column by column."""
    kept = list(_kept(sheet, layout, diagnostics, tick))
    rows = [sheet.rows[r] for r in kept]
    width = min(map(len, rows), default=0)
    cells = {}
    for c in layout.columns:
        if c.field:
            i = c.index
            cells[c.field] = (list(map(itemgetter(i), rows)) if i < width else
                              [row[i] if i < len(row) else None for row in rows])
    letters = {c.field: c.letter for c in layout.columns if c.field}
    return RowBlock(sheet.name, layout, [r + 1 for r in kept], cells, letters)


def data_rows(sheet: RawSheet, layout: SheetLayout, diagnostics: list[Diagnostic],
              tick: Callable[[], None] | None = None) -> Iterator[StagedRow]:
    mapped = [(c.field, c.index) for c in layout.columns if c.field]
    letters = {c.field: c.letter for c in layout.columns if c.field}
    for r in _kept(sheet, layout, diagnostics, tick):
        row = sheet.rows[r]
        cells = {name: (row[index] if index < len(row) else None) for name, index in mapped}
        yield StagedRow(sheet.name, r + 1, cells, letters)
