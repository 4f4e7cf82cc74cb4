"""问题清单 from many new entries at once (an import): what `problems.raise_from_entry` does
per entry, in a few Core statements for the whole batch.

Per entry the form's path costs about 6 ms (its ORM lookups, a flush and an audit row per
problem); a 50,000-row return with a problem text on a tenth of its rows spent half a minute
there, and ORM objects for every open problem of the subjects cost seconds more at a million
entries. Entries created in this transaction have no links yet, so there is nothing to drop:
only linking to the open problem of the same text, or creating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlmodel import Session

from jjjdesk.db.bulk import chunks, fetch_rows
from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import ProblemKind
from jjjdesk.domain.models import KeyTask, Problem, ProblemEntry, Project, now
from jjjdesk.services import audit
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.problems import (
    ENTITY,
    OPEN_STATES,
    PROBLEM_FIELDS,
    is_later,
    normalised,
    split_items,
)
from jjjdesk.services.records import to_jsonable

_P: Table = Problem.__table__  # type: ignore[attr-defined]
_LINK: Table = ProblemEntry.__table__  # type: ignore[attr-defined]


@dataclass
class BulkProblems:
    """What `raise_for_new_entries` wrote, for the import's change log: the ids of the new
    problems, the ids of the problems carried to a later period, and the new links."""

    created: list[int] = field(default_factory=list)
    carried: list[int] = field(default_factory=list)
    carried_before: list[Any] = field(default_factory=list)  # their rows before (Core rows)
    links: list[tuple[int, int]] = field(default_factory=list)  # (problem_id, entry_id)


def _leads(session: Session, task_ids: set[int], project_ids: set[int]
           ) -> dict[tuple[str, int], int | None]:
    """The owner of a new problem: the subject's lead unit (a project's district if none)."""
    leads: dict[tuple[str, int], int | None] = {}
    kt: Table = KeyTask.__table__  # type: ignore[attr-defined]
    pt: Table = Project.__table__  # type: ignore[attr-defined]
    for some in chunks(sorted(task_ids)):
        for tid, unit in fetch_rows(session, select(kt.c.id, kt.c.lead_unit_id).where(
                kt.c.id.in_(some))):
            leads[("task", tid)] = unit
    for some in chunks(sorted(project_ids)):
        for pid, lead, district in fetch_rows(session, select(
                pt.c.id, pt.c.lead_unit_id, pt.c.district_id).where(pt.c.id.in_(some))):
            leads[("project", pid)] = lead or district
    return leads


@dataclass
class _Open:
    """An open problem as the carry-forward needs it (a stored one has its id)."""

    id: int | None
    last_period_key: str
    values: dict[str, Any] | None = None  # a new one's row, until it is inserted


def open_in_select(column: str, ids: list[int]):
    """The problems of some tasks or projects (`column` task_id or project_id) with their
    state, as the carry-forward reads them: an index range per subject (test_query_plans).

    The state is left to the caller: with it in the WHERE clause SQLite reads every open
    problem of the registry through the state index, once per chunk of subjects."""
    return select(_P.c.id, _P.c.task_id, _P.c.project_id, _P.c.kind, _P.c.description,
                  _P.c.last_period_key, _P.c.state).where(_P.c[column].in_(ids))


def _open_problems(session: Session, task_ids: set[int], project_ids: set[int]
                   ) -> dict[tuple[str, int, str], dict[str, _Open]]:
    open_by: dict[tuple[str, int, str], dict[str, _Open]] = {}
    wanted = [(_P.c.task_id, some) for some in chunks(sorted(task_ids))] + [
        (_P.c.project_id, some) for some in chunks(sorted(project_ids))]
    for column, some in wanted:
        rows = fetch_rows(session, open_in_select(column.key, some))
        for pid, task_id, project_id, kind, description, last, state in rows:
            if state not in OPEN_STATES:
                continue
            owner = ("task", task_id) if task_id else ("project", project_id or 0)
            open_by.setdefault((owner[0], owner[1], kind), {})[normalised(description)] = (
                _Open(pid, last))
    return open_by


def raise_for_new_entries(session: Session, actor: Actor,
                          rows: Iterable[dict[str, Any]]) -> BulkProblems:
    """Rows: the new entries' id, task_id, project_id, period_key, problems, coordination."""
    rows = [r for r in rows if r.get("problems") or r.get("coordination")]
    done = BulkProblems()
    if not rows:
        return done
    task_ids = {r["task_id"] for r in rows if r["task_id"]}
    project_ids = {r["project_id"] for r in rows if r["project_id"]}
    leads = _leads(session, task_ids, project_ids)
    open_by = _open_problems(session, task_ids, project_ids)
    stamp = now()
    created: list[_Open] = []
    carried: dict[int, _Open] = {}
    links: list[tuple[_Open, int]] = []
    for r in rows:
        kind_of, subject_id = ("task", r["task_id"]) if r["task_id"] else (
            "project", r["project_id"])
        seen: set[int] = set()
        for kind, name in PROBLEM_FIELDS.items():
            known = open_by.setdefault((kind_of, subject_id, kind.value), {})
            for text in split_items(r[name] or ""):
                key = normalised(text)
                problem = known.get(key)
                if problem is None:
                    problem = known[key] = _Open(None, r["period_key"], {
                        "kind": kind.value, "description": text,
                        "owner_unit_id": leads.get((kind_of, subject_id)),
                        "task_id": r["task_id"] if kind_of == "task" else None,
                        "project_id": r["project_id"] if kind_of == "project" else None,
                        "state": "pending", "raised_period_key": r["period_key"],
                        "last_period_key": r["period_key"], "resolution": "",
                        "closed_at": None, "responsible_person": "", "due_date": None,
                        "version": 1, "created_at": stamp, "updated_at": stamp})
                    created.append(problem)
                elif is_later(r["period_key"], problem.last_period_key):
                    problem.last_period_key = r["period_key"]
                    if problem.values is not None:
                        problem.values["last_period_key"] = r["period_key"]
                    else:
                        carried[problem.id or 0] = problem
                if id(problem) not in seen:
                    seen.add(id(problem))
                    links.append((problem, r["id"]))
    if created:
        # insertmanyvalues: a few multi-row INSERTs, the ids in the rows' order
        ids = session.execute(insert(_P).returning(_P.c.id, sort_by_parameter_order=True),
                              [p.values for p in created if p.values is not None]).scalars().all()
        for problem, new_id in zip(created, ids, strict=True):
            problem.id = new_id
        audit.record_many(session=session, actor=actor, events=[{
            "action": "create", "entity": ENTITY, "entity_id": p.id,
            "summary": summaries.PROBLEM_CREATE(
                problem_kind=ProblemKind(p.values['kind']).label,
                text=p.values['description'][:60]),
            "changes": {"after": {"id": p.id, **{k: to_jsonable(v)
                                                 for k, v in p.values.items()}}}}
            for p in created if p.values is not None])
    if carried:
        for some in chunks(sorted(carried)):
            done.carried_before.extend(session.execute(select(_P).where(_P.c.id.in_(some))))
        session.execute(
            update(_P).where(_P.c.id == bindparam("_id")).values(
                last_period_key=bindparam("_last"), updated_at=bindparam("_at")),
            [{"_id": pid, "_last": p.last_period_key, "_at": stamp}
             for pid, p in carried.items()])
    if links:
        session.execute(insert(_LINK), [{"problem_id": p.id, "entry_id": entry_id}
                                        for p, entry_id in links])
    done.created = [p.id for p in created if p.id is not None]
    done.carried = list(carried)
    done.links = [(p.id or 0, entry_id) for p, entry_id in links]
    return done
