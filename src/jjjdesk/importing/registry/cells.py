"""How an office's task ledger writes what a key task needs: task numbers (3, 3.2, (1), ①),
category headings (一、交通一体化), lists of units and windows (2024-2025年, 2025年底前).

Pure functions over cell values, no database: each returns the value or raises
`CellProblem` with a Chinese message and a suggestion.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime

from jjjdesk.domain.numerals import chinese_number
from jjjdesk.importing.read.normalise import EMPTY_MARKERS, CellProblem, text_of

_CN = "[一二三四五六七八九十]+"


# ----------------------------------------------------------------------------- categories

_CATEGORY = re.compile(
    rf"^(?:[((]\s*(?P<a>{_CN}|\d+)\s*[))]|(?P<b>{_CN})\s*[、.．]|"
    rf"第\s*(?P<c>{_CN}|\d+)\s*[类部章项]?(?:分)?\s*[、.．::]?)\s*(?P<title>.*)$"
)
_BARE_CATEGORY = re.compile(rf"^[((]?\s*({_CN})\s*[))、.．]?$")


def category_parts(text: str) -> tuple[int | None, str]:
    """ "一、交通一体化" / "(一)交通一体化" → (1, "交通一体化"); "交通一体化" → (None, …);
    "3" or "三" → (3, "")."""
    t = text_of(text)
    m = _CATEGORY.match(t)
    if m:
        return chinese_number(m["a"] or m["b"] or m["c"]), m["title"].strip()
    m = _BARE_CATEGORY.match(t)
    if m:
        return chinese_number(m[1]), ""
    if t.isdigit():
        return int(t), ""
    return None, t


def heading_of(raw: list[object], number: str, name: str) -> tuple[int | None, str] | None:
    """A category heading row of a task sheet, or None: one text across the row (merged or
    not) that reads "一、…", or a lone Chinese numeral as the number beside a title."""
    texts = {text_of(v) for v in raw} - {""}
    if len(texts) == 1:
        n, title = category_parts(next(iter(texts)))
        if n is not None and title and not next(iter(texts)).isdigit():
            return n, title
        return None
    bare = _BARE_CATEGORY.match(number or "") if len(texts) == 2 and name else None
    if bare is not None:
        return chinese_number(bare[1]), name
    return None


# ----------------------------------------------------------------------------- numbers

_TASK_NO = re.compile(r"^(?:第|重点任务|任务)?\s*(\d+)(?:\s*[.．\-]\s*(\d+))?\s*[、.．项条]?$")
_SUB_NO = re.compile(r"^[((]\s*(\d+)\s*[))]$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def task_number(text: object) -> tuple[int | None, int | None, bool]:
    """(parent, number, under_previous): "3" → (None, 3, False); "3.2" → (3, 2, False);
    "(2)" / "②" → (None, 2, True), a sub-task of the task row above; "" → (None, None, False)."""
    if isinstance(text, str) and text.strip() and text.strip() in _CIRCLED:  # before NFKC: ② → 2
        return None, _CIRCLED.index(text.strip()) + 1, True
    t = unicodedata.normalize("NFKC", text_of(text)).replace(" ", "")
    if not t:
        return None, None, False
    if m := _SUB_NO.match(t):
        return None, int(m[1]), True
    if m := _TASK_NO.match(t):
        if m[2] is not None:
            return int(m[1]), int(m[2]), False
        return None, int(m[1]), False
    raise CellProblem(f"“{text_of(text)}”不是有效的任务序号", "请填写数字,如 3;分解任务写 3.2")


# ----------------------------------------------------------------------------- lists

_UNIT_SPLIT = re.compile(r"[、,,;;//\n\r\t]+|\s+")
#: Words a ledger uses for "everyone concerned": not a unit, so not matched.
GENERIC_UNITS = frozenset(
    {
        "各区",
        "各区政府",
        "各区人民政府",
        "各有关区",
        "相关区",
        "有关区",
        "各有关部门",
        "有关部门",
        "相关部门",
        "各相关部门",
        "有关单位",
        "相关单位",
        "各相关单位",
        "各有关单位",
        "等",
        "各区县",
        "各涉农区",
        "市有关部门",
        "市相关部门",
    }
)


def split_units(text: str) -> list[str]:
    """ "市发改委、市交通委;东丽区\\n西青区" → the names, in order, without repeats."""
    out: list[str] = []
    for part in _UNIT_SPLIT.split(str(text)):
        name = re.sub(r"(?:等|。|\.)+$", "", text_of(part))
        if name and name not in out:
            out.append(name)
    return out


_ITEM_MARK = re.compile(r"^\s*(?:[((]\s*(\d+)\s*[))]|(\d+)\s*[、.．)]|([①-⑳]))\s*")
_INLINE_MARK = re.compile(r"(?<=[。;;,,\s])(?=(?:[((]\d+[))]|\d+[、.．]|[①-⑳]))")


def split_items(text: object) -> list[tuple[int, str]]:
    """The sub-tasks written in one cell, numbered: "1.建设… 2.推进…" or one a line →
    [(1, "建设…"), (2, "推进…")]. An item's own number wins over its position."""
    raw = str(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [x for x in re.split(r"\n+|[;;](?=\s*\S)", raw) if x.strip()]
    if len(lines) == 1:
        lines = [x for x in _INLINE_MARK.split(lines[0]) if x.strip()]
    out: list[tuple[int, str]] = []
    for i, line in enumerate(lines, start=1):
        m = _ITEM_MARK.match(line)
        n = i
        if m:
            n = int(m[1] or m[2]) if (m[1] or m[2]) else _CIRCLED.index(m[3]) + 1
            line = line[m.end() :]
        title = re.sub(r"[;;。]+$", "", text_of(line))
        if title:
            out.append((n, title))
    return out


# ----------------------------------------------------------------------------- windows

_SUFFIX = re.compile(r"(?:以前|之前|前|以内|内|完成|基本完成|全面完成|实现|建成)+$")
_PREFIX = re.compile(r"^(?:力争|确保|争取|计划|预计|截至|截止|到|于|至)+")
_START = re.compile(r"(?:起|开始|以来|以后|启动)$")
_OPEN = frozenset(
    {
        "长期",
        "长期坚持",
        "持续",
        "持续推进",
        "常态化",
        "长期推进",
        "持续开展",
        "常态化推进",
        "按年度推进",
        "逐年推进",
    }
)
_RANGE = re.compile(r"至|到|~|～|—+|–|－|-{1,2}")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _point(s: str, end: bool, year: int | None = None) -> date | None:
    """One end of a window: a year, half, quarter, month or day; None when unreadable."""
    if year is not None and not re.match(r"\d{4}", s):
        s = f"{year}年{s}"
    try:
        if m := re.fullmatch(r"(\d{4})年?", s):
            y = int(m[1])
            return date(y, 12, 31) if end else date(y, 1, 1)
        if m := re.fullmatch(r"(\d{4})年(?:年)?(?:底|末|终)", s):
            return date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{4})年(?:年)?初", s):
            return date(int(m[1]), 1, 31) if end else date(int(m[1]), 1, 1)
        if m := re.fullmatch(r"(\d{4})年(?:上半年|年中|中)", s):
            return date(int(m[1]), 6, 30) if end else date(int(m[1]), 1, 1)
        if m := re.fullmatch(r"(\d{4})年下半年", s):
            return date(int(m[1]), 12, 31) if end else date(int(m[1]), 7, 1)
        if m := re.fullmatch(r"(\d{4})年(?:第)?([一二三四1-4])季度?(?:末|底)?", s):
            q = _QUARTERS[m[2]]
            return _month_end(int(m[1]), q * 3) if end else date(int(m[1]), q * 3 - 2, 1)
        if m := re.fullmatch(r"(\d{4})(?:年|[.\-/])(\d{1,2})(?:月份?|月底|月末|月)?", s):
            y, mo = int(m[1]), int(m[2])
            return _month_end(y, mo) if end else date(y, mo, 1)
        if m := (
            re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?", s)
            or re.fullmatch(r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})", s)
            or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
        ):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellProblem(f"“{s}”不是有效的日期", "请检查月份和日期") from None
    return None


