"""问题清单 from many new entries at once (an import): what `problems.raise_from_entry` does
per entry, in a few statements for the whole batch.

Per entry the form's path costs about 6 ms (its ORM lookups, a flush and an audit row per
problem); a 50,000-row return with a problem text on a tenth of its rows spent half a minute
there. Entries created in this transaction have no links yet, so there is nothing to drop:
only linking to the open problem of the same text, or creating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import KeyTask, Problem, ProblemEntry, Project, now, row_id
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import audit, records
from jjjdesk.services.problems import (
    ENTITY,
    OPEN_STATES,
    PROBLEM_FIELDS,
    is_later,
    normalised,
    split_items,
)


def _leads(session: Session, task_ids: set[int], project_ids: set[int]
           ) -> dict[tuple[str, int], int | None]:
    """The owner of a new problem: the subject's lead unit (a project's district if none)."""
    leads: dict[tuple[str, int], int | None] = {}
    if task_ids:
        for tid, unit in session.execute(select(KeyTask.id, KeyTask.lead_unit_id).where(
                col(KeyTask.id).in_(task_ids))):
            leads[("task", tid)] = unit
    if project_ids:
        for pid, lead, district in session.execute(select(
                Project.id, Project.lead_unit_id, Project.district_id).where(
                col(Project.id).in_(project_ids))):
            leads[("project", pid)] = lead or district
    return leads


def raise_for_new_entries(session: Session, actor: Actor,
                          rows: Iterable[dict[str, Any]]) -> None:
    """Rows: the new entries' id, task_id, project_id, period_key, problems, coordination."""
    rows = [r for r in rows if r.get("problems") or r.get("coordination")]
    if not rows:
        return
    task_ids = {r["task_id"] for r in rows if r["task_id"]}
    project_ids = {r["project_id"] for r in rows if r["project_id"]}
    leads = _leads(session, task_ids, project_ids)
    subject = []
    if task_ids:
        subject.append(col(Problem.task_id).in_(task_ids))
    if project_ids:
        subject.append(col(Problem.project_id).in_(project_ids))
    open_by: dict[tuple[str, int, str], dict[str, Problem]] = {}
    for p in session.exec(select(Problem).where(or_(*subject),
                                                col(Problem.state).in_(OPEN_STATES))):
        owner = ("task", p.task_id) if p.task_id else ("project", p.project_id)
        open_by.setdefault((owner[0], owner[1] or 0, p.kind), {})[normalised(p.description)] = p
    created: list[Problem] = []
    links: list[tuple[Problem, int]] = []
    for r in rows:
        ref = SubjectRef.task(r["task_id"]) if r["task_id"] else SubjectRef.project(
            r["project_id"])
        seen: set[int] = set()
        for kind, field in PROBLEM_FIELDS.items():
            known = open_by.setdefault((ref.kind, ref.id, kind.value), {})
            for text in split_items(r[field] or ""):
                key = normalised(text)
                problem = known.get(key)
                if problem is None:
                    problem = known[key] = Problem(
                        kind=kind.value, description=text,
                        owner_unit_id=leads.get((ref.kind, ref.id)), **ref.columns,
                        raised_period_key=r["period_key"], last_period_key=r["period_key"])
                    created.append(problem)
                elif is_later(r["period_key"], problem.last_period_key):
                    problem.last_period_key = r["period_key"]
                    problem.updated_at = now()
                    session.add(problem)
                if id(problem) not in seen:
                    seen.add(id(problem))
                    links.append((problem, r["id"]))
    session.add_all(created)
    session.flush()  # one batched INSERT; the new problems have their ids
    audit.record_many(session=session, actor=actor, events=[{
        "action": "create", "entity": ENTITY, "entity_id": p.id,
        "summary": f"新增{_label(p.kind)}:{p.description[:60]}",
        "changes": {"after": records.snapshot(p)}} for p in created])
    session.add_all([ProblemEntry(problem_id=row_id(p), entry_id=entry_id)
                     for p, entry_id in links])
    session.flush()


def _label(kind: str) -> str:
    from jjjdesk.domain.enums import ProblemKind

    return ProblemKind(kind).label
