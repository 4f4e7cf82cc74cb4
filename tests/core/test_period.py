"""Tests for jjjdesk.domain.period: ISO weeks, keys, labels, parsing and arithmetic.

Expected values are worked out by hand from the calendar (comments say how), not by
calling the code under test.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from jjjdesk.domain import period as period_module
from jjjdesk.domain.period import Period, PeriodKind, office_week, weeks_in_year

W, M, Q, Y = PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR
k = Period.from_key


# --------------------------------------------------------------------- construction


@pytest.mark.parametrize(
    ("year", "weeks"),
    [
        (2015, 53),  # 1 Jan 2015 is a Thursday -> 53 ISO weeks
        (2020, 53),  # leap year starting on a Wednesday -> 53
        (2021, 52),
        (2024, 52),  # starts on a Monday, leap, but 1 Jan is not Wed/Thu -> 52
        (2025, 52),  # starts on a Wednesday, not leap -> 52
        (2026, 53),  # 1 Jan 2026 is a Thursday -> 53
    ],
)
def test_weeks_in_year(year, weeks):
    assert weeks_in_year(year) == weeks


def test_week_53_exists_only_in_long_years():
    assert Period.week(2026, 53).key == "2026-W53"
    assert Period.week(2020, 53).key == "2020-W53"
    with pytest.raises(ValueError, match="2025年没有第53周"):
        Period.week(2025, 53)
    with pytest.raises(ValueError, match="2024年没有第53周"):
        Period.week(2024, 53)


@pytest.mark.parametrize(
    ("kind", "year", "index"),
    [
        (W, 2024, 0),
        (M, 2024, 0),
        (M, 2024, 13),
        (Q, 2024, 0),
        (Q, 2024, 5),
        (Y, 2024, 2),
        (Y, 2024, 0),
        (M, 1899, 1),  # below MIN_YEAR
        (M, 3000, 1),  # above MAX_YEAR
    ],
)
def test_invalid_fields_raise_value_error(kind, year, index):
    with pytest.raises(ValueError):
        Period(kind, year, index)


def test_validation_messages_are_chinese():
    with pytest.raises(ValueError, match="月份"):
        Period.month(2024, 13)
    with pytest.raises(ValueError, match="季度"):
        Period.quarter(2024, 5)


def test_kind_given_as_string_is_coerced_and_unknown_kind_rejected():
    p = Period("month", 2024, 3)
    assert p.kind is PeriodKind.MONTH
    assert p == Period.month(2024, 3)
    assert hash(p) == hash(Period.month(2024, 3))
    with pytest.raises(ValueError, match="day"):
        Period("day", 2024, 3)


@pytest.mark.parametrize("bad", ["2024", 2024.0, True])
def test_non_int_year_is_a_type_error(bad):
    with pytest.raises(TypeError):
        Period(PeriodKind.MONTH, bad, 3)


def test_period_is_frozen_and_hashable():
    p = Period.quarter(2024, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.index = 2  # type: ignore[misc]
    assert {p: "x"}[Period.quarter(2024, 1)] == "x"


# --------------------------------------------------------------------- containing / office week


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (W, date(2024, 12, 30), "2025-W01"),  # Monday; its Thursday is 2 Jan 2025
        (W, date(2024, 12, 29), "2024-W52"),  # Sunday, last day of 2024-W52
        (W, date(2021, 1, 1), "2020-W53"),  # Friday; its Thursday is 31 Dec 2020
        (W, date(2021, 1, 4), "2021-W01"),  # first Monday of 2021
        (W, date(2024, 1, 1), "2024-W01"),  # 2024 starts on a Monday
        (W, date(2024, 3, 28), "2024-W13"),
        (W, date(2026, 12, 31), "2026-W53"),  # Thursday of the 53rd week
        (M, date(2024, 2, 29), "2024-02"),
        (M, date(2024, 12, 31), "2024-12"),
        (Q, date(2024, 3, 31), "2024-Q1"),
        (Q, date(2024, 4, 1), "2024-Q2"),
        (Q, date(2024, 12, 31), "2024-Q4"),
        (Y, date(2024, 12, 31), "2024"),  # the calendar year, not the ISO week-year
        (Y, date(2021, 1, 1), "2021"),
    ],
)
def test_containing(kind, day, expected):
    assert Period.containing(kind, day).key == expected


def test_containing_accepts_datetime_and_string_kind():
    assert Period.containing("week", datetime(2024, 12, 30, 23, 59)) == k("2025-W01")
    assert Period.containing(Q, datetime(2024, 7, 1, 0, 0)) == k("2024-Q3")


def test_office_week_is_the_iso_week_for_every_day():
    day = date(2018, 12, 1)
    while day <= date(2027, 1, 31):
        iso = day.isocalendar()
        w = office_week(day)
        assert (w.year, w.index) == (iso.year, iso.week), day
        assert w == Period.containing(W, day)
        assert w.start <= day <= w.end
        day += timedelta(days=1)


def test_office_week_is_the_one_documented_week_rule():
    assert "ISO" in (office_week.__doc__ or "")


# --------------------------------------------------------------------- start / end


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2025-W01", date(2024, 12, 30), date(2025, 1, 5)),
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
        ("2024-W13", date(2024, 3, 25), date(2024, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-04", date(2024, 4, 1), date(2024, 4, 30)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_start_and_end_are_inclusive(key, start, end):
    p = k(key)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize("first", ["2019-W40", "2019-10", "2019-Q2", "2018"])
def test_consecutive_periods_tile_the_calendar(first):
    """No gap and no overlap between a period and the next, over several year ends."""
    p = k(first)
    for _ in range(120):
        nxt = p.next()
        assert nxt.start == p.end + timedelta(days=1), (p, nxt)
        assert nxt.previous() == p
        p = nxt


# --------------------------------------------------------------------- next / previous


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("2024-12", "2025-01"),
        ("2024-06", "2024-07"),
        ("2024-Q4", "2025-Q1"),
        ("2024-Q2", "2024-Q3"),
        ("2020-W53", "2021-W01"),
        ("2024-W52", "2025-W01"),  # 2024 has no W53
        ("2026-W52", "2026-W53"),  # 2026 does
        ("2026-W53", "2027-W01"),
        ("2024-W12", "2024-W13"),
        ("2024", "2025"),
    ],
)
def test_next_and_previous_across_year_ends(before, after):
    assert k(before).next() == k(after)
    assert k(after).previous() == k(before)


def test_previous_of_first_week_2025_is_week_52_of_2024():
    assert Period.week(2025, 1).previous() == Period.week(2024, 52)


def test_arithmetic_beyond_supported_years_raises():
    with pytest.raises(ValueError):
        Period.month(period_module.MAX_YEAR, 12).next()
    with pytest.raises(ValueError):
        Period.quarter(period_module.MIN_YEAR, 1).previous()


# --------------------------------------------------------------------- contains


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2024-Q1", "2024-03", True),
        ("2024-Q1", "2024-04", False),
        # 2024-W13 = Mon 25 Mar .. Sun 31 Mar, Thursday 28 Mar -> Q1
        ("2024-Q1", "2024-W13", True),
        # 2024-W14 = Mon 1 Apr .. Sun 7 Apr, Thursday 4 Apr -> Q2
        ("2024-Q1", "2024-W14", False),
        ("2024-Q2", "2024-W14", True),
        # 2025-W14 = Mon 31 Mar .. Sun 6 Apr: starts in Q1 but Thursday 3 Apr is in Q2
        ("2025-Q1", "2025-W14", False),
        ("2025-Q2", "2025-W14", True),
        ("2025-03", "2025-W14", False),
        ("2025-04", "2025-W14", True),
        # 2024-W05 = Mon 29 Jan .. Sun 4 Feb, Thursday 1 Feb -> February, not January
        ("2024-01", "2024-W05", False),
        ("2024-02", "2024-W05", True),
        # 2025-W01 = Mon 30 Dec 2024 .. Sun 5 Jan 2025, Thursday 2 Jan 2025
        ("2024", "2025-W01", False),
        ("2024-Q4", "2025-W01", False),
        ("2024-12", "2025-W01", False),
        ("2025", "2025-W01", True),
        ("2025-Q1", "2025-W01", True),
        ("2025-01", "2025-W01", True),
        # 2020-W53 = Mon 28 Dec 2020 .. Sun 3 Jan 2021, Thursday 31 Dec 2020
        ("2020", "2020-W53", True),
        ("2020-12", "2020-W53", True),
        ("2021", "2020-W53", False),
        ("2021-01", "2020-W53", False),
        # 2026-W40 = Mon 28 Sep .. Sun 4 Oct 2026, Thursday 1 Oct -> Q4
        ("2026-Q3", "2026-W40", False),
        ("2026-Q4", "2026-W40", True),
        # a year contains its quarters and months, not its neighbours'
        ("2024", "2024-Q4", True),
        ("2024", "2024-12", True),
        ("2024", "2025-01", False),
        # coarser periods never fit in finer ones
        ("2024-03", "2024-Q1", False),
        ("2024-Q1", "2024", False),
        ("2024-W13", "2024-03", False),
        # weeks: only itself
        ("2024-W13", "2024-W13", True),
        ("2024-W13", "2024-W14", False),
        # same kind: only itself
        ("2024-Q1", "2024-Q1", True),
        ("2024-Q1", "2024-Q2", False),
    ],
)
def test_contains_periods_with_thursday_rule(outer, inner, expected):
    assert k(outer).contains(k(inner)) is expected


@pytest.mark.parametrize(
    ("outer", "day", "expected"),
    [
        ("2024-Q1", date(2024, 1, 1), True),
        ("2024-Q1", date(2024, 3, 31), True),
        ("2024-Q1", date(2024, 4, 1), False),
        ("2023-Q4", date(2024, 1, 1), False),
        ("2025-W01", date(2024, 12, 30), True),  # days are plain date ranges
        ("2025-W01", date(2025, 1, 5), True),
        ("2025-W01", date(2025, 1, 6), False),
        ("2024-12", date(2024, 12, 30), True),
        ("2024-02", date(2024, 2, 29), True),
        ("2024-02", date(2024, 3, 1), False),
    ],
)
def test_contains_dates(outer, day, expected):
    assert k(outer).contains(day) is expected


def test_contains_accepts_datetime_and_rejects_other_types():
    assert k("2024-03").contains(datetime(2024, 3, 31, 23, 59))
    assert not k("2024-03").contains(datetime(2024, 4, 1, 0, 0))
    with pytest.raises(TypeError):
        k("2024-03").contains("2024-03")  # type: ignore[arg-type]


def test_every_week_belongs_to_exactly_one_month_quarter_and_year():
    months = [Period.month(y, m) for y in range(2019, 2028) for m in range(1, 13)]
    quarters = [Period.quarter(y, q) for y in range(2019, 2028) for q in range(1, 5)]
    years = [Period.year_of(y) for y in range(2019, 2028)]
    w = Period.week(2020, 1)
    while w.year < 2027:
        for group in (months, quarters, years):
            owners = [p for p in group if p.contains(w)]
            assert len(owners) == 1, (w, owners)
            assert owners[0] == w.parent(owners[0].kind)
        w = w.next()


# --------------------------------------------------------------------- children / parent


@pytest.mark.parametrize(("year", "count"), [(2024, 52), (2025, 52), (2026, 53), (2020, 53)])
def test_year_children_weeks(year, count):
    weeks = Period.year_of(year).children(W)
    assert len(weeks) == count
    assert weeks[0] == Period.week(year, 1)
    assert weeks[-1] == Period.week(year, count)
    assert weeks == sorted(weeks)


def test_quarter_children_months():
    assert Period.quarter(2024, 3).children(M) == [k("2024-07"), k("2024-08"), k("2024-09")]
    assert len(Period.quarter(2024, 1).children("month")) == 3


def test_year_children_months_and_quarters():
    assert Period.year_of(2024).children(M) == [Period.month(2024, m) for m in range(1, 13)]
    assert Period.year_of(2024).children(Q) == [Period.quarter(2024, q) for q in range(1, 5)]


@pytest.mark.parametrize(
    ("parent", "first", "last", "count"),
    [
        # Thursdays in 2024-Q1: 4 Jan (W01) .. 28 Mar (W13)
        ("2024-Q1", "2024-W01", "2024-W13", 13),
        # Thursdays in 2025-Q2: 3 Apr (W14) .. 26 Jun (W26); W27's Thursday is 3 Jul
        ("2025-Q2", "2025-W14", "2025-W26", 13),
        # 1 Oct 2026 and 31 Dec 2026 are both Thursdays: W40 .. W53
        ("2026-Q4", "2026-W40", "2026-W53", 14),
        # Thursdays in Jan 2024: 4, 11, 18, 25 -> W01..W04 (W05's Thursday is 1 Feb)
        ("2024-01", "2024-W01", "2024-W04", 4),
        # Thursdays in Feb 2024: 1, 8, 15, 22, 29 -> W05..W09
        ("2024-02", "2024-W05", "2024-W09", 5),
        # Thursdays in Jan 2021: 7 .. 28 -> W01..W04 (2020-W53 stays in 2020)
        ("2021-01", "2021-W01", "2021-W04", 4),
    ],
)
def test_children_weeks_by_thursday(parent, first, last, count):
    weeks = k(parent).children(W)
    assert len(weeks) == count
    assert (weeks[0], weeks[-1]) == (k(first), k(last))
    assert all(weeks[i].next() == weeks[i + 1] for i in range(len(weeks) - 1))


@pytest.mark.parametrize("year", [2020, 2024, 2025, 2026])
def test_children_partition_the_year(year):
    """The quarters' (and months') weeks together are exactly the year's weeks."""
    y = Period.year_of(year)
    by_quarter = [w for q in y.children(Q) for w in q.children(W)]
    by_month = [w for m in y.children(M) for w in m.children(W)]
    assert by_quarter == y.children(W)
    assert by_month == y.children(W)
    months_by_quarter = [m for q in y.children(Q) for m in q.children(M)]
    assert months_by_quarter == y.children(M)


