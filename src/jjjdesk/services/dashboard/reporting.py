"""Reporting rate of the current round: items submitted per unit, as the submission board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import ReviewState
from jjjdesk.domain.models import ProgressEntry, ReportingRound, RoundItem, RoundUnit, Unit
from jjjdesk.services import board
from jjjdesk.services.dashboard.filters import DashboardContext
from jjjdesk.services.lag import COUNTED_STATES


@dataclass(frozen=True)
class UnitRate:
    unit_id: int
    unit_name: str
    submitted: int
    total: int
    state_label: str

    @property
    def rate(self) -> float:
        return self.submitted / self.total if self.total else 0.0


@dataclass(frozen=True)
class RoundRates:
    round_id: int
    round_name: str
    deadline: date
    rows: list[UnitRate]  # highest rate first


def current_round_id(*, session: Session, period_key: str | None = None) -> int | None:
    """The round of the chosen period, else the newest open round, else the newest one."""
    order = (col(ReportingRound.deadline).desc(), col(ReportingRound.id).desc())
    if period_key:
        found = session.exec(
            select(ReportingRound.id)
            .where(ReportingRound.period_key == period_key)
            .order_by(*order)
        ).first()
        if found is not None:
            return found
    found = session.exec(
        select(ReportingRound.id).where(ReportingRound.state == "open").order_by(*order)
    ).first()
    return (
        found
        if found is not None
        else session.exec(select(ReportingRound.id).order_by(*order)).first()
    )


def reporting_rates(*, session: Session, ctx: DashboardContext) -> RoundRates | None:
    """Items submitted per unit of the round, in one grouped query.

    The board's own query (`board.round_board`) joins entries with an ``OR`` of task and
    project, which SQLite answers by scanning (~280 ms for 10,000 items); two left joins,
    each on its own index, give the same counts in a few milliseconds.
    """
    round_id = current_round_id(session=session, period_key=ctx.filters.period_key)
    if round_id is None:
        return None
    rnd = session.get(ReportingRound, round_id)
    assert rnd is not None  # current_round_id found it in this transaction
    et = sa.orm.aliased(ProgressEntry)
    ep = sa.orm.aliased(ProgressEntry)
    state = func.coalesce(et.review_state, ep.review_state)
    sent = case((state.in_(COUNTED_STATES), 1), else_=0)
    back = case((state == ReviewState.RETURNED.value, 1), else_=0)
    counts_q = (
        select(RoundItem.unit_id, func.count(col(RoundItem.id)), func.sum(sent), func.sum(back))
        .outerjoin(et, and_(col(et.task_id) == col(RoundItem.task_id),
                            col(et.period_key) == rnd.period_key))
        .outerjoin(
            ep,
            and_(
                col(ep.project_id) == col(RoundItem.project_id),
                col(ep.period_kind) == rnd.period_kind,
                col(ep.period_key) == rnd.period_key,
            ),
        )
        .where(RoundItem.round_id == round_id)
        .group_by(col(RoundItem.unit_id))
    )
    if ctx.filters.unit_id is not None:
        counts_q = counts_q.where(RoundItem.unit_id == ctx.filters.unit_id)
    counts = {
        u: (total, int(done or 0), int(returned or 0))
        for u, total, done, returned in session.exec(counts_q)
    }
    names = dict(
        session.exec(
            select(Unit.id, Unit.name)
            .join(RoundUnit, col(RoundUnit.unit_id) == col(Unit.id))
            .where(RoundUnit.round_id == round_id)
        ).all()
    )
    rows = []
    for unit_id, (total, done, returned) in counts.items():
        # the board's own rule (未报/已报/逾期/退回), so the two never disagree
        state_ = board.return_state(total, done, returned, rnd.deadline, ctx.today)
        rows.append(UnitRate(unit_id, names.get(unit_id, ""), done, total, state_.label))
    rows.sort(key=lambda r: (-r.rate, -r.total, r.unit_name))
    return RoundRates(round_id, rnd.name, rnd.deadline, rows)
