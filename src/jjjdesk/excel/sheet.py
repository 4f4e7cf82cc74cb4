"""One printable table sheet: title, period line, two-row merged headers, groups, subtotals.

Rows are written strictly top to bottom so the workbook can run in xlsxwriter's
constant-memory mode (memory stays flat however many rows a ledger has).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.worksheet import Worksheet

from jjjdesk.excel.safety import FORMULA_PREFIXES, looks_like_formula
from jjjdesk.excel.styles import BASE_SIZE, Styles

FOOTER = "&C第 &P 页 共 &N 页"
A4 = 9
A4_LANDSCAPE_PRINTABLE_MM = 297 - 2 * 10.16  # the 0.4-inch side margins below
A4_PORTRAIT_PRINTABLE_MM = 210 - 2 * 10.16
MIN_PRINT_PT = 9  # smaller than this, a printed ledger is not read (issue 20)


def column_mm(width: float) -> float:
    """Printed width of an Excel column of `width` units (7 px a unit plus 5 px padding)."""
    return (7 * width + 5) * 25.4 / 96


def pages_wide(widths: Sequence[float], font_pt: float, printable_mm: float) -> int:
    """How many page widths a sheet needs so that fitting it to them prints its body text at
    `MIN_PRINT_PT` or larger (Excel shrinks a sheet to fit, never enlarges it)."""
    total = sum(column_mm(w) for w in widths)
    return max(1, math.ceil(MIN_PRINT_PT * total / (font_pt * printable_mm) - 1e-9))
def _pack(widths: Sequence[float], repeated: int, scale: float, printable: float
          ) -> list[int]:
    """Columns on each page width at `scale`, the `repeated` first columns printed again at
    the left of every later page."""
    again = sum(widths[:repeated]) * scale
    pages, used, count = [], 0.0, 0
    for w in widths:
        if count and used + w * scale > printable:
            pages.append(count)
            used, count = again, 0
        used += w * scale
        count += 1
    return [*pages, count]


def first_page_columns(widths: Sequence[float], repeated: int, pages: int,
                       printable: float) -> int:
    """How many columns Excel prints on the first page when it fits a sheet to `pages`
    widths: the largest whole-percent scale at which they fit, packed page by page."""
    for percent in range(100, 9, -1):
        packed = _pack(widths, repeated, percent / 100, printable)
        if len(packed) <= pages:
            return packed[0]
    return _pack(widths, repeated, 0.1, printable)[0]


FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
LINE_HEIGHT = 13.5  # points per line of 10-point 宋体
MIN_HEIGHT = 18.0


#: Characters Excel keeps in one cell; xlsxwriter cuts longer strings silently.
CELL_LIMIT = 32_767
OVERFLOW_SHEET = "超长文本"


@dataclass(frozen=True)
class Overflow:
    """A text longer than a cell holds: where it stood, and all of it."""

    sheet: str
    row: int  # as Excel numbers rows
    column: str
    text: str

    def warning(self) -> str:
        return (f"“{self.sheet}”第 {self.row} 行“{self.column}”有 {len(self.text)} 字,"
                f"超过 Excel 单元格上限 {CELL_LIMIT} 字;全文已分段写入“{OVERFLOW_SHEET}”工作表。")


def write_overflow(wb, styles: Styles, overflow: Sequence[Overflow]) -> None:
    """The 超长文本 sheet: each over-long text in consecutive cells of at most CELL_LIMIT."""
    ws = wb.add_worksheet(OVERFLOW_SHEET)
    ws.set_column(0, 2, 14)
    ws.set_column(3, 3, 100)
    for c, head in enumerate(("工作表", "行", "列", "全文(按顺序分段)")):
        ws.write_string(0, c, head, styles.named("header"))
    r = 1
    for item in overflow:
        for start in range(0, len(item.text), CELL_LIMIT):
            ws.write_string(r, 0, item.sheet)
            ws.write_number(r, 1, item.row)
            ws.write_string(r, 2, item.column)
            ws.write_string(r, 3, item.text[start:start + CELL_LIMIT], styles.named("note"))
            r += 1


def text_units(text: str) -> int:
    """Display width in Excel column units: a CJK character (3 UTF-8 bytes) takes 2, ASCII 1."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


