"""目标指标 sheet: baseline, target, latest value, share of target reached, trend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from jjjdesk.domain.enums import Direction
from jjjdesk.domain.models import IndicatorValue
from jjjdesk.domain.period import Period
from jjjdesk.excel.sheet import Column
from jjjdesk.services import indicators
from jjjdesk.services.query import ListQuery

INDICATOR_COLUMNS = (
    Column("序号", "int", 5),
    Column("指标名称", "wrap", 30),
    Column("计量单位", "center", 10),
    Column("年份", "int", 7, "基期"),
    Column("数值", "number", 10, "基期"),
    Column("年份", "int", 7, "目标"),
    Column("数值", "number", 10, "目标"),
    Column("期次", "center", 12, "最新值"),
    Column("数值", "number", 10, "最新值"),
    Column("目标完成度", "pct", 9),
    Column("趋势", "center", 12),
    Column("牵头单位", "wrap", 14),
)


def _trend(values: list[tuple[Period, float]], direction_up: bool) -> str:
    """Compared with the value before the latest: 上升/下降/持平, and whether that is good."""
    if len(values) < 2:
        return "—"
    (_, before), (_, last) = values[-2], values[-1]
    if abs(last - before) < 1e-9:
        return "→ 持平"
    up = last > before
    good = up == direction_up
    return ("↑ 上升" if up else "↓ 下降") + ("(向好)" if good else "(趋弱)")


def indicator_rows(*, session: Session, query: ListQuery | None = None) -> list[Sequence[Any]]:
    """One row per indicator (without 序号), in the indicator screen's order."""
    query = query or ListQuery()
    count = indicators.count_indicators(session=session, query=query)
    rows = indicators.list_indicators(session=session, query=query, limit=max(count, 1))
    history: dict[int, list[tuple[Period, float]]] = {}
    for ind_id, key, value in session.exec(
        select(IndicatorValue.indicator_id, IndicatorValue.period_key, IndicatorValue.value)
        .where(col(IndicatorValue.indicator_id).in_([r.id for r in rows]))
    ):
        history.setdefault(ind_id, []).append((Period.from_key(key), value))
    out = []
    for r in rows:
        values = sorted(history.get(r.id, []), key=lambda pv: pv[0].end)
        share = None if r.share_of_target is None else round(r.share_of_target * 100, 1)
        out.append((
            r.name, r.measure, r.baseline_year, r.baseline_value, r.target_year, r.target_value,
            r.latest_period, r.latest_value, share,
            _trend(values, r.direction_label == Direction.UP.label), r.lead_unit,
        ))
    return out
