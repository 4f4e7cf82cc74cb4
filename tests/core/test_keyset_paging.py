"""Keyset pages (issue 15 item 7, issue 22): walked forwards from the first page or backwards
from the last, every list shows each row once, in the order a full ORDER BY gives it; ties
and empty (NULL) sort values included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlmodel import select

from jjjdesk.domain.models import AuditEvent, Problem, ProgressEntry, Project, ReportingRound
from jjjdesk.services import audit, problems, projects, review
from jjjdesk.services.audit import AuditFilter
from jjjdesk.services.problems import ProblemQuery
from jjjdesk.services.query import ListQuery, PageRequest
from jjjdesk.services.review import ReviewQuery

LIMIT = 7  # small pages, so every walk crosses many page boundaries and ties
T0 = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def _events(*, session, query, request):
    return audit.page_events(session=session, filters=query, request=request)


def _walk(session, read, query) -> list[int]:
    """Ids page by page from the first, checking that the keys only ever go one way."""
    ids, after = [], None
    while True:
        page = read(session=session, query=query, request=PageRequest(after=after, limit=LIMIT))
        ids += [r.id for r in page.rows]
        if len(page.rows) < LIMIT:
            return ids
        after = page.keys[-1]


def _walk_back(session, read, query) -> list[int]:
    """Ids page by page from the last one upwards, in display order."""
    page = read(session=session, query=query, request=PageRequest(last=True, limit=LIMIT))
    ids = [r.id for r in page.rows]
    while len(page.rows) == LIMIT:
        page = read(session=session, query=query,
                    request=PageRequest(before=page.keys[0], limit=LIMIT))
        ids = [r.id for r in page.rows] + ids
    return ids


@pytest.fixture
def lists(empty_db):
    """60 projects (ties and NULLs in every sortable column), entries of one round, problems
    in every state with equal creation times, and audit events."""
    project_rows = [
        {"code": f"P-{n % 17:03d}-{n}", "name": f"项目{n % 5}", "sort_key": f"xm{n % 5}",
         "search_text": f"项目{n}", "kind": "industry", "stage": ("planning", "started")[n % 2],
         "total_investment": None if n % 4 == 0 else float(n % 6), "version": 1,
         "is_demo": False}
        for n in range(60)
    ]
    states = ("pending", "in_progress", "resolved", "closed")
    with empty_db.engine.begin() as conn:  # bulk rows for the lists, not a service test
        conn.execute(insert(Project), project_rows)
        conn.execute(insert(ReportingRound), [{"name": "2025年5月月报", "period_kind": "month",
                                               "period_key": "2025-05", "deadline": T0.date()}])
        conn.execute(insert(ProgressEntry), [
            {"project_id": n + 1, "period_kind": "month", "period_key": "2025-05",
             "round_id": 1, "review_state": "submitted", "version": 1,
             "submitted_at": None if n % 9 == 0 else T0 + timedelta(minutes=n // 3)}
            for n in range(45)])
        conn.execute(insert(Problem), [
            {"description": f"问题{n}", "state": states[n % 4], "kind": "problem",
             "created_at": T0 + timedelta(hours=n // 5), "version": 1}
            for n in range(70)])
        conn.execute(insert(AuditEvent), [
            {"actor": ("小王", "小李")[n % 2], "action": "update", "entity": "project",
             "entity_id": n, "at": T0 + timedelta(minutes=n)}
            for n in range(50)])
    return empty_db


@pytest.mark.parametrize("sort", [
    "code", "name", "district", "kind", "stage", "total_investment", "planned_start", "task"])
@pytest.mark.parametrize("descending", [False, True])
def test_project_pages_match_the_full_order(lists, sort, descending):
    query = ListQuery(sort=sort, descending=descending)
    with lists.session() as s:
        walked = _walk(s, projects.page_projects, query)
        assert walked == _walk_back(s, projects.page_projects, query)
        stored = {p.id: p for p in s.exec(select(Project))}
    column = {"name": "sort_key", "district": "district_id", "task": "task_id"}.get(sort, sort)

    def key(project_id: int):
        value = getattr(stored[project_id], column)
        return (False, 0, project_id) if value is None else (True, value, project_id)

    assert walked == sorted(stored, key=key, reverse=descending)


def test_project_pages_put_empty_values_first_going_up(lists):
    with lists.session() as s:
        walked = _walk(s, projects.page_projects, ListQuery(sort="total_investment"))
        rows = {r.id: r for r in projects.list_projects(session=s, query=ListQuery(),
                                                        limit=1000)}
    values = [rows[i].total_investment for i in walked]
    assert values[:15] == [None] * 15
    assert values[15:] == sorted(values[15:])


@pytest.mark.parametrize("oldest_first", [True, False])
@pytest.mark.parametrize("state", [None, problems.OPEN_STATES, "closed"])
def test_problem_pages_match_the_full_list(lists, state, oldest_first):
    query = ProblemQuery(state=state, oldest_first=oldest_first)
    with lists.session() as s:
        walked = _walk(s, problems.page_problems, query)
        assert walked == _walk_back(s, problems.page_problems, query)
        full = problems.list_problems(session=s, state=state, oldest_first=oldest_first)
        assert problems.count_problems(session=s, query=query) == len(full)
    assert walked == [p.id for p in full]


def test_review_pages_follow_submission_time(lists):
    query = ReviewQuery(round_id=1)
    with lists.session() as s:
        walked = _walk(s, review.page_for_review, query)
        assert walked == _walk_back(s, review.page_for_review, query)
        assert review.count_for_review(session=s, query=query) == 45
        full = review.list_for_review(session=s, round_id=1)
    assert sorted(walked) == sorted(e.id for e in full)
    assert walked[:5] == sorted(e.id for e in full if e.submitted_at is None)  # unsent first
    with lists.session() as s:
        assert review.page_for_review(session=s, query=ReviewQuery(), request=PageRequest()
                                      ).rows == []  # no round chosen: nothing, not everything


@pytest.mark.parametrize("filters", [AuditFilter(), AuditFilter(actor="小李")])
def test_audit_pages_newest_first(lists, filters):
    with lists.session() as s:
        walked = _walk(s, _events, filters)
        assert walked == _walk_back(s, _events, filters)
        full = audit.query_events(session=s, filters=filters, limit=1000)
    assert walked == [e.id for e in full]


def test_the_audit_filters_list_every_name_once_in_order(lists):
    with lists.session() as s:
        events = list(s.exec(select(AuditEvent)))
        assert audit.actor_choices(session=s) == sorted({e.actor for e in events})
        assert audit.entity_choices(session=s) == sorted({e.entity for e in events})
