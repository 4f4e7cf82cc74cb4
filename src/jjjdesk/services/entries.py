"""进展填报: the entry form (with last period beside it), drafts, 沿用上期, and 报送."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.entry_rules import ENTRY_FIELDS, EntryCheck, EntryContext, check_entry
from jjjdesk.domain.enums import EntrySource, ReviewState, RoundState
from jjjdesk.domain.models import ProgressEntry, ReportingRound, RoundItem, now, row_id
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import problems, records, rounds
from jjjdesk.services.entry_access import require_entry_write
from jjjdesk.services.entry_views import EntryView, find_entry, to_view
from jjjdesk.services.permissions import Act, require
from jjjdesk.services.settings import investment_tolerance
from jjjdesk.services.subjects import SubjectInfo, subject_info

ENTITY = "entry"


@dataclass(frozen=True)
class EntryForm:
    """Everything the entry form shows: the subject, this period's entry, the last one."""

    subject: SubjectInfo
    period_key: str
    period_label: str
    round_id: int | None
    entry: EntryView | None
    previous: EntryView | None
    editable: bool
    read_only_reason: str


@dataclass(frozen=True)
class SaveResult:
    entry_id: int
    version: int
    review_state: str
    warnings: dict[str, str]
    audit_event_id: int | None


@dataclass
class EntryTarget:
    """The period, round and round item an entry call is about."""

    ref: SubjectRef
    period: Period
    rnd: ReportingRound | None
    item: RoundItem | None


def _where(session: Session, ref: SubjectRef, round_id: int | None,
           period: Period | str | None) -> EntryTarget:
    if round_id is not None:
        rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
        item = rounds.find_item(session, round_id, ref)
        if item is None:
            raise UserFacingError(f"该事项不在填报批次“{rnd.name}”的范围内。")
        return EntryTarget(ref, Period.from_key(rnd.period_key), rnd, item)
    if period is None:
        raise ValueError("give round_id or period")
    period = period if isinstance(period, Period) else Period.parse(period)
    # Without a round, use the (open, else newest) round of that period holding the subject.
    candidates = session.exec(
        select(ReportingRound).where(ReportingRound.period_key == period.key)
        .order_by(col(ReportingRound.state) != RoundState.OPEN, col(ReportingRound.id).desc())
    ).all()
    for rnd in candidates:
        item = rounds.find_item(session, row_id(rnd), ref)
        if item is not None:
            return EntryTarget(ref, period, rnd, item)
    return EntryTarget(ref, period, None, None)


def _previous(session: Session, ref: SubjectRef, period: Period) -> ProgressEntry | None:
    return find_entry(session, ref, period.previous().key)


def _last_cumulative(session: Session, ref: SubjectRef, period: Period
                     ) -> tuple[float | None, str]:
    """The latest earlier cumulative investment of the same period kind, and its label."""
    column = ProgressEntry.task_id if ref.kind == "task" else ProgressEntry.project_id
    row = session.exec(
        select(ProgressEntry.invest_cumulative, ProgressEntry.period_key)
        .where(column == ref.id, ProgressEntry.period_kind == period.kind.value,
               ProgressEntry.period_key < period.key,
               col(ProgressEntry.invest_cumulative).is_not(None))
        .order_by(col(ProgressEntry.period_key).desc()).limit(1)
    ).first()
    if row is None:
        return None, "上期"
    return row[0], Period.from_key(row[1]).label


def entry_context(session: Session, info: SubjectInfo, period: Period) -> EntryContext:
    previous, label = _last_cumulative(session, info.ref, period)
    return EntryContext(is_project=info.ref.kind == "project", previous_cumulative=previous,
                        previous_label=label, total_investment=info.total_investment,
                        tolerance=investment_tolerance(session))


def get_entry_form(*, session: Session, actor: Actor, subject: SubjectRef,
                   round_id: int | None = None, period: Period | str | None = None) -> EntryForm:
    require(actor, Act.OFFICE_READ)
    where = _where(session, subject, round_id, period)
    entry = find_entry(session, subject, where.period.key)
    previous = _previous(session, subject, where.period)
    try:
        require_entry_write(actor, entry, where.rnd, where.item)
        editable, reason = True, ""
    except UserFacingError as exc:
        editable, reason = False, str(exc)
    return EntryForm(
        subject=subject_info(session, subject), period_key=where.period.key,
        period_label=where.period.label, round_id=where.rnd.id if where.rnd else None,
        entry=to_view(session, entry) if entry else None,
        previous=to_view(session, previous) if previous else None,
        editable=editable, read_only_reason=reason,
    )


def check_values(session: Session, subject: SubjectRef, period: Period, values: dict[str, Any],
                 *, for_submit: bool = False) -> EntryCheck:
    """Validate without writing (the form calls this as the user types)."""
    info = subject_info(session, subject)
    return check_entry(values, entry_context(session, info, period), for_submit=for_submit)


def _stored_values(entry: ProgressEntry | None) -> dict[str, Any]:
    return {} if entry is None else {k: getattr(entry, k) for k in ENTRY_FIELDS}


