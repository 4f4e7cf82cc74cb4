"""Column widths from the longest rendered value, and columns split over sheets for print.

Widths count a CJK character as two units (`sheet.text_units`), dates in their Chinese form
(2027年12月31日), numbers as their format shows them. A width is capped (long texts wrap);
a ledger wider than two A4 widths at 9 pt moves its further columns to a 续 sheet that
repeats the label columns, rather than shrinking the print below `MIN_PRINT_PT`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jjjdesk.domain.period import chinese_date
from jjjdesk.excel.sheet import (
    A4_LANDSCAPE_PRINTABLE_MM,
    MIN_PRINT_PT,
    Column,
    LightCell,
    column_mm,
    text_units,
)
from jjjdesk.excel.styles import BASE_SIZE

MAX_PAGES_WIDE = 2  # beyond this, columns go to a second sheet
#: widest a column grows: wrapped texts wrap beyond it, one-line kinds never need more
CAPS = {"wrap": 34.0, "center": 16.0, "text": 30.0}
DEFAULT_CAP = 20.0
MIN_WIDTH = 4.0
PADDING = 2.0
#: rows measured per column: enough for any office ledger, bounded for huge exports
SAMPLE_ROWS = 20_000


def rendered_units(value: Any, kind: str) -> int:
    """The width the value shows in its cell, in Excel column units."""
    if value is None or value == "":
        return 0
    if isinstance(value, LightCell):
        return text_units(value.text)
    if isinstance(value, str):
        return max(text_units(line) for line in value.split("\n"))
    if isinstance(value, datetime | date):
        return text_units(chinese_date(value if isinstance(value, date) else value.date()))
    if isinstance(value, bool):
        return 2
    if isinstance(value, int | float):
        if kind == "money":
            return len(f"{value:.2f}")
        if kind == "pct":
            return len(f"{value:.0f}%")
        if kind == "int":
            return len(str(int(value)))
        return len(f"{value:g}")
    return text_units(str(value))


def header_units(header: str) -> int:
    """A header may wrap onto two lines: half its width, at least its longest half-word."""
    return math.ceil(text_units(header) / 2)


def fit_widths(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> list[Column]:
    """`columns` with each width set from its longest value (and its header), capped."""
    longest = [header_units(c.header) for c in columns]
    for n, row in enumerate(rows):
        if n >= SAMPLE_ROWS:
            break
        for i, c in enumerate(columns):
            units = rendered_units(row[i], c.kind)
            if units > longest[i]:
                longest[i] = units
    out = []
    for c, units in zip(columns, longest, strict=True):
        cap = CAPS.get(c.kind, DEFAULT_CAP)
        out.append(replace(c, width=max(MIN_WIDTH, min(cap, units + PADDING))))
    return out


def split_for_print(columns: Sequence[Column], label_cols: int,
                    printable_mm: float = A4_LANDSCAPE_PRINTABLE_MM,
                    max_pages: int = MAX_PAGES_WIDE) -> list[list[int]]:
    """Column indexes per sheet: the first holds what fits `max_pages` page widths at
    `MIN_PRINT_PT`; each further one repeats the `label_cols` first columns."""
    budget = max_pages * printable_mm * BASE_SIZE / MIN_PRINT_PT
    labels = list(range(min(label_cols, len(columns))))
    label_mm = sum(column_mm(columns[i].width) for i in labels)
    parts: list[list[int]] = []
    current, used = list(labels), label_mm
    for i in range(len(labels), len(columns)):
        w = column_mm(columns[i].width)
        if used + w > budget and len(current) > len(labels):
            parts.append(current)
            current, used = list(labels), label_mm
        current.append(i)
        used += w
    parts.append(current)
    return parts


def continued_name(name: str, n: int) -> str:
    """台账(续), 台账(续2)… for the n-th further sheet (n from 1)."""
    return f"{name}(续)" if n == 1 else f"{name}(续{n})"
