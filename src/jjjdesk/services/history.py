"""A subject's entries over time, and the quarter view (months plus the latest weekly notes)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services.entry_views import EntryView, entries_of, to_views


@dataclass(frozen=True)
class QuarterView:
    quarter_key: str
    quarter_label: str
    quarter_entry: EntryView | None
    months: list[tuple[str, str, EntryView | None]]  # (key, label, entry) for its 3 months
    weeks: list[EntryView]  # weekly entries in the quarter, newest first


def subject_history(*, session: Session, subject: SubjectRef, period_kind: str | None = None
                    ) -> list[EntryView]:
    """All entries of a subject in time order (for equal starts the coarser period first)."""
    rows = entries_of(session, subject, period_kind)
    rows.sort(key=lambda e: Period.from_key(e.period_key).sort_key())
    return to_views(session, rows)


def quarter_view(*, session: Session, subject: SubjectRef, quarter: Period | str) -> QuarterView:
    quarter = quarter if isinstance(quarter, Period) else Period.parse(quarter)
    if quarter.kind is not PeriodKind.QUARTER:
        raise ValueError(f"{quarter.label}不是季度")
    inside = [v for v in subject_history(session=session, subject=subject)
              if quarter.contains(v.period)]
    by_key = {v.period_key: v for v in inside}
    months = [(m.key, m.label, by_key.get(m.key)) for m in quarter.children(PeriodKind.MONTH)]
    weeks = [v for v in inside if v.period.kind is PeriodKind.WEEK]
    weeks.sort(key=lambda v: v.period.start, reverse=True)
    return QuarterView(quarter.key, quarter.label, by_key.get(quarter.key), months, weeks)