@pytest.mark.parametrize("key", ["2024", "2026", "2024-Q1", "2026-Q4", "2024-02", "2020-12"])
def test_children_point_back_to_their_parent(key):
    p = k(key)
    finer = {Y: (Q, M, W), Q: (M, W), M: (W,)}[p.kind]
    for kind in finer:
        for child in p.children(kind):
            assert p.contains(child)
            assert child.parent(p.kind) == p


def test_children_of_same_kind_is_self_and_coarser_kind_raises():
    assert k("2024-Q1").children(Q) == [k("2024-Q1")]
    with pytest.raises(ValueError):
        k("2024-Q1").children(Y)
    with pytest.raises(ValueError):
        k("2024-03").children(Q)
    with pytest.raises(ValueError):
        k("2024-W13").children(M)


@pytest.mark.parametrize(
    ("child", "kind", "expected"),
    [
        ("2024-W13", Q, "2024-Q1"),
        ("2024-W14", Q, "2024-Q2"),
        ("2025-W14", Q, "2025-Q2"),  # starts 31 Mar, Thursday 3 Apr
        ("2025-W14", M, "2025-04"),
        ("2024-W05", M, "2024-02"),  # starts 29 Jan, Thursday 1 Feb
        ("2025-W01", Y, "2025"),  # starts 30 Dec 2024
        ("2025-W01", M, "2025-01"),
        ("2020-W53", Y, "2020"),  # ends 3 Jan 2021
        ("2020-W53", Q, "2020-Q4"),
        ("2024-05", Q, "2024-Q2"),
        ("2024-12", Y, "2024"),
        ("2024-Q3", Y, "2024"),
        ("2024-Q3", Q, "2024-Q3"),
    ],
)
def test_parent(child, kind, expected):
    assert k(child).parent(kind) == k(expected)


