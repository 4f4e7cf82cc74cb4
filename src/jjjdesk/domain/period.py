"""Reporting periods (周/月/季/年): keys, Chinese labels, parsing and arithmetic."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Period",
    "PeriodKind",
    "office_week",
    "weeks_in_year",
]

#: Supported years. Keys and the compact "202403" form assume four-digit years.
MIN_YEAR = 1900
MAX_YEAR = 2999


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        """The Chinese word: 周, 月, 季度, 年."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PeriodKind.WEEK: "周",
    PeriodKind.MONTH: "月",
    PeriodKind.QUARTER: "季度",
    PeriodKind.YEAR: "年",
}

# Granularity, finest first. A month is not a whole number of weeks; weeks are assigned
# to months, quarters and years by their Thursday (see `Period.contains`).
_GRANULARITY = {
    PeriodKind.WEEK: 0,
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 2,
    PeriodKind.YEAR: 3,
}

# Months per period, for the kinds that are whole months.
_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}

_QUARTER_NUMERALS = ("一", "二", "三", "四")
_MONTH_ABBR_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def weeks_in_year(year: int) -> int:
    """Number of ISO weeks (52 or 53) in the ISO week-year `year`.

    28 December always lies in the last ISO week of its year.
    """
    return date(year, 12, 28).isocalendar().week


def office_week(d: date) -> Period:
    """The office's week containing `d`: this IS the ISO 8601 week.

    Weeks run Monday to Sunday and week 1 is the week holding the year's first Thursday,
    so a week belongs to the year (and month, quarter) of its Thursday: 2024-12-30 is in
    2025-W01, 2021-01-01 is in 2020-W53. This is the single place that decides week
    numbering; every other week computation goes through it or its inverse
    (`Period.start` of a week uses `date.fromisocalendar`).
    """
    if isinstance(d, datetime):
        d = d.date()
    iso = d.isocalendar()
    return Period(PeriodKind.WEEK, iso.year, iso.week)


