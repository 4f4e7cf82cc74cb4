"""The one place where exports ask for 红黄绿灯: a thin adapter over the lag service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from jjjdesk.domain.enums import Light
from jjjdesk.domain.lag import LagLight
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import lag

CHUNK = 500  # ids per IN (...) list; well under SQLite's and PostgreSQL's limits


def lights_for(*, session: Session, subjects: Sequence[SubjectRef], period: Period,
               today: date | None = None) -> dict[SubjectRef, LagLight]:
    """Light and explanation of each subject, judged as of `period` (or `today` if earlier),
    by `services.lag.period_lights`: the same rule as `jjjdesk-cli lights`."""
    kinds = {s.kind for s in subjects}
    wanted = set(subjects)
    rows = lag.period_lights(session=session, period=period, today=today,
                             kind=kinds.pop() if len(kinds) == 1 else None)
    found = {r.subject: LagLight(Light(r.light), r.explanation, r.elapsed_pct,
                                 r.completion_pct, r.gap)
             for r in rows if r.subject in wanted}
    none = LagLight(Light.NONE, "")
    return {s: found.get(s, none) for s in subjects}