def test_parent_of_finer_kind_raises():
    with pytest.raises(ValueError):
        k("2024-Q1").parent(M)
    with pytest.raises(ValueError):
        k("2024-03").parent(W)


# --------------------------------------------------------------------- keys and labels

ROUND_TRIP = [
    (Period.week(2024, 12), "2024-W12", "2024年第12周", "Week 12, 2024"),
    (Period.week(2024, 5), "2024-W05", "2024年第5周", "Week 5, 2024"),
    (Period.week(2020, 53), "2020-W53", "2020年第53周", "Week 53, 2020"),
    (Period.month(2024, 3), "2024-03", "2024年3月", "Mar 2024"),
    (Period.month(2024, 12), "2024-12", "2024年12月", "Dec 2024"),
    (Period.quarter(2024, 1), "2024-Q1", "2024年第一季度", "Q1 2024"),
    (Period.quarter(2024, 2), "2024-Q2", "2024年第二季度", "Q2 2024"),
    (Period.quarter(2024, 3), "2024-Q3", "2024年第三季度", "Q3 2024"),
    (Period.quarter(2024, 4), "2024-Q4", "2024年第四季度", "Q4 2024"),
    (Period.year_of(2024), "2024", "2024年", "2024"),
]


@pytest.mark.parametrize(("p", "key", "label", "label_en"), ROUND_TRIP, ids=lambda v: str(v))
def test_key_and_labels(p, key, label, label_en):
    assert p.key == key
    assert str(p) == key
    assert p.label == label
    assert p.label_en == label_en


