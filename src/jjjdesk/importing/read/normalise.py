"""Read one cell the way a person meant it: numbers as text, 亿元/万元, 80% or 0.8, Chinese dates.

Pure functions, no database: each either returns the value or raises `CellProblem` with a
Chinese message and, where there is one, a suggestion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, cast

from jjjdesk.domain.text import clean


class CellProblem(ValueError):
    def __init__(self, message: str, suggestion: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


class FormulaWithoutValue:
    """A formula cell the file holds no computed value for (saved by a generator, or by WPS
    with calculation off): calamine reads it as empty, which would store nothing silently."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return "=" + self.formula


FORMULA_PROBLEM = "公式没有计算结果,请在 Excel/WPS 中打开并保存后再导入"


def _no_value(value: object) -> None:
    if type(value) is FormulaWithoutValue:
        raise CellProblem(f"{FORMULA_PROBLEM}(公式 {value})",
                          "在 Excel/WPS 中打开本文件,确认公式算出结果后保存")


#: Cells that mean "nothing here" in a numeric or date column.
EMPTY_MARKERS = frozenset({"", "-", "—", "——", "--", "/", "\\", "无", "暂无", "n/a", "na",
                           "null", "none", "空", "不适用", "/ "})

# Zero-width characters, and control characters other than tab and line breaks: Excel shows
# nothing for them, and PostgreSQL refuses NUL in text (the commit failed with a raw DataError).
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")


#: Results per distinct string (a return repeats its words thousands of times); cleared
#: when full, so memory stays bounded.
_CACHE_LIMIT = 50_000
_TEXT_CACHE: dict[str, str] = {}
_PROSE_CACHE: dict[str, str] = {}
_NUMBER_TEXT_CACHE: dict[str, str] = {}
_PARSED: dict[tuple, object] = {}


def _plain_ascii(text: str) -> bool:
    """Printable ASCII with no space at either end and none doubled: `clean` (NFKC, space
    folding, trimming) and the invisible-character filter leave it as it is."""
    return (text.isascii() and text.isprintable() and text[:1] != " " and text[-1:] != " "
            and "  " not in text)


def _remember(cache: dict, key, value):
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def text_of(value: object) -> str:
    """A cell as one line of text: full-width folded, odd and zero-width spaces collapsed."""
    if value is None:
        return ""
    if type(value) is str:
        hit = _TEXT_CACHE.get(value)
        if hit is None:
            if _plain_ascii(value):  # codes, numbers: nothing to fold (and rarely repeated)
                return value
            hit = _remember(_TEXT_CACHE, value, clean(_INVISIBLE.sub("", value)))
        return hit
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return clean(_INVISIBLE.sub("", str(value)))


def prose_of(value: object) -> str:
    """Free text (工作进展 …): keeps line breaks and Chinese punctuation; drops invisible
    characters; numbers read as text as they are shown."""
    if value is None:
        return ""
    if type(value) is str:
        hit = _PROSE_CACHE.get(value)
        if hit is None:
            hit = _remember(_PROSE_CACHE, value, _prose(value))
        return hit
    if isinstance(value, float | int | date) and not isinstance(value, bool):
        return text_of(value)
    _no_value(value)
    return _prose(value)


#: What a template or a unit writes in a text cell to mean "nothing here": never stored.
#: ("无" is an answer — 存在问题:无 — and is kept.)
PLACEHOLDERS = frozenset({"\u2014", "\u2014\u2014", "-", "--", "/", "\uff0f", "(\u65e0)",
                          "\uff08\u65e0\uff09"})


def entry_text(value: object) -> str:
    """A progress text field's cell (工作进展, 存在问题 …): `prose_of`, placeholders blank."""
    text = prose_of(value)
    return "" if text in PLACEHOLDERS else text


def _prose(value: object) -> str:
    text = _INVISIBLE.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return text_of(value).lower() in EMPTY_MARKERS
    return False


# ----------------------------------------------------------------------------- numbers

