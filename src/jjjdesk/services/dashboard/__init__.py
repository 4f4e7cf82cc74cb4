"""总览 (the leaders' dashboard): every aggregate of the overview as SQL, returned as plain data.

Lights per category and the "时间过半、任务过半" pace come from one grouped query that
applies the rules of `jjjdesk.domain.lag.assess` in a SQL ``CASE`` (kept equal to the Python
rules by tests/core/test_dashboard_data.py); investment is a windowed running sum per period;
the reporting rate is the submission board of the round. Nothing here loops over entries.
"""

from __future__ import annotations

from jjjdesk.services.dashboard.filters import (
    DashboardContext,
    DashboardFilter,
    dashboard_context,
    filter_choices,
)
from jjjdesk.services.dashboard.indicators import IndicatorProgress, indicator_progress
from jjjdesk.services.dashboard.investment_series import InvestmentSeries, investment
from jjjdesk.services.dashboard.lights import (
    LIGHT_ORDER,
    NO_CATEGORY,
    CategoryLights,
    CategoryPace,
    lights_and_pace,
)
from jjjdesk.services.dashboard.overview import DashboardData, load_dashboard, subject_count
from jjjdesk.services.dashboard.problems import PROBLEM_LIMIT, OpenProblem, open_problems
from jjjdesk.services.dashboard.reporting import (
    RoundRates,
    UnitRate,
    current_round_id,
    reporting_rates,
)

__all__ = [
    "LIGHT_ORDER", "NO_CATEGORY", "PROBLEM_LIMIT",
    "CategoryLights", "CategoryPace", "DashboardContext", "DashboardData", "DashboardFilter",
    "IndicatorProgress", "InvestmentSeries", "OpenProblem", "RoundRates", "UnitRate",
    "current_round_id", "dashboard_context", "filter_choices", "indicator_progress",
    "investment", "lights_and_pace", "load_dashboard", "open_problems", "reporting_rates",
    "subject_count",
]
