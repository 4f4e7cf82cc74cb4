"""Recognise jjjdesk's own templates: the hidden metadata sheet and the hidden row keys.

A filled template comes back to exactly the rows it came from, even when the unit inserted
rows, sorted, or added columns: rows are matched by their hidden key, not by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jjjdesk.excel.returns.normalise import text_of
from jjjdesk.excel.returns.workbook import RawWorkbook

#: Names the metadata sheet may have (the export side writes the first).
META_SHEETS = ("_jjjdesk_meta", "_jjjdesk", "_meta", "元数据")
_KEY = re.compile(r"^(?:(project|task|p|t|项目|任务)\s*[:：\-_#]?\s*)(\d+)$", re.IGNORECASE)


@dataclass
class TemplateInfo:
    sheet: str
    values: dict[str, str] = field(default_factory=dict)

    def _int(self, *names: str) -> int | None:
        for name in names:
            raw = self.values.get(name, "")
            if raw.isdigit():
                return int(raw)
        return None

    @property
    def round_id(self) -> int | None:
        return self._int("round_id", "round", "批次")

    @property
    def unit_id(self) -> int | None:
        return self._int("unit_id", "unit", "单位")

    @property
    def version(self) -> str:
        return self.values.get("template_version", self.values.get("version", ""))

    @property
    def period_key(self) -> str:
        return self.values.get("period_key", self.values.get("period", ""))


def find_template(book: RawWorkbook) -> TemplateInfo | None:
    """The metadata of a jjjdesk template, or None for a free-form return."""
    for sheet in book.sheets:
        if sheet.name.lower() not in META_SHEETS and sheet.visible:
            continue
        values: dict[str, str] = {}
        for row in sheet.rows[:200]:
            if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
                values[row[0].strip().lower()] = text_of(row[1])
        if "round_id" in values or "template_version" in values or (
            sheet.name.lower() in META_SHEETS and values
        ):
            return TemplateInfo(sheet.name, values)
    return None


def parse_key(value: object) -> tuple[str, int] | None:
    """"project:12" / "P12" / "任务-3" → ("project", 12); None when it is no key of ours."""
    m = _KEY.match(text_of(value).replace(" ", ""))
    if not m:
        return None
    kind = m.group(1).lower()
    return ("task" if kind in ("task", "t", "任务") else "project", int(m.group(2)))