#: Amount units → factor to 亿元.
AMOUNT_UNITS = {"亿元": 1.0, "亿": 1.0, "万元": 1e-4, "万": 1e-4, "元": 1e-8}
_AMOUNT_UNIT = re.compile(r"(亿元|万元|亿|万|元)$")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _number_text(raw: str) -> str:
    hit = _NUMBER_TEXT_CACHE.get(raw)
    if hit is None:
        hit = _remember(_NUMBER_TEXT_CACHE, raw, _number_text_of(raw))
    return hit


def _number_text_of(raw: str) -> str:
    s = unicodedata.normalize("NFKC", _INVISIBLE.sub("", raw))
    s = _SPACES.sub("", s).lower()
    s = s.replace("约", "").replace("近", "").replace("逾", "").replace("超", "")
    return s


def parse_number(value: object, *, what: str = "数字") -> float | None:
    """A plain number: 1,234.5 / "１２３" / " 12 " → float; empty markers → None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    _no_value(value)
    s = _number_text(str(value))
    if s in EMPTY_MARKERS:
        return None
    if "," in s:
        if not _THOUSANDS.match(s.rstrip("%")):
            raise CellProblem(f"“{text_of(value)}”不是有效的{what}", "千分位应为 1,234.5 的形式")
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        raise CellProblem(f"“{text_of(value)}”不是有效的{what}", f"请填写{what},如 12.5")
    return float(s)


def _cached_parse(fn, value: str, option) -> float | None:
    key = (fn, value, option)
    hit: Any = _PARSED.get(key, _PARSED)
    if hit is _PARSED:
        try:
            hit = fn(value, option)
        except CellProblem as exc:
            hit = (exc.message, exc.suggestion)
        _remember(_PARSED, key, hit)
    if type(hit) is tuple:
        raise CellProblem(*hit)
    return hit


def parse_amount(value: object, *, factor: float = 1.0) -> float | None:
    """An investment amount in 亿元 (see `read_amount`), remembered per distinct text."""
    if type(value) is str:
        return _cached_parse(read_amount, value, factor)
    return read_amount(value, factor)


#: A plain figure as Excel writes it ("1234", "1,234.5"): read directly, the same number the
#: general path gives.
_PLAIN_FIGURE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)


def read_amount(value: object, factor: float = 1.0) -> float | None:
    """An investment amount in 亿元. `factor` converts the header's unit (万元 → 1e-4);
    a unit written in the cell (3000万元, 12.5亿) wins over the header's. Not remembered:
    for callers that read each distinct text once."""
    if type(value) is str and _PLAIN_FIGURE.fullmatch(value):
        return round(float(value.replace(",", "")) * factor, 10)  # `_round`, inlined
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _round(float(value) * factor)
    _no_value(value)
    s = _number_text(str(value))
    if s in EMPTY_MARKERS:
        return None
    m = _AMOUNT_UNIT.search(s)
    if m:
        factor = AMOUNT_UNITS[m.group(1)]
        s = s[: m.start()]
        if s.endswith("人民币"):
            s = s[:-3]
    number = parse_number(s, what="金额")
    if number is None:
        raise CellProblem(f"“{text_of(value)}”不是有效的金额", "请填写数字,如 12.5 或 3000万元")
    return _round(number * factor)


#: Texts that are all plain figures, one per line (see `read_amounts`).
_PLAIN_FIGURES = re.compile(rf"(?:{_PLAIN_FIGURE.pattern}\n)*{_PLAIN_FIGURE.pattern}", re.ASCII)


def read_amounts(cells: list[object], factor: float = 1.0) -> list[float | None] | None:
    """`read_amount` of each cell in one pass, when each is empty (None or ""), a float, or a
    plain figure as text; None otherwise (read them one at a time then)."""
    kinds = set(map(type, cells))
    if kinds <= _FLOAT_CELL:
        return [None if c is None else round(c * factor, 10)
                for c in cast("list[float | None]", cells)]
    if not kinds <= TEXT_CELL:
        return None
    texts = cast("list[str | None]", cells)
    figures = [c for c in texts if c]
    joined = "\n".join(figures)
    # One expression over the column; a line break inside a cell would pass for two figures.
    if joined.count("\n") != len(figures) - 1 or figures and not _PLAIN_FIGURES.fullmatch(joined):
        return None
    return [round(float(c.replace(",", "")) * factor, 10) if c else None for c in texts]


_FLOAT_CELL = frozenset((float, type(None)))
TEXT_CELL = frozenset((str, type(None)))  # the kinds of cell a column of texts holds


def _round(x: float) -> float:
    return round(x, 10)  # float noise only: 1 元 in 亿元 is 1e-8


def parse_percent(value: object, *, fractions: bool = False) -> float | None:
    """A share in percent (see `read_percent`), remembered per distinct text."""
    if type(value) is str:
        return _cached_parse(read_percent, value, fractions)
    return read_percent(value, fractions)


def read_percent(value: object, fractions: bool = False) -> float | None:
    """A share in percent: "80%", "80", 80 → 80.0; with `fractions` (the whole column is
    0–1, as Excel stores a % format) 0.8 → 80.0. "80%" is never scaled twice. Not
    remembered (see `read_amount`)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _round(float(value) * (100 if fractions else 1))
    _no_value(value)
    s = _number_text(str(value))
    if s in EMPTY_MARKERS:
        return None
    if s.endswith("%"):
        return parse_number(s[:-1], what="百分比")
    if s in ("完成", "已完成", "全部完成"):
        return 100.0
    number = parse_number(s, what="百分比")
    return None if number is None else _round(number * (100 if fractions else 1))


