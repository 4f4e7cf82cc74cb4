"""Working days of mainland China: statutory holidays and 调休 make-up days (no Qt, no database)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Shipped table, not the chinesecalendar package: its 1.11.0 data ends in 2026 and we
# need no extra dependency for two years. Source: 国务院办公厅 notices on 2025 and 2026
# holidays (cross-checked with chinesecalendar 1.11.0). Years missing here fall back to
# plain weekends; the office override list corrects them, and has_schedule() says so.
_HOLIDAY_SPANS: dict[int, list[tuple[str, str, str]]] = {
    2025: [("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
           ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
           ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08")],
    2026: [("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"),
           ("清明节", "2026-04-04", "2026-04-06"), ("劳动节", "2026-05-01", "2026-05-05"),
           ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
           ("国庆节", "2026-10-01", "2026-10-07")],
}
_MAKEUP_DAYS: dict[int, list[str]] = {
    2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}


def _expand() -> dict[date, str]:
    days: dict[date, str] = {}
    for spans in _HOLIDAY_SPANS.values():
        for name, first, last in spans:
            day, end = date.fromisoformat(first), date.fromisoformat(last)
            while day <= end:
                days[day] = name
                day += timedelta(days=1)
    return days


HOLIDAYS: dict[date, str] = _expand()
MAKEUP: frozenset[date] = frozenset(date.fromisoformat(d) for v in _MAKEUP_DAYS.values() for d in v)


@dataclass(frozen=True)
class Override:
    """An office correction: a day declared 工作日 (workday=True) or 休息日, with its note."""
    day: date
    workday: bool
    note: str = ""


def has_schedule(year: int) -> bool:
    """Whether the official holiday schedule of this year is in the shipped table."""
    return year in _HOLIDAY_SPANS


def day_kind(day: date, overrides: dict[date, Override] | None = None) -> tuple[bool, str]:
    """(is a working day, the reason: 国庆节, 调休上班, 周末, 工作日, or the office's note)."""
    if overrides and day in overrides:
        o = overrides[day]
        return o.workday, o.note or ("单位调整为工作日" if o.workday else "单位调整为休息日")
    if day in HOLIDAYS:
        return False, HOLIDAYS[day]
    if day in MAKEUP:
        return True, "调休上班"
    if day.weekday() >= 5:
        return False, "周末"
    return True, "工作日"


def is_workday(day: date, overrides: dict[date, Override] | None = None) -> bool:
    return day_kind(day, overrides)[0]


def workdays_between(first: date, last: date, overrides: dict[date, Override] | None = None) -> int:
    """Working days from first to last, both included (0 when last is before first)."""
    count, day = 0, first
    while day <= last:
        count += is_workday(day, overrides)
        day += timedelta(days=1)
    return count


def next_workday(day: date, overrides: dict[date, Override] | None = None) -> date:
    """The day itself if a working day, else the next one ("遇节假日顺延")."""
    while not is_workday(day, overrides):
        day += timedelta(days=1)
    return day


def add_workdays(day: date, n: int, overrides: dict[date, Override] | None = None) -> date:
    """The n-th working day after day ("N 个工作日内" ends on it); n=0 gives next_workday(day)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return next_workday(day, overrides)
    while n:
        day += timedelta(days=1)
        n -= is_workday(day, overrides)
    return day


def nth_workday_of_month(year: int, month: int, n: int,
                         overrides: dict[date, Override] | None = None) -> date:
    """The n-th working day of a month ("每月第5个工作日"); ValueError if the month has fewer."""
    day = date(year, month, 1)
    while day.month == month:
        if is_workday(day, overrides):
            n -= 1
            if n == 0:
                return day
        day += timedelta(days=1)
    raise ValueError(f"{year}年{month}月没有这么多工作日")
