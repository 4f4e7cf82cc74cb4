"""红黄绿灯 ("时间过半、任务过半"): a pure judgement of one subject, with its explanation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple, overload

from jjjdesk.domain.enums import Assessment, Light
from jjjdesk.domain.period import Period, PeriodKind

#: Order in which lists sort lights (most urgent first).
SEVERITY = {Light.RED: 0, Light.YELLOW: 1, Light.GREY: 2, Light.GREEN: 3, Light.NONE: 4}


@dataclass(frozen=True)
class LagThresholds:
    """Gap = elapsed share − completion, in percentage points.

    gap ≤ green_margin → green; gap ≥ red_gap → red; in between → yellow.
    """

    green_margin: float = 5
    red_gap: float = 20
    period_kind: str = "month"
    grace_days: int = 10


class LagLight(NamedTuple):
    """A light and its reason (a NamedTuple: immutable and cheap to build, once per subject)."""

    light: Light
    explanation: str
    elapsed_pct: float | None = None
    completion_pct: float | None = None
    gap: float | None = None


@lru_cache(maxsize=8192)  # a few thousand distinct shares, formatted for 50,000 subjects
def pct(x: float) -> str:
    """62.0 → "62", 12.34 → "12.3"."""
    return f"{round(x, 1):g}"


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def elapsed_share(start: date, end: date, today: date) -> float:
    """Percentage of the window [start, end] that has passed on `today`, 0–100."""
    length = (end - start).days
    if today >= end:
        return 100.0
    if today <= start or length <= 0:
        return 0.0
    return round(100 * (today - start).days / length, 1)


@overload
def expected_period(kind: PeriodKind | str, today: date, grace_days: int,
                    start: None = None) -> Period: ...


@overload
def expected_period(kind: PeriodKind | str, today: date, grace_days: int,
                    start: date | None) -> Period | None: ...


def expected_period(kind: PeriodKind | str, today: date, grace_days: int,
                    start: date | None = None) -> Period | None:
    """The latest period of `kind` whose report is due by `today` (its end + grace passed).

    None when that period ended before the window `start` (nothing is due yet).
    """
    period = Period.containing(kind, today).previous()
    while period.end + timedelta(days=grace_days) >= today:
        period = period.previous()
    if start is not None and period.end < start:
        return None
    return period


def assess(
    *, start: date | None, end: date | None, today: date, completion: float | None,
    assessment: str | None, latest: Period | None, expected: Period | None,
    thresholds: LagThresholds,
) -> LagLight:
    """Judge one subject. Rules, in order:

    no window → NONE; last report says done → GREEN; a due report missing → GREY;
    window not begun → GREEN; past the due date and not done → RED; no completion figure →
    by self-assessment (滞后 → YELLOW); otherwise by the gap against the thresholds, and a
    self-assessed 滞后 is never shown better than YELLOW.

    The same rule is written in SQL for counting (`jjjdesk.services.lag_sql.light_case`,
    STYLE 19); tests/core/test_lag_sql.py holds the two equal. Change them together.
    """
    if start is None or end is None:
        return LagLight(Light.NONE, "未设置计划起止时间,不评价")
    done = assessment == Assessment.DONE or (completion is not None and completion >= 100)
    if latest is not None and done:
        return LagLight(Light.GREEN, f"已完成({latest.label}报告)", None, 100.0, None)
    if expected is not None and (latest is None or latest.end < expected.end):
        last = "尚无填报" if latest is None else f"最近一次为{latest.label}" + (
            "" if completion is None else f",完成{pct(completion)}%")
        return LagLight(Light.GREY, f"{expected.label}应报未报({last})", None, completion)
    if today < start:
        return LagLight(Light.GREEN, f"计划尚未开始({_day(start)}开始)", 0.0, completion)
    elapsed = elapsed_share(start, end, today)
    if today > end:
        done_words = "尚未报告完成进度" if completion is None else f"完成{pct(completion)}%"
        gap = None if completion is None else round(100 - completion, 1)
        return LagLight(Light.RED, f"已超过计划完成时间({_day(end)}),{done_words}",
                        elapsed, completion, gap)
    lagging = assessment == Assessment.LAGGING
    if completion is None:
        if lagging:
            return LagLight(Light.YELLOW, f"计划周期已过{pct(elapsed)}%,未填完成进度,自评滞后",
                            elapsed)
        return LagLight(Light.GREEN, f"计划周期已过{pct(elapsed)}%,未填完成进度", elapsed)
    gap = round(elapsed - completion, 1)
    words = f"计划周期已过{pct(elapsed)}%,完成{pct(completion)}%"
    if gap > 0:
        words += f",落后{pct(gap)}个百分点"
    elif gap < 0:
        words += f",超前{pct(-gap)}个百分点"
    else:
        words += ",与计划同步"
    if gap <= thresholds.green_margin:
        light = Light.GREEN
    elif gap >= thresholds.red_gap:
        light = Light.RED
    else:
        light = Light.YELLOW
    if lagging and light is Light.GREEN:
        light, words = Light.YELLOW, words + "(自评滞后)"
    return LagLight(light, words, elapsed, completion, gap)