@pytest.mark.parametrize(("p", "key", "label", "label_en"), ROUND_TRIP, ids=lambda v: str(v))
def test_round_trips(p, key, label, label_en):
    assert Period.from_key(p.key) == p
    assert Period.parse(p.key) == p
    assert Period.parse(p.label) == p
    assert Period.parse(p.label_en) == p
    assert eval(repr(p), {"Period": Period}) == p


def test_round_trip_every_period_of_several_years():
    for year in (2020, 2024, 2026):
        y = Period.year_of(year)
        for p in [y, *y.children(Q), *y.children(M), *y.children(W)]:
            assert Period.from_key(p.key) == p
            assert Period.parse(p.label) == p
            assert Period.parse(p.label_en) == p


def test_keys_sort_chronologically_as_strings():
    """Zero padding matters: the database orders by period_key."""
    for kind in (W, M):
        periods = Period.year_of(2024).children(kind)
        assert sorted(p.key for p in periods) == [p.key for p in periods]


def test_kind_labels():
    assert [kind.label for kind in PeriodKind] == ["周", "月", "季度", "年"]
    assert [kind.value for kind in PeriodKind] == ["week", "month", "quarter", "year"]


@pytest.mark.parametrize(
    "bad",
    [
        "2024-W1",  # week must be two digits
        "2024-3",  # month must be two digits
        "2024Q1",
        "2024-q1",
        " 2024-Q1",
        "2024-Q01",
        "2024年",
        "２０２４",  # full-width is for parse(), not keys
        "2024-13",
        "2025-W53",
        "2024-W00",
        "",
    ],
)
def test_from_key_is_strict(bad):
    with pytest.raises(ValueError) as excinfo:
        Period.from_key(bad)
    assert f"“{bad}”" in str(excinfo.value)


