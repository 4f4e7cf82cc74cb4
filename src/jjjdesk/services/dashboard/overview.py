"""The whole overview: every aggregate of the 总览 page, read in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.models import KeyTask, Project
from jjjdesk.services.dashboard.filters import DashboardFilter, dashboard_context
from jjjdesk.services.dashboard.indicators import IndicatorProgress, indicator_progress
from jjjdesk.services.dashboard.investment_series import InvestmentSeries, investment
from jjjdesk.services.dashboard.lights import CategoryLights, CategoryPace, lights_and_pace
from jjjdesk.services.dashboard.problems import OpenProblem, open_problems
from jjjdesk.services.dashboard.reporting import RoundRates, reporting_rates

# The default of `load_dashboard`, named here because ruff (B008) can only tell a frozen
# dataclass call is immutable in the module that defines the class.
_NO_FILTER = DashboardFilter()


@dataclass(frozen=True)
class DashboardData:
    filters: DashboardFilter
    as_of_label: str
    today: date
    subjects: int  # tasks and projects in the registry (0: a new registry)
    lights: list[CategoryLights]
    pace: list[CategoryPace]
    indicators: list[IndicatorProgress]
    investment: InvestmentSeries
    reporting: RoundRates | None
    problems: list[OpenProblem]
    open_problems: int

    @property
    def is_empty(self) -> bool:
        return self.subjects == 0


def subject_count(*, session: Session) -> int:
    tasks = session.exec(select(func.count(col(KeyTask.id)))).one()
    return tasks + session.exec(select(func.count(col(Project.id)))).one()


def load_dashboard(
    *, session: Session, today: date, filters: DashboardFilter = _NO_FILTER
) -> DashboardData:
    """Everything the 总览 page shows, in one read transaction."""
    ctx = dashboard_context(session=session, today=today, filters=filters)
    lights, pace = lights_and_pace(session=session, ctx=ctx)
    problems, total = open_problems(session=session, ctx=ctx)
    return DashboardData(
        filters=filters,
        as_of_label=ctx.as_of.label,
        today=ctx.today,
        subjects=subject_count(session=session),
        lights=lights,
        pace=pace,
        indicators=indicator_progress(session=session, ctx=ctx),
        investment=investment(session=session, ctx=ctx),
        reporting=reporting_rates(session=session, ctx=ctx),
        problems=problems,
        open_problems=total,
    )
