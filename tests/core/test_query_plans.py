"""The problem lookups stay index lookups (issues 14 and 22): the import's carry-forward reads a
subject's open problems per row, the lists read open problems oldest first."""

from __future__ import annotations

import pytest

from jjjdesk.domain.enums import ProblemKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.services import problems


def _plan(session, stmt) -> str:
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    return " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.mark.sqlite_only  # PostgreSQL chooses by its statistics; SQLite's plan is fixed
@pytest.mark.parametrize(("kind", "index"), [("project", "ix_problem_project_id"),
                                             ("task", "ix_problem_task_id")])
def test_a_subjects_open_problems_are_found_through_its_index(empty_db, kind, index):
    with empty_db.session() as s:
        plan = _plan(s, problems.open_problems_select(SubjectRef(kind, 7), ProblemKind.PROBLEM))
    assert f"USING INDEX {index}" in plan
    assert "SCAN problem" not in plan.replace(f"USING INDEX {index}", "")


@pytest.mark.sqlite_only
def test_the_open_list_reads_the_state_and_age_index(empty_db):
    with empty_db.session() as s:
        plan = _plan(s, problems.list_select(state=problems.OPEN_STATES).limit(500))
    assert "ix_problem_state_created" in plan


@pytest.mark.sqlite_only
def test_a_returns_previous_cumulative_is_one_probe_per_project(empty_db):
    """Issue 14 item 10: a 50,000-row return read every earlier entry of its projects."""
    from jjjdesk.importing.returns.rows import previous_select

    with empty_db.session() as s:
        plan = _plan(s, previous_select("month", "2029-03", [1, 2, 3]))
    assert "SCAN progress_entry" not in plan
    assert "USING INDEX" in plan and "SCAN project" not in plan