def write_entry(session: Session, actor: Actor, where: EntryTarget, entry: ProgressEntry | None,
                values: dict[str, Any], summary: str, reason: str = "") -> int | None:
    """Create or update the row with already-checked values; returns the audit row id."""
    if entry is None:
        info = subject_info(session, where.ref)
        entry = ProgressEntry(
            **where.ref.columns, period_kind=where.period.kind.value, period_key=where.period.key,
            round_id=where.rnd.id if where.rnd else None,
            reporter_unit_id=where.item.unit_id if where.item else info.lead_unit_id,
            reporter=actor.name, source=EntrySource.MANUAL.value, **values,
        )
        session.add(entry)
        try:
            session.flush()
        except IntegrityError:
            raise ConflictError("该事项本期的进展刚由他人创建,请刷新后再编辑。") from None
        return records.audit_create(session, actor, ENTITY, entry, summary, reason=reason)
    if entry.round_id is None and where.rnd is not None:
        values = values | {"round_id": where.rnd.id}
    diff = records.apply_changes(entry, values)
    session.add(entry)
    session.flush()
    return records.audit_update(session, actor, ENTITY, entry, summary, diff, reason=reason)


def save_entry(
    *, session: Session, actor: Actor, subject: SubjectRef, values: dict[str, Any],
    round_id: int | None = None, period: Period | str | None = None,
    expected_version: int | None = None,
) -> SaveResult:
    """Save as draft (a returned or submitted entry keeps its state). Raises ValidationFailed
    with a message per field; warnings come back in the result and never block."""
    where = _where(session, subject, round_id, period)
    entry = find_entry(session, subject, where.period.key)
    require_entry_write(actor, entry, where.rnd, where.item)
    if entry is not None:
        records.check_version(entry, expected_version, "该条进展")
    check = check_values(session, subject, where.period, _stored_values(entry) | values)
    if not check.ok:
        raise ValidationFailed(check.errors)
    assert check.values is not None  # no errors: the values were checked
    info = subject_info(session, subject)
    event = write_entry(session, actor, where, entry, check.values,
                        summaries.ENTRY_SAVE(title=info.title, period=where.period.label))
    entry = find_entry(session, subject, where.period.key)
    assert entry is not None  # written just above
    if entry.review_state == ReviewState.SUBMITTED and event is not None:
        # The office corrected a sent entry: its problem list follows the corrected text.
        problems.raise_from_entry(session, actor, entry, info)
    return SaveResult(row_id(entry), entry.version, entry.review_state, check.warnings, event)


def copy_forward(
    *, session: Session, actor: Actor, subject: SubjectRef, round_id: int | None = None,
    period: Period | str | None = None, expected_version: int | None = None,
) -> SaveResult:
    """沿用上期: last period's assessment, completion, cumulative and texts as this draft.

    The investment of this period is left blank: it is new by definition.
    """
    where = _where(session, subject, round_id, period)
    previous = _previous(session, subject, where.period)
    if previous is None:
        raise UserFacingError(f"{where.period.previous().label}没有该事项的填报,无法沿用上期。")
    values = _stored_values(previous) | {"invest_period": None, "cumulative_reason": ""}
    return save_entry(session=session, actor=actor, subject=subject, values=values,
                      round_id=where.rnd.id if where.rnd else None, period=where.period,
                      expected_version=expected_version)


def submit_entry(*, session: Session, actor: Actor, entry_id: int,
                 expected_version: int | None = None) -> SaveResult:
    """报送: draft or returned → 已报送; raises problems; updates the unit's round state."""
    entry = records.get_or_fail(session, ProgressEntry, entry_id, "进展填报")
    records.check_version(entry, expected_version, "该条进展")
    ref = SubjectRef.of(entry)
    rnd = session.get(ReportingRound, entry.round_id) if entry.round_id else None
    item = rounds.find_item(session, row_id(rnd), ref) if rnd else None
    require_entry_write(actor, entry, rnd, item)
    if entry.review_state == ReviewState.SUBMITTED:
        raise UserFacingError("该条进展已报送,无需重复报送。")
    period = Period.from_key(entry.period_key)
    check = check_values(session, ref, period, _stored_values(entry), for_submit=True)
    if not check.ok:
        raise ValidationFailed(check.errors)
    info = subject_info(session, ref)
    diff = records.apply_changes(entry, {
        "review_state": ReviewState.SUBMITTED.value, "submitted_at": now(),
        "reporter": actor.name, "review_comment": "",
    })
    session.add(entry)
    session.flush()
    event = records.audit_update(session, actor, ENTITY, entry,
                                 summaries.ENTRY_SUBMIT(title=info.title, period=period.label),
                                 diff)
    problems.raise_from_entry(session, actor, entry, info)
    if rnd is not None and item is not None:
        rounds.refresh_unit_state(session, row_id(rnd), item.unit_id, submitted=True)
    return SaveResult(entry_id, entry.version, entry.review_state, check.warnings, event)


def submit_entries(*, session: Session, actor: Actor, entry_ids: list[int]) -> list[SaveResult]:
    """Submit several entries in one transaction: all of them or none."""
    return [submit_entry(session=session, actor=actor, entry_id=i) for i in entry_ids]
