"""Walk a sheet's data rows under its header: skip blank, hidden, 合计/小计, heading and footer rows
(saying so), and hand back each remaining row's raw cells by field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from jjjdesk.excel.returns.diagnostics import INFO, WARNING, Diagnostic, shown
from jjjdesk.excel.returns.layout import SheetLayout
from jjjdesk.excel.returns.normalise import (
    is_blank_row,
    is_footer_row,
    is_total_row,
    row_texts,
    text_of,
)
from jjjdesk.excel.returns.workbook import RawSheet

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


def data_rows(sheet: RawSheet, layout: SheetLayout, diagnostics: list[Diagnostic],
              tick: Callable[[], None] | None = None) -> Iterator[StagedRow]:
    mapped = [(c.field, c.index, c.letter) for c in layout.columns if c.field]
    letters = {name: letter for name, _, letter in mapped}
    footer_seen = False
    for r in range(layout.first_data_row, len(sheet.rows)):
        if tick is not None:
            tick()
        row = sheet.rows[r]
        if is_blank_row(row):
            continue
        if r in sheet.hidden_rows:
            diagnostics.append(Diagnostic(
                WARNING, sheet.name, r + 1, "", "", shown(" ".join(row_texts(row, 3))),
                "该行在表格中被隐藏,未导入", "如需导入,请在 Excel 中取消隐藏后重新导入"))
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
        cells = {name: (row[index] if index < len(row) else None) for name, index, _ in mapped}
        if len(texts) == 1 and _HEADING.match(texts[0]) and not cells.get("key"):
            diagnostics.append(Diagnostic(INFO, sheet.name, r + 1, "", "", shown(texts[0]),
                                          "分组标题行,已跳过"))
            continue
        yield StagedRow(sheet.name, r + 1, cells, letters)
