"""The one place where exports ask for 红黄绿灯: a thin adapter over the lag service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlmodel import Session

from jjjdesk.domain.enums import Light
from jjjdesk.domain.lag import LagLight
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import lag

CHUNK = 500  # ids per IN (...) list; well under SQLite's and PostgreSQL's limits


def as_of(period: Period, grace_days: int) -> date:
    """The day a ledger of `period` is judged on: its reports are due, later ones are not."""
    return period.end + timedelta(days=grace_days + 1)


def lights_for(*, session: Session, subjects: Sequence[SubjectRef], period: Period,
               today: date | None = None) -> dict[SubjectRef, LagLight]:
    """Light and explanation of each subject, judged as of `period` (or `today` if earlier),
    by `services.lag` on entries up to that period."""
    th = lag.thresholds(session=session)
    day = as_of(period, th.grace_days)
    if today is not None:
        day = min(day, today)
    # Entries are of the lights' own period kind (months by default): a quarter's ledger
    # counts entries up to the quarter's last month.
    last = Period.containing(th.period_kind, min(period.end, day))
    kinds = {s.kind for s in subjects}
    wanted = set(subjects)
    rows = lag.subject_lights(session=session, today=day, as_of=last,
                              kind=kinds.pop() if len(kinds) == 1 else None)
    found = {r.subject: LagLight(Light(r.light), r.explanation, r.elapsed_pct,
                                 r.completion_pct, r.gap)
             for r in rows if r.subject in wanted}
    none = LagLight(Light.NONE, "")
    return {s: found.get(s, none) for s in subjects}
