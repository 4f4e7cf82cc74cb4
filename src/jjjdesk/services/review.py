"""审核: approve (locks the entry), return with a comment (退回修改), reopen with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, func
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ReviewState
from jjjdesk.domain.models import ProgressEntry, ReportingRound, now, row_id
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records, rounds
from jjjdesk.services.entries import ENTITY, SaveResult
from jjjdesk.services.entry_access import require_reviewer
from jjjdesk.services.entry_views import EntryView, entry_rows_select, to_views, views_of_rows
from jjjdesk.services.query import Page, PageRequest, SortKey, keyset
from jjjdesk.services.subjects import subject_info


def _load(session: Session, actor: Actor, entry_id: int, expected_version: int | None
          ) -> tuple[ProgressEntry, ReportingRound | None]:
    require_reviewer(actor)
    entry = records.get_or_fail(session, ProgressEntry, entry_id, "进展填报")
    records.check_version(entry, expected_version, "该条进展")
    rnd = session.get(ReportingRound, entry.round_id) if entry.round_id else None
    if rnd is not None:
        rounds.require_open(rnd)
    return entry, rnd


def _change(session: Session, actor: Actor, entry: ProgressEntry, rnd: ReportingRound | None,
            values: dict, said: summaries.Template, reason: str = "") -> SaveResult:
    diff = records.apply_changes(entry, values)
    session.add(entry)
    session.flush()
    info = subject_info(session, SubjectRef.of(entry))
    event = records.audit_update(
        session, actor, ENTITY, entry,
        said(title=info.title, period=Period.from_key(entry.period_key).label), diff,
        reason=reason)
    if rnd is not None:
        item = rounds.find_item(session, row_id(rnd), SubjectRef.of(entry))
        if item is not None:
            rounds.refresh_unit_state(session, row_id(rnd), item.unit_id)
    return SaveResult(row_id(entry), entry.version, entry.review_state, {}, event)


def approve_entry(*, session: Session, actor: Actor, entry_id: int,
                  expected_version: int | None = None) -> SaveResult:
    """已报送 → 已审核; the entry is then locked."""
    entry, rnd = _load(session, actor, entry_id, expected_version)
    if entry.review_state != ReviewState.SUBMITTED:
        raise UserFacingError(
            f"只能审核已报送的填报,该条目前为“{ReviewState(entry.review_state).label}”。")
    return _change(session, actor, entry, rnd, {
        "review_state": ReviewState.APPROVED.value, "reviewed_by": actor.name,
        "reviewed_at": now(), "review_comment": ""}, summaries.REVIEW_APPROVE)


def return_entry(*, session: Session, actor: Actor, entry_id: int, comment: str,
                 expected_version: int | None = None) -> SaveResult:
    """退回修改 with a comment the unit reporter will see; the unit's return is 退回."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed({"comment": "退回须填写修改意见"})
    entry, rnd = _load(session, actor, entry_id, expected_version)
    if entry.review_state != ReviewState.SUBMITTED:
        raise UserFacingError(
            f"只能退回已报送的填报,该条目前为“{ReviewState(entry.review_state).label}”。")
    return _change(session, actor, entry, rnd, {
        "review_state": ReviewState.RETURNED.value, "reviewed_by": actor.name,
        "reviewed_at": now(), "review_comment": comment}, summaries.REVIEW_RETURN,
        reason=comment)


def reopen_entry(*, session: Session, actor: Actor, entry_id: int, reason: str,
                 expected_version: int | None = None) -> SaveResult:
    """Unlock an approved entry: it goes back to the unit as 退回 with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": "重新打开须说明理由"})
    entry, rnd = _load(session, actor, entry_id, expected_version)
    if entry.review_state != ReviewState.APPROVED:
        raise UserFacingError("只有已审核的填报需要重新打开。")
    return _change(session, actor, entry, rnd, {
        "review_state": ReviewState.RETURNED.value, "reviewed_by": actor.name,
        "reviewed_at": now(), "review_comment": f"重新打开:{reason}"}, summaries.REVIEW_REOPEN,
        reason=reason)


@dataclass(frozen=True)
class ReviewQuery:
    """The 审核 list: a round's entries in one review state, optionally of one unit."""

    round_id: int | None = None
    unit_id: int | None = None
    state: str = ReviewState.SUBMITTED.value


@dataclass(frozen=True)
class ReturnedQuery:
    """The 退回待改 inbox of one unit."""

    unit_id: int | None = None


def _review_select(stmt, query: ReviewQuery):
    if query.round_id is None:
        return stmt.where(false())
    stmt = stmt.where(ProgressEntry.round_id == query.round_id,
                      ProgressEntry.review_state == query.state)
    if query.unit_id is not None:
        stmt = stmt.where(ProgressEntry.reporter_unit_id == query.unit_id)
    return stmt


def count_for_review(*, session: Session, query: ReviewQuery) -> int:
    stmt = select(func.count()).select_from(ProgressEntry)
    return session.exec(_review_select(stmt, query)).one()


def page_for_review(*, session: Session, query: ReviewQuery, request: PageRequest) -> Page:
    """One keyset page by submission time (id breaks ties): a range of
    ix_progress_entry_round_review, however many entries the round holds."""
    keys = (SortKey(col(ProgressEntry.submitted_at), nullable=True), SortKey(col(ProgressEntry.id)))
    page = keyset(session, _review_select(entry_rows_select(), query), keys, descending=False,
                  request=request)
    return Page(views_of_rows(session, page.rows), page.keys)


def _returned_select(stmt, query: ReturnedQuery):
    if query.unit_id is None:
        return stmt.where(false())
    return stmt.where(ProgressEntry.reporter_unit_id == query.unit_id,
                      ProgressEntry.review_state == ReviewState.RETURNED.value)


def count_returned(*, session: Session, query: ReturnedQuery) -> int:
    stmt = select(func.count()).select_from(ProgressEntry)
    return session.exec(_returned_select(stmt, query)).one()


def page_returned(*, session: Session, query: ReturnedQuery, request: PageRequest) -> Page:
    """The inbox, newest returned first, one keyset page at a time."""
    keys = (SortKey(col(ProgressEntry.reviewed_at), nullable=True), SortKey(col(ProgressEntry.id)))
    page = keyset(session, _returned_select(entry_rows_select(), query), keys, descending=True,
                  request=request)
    return Page(views_of_rows(session, page.rows), page.keys)


def list_for_review(*, session: Session, round_id: int, unit_id: int | None = None,
                    state: str = ReviewState.SUBMITTED.value) -> list[EntryView]:
    """A round's entries in one review state (default: waiting for review), by submission."""
    stmt = select(ProgressEntry).where(ProgressEntry.round_id == round_id,
                                       ProgressEntry.review_state == state)
    if unit_id is not None:
        stmt = stmt.where(ProgressEntry.reporter_unit_id == unit_id)
    stmt = stmt.order_by(col(ProgressEntry.submitted_at), col(ProgressEntry.id))
    return to_views(session, session.exec(stmt))