def fraction_column(values: list[object]) -> bool:
    """Whether a percent column holds fractions (every numeric value between 0 and 1, at
    least one strictly inside): Excel shows 80% but stores 0.8."""
    if bool not in set(map(type, values)):  # (True would stand for an equal 1 below)
        values = list(dict.fromkeys(values))  # the answer depends on the distinct values
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    texts = [v for v in values if isinstance(v, str) and v.strip() and "%" not in v]
    for t in texts:
        try:
            n = parse_number(t)
        except CellProblem:
            continue
        if n is not None:
            numbers.append(n)
    return bool(numbers) and all(0 <= n <= 1 for n in numbers) and any(
        0 < n < 1 for n in numbers
    )


def fractions_among_percents(values: list[object], sheet: str, first_row: int, letter: str,
                             header: str) -> list:
    """Warnings for the cells of a percent column that hold a fraction (0.45) while others
    hold whole percents (40, 60): almost surely 45% typed in a cell formatted as percent, so
    the reading is questioned, never taken silently. `values` start at `first_row` (0-based)."""
    from jjjdesk.importing.read.diagnostics import WARNING, Diagnostic

    def number(v: object) -> float | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, int | float):
            return float(v)
        if isinstance(v, str) and "%" not in v:
            try:
                return parse_number(v)
            except CellProblem:
                return None
        return None

    numbers = [number(v) for v in values]
    if not any(n is not None and n > 1 for n in numbers):
        return []
    out = []
    for i, n in enumerate(numbers):
        if n is not None and 0 < n < 1:
            out.append(Diagnostic(
                WARNING, sheet, first_row + i + 1, letter, "completion_pct", text_of(values[i]),
                f"{header}列其他行按百分数填写,此格为 {n:g},按 {n:g}% 导入;"
                f"它很可能是 {n * 100:g}%(Excel 百分比格式的单元格)",
                f"如为 {n * 100:g}%,请改填 {n * 100:g} 或 {n * 100:g}%"))
    return out


# ----------------------------------------------------------------------------- dates