@dataclass(frozen=True, order=True, repr=False)
class Period:
    """One reporting period: a week, month, quarter or year.

    `index` is the ISO week (1..52/53, `year` being the ISO week-year), the month (1..12),
    the quarter (1..4), or 1 for a year. The dataclass ordering compares
    (kind, year, index), which only makes sense within one kind; to sort a mix of kinds
    chronologically use ``sorted(periods, key=Period.sort_key)``.
    """

    kind: PeriodKind
    year: int
    index: int

    def __post_init__(self) -> None:
        try:
            kind = PeriodKind(self.kind)
        except ValueError:
            raise ValueError(f"未知的期次类型:“{self.kind}”") from None
        object.__setattr__(self, "kind", kind)
        for name in ("year", "index"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"Period.{name} must be an int, got {value!r}")
        year, index = self.year, self.index
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"年份必须在{MIN_YEAR}到{MAX_YEAR}之间,实际为{year}")
        if kind is PeriodKind.WEEK:
            n = weeks_in_year(year)
            if not 1 <= index <= n:
                raise ValueError(f"{year}年没有第{index}周,该年共{n}周")
        elif kind is PeriodKind.MONTH:
            if not 1 <= index <= 12:
                raise ValueError(f"月份必须在1到12之间,实际为{index}")
        elif kind is PeriodKind.QUARTER:
            if not 1 <= index <= 4:
                raise ValueError(f"季度必须在1到4之间,实际为{index}")
        elif index != 1:
            raise ValueError(f"年度期次的序号必须为1,实际为{index}")

    # ----------------------------------------------------------------- constructors

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        """ISO week `week` of ISO week-year `year`."""
        return cls(PeriodKind.WEEK, year, week)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, year, 1)

    @classmethod
    def containing(cls, kind: PeriodKind | str, d: date) -> Period:
        """The period of `kind` that contains the day `d` (weeks: see `office_week`)."""
        kind = PeriodKind(kind)
        if isinstance(d, datetime):
            d = d.date()
        if kind is PeriodKind.WEEK:
            return office_week(d)
        if kind is PeriodKind.MONTH:
            return cls(kind, d.year, d.month)
        if kind is PeriodKind.QUARTER:
            return cls(kind, d.year, (d.month - 1) // 3 + 1)
        return cls(kind, d.year, 1)

    # ----------------------------------------------------------------- keys and labels

    @cached_property
    def key(self) -> str:
        """Stable storage key: "2024-W12", "2024-03", "2024-Q1", "2024".

        Made once per period (the instance's own dict, beside the frozen fields): an import
        asks a 50,000-row return's few periods for it 200,000 times."""
        if self.kind is PeriodKind.WEEK:
            return f"{self.year:04d}-W{self.index:02d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.index}"
        return f"{self.year:04d}"

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Inverse of `key`, strict: only the exact canonical form is accepted."""
        if isinstance(key, str):
            for kind, pattern in _KEY_PATTERNS:
                m = pattern.fullmatch(key)
                if m is None:
                    continue
                index = int(m["n"]) if kind is not PeriodKind.YEAR else 1
                try:
                    return cls(kind, int(m["y"]), index)
                except ValueError as exc:
                    raise ValueError(f"无效的期次键:“{key}”({exc})") from exc
        raise ValueError(f"无效的期次键:“{key}”")

    @cached_property  # the lights word a period for thousands of subjects
    def label(self) -> str:
        """Chinese label: "2024年第12周", "2024年3月", "2024年第一季度", "2024年"."""
        if self.kind is PeriodKind.WEEK:
            return f"{self.year}年第{self.index}周"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.index}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{_QUARTER_NUMERALS[self.index - 1]}季度"
        return f"{self.year}年"

    @property
    def label_en(self) -> str:
        """English label: "Week 12, 2024", "Mar 2024", "Q1 2024", "2024"."""
        if self.kind is PeriodKind.WEEK:
            return f"Week {self.index}, {self.year}"
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTH_ABBR_EN[self.index - 1]} {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.index} {self.year}"
        return f"{self.year}"

    def __str__(self) -> str:
        return self.key

    def __repr__(self) -> str:
        return f"Period.from_key({self.key!r})"

    # ----------------------------------------------------------------- parsing

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period as people type it (keys, labels and common spreadsheet variants).

        Accepted, among others: "2024-Q1", "2024Q1", "2024 Q1", "2024年一季度",
        "2024年第1季度", "2024年1季度", "Q1 2024"; "2024-03", "2024-3", "2024.03",
        "2024/3", "202403", "2024年3月", "2024年03月", "Mar 2024"; "2024-W12", "2024W12",
        "2024年第12周", "2024年12周", "Week 12, 2024"; "2024", "2024年", "2024年度".
        Full-width characters, letter case and surrounding (non-breaking, ideographic)
        spaces do not matter. Half years (上半年/下半年) are not periods.

        Raises ValueError("无法识别的期次:“…”") naming the original text.
        """
        if not isinstance(text, str):
            raise TypeError(f"Period.parse expects a str, got {type(text).__name__}")
        s = unicodedata.normalize("NFKC", text).strip().strip("\u200b\ufeff").strip()
        s = s.upper()
        for kind, pattern in _PARSE_PATTERNS:
            m = pattern.fullmatch(s)
            if m is None:
                continue
            try:
                index = _parse_index(kind, m) if kind is not PeriodKind.YEAR else 1
                return cls(kind, int(m["y"]), index)
            except ValueError as exc:
                raise ValueError(f"无法识别的期次:“{text}”({exc})") from exc
        hint = ""
        if "半年" in s:
            hint = "(半年不是期次,请填写年、季度、月或周)"
        raise ValueError(f"无法识别的期次:“{text}”{hint}")

    # ----------------------------------------------------------------- dates

    # Cached: the lights compare period ends once per subject (50,000 of them, issue 22).
    @cached_property
    def start(self) -> date:
        """First day (inclusive)."""
        if self.kind is PeriodKind.WEEK:
            return date.fromisocalendar(self.year, self.index, 1)
        first_month = (self.index - 1) * _MONTHS[self.kind] + 1
        return date(self.year, first_month, 1)

    @cached_property
    def end(self) -> date:
        """Last day (inclusive)."""
        if self.kind is PeriodKind.WEEK:
            return self.start + timedelta(days=6)
        last_month = self.index * _MONTHS[self.kind]
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def sort_key(self) -> tuple[date, int]:
        """(start, rank): chronological, and for equal starts the coarser kind first."""
        return (self.start, -_GRANULARITY[self.kind])

    # ----------------------------------------------------------------- arithmetic

    def next(self) -> Period:
        """The following period of the same kind (2024-12 → 2025-01, 2020-W53 → 2021-W01)."""
        if self.kind is PeriodKind.WEEK:
            return office_week(self.start + timedelta(days=7))
        return self._shift(1)

    def previous(self) -> Period:
        """The preceding period of the same kind (2025-W01 → 2024-W52)."""
        if self.kind is PeriodKind.WEEK:
            return office_week(self.start - timedelta(days=7))
        return self._shift(-1)

    def _shift(self, step: int) -> Period:
        per_year = 12 // _MONTHS[self.kind]
        year, zero_based = divmod(self.year * per_year + self.index - 1 + step, per_year)
        return Period(self.kind, year, zero_based + 1)

    # ----------------------------------------------------------------- hierarchy

    def _containment_span(self) -> tuple[date, date]:
        # A week is placed by its Thursday alone; other kinds by their whole span.
        if self.kind is PeriodKind.WEEK:
            thursday = self.start + timedelta(days=3)
            return thursday, thursday
        return self.start, self.end

    def contains(self, other: Period | date) -> bool:
        """Whether `other` (a day or a period) lies in this period.

        A day is contained if it falls between `start` and `end`. A month, quarter or year
        is contained if it lies wholly inside. An ISO week is contained if its THURSDAY
        falls inside (the Thursday rule): 2024-Q1 contains 2024-W13 (Thursday 28 March)
        but not 2024-W14 (Thursday 4 April); 2024 contains its 52 ISO weeks and not
        2025-W01, although that week starts on 30 December 2024. So every week belongs to
        exactly one month, quarter and year. Every period contains itself.
        """
        if isinstance(other, Period):
            low, high = other._containment_span()
        elif isinstance(other, date):
            low = high = other.date() if isinstance(other, datetime) else other
        else:
            raise TypeError(f"contains() expects a Period or a date, got {other!r}")
        return self.start <= low and high <= self.end

    def children(self, kind: PeriodKind | str) -> list[Period]:
        """All periods of `kind` that this period contains (see `contains`), in order.

        2024-Q1.children(MONTH) is its 3 months; .children(WEEK) its weeks by the
        Thursday rule (2024-W01..2024-W13). `kind` equal to this period's kind gives
        ``[self]``; a coarser kind (or any kind but WEEK below a week) raises ValueError.
        """
        kind = PeriodKind(kind)
        if kind is self.kind:
            return [self]
        if self.kind is PeriodKind.WEEK or _GRANULARITY[kind] > _GRANULARITY[self.kind]:
            raise ValueError(f"{self.label}不能按{kind.label}细分")
        if kind is PeriodKind.WEEK:
            thursday = self.start + timedelta(days=(3 - self.start.weekday()) % 7)
            weeks = []
            while thursday <= self.end:
                weeks.append(office_week(thursday))
                thursday += timedelta(days=7)
            return weeks
        per = _MONTHS[kind]
        first = (self.start.month - 1) // per + 1
        count = _MONTHS[self.kind] // per
        return [Period(kind, self.year, first + i) for i in range(count)]

    def parent(self, kind: PeriodKind | str) -> Period:
        """The period of `kind` containing this one (see `contains`; weeks by Thursday).

        2024-W13.parent(QUARTER) is 2024-Q1; 2025-W01.parent(YEAR) is 2025. `kind` equal
        to this period's kind gives self; a finer kind raises ValueError.
        """
        kind = PeriodKind(kind)
        if kind is self.kind:
            return self
        if _GRANULARITY[kind] < _GRANULARITY[self.kind]:
            raise ValueError(f"{self.label}没有{kind.label}级的上级期次")
        return Period.containing(kind, self._containment_span()[0])


# --------------------------------------------------------------------- patterns

# Exactly the forms `Period.key` produces (zero-padded, upper-case, no spaces).
_KEY_PATTERNS = (
    (PeriodKind.WEEK, re.compile(r"(?P<y>[0-9]{4})-W(?P<n>[0-9]{2})")),
    (PeriodKind.MONTH, re.compile(r"(?P<y>[0-9]{4})-(?P<n>[0-9]{2})")),
    (PeriodKind.QUARTER, re.compile(r"(?P<y>[0-9]{4})-Q(?P<n>[0-9])")),
    (PeriodKind.YEAR, re.compile(r"(?P<y>[0-9]{4})")),
)

_CN_NUMERALS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
}  # fmt: skip

