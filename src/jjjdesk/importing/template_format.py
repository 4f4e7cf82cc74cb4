"""jjjdesk's own templates, both ways: the hidden metadata sheet, its checksum, the row keys.

The template writer (`excel.templates`) writes the sheet from `meta_rows`; the importer finds
it with `find_template` and recomputes `template_checksum` from the key column.

A filled template comes back to exactly the rows it came from, even when the unit inserted
rows, sorted, or added columns: rows are matched by their hidden key, not by position.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from jjjdesk.importing.read.normalise import text_of
from jjjdesk.importing.read.workbook import RawWorkbook

TEMPLATE_FORMAT = "jjjdesk-unit-template"
TEMPLATE_VERSION = 1
META_SHEET = "_jjjdesk_meta"
#: Names the metadata sheet may have (the writer writes the first).
META_SHEETS = (META_SHEET, "_jjjdesk", "_meta", "元数据")
_KEY = re.compile(r"^(?:(project|task|p|t|项目|任务)\s*[:：\-_#]?\s*)(\d+)$", re.IGNORECASE)


def template_checksum(round_id: int, unit_id: int, period_key: str, keys: Sequence[str]) -> str:
    """sha256 over what identifies the rows; an importer recomputes it from the key column."""
    text = f"{TEMPLATE_FORMAT}|{round_id}|{unit_id}|{period_key}|" + ",".join(keys)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def meta_rows(*, round_id: int, round_name: str, period_key: str, unit_id: int, unit_name: str,
              generated: datetime, data_sheet: str, header_row: int, keys: Sequence[str]
              ) -> tuple[tuple[str, str | int], ...]:
    """(name, value) rows of the metadata sheet, in the order `find_template` reads them."""
    return (
        ("format", TEMPLATE_FORMAT),
        ("template_version", TEMPLATE_VERSION),
        ("round_id", round_id),
        ("round_name", round_name),
        ("period_key", period_key),
        ("unit_id", unit_id),
        ("unit_name", unit_name),
        ("generated_at", generated.isoformat(timespec="seconds")),
        ("data_sheet", data_sheet),
        ("header_row", header_row),
        ("item_count", len(keys)),
        ("checksum", template_checksum(round_id, unit_id, period_key, keys)),
    )


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


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def check_keys(info: TemplateInfo, *, checksum_of, keys: list[str], exported: list[str],
               owners: dict[str, int]) -> tuple[str, str, str] | None:
    """Whether the rows of a returned template may be matched by their hidden keys.

    `keys`: the file's row keys in 序号 order; `exported`: the keys the round gives the
    template's unit now, in export order; `owners`: key → unit of every item in the round;
    `checksum_of(keys)`: the template checksum over keys for this round, unit and period.
    Returns None when all is well, ("warning", problem, suggestion) when rows are missing but
    every row still goes to its own item, ("refuse", problem, suggestion) when a row could be
    written to an item it does not belong to: then nothing may be imported.
    """
    declared = info.values.get("format") or info.values.get("template_version")
    expected = info.values.get("checksum", "").strip().lower()
    if declared and not _HEX64.match(expected):
        return ("refuse", "模板的隐藏信息页被改动(校验码缺失或无效),无法确认各行对应的事项",
                "请使用协同办下发的原模板重新填报")
    foreign = [k for k in keys if k in owners and owners[k] != info.unit_id]
    if info.unit_id is not None and foreign:
        return ("refuse", f"模板中有 {len(foreign)} 行的隐藏行标识指向其他单位的事项,"
                "可能复制了其他单位模板的行或改动了隐藏列",
                "请使用本单位的原模板重新填报")
    if not expected or checksum_of(keys) == expected:
        return None
    first = list(dict.fromkeys(keys))
    if checksum_of(exported) == expected and not _in_order(first, exported):
        # The template is as issued, yet its keys no longer follow the locked 序号 column:
        # rows were sorted or moved without their hidden keys, so values sit beside keys of
        # other items.
        return ("refuse", "模板中隐藏行标识与序号的对应关系被打乱(可能只对部分列排序或移动了行),"
                "各行的内容可能对应到错误的事项",
                "请使用下发的原模板重新填报,不要对部分列单独排序")
    count = info.values.get("item_count", "")
    return ("warning", f"模板中的事项与下发时不一致(下发 {count} 项,回收 {len(keys)} 项带行标识),"
            "可能删除了行或改动了隐藏的行标识列", "缺少的事项本次不更新;如需补报请使用下发的模板")


def _in_order(keys: list[str], exported: list[str]) -> bool:
    """Whether `keys` appear in `exported` in the same order (rows deleted, none moved)."""
    position = {k: i for i, k in enumerate(exported)}
    places = [position.get(k, -1) for k in keys]
    return -1 not in places and places == sorted(places)