_EXCEL_EPOCH = date(1899, 12, 30)
_CN_DATE = re.compile(r"(?:(\d{2}|\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_CN_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份|底|末|初)?")
_SEP_DATE = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")
_SEP_MONTH = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SLASH_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def excel_serial(n: float) -> date:
    """Excel's 1900 date system (with its phantom 29 Feb 1900 folded in by the 1899-12-30 epoch)."""
    if not 1 <= n < 2958466:
        raise CellProblem(f"“{n:g}”不是有效的日期序号", "请填写日期,如 2024年3月15日")
    return _EXCEL_EPOCH + timedelta(days=int(n))


def parse_date(value: object, *, default_year: int | None = None) -> date | None:
    """2024年3月15日, 2024.3.15, 2024-03-15, 2024/3/15, 20240315, an Excel serial, a date
    cell, or 3月15日 (given `default_year`). "2024年3月" means the 1st (a month is a date
    people round to). Day-month order is never guessed: 03/04/2024 is refused."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return excel_serial(float(value))
    raw = text_of(value)
    s = raw.replace(" ", "")
    if s.lower() in EMPTY_MARKERS:
        return None
    try:
        if m := _SEP_DATE.fullmatch(s) or _COMPACT.fullmatch(s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _CN_DATE.fullmatch(s):
            year = m[1]
            if year is None:
                if default_year is None:
                    raise CellProblem(f"“{raw}”缺少年份", "请写成 2024年3月15日")
                return date(default_year, int(m[2]), int(m[3]))
            y = int(year) + (2000 if len(year) == 2 else 0)
            return date(y, int(m[2]), int(m[3]))
        if m := _CN_MONTH.fullmatch(s) or _SEP_MONTH.fullmatch(s):
            return date(int(m[1]), int(m[2]), 1)
        if re.fullmatch(r"\d+(\.\d+)?", s):
            return excel_serial(float(s))
        if _SLASH_US.fullmatch(s):
            raise CellProblem(f"“{raw}”的日、月顺序不明确", "请写成 2024-03-15 或 2024年3月15日")
    except ValueError as exc:
        if isinstance(exc, CellProblem):
            raise
        raise CellProblem(f"“{raw}”不是有效的日期", "请检查月份和日期") from None
    raise CellProblem(f"“{raw}”不是可识别的日期", "请写成 2024-03-15 或 2024年3月15日")


# ----------------------------------------------------------------------------- rows

TOTAL_WORDS = ("合计", "小计", "总计", "共计", "累计合计", "全市合计", "总合计")
FOOTER_WORDS = ("填表人", "填报人", "审核人", "审核", "制表人", "制表", "联系人", "联系电话",
                "电话", "单位负责人", "负责人", "分管领导", "主要领导", "填报日期", "填表日期",
                "制表日期", "报送日期", "填表说明", "说明", "注", "备注")
_TOTAL = re.compile("^(" + "|".join(TOTAL_WORDS) + r")([:：(（\[【]|$)")
_FOOTER = re.compile("^(" + "|".join(FOOTER_WORDS) + r")\s*[::]")


def row_texts(row: Sequence[object], limit: int = 4) -> list[str]:
    out = []
    for v in row:
        if v is None or v == "":
            continue
        t = text_of(v)
        if t:
            out.append(t)
            if len(out) >= limit:
                break
    return out


def _texts(row: Sequence[object], limit: int) -> list[str]:
    # Accept a row of cells or the texts `row_texts` already made of it.
    if all(isinstance(t, str) and t for t in row) and len(row) <= limit:
        return list(row)  # type: ignore[arg-type]
    return row_texts(row, limit)


def is_total_row(row: Sequence[object]) -> bool:
    """合计 / 小计 rows: their first non-empty cells say so (spaces inside ignored)."""
    return any(_TOTAL.match(t.replace(" ", "")) for t in _texts(row, 3))


def is_footer_row(row: Sequence[object]) -> bool:
    """填表人:… / 联系电话:… / 注:… lines under the table."""
    texts = _texts(row, 3)[:1]
    return bool(texts) and bool(_FOOTER.match(texts[0].replace(" ", "")))