_EN_MONTHS = {
    **{name.upper(): i for i, name in enumerate(_MONTH_ABBR_EN, start=1)},
    **{name.upper(): i for i, name in enumerate(_MONTH_NAMES_EN, start=1)},
    "SEPT": 9,
}

# Applied to the NFKC-normalised, stripped, upper-cased text with fullmatch.
_Y = r"(?P<y>[0-9]{4})"
_NUM = r"(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
_EN_MONTH = "(?P<mon>" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\.?"
_PARSE_PATTERNS = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # 2024年一季度, 2024年第1季度, 2024年1季度, 2024年第一季度
        (PeriodKind.QUARTER, rf"{_Y}\s*年\s*第?\s*{_NUM}\s*季度?"),
        # 2024Q1, 2024 Q1, 2024-Q1, 2024年Q1
        (PeriodKind.QUARTER, rf"{_Y}\s*(?:年|[-/.])?\s*Q\s*(?P<n>[0-9]{{1,2}})"),
        # Q1 2024
        (PeriodKind.QUARTER, rf"Q\s*(?P<n>[0-9]{{1,2}})\s*[,/-]?\s*{_Y}"),
        # 2024年3月, 2024年03月, 2024年三月
        (PeriodKind.MONTH, rf"{_Y}\s*年\s*{_NUM}\s*月份?"),
        # 2024-03, 2024-3, 2024.03, 2024.3, 2024/03
        (PeriodKind.MONTH, rf"{_Y}\s*[-./]\s*(?P<n>[0-9]{{1,2}})"),
        # 202403
        (PeriodKind.MONTH, rf"{_Y}(?P<n>[0-9]{{2}})"),
        # Mar 2024, March 2024
        (PeriodKind.MONTH, rf"{_EN_MONTH}\s*,?\s*{_Y}"),
        # 2024年第12周, 2024年12周
        (PeriodKind.WEEK, rf"{_Y}\s*年\s*第?\s*(?P<n>[0-9]{{1,2}})\s*周"),
        # 2024W12, 2024-W12, 2024 W12
        (PeriodKind.WEEK, rf"{_Y}\s*(?:年|-)?\s*W\s*(?P<n>[0-9]{{1,2}})"),
        # Week 12, 2024
        (PeriodKind.WEEK, rf"W(?:EEK)?\s*(?P<n>[0-9]{{1,2}})\s*,?\s*{_Y}"),
        # 2024, 2024年, 2024年度
        (PeriodKind.YEAR, rf"{_Y}\s*(?:年度?)?"),
    )
)


def _parse_index(kind: PeriodKind, m: re.Match[str]) -> int:
    month_name = m.groupdict().get("mon")
    if month_name is not None:
        return _EN_MONTHS[month_name]
    n = m["n"]
    if n.isdigit():
        return int(n)
    if n in _CN_NUMERALS:
        return _CN_NUMERALS[n]
    raise ValueError(f"无法理解的{kind.label}序号“{n}”")


def chinese_date(d: date) -> str:
    """"2027年12月31日", as ledgers, briefs and notices write a day."""
    return f"{d.year}年{d.month}月{d.day}日"
