"""问题清单: problems and coordination needs raised by entries, carried forward until closed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ProblemActionKind, ProblemKind, ProblemState
from jjjdesk.domain.models import (
    Problem,
    ProblemAction,
    ProblemEntry,
    ProgressEntry,
    Unit,
    now,
    row_id,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.domain.text import match_key
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import records
from jjjdesk.services.entry_access import require_reviewer
from jjjdesk.services.query import Page, PageRequest, SortKey, keyset_union_keys

if TYPE_CHECKING:
    from jjjdesk.services.subjects import SubjectInfo

ENTITY = "problem"
OPEN_STATES = (ProblemState.PENDING.value, ProblemState.IN_PROGRESS.value)
PROBLEM_FIELDS = {ProblemKind.PROBLEM: "problems", ProblemKind.COORDINATION: "coordination"}
_ALLOWED = {
    ProblemState.PENDING: {ProblemState.IN_PROGRESS, ProblemState.RESOLVED, ProblemState.CLOSED},
    ProblemState.IN_PROGRESS: {ProblemState.PENDING, ProblemState.RESOLVED, ProblemState.CLOSED},
    ProblemState.RESOLVED: {ProblemState.CLOSED, ProblemState.IN_PROGRESS},
    ProblemState.CLOSED: {ProblemState.IN_PROGRESS},
}
# "1." "1、" "(1)" "(一)" "①" at the start of an item; each numbered item is one problem.
_ITEM_MARK = re.compile(r"(?:^|\s|[;;。])(?:\(?[0-9一二三四五六七八九十]{1,2}[)、.．]|[①-⑩])\s*")
_NOTHING = {"无", "暂无", "没有", "无。", "暂无。", "/", "-", "—", "无问题"}


@dataclass(frozen=True)
class ActionRow:
    """One step of a problem's history as shown: 交办/协调/反馈/销号, when, who, note."""

    id: int
    kind: str
    kind_label: str
    at: datetime
    actor: str
    note: str


@dataclass(frozen=True)
class ProblemRow:
    id: int
    version: int
    kind: str
    kind_label: str
    description: str
    owner_unit_id: int | None
    owner_unit: str
    subject: SubjectRef | None
    state: str
    state_label: str
    raised_period_key: str
    last_period_key: str
    resolution: str
    created_at: datetime
    closed_at: datetime | None
    entry_count: int
    responsible_person: str = ""
    due_date: date | None = None
    last_action: ActionRow | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, today: date) -> bool:
        """逾期: still open on a day after its 办结时限."""
        return self.is_open and self.due_date is not None and self.due_date < today


def split_items(text: str) -> list[str]:
    """A text's separate problems: lines and numbered items; "无"/"暂无" mean none."""
    items: list[str] = []
    for line in (text or "").splitlines():
        for part in _ITEM_MARK.split(line):
            part = re.sub(r"[;;。\s]+$", "", part.strip())
            if part and part not in _NOTHING:
                items.append(part)
    return items


def normalised(text: str) -> str:
    """Carry-forward matching key: exact text after width, script, case, space and
    punctuation normalisation. Reworded problems are NOT matched (they start a new one)."""
    return re.sub(r"[\W_]+", "", match_key(text))


def open_problems_select(ref: SubjectRef, kind: ProblemKind):
    """A subject's open problems of one kind (ix_problem_task_id / ix_problem_project_id)."""
    column = Problem.task_id if ref.kind == "task" else Problem.project_id
    return select(Problem).where(
        column == ref.id, Problem.kind == kind.value, col(Problem.state).in_(OPEN_STATES))


def _open_problems(session: Session, ref: SubjectRef, kind: ProblemKind) -> list[Problem]:
    return list(session.exec(open_problems_select(ref, kind)))


def _linked(session: Session, entry_id: int) -> list[Problem]:
    return list(session.exec(select(Problem).join(
        ProblemEntry, col(ProblemEntry.problem_id) == col(Problem.id)).where(
        ProblemEntry.entry_id == entry_id)))