# --------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quarters
        ("2024年一季度", "2024-Q1"),
        ("2024年第一季度", "2024-Q1"),
        ("2024年第1季度", "2024-Q1"),
        ("2024年1季度", "2024-Q1"),
        ("2024年四季度", "2024-Q4"),
        ("2024Q1", "2024-Q1"),
        ("2024 Q1", "2024-Q1"),
        ("2024-Q1", "2024-Q1"),
        ("2024q3", "2024-Q3"),
        ("Q2 2024", "2024-Q2"),
        # months
        ("2024年3月", "2024-03"),
        ("2024年03月", "2024-03"),
        ("2024年12月", "2024-12"),
        ("2024.03", "2024-03"),
        ("2024.3", "2024-03"),
        ("2024.10", "2024-10"),  # October: the digits after the dot are the month
        ("2024/03", "2024-03"),
        ("2024/3", "2024-03"),
        ("2024-3", "2024-03"),
        ("2024-03", "2024-03"),
        ("202403", "2024-03"),
        ("202411", "2024-11"),
        ("Mar 2024", "2024-03"),
        # weeks
        ("2024年第12周", "2024-W12"),
        ("2024年12周", "2024-W12"),
        ("2024年第1周", "2024-W01"),
        ("2024W12", "2024-W12"),
        ("2024-W12", "2024-W12"),
        ("2024w5", "2024-W05"),
        ("2026-W53", "2026-W53"),
        ("Week 12, 2024", "2024-W12"),
        # years
        ("2024年", "2024"),
        ("2024", "2024"),
        ("2024年度", "2024"),
        # full-width digits and letters, odd spaces
        ("２０２４年３月", "2024-03"),
        ("２０２４Ｑ１", "2024-Q1"),
        ("２０２４－Ｗ１２", "2024-W12"),
        ("２０２４年第一季度", "2024-Q1"),
        ("２０２４", "2024"),
        ("  2024年3月  ", "2024-03"),
        ("\u00a02024-Q1\u00a0", "2024-Q1"),  # non-breaking spaces
        ("\u30002024年第12周\u3000", "2024-W12"),  # ideographic spaces
        ("\t2024\n", "2024"),
        ("\ufeff2024-03", "2024-03"),  # BOM from a CSV export
    ],
)
def test_parse_variants(text, expected):
    assert Period.parse(text).key == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年13月",
        "2024年0月",
        "2024Q5",
        "2024Q0",
        "2024年第五季度",
        "2024年第53周",  # 2024 has 52 ISO weeks
        "2025-W53",
        "202413",
        "上半年",
        "下半年",
        "2024年上半年",
        "2024年下半年",
        "",
        "   ",
        "abc",
        "Q1",  # no year
        "24Q1",  # two-digit year
        "2024-03-15",  # a day, not a period
        "2024年3",
        "3月",
        "20243",
        "1899",
        "٢٠٢٤",  # Arabic-Indic digits are not accepted as a year
    ],
)
def test_parse_rejects_garbage_naming_the_text(text):
    with pytest.raises(ValueError) as excinfo:
        Period.parse(text)
    message = str(excinfo.value)
    assert message.startswith("无法识别的期次")
    assert f"“{text}”" in message


