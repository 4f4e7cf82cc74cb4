"""Find the table in a sheet: title rows, a one- or two-row (merged) header, the columns' fields.

The header is the row (or pair of rows) among the first `SCAN_ROWS` whose cells map to the
most known fields and include something that names the row's subject (key, code or name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jjjdesk.importing.read.fields import FIELDS, field_for_header, header_key, split_header
from jjjdesk.importing.read.normalise import AMOUNT_UNITS, text_of
from jjjdesk.importing.read.workbook import RawSheet

SCAN_ROWS = 20
SUBJECT_FIELDS = ("key", "code", "name")


@dataclass
class ColumnMap:
    index: int  # 0-based column
    header: str  # as shown (two-row headers joined with " / ")
    header_key: str
    field: str | None  # None: not imported
    unit: str = ""  # unit named in the header: 万元, %, 亿元 …
    how: str = "synonym"  # synonym / contains / memory / user / template / none

    @property
    def factor(self) -> float:
        """Multiplier to 亿元 for amount columns (万元 → 0.0001)."""
        return AMOUNT_UNITS.get(self.unit.replace(" ", ""), 1.0)

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class SheetLayout:
    sheet: str
    header_rows: list[int]  # 0-based
    columns: list[ColumnMap]
    title_lines: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def column_of(self, name: str) -> ColumnMap | None:
        return next((c for c in self.columns if c.field == name), None)

    @property
    def mapped(self) -> dict[str, ColumnMap]:
        return {c.field: c for c in self.columns if c.field}

    @property
    def has_subject(self) -> bool:
        return any(c.field in SUBJECT_FIELDS for c in self.columns)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def spread_merges(sheet: RawSheet) -> None:
    """Give every cell of a merged range the value of its top-left cell (in place)."""
    rows = sheet.rows
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(rows) or (r0 == r1 and c0 == c1):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None or value == "":
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value


def _labels(row: list[object]) -> list[str]:
    return [text_of(v) if isinstance(v, str) else "" for v in row]


_REFERENCE = ("上期", "上月", "上年", "去年", "上季度", "同期")


def _candidates(label: str, allowed, used: set[str]) -> tuple[str | None, str]:
    """(field, how) for one header: exact synonyms of the joined, lower or upper text first."""
    fallback = None
    parts = label.split(" / ")
    for candidate in (label.replace(" / ", ""), *reversed(parts)):
        found, exact = field_for_header(candidate, allowed)
        if found and found not in used:
            if exact:
                return found, "synonym"
            fallback = fallback or found
    # "上期完成进度" is last period's figure shown for reference, never this period's.
    if fallback and not parts[-1].startswith(_REFERENCE):
        return fallback, "contains"
    return None, "none"


def _map_columns(labels: list[str], allowed: tuple[str, ...] | None,
                 memory: dict[str, str] | None) -> tuple[list[ColumnMap], int]:
    columns: list[ColumnMap] = []
    for index, label in enumerate(labels):
        unit = ""
        for part in label.split(" / "):
            unit = split_header(part)[1] or unit
        columns.append(ColumnMap(index, label, header_key(label) if label else "", None, unit,
                                 "none"))
    used: set[str] = set()
    score = 0
    # Remembered choices, then exact synonyms, then "contains" guesses, each left to right.
    for phase in ("memory", "synonym", "contains"):
        for col in columns:
            if not col.header or col.how != "none":
                continue
            if phase == "memory":
                if memory and col.header_key in memory:
                    name = memory[col.header_key] or None
                    col.how = "memory"
                    if name and name not in used:
                        col.field = name
                        used.add(name)
                        score += 2
                continue
            found, how = _candidates(col.header, allowed, used)
            if found and how == phase:
                col.field, col.how = found, how
                used.add(found)
                score += 2 if how == "synonym" else 1
    for col in columns:
        if col.field is None:
            col.how = "memory" if col.how == "memory" else "none"
    return columns, score


def _joined(upper: list[str], lower: list[str]) -> list[str]:
    width = max(len(upper), len(lower))
    out = []
    for i in range(width):
        u = upper[i] if i < len(upper) else ""
        d = lower[i] if i < len(lower) else ""
        if u and d and u != d:
            out.append(f"{u} / {d}")
        else:
            out.append(d or u)
    return out


def find_layout(sheet: RawSheet, *, allowed: tuple[str, ...] | None = None,
                memory: dict[str, str] | None = None) -> SheetLayout | None:
    """The best header in the first rows, or None when the sheet holds no table we know."""
    rows = sheet.rows
    best: SheetLayout | None = None
    limit = min(len(rows), SCAN_ROWS)
    for r in range(limit):
        if r in sheet.hidden_rows:
            continue
        labels = _labels(rows[r])
        # One text spread over the row (a merged title such as "填报单位:…  报告期:…") is
        # no header: joined to the header below it, it read our template's 类型 as a unit.
        if len({x for x in labels if x}) < 2:
            continue
        candidates = [([r], labels)]
        if r + 1 < len(rows):
            lower = _labels(rows[r + 1])
            if sum(1 for x in lower if x) >= 1:
                candidates.append(([r, r + 1], _joined(labels, lower)))
        for header_rows, joined in candidates:
            columns, score = _map_columns(joined, allowed, memory)
            layout = SheetLayout(sheet.name, header_rows, columns, score=score)
            if not layout.has_subject:
                continue
            if best is None or score > best.score:
                best = layout
    if best is None or best.score < 2:
        return None
    _fix_assessment(best, rows)
    best.title_lines = [
        " ".join(t for t in (text_of(v) for v in rows[r] if v not in (None, "")) if t)
        for r in range(best.header_rows[0])
    ]
    return best


def _fix_assessment(layout: SheetLayout, rows: list[list[object]]) -> None:
    """“推进情况” is the assessment (正常推进/滞后…) in our forms, but many offices head their
    prose column so: when its cells are long sentences and no progress column exists, it is
    the progress text."""
    col = layout.column_of("assessment")
    if col is None or layout.column_of("progress") is not None:
        return
    cells = [r[col.index] for r in rows[layout.first_data_row:layout.first_data_row + 50]
             if col.index < len(r)]
    sample = [text_of(c) for c in cells if isinstance(c, str) and c.strip()]
    if sample and sum(len(s) for s in sample) / len(sample) > 8:
        col.field, col.how = "progress", "contains"


_PERIOD_HINT = re.compile(
    r"(\d{4}\s*年\s*(?:第?\s*[0-9一二三四]+\s*季度|[一二三四]季度|第?\s*\d{1,2}\s*周|\d{1,2}\s*月份?)"
    r"|\d{4}\s*[-.]\s*\d{1,2}|\d{4}\s*-?\s*[QqWw]\d{1,2})"
)
_UNIT_HINT = re.compile(r"(?:填报单位|报送单位|单位名称|填表单位)\s*[::]\s*([^\s,,;;]+)")


def title_period_text(lines: list[str]) -> str:
    """The period named in the title rows ("2024年3月重点项目进展情况表" → "2024年3月")."""
    for line in lines:
        m = _PERIOD_HINT.search(line.replace(" ", ""))
        if m:
            return m.group(1)
    return ""


def title_unit_text(lines: list[str]) -> str:
    for line in lines:
        m = _UNIT_HINT.search(line)
        if m:
            return m.group(1)
    return ""


def field_label(name: str | None) -> str:
    return FIELDS[name].label if name in FIELDS else "(不导入)"