def _is_year(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 1900 <= value <= 2200
        and float(value).is_integer()
    )


def _year_of(s: str) -> int | None:
    m = re.match(r"(\d{4})", s)
    return int(m[1]) if m else None


def parse_window(
    value: object, *, single_is_start: bool = False
) -> tuple[date | None, date | None]:
    """(start, due) of a task: "2024-2025年" → (2024-01-01, 2025-12-31); "2025年底前" →
    (None, 2025-12-31); "2024年6月" → (None, 2024-06-30); "2024年起" → (2024-01-01, None);
    "长期坚持" → (None, None). A year alone is its last day: a deadline people round up;
    in a start column (`single_is_start`) a single point is the start, "2024年" its first day."""
    if single_is_start:
        start, due = parse_window(value)
        if start is None and due is not None:
            point = _point(str(due.year), end=False) if _is_year(value) else due
            if isinstance(value, str):
                s = _SUFFIX.sub("", unicodedata.normalize("NFKC", text_of(value)).replace(" ", ""))
                point = _point(_PREFIX.sub("", s), end=False) or point
            return point, None
        return start, due
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, datetime):
        return None, value.date()
    if isinstance(value, date):
        return None, value
    if isinstance(value, int | float):
        if _is_year(value):
            return None, date(int(value), 12, 31)
        from jjjdesk.importing.read.normalise import excel_serial

        return None, excel_serial(float(value))
    raw = text_of(value)
    s = unicodedata.normalize("NFKC", raw).replace(" ", "").rstrip("。.")
    if s.lower() in EMPTY_MARKERS or s in _OPEN:
        return None, None
    s = _PREFIX.sub("", s)
    if _START.search(s):
        start = _point(_START.sub("", s), end=False)
        if start is not None:
            return start, None
    s = _SUFFIX.sub("", s)
    due = _point(s, end=True)
    if due is not None:
        return None, due
    for m in _RANGE.finditer(s):
        left, right = s[: m.start()], s[m.end() :]
        if not left or not right:
            continue
        # "2024-2025年": the unit after the range belongs to both ends; "2024年3-6月": so
        # does the year before it.
        if left.isdigit() and len(left) == 4 and right.endswith("年"):
            left += "年"
        if re.fullmatch(r"\d{4}年\d{1,2}", left) and right.endswith("月"):
            left += "月"
        start = _point(left, end=False)
        due = _point(right, end=True, year=_year_of(left))
        if start is not None and due is not None:
            if start > due:
                raise CellProblem(f"“{raw}”的开始时间晚于完成时间", "请检查起止年份")
            return start, due
    raise CellProblem(f"“{raw}”不是可识别的时限", "如 2024-2025年、2025年底前、2025年6月30日")


_PLAN_TITLE = re.compile(
    r"(?P<name>[^\s,,。;;《》]*?(?:行动方案|实施方案|工作方案|方案|工作要点|行动计划|规划))》?\s*"
    r"[((]\s*(?P<a>\d{4})\s*年?\s*(?:至|到|~|～|—+|–|－|-{1,2})\s*(?P<b>\d{4})\s*年?\s*[))]"
)


def plan_in_title(lines: list[str]) -> tuple[str, int, int] | None:
    """(name, start year, end year) of a plan named in a sheet's title rows:
    "推动京津冀协同发展走深走实行动方案(2023—2027年)重点任务台账" → (…行动方案, 2023, 2027)."""
    for line in lines:
        m = _PLAN_TITLE.search(unicodedata.normalize("NFKC", line).replace("《", ""))
        if m and int(m["a"]) <= int(m["b"]):
            return m["name"], int(m["a"]), int(m["b"])
    return None
