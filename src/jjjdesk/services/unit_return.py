"""A unit's whole return in one grid: load its items, validate every row, save all or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.entry_rules import ENTRY_FIELDS, TOLERANCE, check_entry
from jjjdesk.domain.enums import ReviewState
from jjjdesk.domain.models import ReportingRound, row_id
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import entries, records, rounds
from jjjdesk.services.entry_access import require_entry_write
from jjjdesk.services.entry_views import find_entry
from jjjdesk.services.permissions import Act, PermissionDenied, require
from jjjdesk.services.subjects import subject_info

#: The grid's columns after the subject, in order (paste from Excel fills them left to right).
GRID_COLUMNS = tuple(ENTRY_FIELDS)


@dataclass(frozen=True)
class GridRow:
    subject: SubjectRef
    code: str
    name: str
    entry_id: int | None
    version: int | None
    review_state: str
    review_state_label: str
    review_comment: str
    values: dict[str, Any]
    previous_cumulative: float | None
    total_investment: float | None
    editable: bool
    read_only_reason: str
    tolerance: float = TOLERANCE  # the office's, for the grid's own checks (entry_rules)


@dataclass(frozen=True)
class CellError:
    row: int
    field: str  # "" for the whole row
    message: str


@dataclass
class UnitReturnResult:
    saved: int = 0
    submitted: int = 0
    entry_ids: list[int] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _round(session, actor: Actor, round_id: int, unit_id: int) -> ReportingRound:
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能填报或修改进展。")
    if actor.role == Role.REPORTER and actor.unit_id != unit_id:
        raise PermissionDenied("只能填报本单位负责的事项。")
    return rnd


def load_unit_return(*, session, actor: Actor, round_id: int, unit_id: int) -> list[GridRow]:
    """The unit's items in this round, in order, with what is stored so far."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    period = Period.from_key(rnd.period_key)
    rows: list[GridRow] = []
    for item in rounds.round_subjects(session, round_id, unit_id):
        ref = SubjectRef.of(item)
        info = subject_info(session, ref)
        entry = find_entry(session, ref, period.key)
        try:
            require_entry_write(actor, entry, rnd, item)
            editable, reason = True, ""
        except UserFacingError as exc:
            editable, reason = False, str(exc)
        ctx = entries.entry_context(session, info, period)
        state = ReviewState(entry.review_state) if entry else ReviewState.DRAFT
        rows.append(GridRow(
            subject=ref, code=info.code, name=info.name,
            entry_id=entry.id if entry else None, version=entry.version if entry else None,
            review_state=state.value if entry else "", review_state_label=state.label if entry
            else "未填", review_comment=entry.review_comment if entry else "",
            values={k: getattr(entry, k) if entry else None for k in ENTRY_FIELDS},
            previous_cumulative=ctx.previous_cumulative, total_investment=info.total_investment,
            editable=editable, read_only_reason=reason, tolerance=ctx.tolerance,
        ))
    return rows


def _subject(row: dict[str, Any]) -> SubjectRef:
    if isinstance(row.get("subject"), SubjectRef):
        return row["subject"]
    if row.get("task_id") is not None:
        return SubjectRef.task(int(row["task_id"]))
    return SubjectRef.project(int(row["project_id"]))


def _blank(values: dict[str, Any]) -> bool:
    return all(v in (None, "") for v in values.values())


def save_unit_return(
    *, session, actor: Actor, round_id: int, unit_id: int, rows: list[dict[str, Any]],
    submit: bool = False,
) -> UnitReturnResult:
    """Validate every row first; write nothing if any cell is bad, else save (and, with
    `submit`, 报送) all rows in the caller's one transaction.

    A row is {"task_id" | "project_id" | "subject": …, "version": optional, <entry fields>}.
    Blank rows with no stored entry are skipped. Errors and warnings name row and field.
    """
    rnd = _round(session, actor, round_id, unit_id)
    period = Period.from_key(rnd.period_key)
    result = UnitReturnResult()
    plan: list[tuple[int, Any, Any, dict[str, Any]]] = []
    for index, row in enumerate(rows):
        ref = _subject(row)
        values = {k: v for k, v in row.items() if k in ENTRY_FIELDS}
        item = rounds.find_item(session, round_id, ref)
        if item is None or item.unit_id != unit_id:
            result.errors.append(CellError(index, "", "该事项不属于本单位在本批次的填报范围"))
            continue
        entry = find_entry(session, ref, period.key)
        if entry is None and _blank(values) and not submit:
            continue
        current = {k: getattr(entry, k) for k in ENTRY_FIELDS} if entry else {}
        sent = entry is not None and entry.review_state in (ReviewState.SUBMITTED,
                                                             ReviewState.APPROVED)
        info = subject_info(session, ref)
        check = check_entry(current | values, entries.entry_context(session, info, period),
                            for_submit=submit and not sent)
        # (check.values is set exactly when check.ok)
        unchanged = entry is not None and check.values is not None and all(
            check.values[k] == current[k] for k in ENTRY_FIELDS)
        if unchanged and (sent or not submit):
            continue  # e.g. an approved row the grid sent back as it was
        try:
            require_entry_write(actor, entry, rnd, item)
            if entry is not None:
                records.check_version(entry, row.get("version"), "该条进展")
        except UserFacingError as exc:
            result.errors.append(CellError(index, "", str(exc)))
            continue
        result.errors += [CellError(index, f, m) for f, m in check.errors.items()]
        result.warnings += [CellError(index, f, m) for f, m in check.warnings.items()]
        if check.ok:
            assert check.values is not None  # no errors: the values were checked
            plan.append((index, item, entry, check.values))
    if result.errors:
        return result
    for _index, item, entry, values in plan:
        ref = SubjectRef.of(item)
        where = entries.EntryTarget(ref, period, rnd, item)
        entries.write_entry(session, actor, where, entry, values,
                            summaries.ENTRY_SAVE_SHEET(
                                title=subject_info(session, ref).title, period=period.label))
        saved = find_entry(session, ref, period.key)
        assert saved is not None  # written just above
        result.saved += 1
        result.entry_ids.append(row_id(saved))
        if submit and saved.review_state != ReviewState.SUBMITTED:
            entries.submit_entry(session=session, actor=actor, entry_id=row_id(saved))
            result.submitted += 1
    return result