def raise_from_entry(session: Session, actor: Actor, entry: ProgressEntry,
                     info: SubjectInfo) -> list[int]:
    """Called on 报送: link each item of 存在问题/需协调事项 to the open problem of the same
    subject with the same normalised text, or create one (待协调, owned by the lead unit).
    A re-submission drops links whose text is gone and deletes problems nobody touched."""
    ref = SubjectRef.of(entry)
    entry_id = row_id(entry)
    touched: list[int] = []
    keep: set[int] = set()
    for kind, field in PROBLEM_FIELDS.items():
        open_by_key = {normalised(p.description): p for p in _open_problems(session, ref, kind)}
        for text in split_items(getattr(entry, field)):
            key = normalised(text)
            problem = open_by_key.get(key)
            if problem is None:
                problem = Problem(kind=kind.value, description=text,
                                  owner_unit_id=info.lead_unit_id, **ref.columns,
                                  raised_period_key=entry.period_key,
                                  last_period_key=entry.period_key)
                session.add(problem)
                session.flush()
                open_by_key[key] = problem
                records.audit_create(session, actor, ENTITY, problem,
                                     summaries.PROBLEM_CREATE(problem_kind=kind.label,
                                                              text=text[:60]))
            elif is_later(entry.period_key, problem.last_period_key):
                problem.last_period_key = entry.period_key
                problem.updated_at = now()
                session.add(problem)
            problem_id = row_id(problem)
            if session.get(ProblemEntry, (problem_id, entry_id)) is None:
                session.add(ProblemEntry(problem_id=problem_id, entry_id=entry_id))
            keep.add(problem_id)
            touched.append(problem_id)
    session.flush()
    for problem in _linked(session, entry_id):
        if problem.id in keep:
            continue
        session.delete(session.get(ProblemEntry, (problem.id, entry.id)))
        session.flush()
        others = session.exec(select(ProblemEntry).where(
            ProblemEntry.problem_id == problem.id)).first()
        steps = session.exec(select(ProblemAction).where(
            ProblemAction.problem_id == problem.id)).first()
        # Only a problem nobody worked on goes; one with a 协调/反馈 step keeps its history.
        if (others is None and steps is None and problem.state == ProblemState.PENDING
                and problem.version == 1):
            records.audit_delete(session, actor, ENTITY, problem, summaries.PROBLEM_DROPPED(),
                                 reason="重新报送时该问题已删除")
            session.delete(problem)
    session.flush()
    return touched


def is_later(a: str, b: str) -> bool:
    if not b:
        return True
    return Period.from_key(a).sort_key() > Period.from_key(b).sort_key()


def set_problem_state(*, session: Session, actor: Actor, problem_id: int, state: str,
                      note: str = "", expected_version: int | None = None) -> ProblemRow:
    """待协调 → 协调中 → 已解决 / 销号; resolving or closing needs a note (how it was settled)."""
    require_reviewer(actor)
    problem = records.get_or_fail(session, Problem, problem_id, "问题")
    records.check_version(problem, expected_version, "该问题")
    new = ProblemState(state)
    old = ProblemState(problem.state)
    if new is old:
        return problem_rows(session, [problem])[0]
    if new not in _ALLOWED[old]:
        raise UserFacingError(f"问题状态不能从“{old.label}”改为“{new.label}”。")
    note = (note or "").strip()
    if new in (ProblemState.RESOLVED, ProblemState.CLOSED) and not note:
        raise ValidationFailed({"note": f"标记为“{new.label}”须说明解决情况"})
    values = {"state": new.value,
              "closed_at": now() if new in (ProblemState.RESOLVED, ProblemState.CLOSED) else None}
    if note and new in (ProblemState.RESOLVED, ProblemState.CLOSED):
        values["resolution"] = note
    diff = records.apply_changes(problem, values)
    session.add(problem)
    session.flush()
    records.audit_update(session, actor, ENTITY, problem,
                         summaries.PROBLEM_STATE(old_state=old.label, new_state=new.label,
                                                 text=problem.description[:60]), diff,
                         reason=note)
    if new is ProblemState.CLOSED:
        record_action(session, actor, problem, ProblemActionKind.CLOSE, note)
    return problem_rows(session, [problem])[0]


def record_action(session: Session, actor: Actor, problem: Problem, kind: ProblemActionKind,
                  note: str) -> ProblemAction:
    """Append one step to the problem's history (the audit log holds the field changes)."""
    action = ProblemAction(problem_id=row_id(problem), kind=kind.value, actor=actor.name,
                           note=(note or "").strip())
    session.add(action)
    session.flush()
    return action


def action_row(a: ProblemAction) -> ActionRow:
    return ActionRow(id=row_id(a), kind=a.kind, kind_label=ProblemActionKind(a.kind).label, at=a.at,
                     actor=a.actor, note=a.note)


def _last_actions(session: Session, ids: set[int]) -> dict[int, ActionRow]:
    last: dict[int, ActionRow] = {}
    if not ids:
        return last
    found = session.exec(select(ProblemAction).where(col(ProblemAction.problem_id).in_(ids))
                         .order_by(col(ProblemAction.at), col(ProblemAction.id)))
    for a in found:
        last[a.problem_id] = action_row(a)  # ordered, so the newest wins
    return last