def test_parse_explains_out_of_range_values():
    with pytest.raises(ValueError, match="月份必须在1到12之间"):
        Period.parse("2024年13月")
    with pytest.raises(ValueError, match="2024年没有第53周"):
        Period.parse("2024年第53周")
    with pytest.raises(ValueError, match="半年"):
        Period.parse("2024年上半年")


def test_parse_rejects_non_strings():
    with pytest.raises(TypeError):
        Period.parse(2024)  # type: ignore[arg-type]


# --------------------------------------------------------------------- ordering


def test_dataclass_order_within_a_kind():
    assert Period.month(2024, 12) < Period.month(2025, 1)
    assert Period.week(2020, 53) < Period.week(2021, 1)
    assert Period.quarter(2024, 4) > Period.quarter(2024, 3)


def test_sort_key_orders_mixed_kinds_by_start_then_coarser_first():
    keys = ["2024-W02", "2024-02", "2024-01", "2024-W01", "2024", "2024-Q1", "2024-Q2",
            "2023-12", "2025-W01"]  # fmt: skip
    mixed = [k(key) for key in keys]
    assert sorted(mixed, key=Period.sort_key) == [
        k("2023-12"),
        k("2024"),  # 2024-01-01, also the start of Q1, January and W01 (a Monday)
        k("2024-Q1"),
        k("2024-01"),
        k("2024-W01"),
        k("2024-W02"),  # 8 Jan
        k("2024-02"),
        k("2024-Q2"),
        k("2025-W01"),  # 30 Dec 2024
    ]


# --------------------------------------------------------------------- purity


def test_module_uses_only_the_standard_library():
    tree = ast.parse(Path(period_module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported
