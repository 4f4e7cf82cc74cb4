"""Plain read models of progress entries for the GUI, the CLI and exports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from jjjdesk.domain.enums import Assessment, EntrySource, ReviewState
from jjjdesk.domain.models import (
    Attachment,
    KeyTask,
    ProgressEntry,
    Project,
    Unit,
    row_id,
    stored_id,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef


@dataclass(frozen=True)
class EntryView:
    id: int
    version: int
    subject: SubjectRef
    subject_code: str
    subject_name: str
    period_key: str
    period_label: str
    round_id: int | None
    reporter_unit_id: int | None
    reporter_unit: str
    assessment: str
    assessment_label: str
    completion_pct: float | None
    invest_period: float | None
    invest_cumulative: float | None
    progress: str
    problems: str
    next_steps: str
    coordination: str
    cumulative_reason: str
    review_state: str
    review_state_label: str
    review_comment: str
    reporter: str
    submitted_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    source: str
    source_label: str
    import_batch_id: int | None
    source_sheet: str
    source_row: int | None
    updated_at: datetime
    reported_on: date | None = None  # 填报日期 as the return stated it
    attachments: int = 0  # 佐证材料 not removed (those this user may see)

    @property
    def locked(self) -> bool:
        """Approved entries are locked until a coordinator reopens them."""
        return self.review_state == ReviewState.APPROVED

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)

    def values(self) -> dict[str, object]:
        """The editable fields, as the entry form and `save_entry` name them."""
        from jjjdesk.domain.entry_rules import ENTRY_FIELDS

        return {name: getattr(self, name) for name in ENTRY_FIELDS}


def _subject_names(session: Session, entries: list[ProgressEntry]
                   ) -> dict[SubjectRef, tuple[str, str]]:
    # Only the columns shown: whole Project rows made a page of 200 entries ~15 ms slower.
    names: dict[SubjectRef, tuple[str, str]] = {}
    task_ids = {e.task_id for e in entries if e.task_id is not None}
    project_ids = {e.project_id for e in entries if e.project_id is not None}
    if task_ids:
        tasks = {t.id: t for t in session.exec(
            select(KeyTask).where(col(KeyTask.id).in_(task_ids)))}
        parents = {t.id: t for t in session.exec(select(KeyTask).where(
            col(KeyTask.id).in_({t.parent_id for t in tasks.values() if t.parent_id})))}
        for t in tasks.values():
            parent = parents.get(t.parent_id)
            code = f"{parent.number}.{t.number}" if parent else str(t.number)
            names[SubjectRef.task(row_id(t))] = (code, t.title)
    if project_ids:
        for project_id, code, name in session.exec(
                select(Project.id, Project.code, Project.name)
                .where(col(Project.id).in_(project_ids))):
            names[SubjectRef.project(stored_id(project_id))] = (code, name)
    return names


def to_views(session: Session, entries: Iterable[ProgressEntry]) -> list[EntryView]:
    entries = list(entries)
    names = _subject_names(session, entries)
    unit_ids = {e.reporter_unit_id for e in entries if e.reporter_unit_id}
    units = dict(session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(unit_ids))).all())
    files = _attachment_counts(session, [row_id(e) for e in entries])
    out = []
    for e in entries:
        ref = SubjectRef.of(e)
        code, name = names.get(ref, ("", ""))
        out.append(EntryView(
            id=row_id(e), version=e.version, subject=ref, subject_code=code, subject_name=name,
            period_key=e.period_key, period_label=Period.from_key(e.period_key).label,
            round_id=e.round_id, reporter_unit_id=e.reporter_unit_id,
            reporter_unit=units.get(e.reporter_unit_id, ""), assessment=e.assessment,
            assessment_label=Assessment(e.assessment).label, completion_pct=e.completion_pct,
            invest_period=e.invest_period, invest_cumulative=e.invest_cumulative,
            progress=e.progress, problems=e.problems, next_steps=e.next_steps,
            coordination=e.coordination, cumulative_reason=e.cumulative_reason,
            review_state=e.review_state, review_state_label=ReviewState(e.review_state).label,
            review_comment=e.review_comment, reporter=e.reporter, submitted_at=e.submitted_at,
            reviewed_by=e.reviewed_by, reviewed_at=e.reviewed_at, source=e.source,
            source_label=EntrySource(e.source).label, import_batch_id=e.import_batch_id,
            source_sheet=e.source_sheet, source_row=e.source_row, updated_at=e.updated_at,
            reported_on=e.reported_on, attachments=files.get(row_id(e), 0),
        ))
    return out


_ENTRY_COLUMNS = tuple(c.key for c in ProgressEntry.__table__.columns)  # type: ignore[attr-defined]


def entry_rows_select() -> Select:
    """Every column of progress_entry as plain rows, for a page of `views_of_rows`: ORM
    objects were ~7 of a 200-row 审核 page's 12 ms (bench/bench_lists.py)."""
    return sa_select(*ProgressEntry.__table__.columns)  # type: ignore[attr-defined]


def views_of_rows(session: Session, rows: Iterable[Sequence[Any]]) -> list[EntryView]:
    """`to_views` of rows of `entry_rows_select` (in its column order)."""
    entries = [SimpleNamespace(**dict(zip(_ENTRY_COLUMNS, r, strict=True))) for r in rows]
    return to_views(session, cast("list[ProgressEntry]", entries))


def _attachment_counts(session: Session, entry_ids: list[int]) -> dict[int, int]:
    """One grouped query per page (ix_attachment_entry_id)."""
    if not entry_ids:
        return {}
    rows = session.exec(
        select(Attachment.entry_id, func.count()).where(
            col(Attachment.entry_id).in_(entry_ids), col(Attachment.deleted_at).is_(None))
        .group_by(col(Attachment.entry_id)))
    return {stored_id(entry_id): n for entry_id, n in rows}


def to_view(session: Session, entry: ProgressEntry) -> EntryView:
    return to_views(session, [entry])[0]


def find_entry(session: Session, ref: SubjectRef, period_key: str) -> ProgressEntry | None:
    column = ProgressEntry.task_id if ref.kind == "task" else ProgressEntry.project_id
    return session.exec(select(ProgressEntry).where(
        column == ref.id, ProgressEntry.period_key == period_key)).first()


def entries_of(session: Session, ref: SubjectRef, period_kind: str | None = None
               ) -> list[ProgressEntry]:
    column = ProgressEntry.task_id if ref.kind == "task" else ProgressEntry.project_id
    stmt = select(ProgressEntry).where(column == ref.id)
    if period_kind:
        stmt = stmt.where(ProgressEntry.period_kind == period_kind)
    return list(session.exec(stmt))