def list_problems(
    *, session: Session, state: str | tuple[str, ...] | None = None, unit_id: int | None = None,
    kind: str | None = None, subject: SubjectRef | None = None, oldest_first: bool = True,
    offset: int = 0, limit: int = 500,
) -> list[ProblemRow]:
    """The problem list, oldest raised first by default (the longest unsolved on top)."""
    stmt = list_select(state=state, unit_id=unit_id, kind=kind, subject=subject,
                       oldest_first=oldest_first)
    return problem_rows(session, list(session.exec(stmt.offset(offset).limit(limit))))


def list_select(*, state: str | tuple[str, ...] | None = None, unit_id: int | None = None,
                kind: str | None = None, subject: SubjectRef | None = None,
                oldest_first: bool = True):
    """The list's statement (ix_problem_state_created serves state and order)."""
    order = (col(Problem.created_at), col(Problem.id))
    return _where(select(Problem), _states(state), unit_id, kind, subject).order_by(
        *(order if oldest_first else (o.desc() for o in order)))


@dataclass(frozen=True)
class ProblemQuery:
    """What the 问题清单 page shows; None/"" means "any"."""

    state: str | tuple[str, ...] | None = None
    unit_id: int | None = None
    kind: str | None = None
    oldest_first: bool = True


def count_problems(*, session: Session, query: ProblemQuery) -> int:
    stmt = select(func.count()).select_from(Problem)
    return session.exec(_where(stmt, _states(query.state), query.unit_id, query.kind)).one()


def page_problems(*, session: Session, query: ProblemQuery, request: PageRequest) -> Page:
    """One keyset page in the order raised (id breaks ties); each state is a range of
    ix_problem_state_created of its own, merged (SQLite would sort all open problems; with
    no state chosen, every problem)."""
    states = _states(query.state) or tuple(s.value for s in ProblemState)
    stmts = [_where(select(Problem), (s,), query.unit_id, query.kind) for s in states]
    keys = (SortKey(col(Problem.created_at)), SortKey(col(Problem.id)))
    chosen = keyset_union_keys(session, stmts, keys, descending=not query.oldest_first,
                               request=request)
    found = {p.id: p for p in session.exec(
        select(Problem).where(col(Problem.id).in_([k[-1] for k in chosen])))}
    return Page(problem_rows(session, [found[k[-1]] for k in chosen]), chosen)


def _states(state: str | tuple[str, ...] | None) -> tuple[str, ...] | None:
    if not state:
        return None
    return (state,) if isinstance(state, str) else tuple(state)


def _where(stmt, states: tuple[str, ...] | None, unit_id: int | None, kind: str | None,
           subject: SubjectRef | None = None):
    if states:
        stmt = stmt.where(col(Problem.state).in_(states))
    if unit_id is not None:
        stmt = stmt.where(Problem.owner_unit_id == unit_id)
    if kind:
        stmt = stmt.where(Problem.kind == kind)
    if subject is not None:
        column = Problem.task_id if subject.kind == "task" else Problem.project_id
        stmt = stmt.where(column == subject.id)
    return stmt


def problems_of_entry(*, session: Session, entry_id: int) -> list[ProblemRow]:
    return problem_rows(session, _linked(session, entry_id))


def problem_rows(session: Session, problems: list[Problem]) -> list[ProblemRow]:
    """Problems as shown: owner unit name, links, last step of the log."""
    units = {u.id: u.name for u in session.exec(select(Unit).where(
        col(Unit.id).in_({p.owner_unit_id for p in problems if p.owner_unit_id})))}
    ids = {row_id(p) for p in problems}
    last = _last_actions(session, ids)
    links = dict(session.exec(
        select(ProblemEntry.problem_id, func.count()).where(col(ProblemEntry.problem_id).in_(ids))
        .group_by(col(ProblemEntry.problem_id))).all()) if ids else {}
    rows = []
    for p in problems:
        subject = SubjectRef.of(p) if (p.task_id or p.project_id) else None
        rows.append(ProblemRow(
            id=row_id(p), version=p.version, kind=p.kind, kind_label=ProblemKind(p.kind).label,
            description=p.description, owner_unit_id=p.owner_unit_id,
            owner_unit=units.get(p.owner_unit_id, ""), subject=subject, state=p.state,
            state_label=ProblemState(p.state).label, raised_period_key=p.raised_period_key,
            last_period_key=p.last_period_key,
            resolution=p.resolution, created_at=p.created_at, closed_at=p.closed_at,
            entry_count=links.get(row_id(p), 0), responsible_person=p.responsible_person,
            due_date=p.due_date, last_action=last.get(row_id(p)),
        ))
    return rows