def row_height(values: Sequence[Any], wrap_cols: Sequence[tuple[int, int]]) -> float | None:
    """Height that shows every wrapped text in full, or None for the default height.

    Spreadsheet programs do not reliably re-measure rows of a generated file (LibreOffice
    keeps the stored height), so long texts would be cut off on paper without this.
    Counting every character as a CJK one (2 units) is cheap and errs on the roomy side.
    """
    lines = 1
    for i, usable in wrap_cols:
        v = values[i]
        if type(v) is str and 2 * len(v) > usable:
            if "\n" in v:
                n = sum(max(1, -(-2 * len(part) // usable)) for part in v.split("\n"))
            else:
                n = -(-2 * len(v) // usable)
            if n > lines:
                lines = n
    return None if lines == 1 else max(MIN_HEIGHT, lines * LINE_HEIGHT + 3)


def _forget_flushed_rows(ws: Worksheet) -> None:
    """Drop xlsxwriter's per-row height records of rows already on disk.

    In constant-memory mode `set_row` keeps `row_info`/`row_sizes` for every row for the
    whole run (about 300 bytes a row); they are only read when that row is flushed, so
    keeping them would make memory grow with the ledger. bench/bench_ledger.py measures it.
    """
    done = ws.previous_row
    for table in (ws.row_info, ws.row_sizes):
        for r in [r for r in table if r < done]:
            del table[r]


@dataclass(frozen=True)
class LightCell:
    """A 红黄绿灯 cell: `code` picks the fill (Light values), `text` is shown."""

    code: str
    text: str


@dataclass(frozen=True)
class Column:
    """One column: `group` is the merged upper header shared by neighbouring columns."""

    header: str
    kind: str = "text"  # see styles.KINDS
    width: float = 12
    group: str = ""
    total: bool = False  # summed in subtotal rows


def header_rows(columns: Sequence[Column]) -> int:
    return 2 if any(c.group for c in columns) else 1


def _spans(columns: Sequence[Column]) -> list[tuple[int, int, str]]:
    """(first, last, group) for runs of columns sharing a non-empty group."""
    spans: list[tuple[int, int, str]] = []
    for i, c in enumerate(columns):
        if c.group and spans and spans[-1][2] == c.group and spans[-1][1] == i - 1:
            spans[-1] = (spans[-1][0], i, c.group)
        elif c.group:
            spans.append((i, i, c.group))
    return spans


def _merge(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Register a merged range whose cells were already written in row order.

    xlsxwriter's `merge_range` writes its cells itself, which in constant-memory mode loses
    every cell of a row above once a lower row was touched (a vertical header merge does
    exactly that). The merge list is what `merge_range` appends to; the tests read every
    merged range back with openpyxl.
    """
    ws.merge.append([first_row, first_col, last_row, last_col])


class TableSheet:
    """Writes one sheet; call `group`, `row`, `subtotal` in order, then nothing else."""

    def __init__(self, ws: Worksheet, styles: Styles, columns: Sequence[Column], *, title: str,
                 subtitle: str, freeze_cols: int = 0, landscape: bool = True):
        self.ws, self.styles, self.columns = ws, styles, list(columns)
        self.ncols = len(self.columns)
        self.totals = [c.total for c in self.columns]
        self.row_no = 0
        self._formats = [styles.get(c.kind) for c in self.columns]
        self._quoted = [styles.get(c.kind, quote=True) for c in self.columns]
        # The typed writers without the public methods' "A1"-argument decorator: rows and
        # columns here are always numbers, and the decorator is ~10% of a big ledger's time.
        self._put_str = getattr(ws, "_write_string", ws.write_string)
        self._put_num = getattr(ws, "_write_number", ws.write_number)
        self._put_blank = getattr(ws, "_write_blank", ws.write_blank)
        self._pct = {i for i, c in enumerate(self.columns) if c.kind == "pct"}
        self.overflow: list[Overflow] = []
        self._wrap_cols = [(i, max(2, int(c.width - 1))) for i, c in enumerate(self.columns)
                           if c.kind in ("wrap", "center")]
        self.pages_wide = 1
        self._setup_page(landscape, freeze_cols)
        self._write_head(title, subtitle, freeze_cols)

    # ------------------------------------------------------------------ top of the sheet

    def _setup_page(self, landscape: bool, freeze_cols: int) -> None:
        ws = self.ws
        for i, c in enumerate(self.columns):
            ws.set_column(i, i, c.width)
        if landscape:
            ws.set_landscape()
        ws.set_paper(A4)
        printable = A4_LANDSCAPE_PRINTABLE_MM if landscape else A4_PORTRAIT_PRINTABLE_MM
        # As many pages tall as needed, and as many wide as keep the text at 9 pt or more;
        # a second page width repeats the frozen label columns (编号, 名称).
        self.pages_wide = pages_wide([c.width for c in self.columns], BASE_SIZE, printable)
        self._printable_mm = printable
        ws.fit_to_pages(self.pages_wide, 0)
        if self.pages_wide > 1 and freeze_cols:
            ws.repeat_columns(0, freeze_cols - 1)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(FOOTER)
        ws.center_horizontally()

    def _first_page_last(self, repeated: int) -> int:
        """The last column printed on the first page width: the title and subtitle are
        centred over those, not over columns that print on the next sheet of paper."""
        if self.pages_wide == 1:
            return self.ncols - 1
        return first_page_columns([column_mm(c.width) for c in self.columns], repeated,
                                  self.pages_wide, self._printable_mm) - 1

    def _write_head(self, title: str, subtitle: str, freeze_cols: int) -> None:
        ws, st, last = self.ws, self.styles, self._first_page_last(freeze_cols)
        ws.set_row(0, 30)
        ws.write_string(0, 0, title, st.named("title"))
        for c in range(1, last + 1):
            ws.write_blank(0, c, None, st.named("title"))
        _merge(ws, 0, 0, 0, last)
        ws.set_row(1, 20)
        ws.write_string(1, 0, subtitle, st.named("subtitle"))
        _merge(ws, 1, 0, 1, last)
        head = st.named("header")
        top = 2
        if header_rows(self.columns) == 1:
            for i, c in enumerate(self.columns):
                ws.write_string(top, i, c.header, head)
            self.header_last = top
        else:
            spans = _spans(self.columns)
            grouped = {i for a, b, _ in spans for i in range(a, b + 1)}
            starts = {a: g for a, _, g in spans}
            for i, c in enumerate(self.columns):
                if i in grouped:
                    if i in starts:
                        ws.write_string(top, i, starts[i], head)
                    else:
                        ws.write_blank(top, i, None, head)
                else:
                    ws.write_string(top, i, c.header, head)
            for i, c in enumerate(self.columns):
                if i in grouped:
                    ws.write_string(top + 1, i, c.header, head)
                else:
                    ws.write_blank(top + 1, i, None, head)
            for a, b, _ in spans:
                if b > a:
                    _merge(ws, top, a, top, b)
            for i in range(self.ncols):
                if i not in grouped:
                    _merge(ws, top, i, top + 1, i)
            self.header_last = top + 1
        ws.repeat_rows(top, self.header_last)
        ws.freeze_panes(self.header_last + 1, freeze_cols)
        self.next_row = self.header_last + 1

    # ------------------------------------------------------------------ body

    def group(self, title: str) -> None:
        """A category row across the whole width: "(一)…"."""
        ws, r, fmt = self.ws, self.next_row, self.styles.named("group")
        ws.write_string(r, 0, title, fmt)
        for c in range(1, self.ncols):
            ws.write_blank(r, c, None, fmt)
        _merge(ws, r, 0, r, self.ncols - 1)
        self.next_row += 1

    def row(self, values: Sequence[Any]) -> None:
        """One data row; values in column order (None = blank; pct as 0–100)."""
        ws, r = self.ws, self.next_row
        formats, pct = self._formats, self._pct
        put_str, put_num, put_blank = self._put_str, self._put_num, self._put_blank
        height = row_height(values, self._wrap_cols)
        if height is not None:
            ws.set_row(r, height)
            if r & 0x3FF == 0:
                _forget_flushed_rows(ws)
        for i, value in enumerate(values):
            t = type(value)
            if t is str:
                if not value:
                    put_blank(r, i, None, formats[i])
                elif len(value) > CELL_LIMIT:
                    self._too_long(r, i, value)
                elif value[0] in FORMULA_STARTS:
                    put_str(r, i, value, self._quoted[i])
                else:
                    put_str(r, i, value, formats[i])
            elif value is None:
                put_blank(r, i, None, formats[i])
            elif t is float or t is int:
                put_num(r, i, value / 100 if i in pct else value, formats[i])
            else:
                self._other(r, i, value)
        self.next_row += 1

    def _too_long(self, r: int, i: int, value: str) -> None:
        """Excel cuts a cell at 32,767 characters: the cell says so, the whole text goes to
        the 超长文本 sheet (`write_overflow`), and the export reports it."""
        self.overflow.append(Overflow(self.ws.name, r + 1, self.columns[i].header, value))
        note = f"…(全文 {len(value)} 字,超过 Excel 单元格上限,见“{OVERFLOW_SHEET}”工作表)"
        self.row_cell_text(r, i, value[:CELL_LIMIT - len(note)] + note)

    def _other(self, r: int, i: int, value: Any) -> None:
        ws, fmt = self.ws, self._formats[i]
        if isinstance(value, LightCell):
            ws.write_string(r, i, value.text, self.styles.light(value.code))
        elif isinstance(value, bool):
            ws.write_string(r, i, "是" if value else "否", fmt)
        elif isinstance(value, int | float):  # numpy numbers, Decimal subclasses of int…
            ws.write_number(r, i, float(value) / 100 if i in self._pct else value, fmt)
        elif isinstance(value, str):
            self.row_cell_text(r, i, str(value))
        else:  # dates
            ws.write_datetime(r, i, value, fmt)

    def row_cell_text(self, r: int, i: int, value: str) -> None:
        fmt = self._quoted[i] if looks_like_formula(value) else self._formats[i]
        self.ws.write_string(r, i, value, fmt)

    def subtotal(self, label: str, sums: Sequence[float | None], label_cols: int) -> None:
        """A 小计/合计 row: `label` merged over the first `label_cols` columns, then sums
        under the `total` columns (values, not formulas: see DESIGN "openpyxl never
        computes formulas"), blanks elsewhere."""
        ws, r, st = self.ws, self.next_row, self.styles
        ws.write_string(r, 0, label, st.named("total_label"))
        for c in range(1, self.ncols):
            if c < label_cols:
                ws.write_blank(r, c, None, st.named("total_label"))
            elif self.totals[c] and sums[c] is not None:
                ws.write_number(r, c, round(sums[c], 4), st.named("total_money"))
            else:
                ws.write_blank(r, c, None, st.named("total_blank"))
        if label_cols > 1:
            _merge(ws, r, 0, r, label_cols - 1)
        self.next_row += 1


class Sums:
    """Running sums of the `total` columns."""

    def __init__(self, columns: Sequence[Column]):
        self.flags = [c.total for c in columns]
        self.values: list[float | None] = [None] * len(columns)

    def add(self, values: Sequence[Any]) -> None:
        for i, flag in enumerate(self.flags):
            v = values[i]
            if flag and isinstance(v, int | float):
                self.values[i] = (self.values[i] or 0.0) + v

    def merge(self, other: Sums) -> None:
        for i, v in enumerate(other.values):
            if v is not None:
                self.values[i] = (self.values[i] or 0.0) + v

    @property
    def any(self) -> bool:
        return any(self.flags)
