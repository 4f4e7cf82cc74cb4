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
@pytest.mark.parametrize(("column", "index"), [("project_id", "ix_problem_project_id"),
                                               ("task_id", "ix_problem_task_id")])
def test_an_imports_open_problems_are_read_per_subject_through_its_index(empty_db, column,
                                                                         index):
    """The batch's carry-forward reads the open problems of a chunk of subjects at once."""
    from jjjdesk.services.problem_bulk import open_in_select

    with empty_db.session() as s:
        plan = _plan(s, open_in_select(column, list(range(1, 900))))
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


# ---- keyset pages (issue 22): a page is an index range, never a scan or a sort ------------
def _page_plans(db, read) -> list[str]:
    """The plan of every statement `read(session)` runs, with the parameters it ran with."""
    from sqlalchemy import event

    ran: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            ran.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with db.session() as s:
            read(s)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    with db.engine.connect() as conn:
        return [" | ".join(str(r[-1]) for r in conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {sql}", params)) for sql, params in ran]


def _review_page(s, request):
    from jjjdesk.services import review

    return review.page_for_review(session=s, query=review.ReviewQuery(round_id=1),
                                  request=request)


def _problem_page(s, request):
    return problems.page_problems(session=s, query=problems.ProblemQuery(
        state=problems.OPEN_STATES), request=request)


def _all_problems_page(s, request):
    return problems.page_problems(session=s, query=problems.ProblemQuery(), request=request)


def _audit_page(s, request):
    from jjjdesk.services import audit

    return audit.page_events(session=s, filters=audit.AuditFilter(), request=request)


def _actor_page(s, request):
    from jjjdesk.services import audit

    return audit.page_events(session=s, filters=audit.AuditFilter(actor="小王"),
                             request=request)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("read", "table"), [
    (_review_page, "progress_entry"), (_problem_page, "problem"),
    (_all_problems_page, "problem"), (_audit_page, "audit_event"),
    (_actor_page, "audit_event")])
@pytest.mark.parametrize("where", ["first", "after", "before", "last"])
def test_a_page_of_a_long_list_is_an_index_range(empty_db, read, table, where):
    from datetime import UTC, datetime

    from jjjdesk.services.query import PageRequest

    at = datetime(2025, 6, 1, tzinfo=UTC)
    key = (9,) if table == "audit_event" else (at, 9)
    request = {"first": PageRequest(), "after": PageRequest(after=key),
               "before": PageRequest(before=key), "last": PageRequest(last=True)}[where]
    plans = [p for p in _page_plans(empty_db, lambda s: read(s, request)) if table in p]
    assert plans, "the page read its table"
    if read is _audit_page and where in ("first", "last"):
        # No filter and no key yet: SQLite walks the table in id order from one end, and the
        # LIMIT ends the walk after one page; it calls that a SCAN.
        assert plans == [f"SCAN {table}"]
        return
    for plan in plans:
        assert f"SCAN {table}" not in plan, plan
        assert "TEMP B-TREE" not in plan, plan


# ---- lights (issue 22): every statement of a light probes indexes, never scans entries ---------
def _lights_office(db):
    """A registry with entries, two monthly rounds over every item and an extension, so that
    every query of the lights (latest entry, owed round, changes) has something to plan."""
    from datetime import date

    from progress_registry import COORDINATOR, build

    from jjjdesk.domain.models import ProgressEntry
    from jjjdesk.domain.period import Period
    from jjjdesk.services import rounds

    reg = build(db)
    with db.session() as s:
        s.add_all([ProgressEntry(**reg.project_a.columns, period_kind="month",
                                 period_key=f"2024-0{m}", completion_pct=10 * m,
                                 review_state="approved") for m in (1, 2, 3)])
        ids = [rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, m),
                                   deadline=date(2024, m + 1, 5)).id for m in (2, 3)]
    return ids[-1]


def _lights_reads(round_id):
    from datetime import date

    from jjjdesk.domain.period import Period
    from jjjdesk.services import dashboard, lag

    today = date(2024, 4, 20)
    return [
        lambda s: lag.subject_lights(session=s, today=today),
        lambda s: lag.period_lights(session=s, period=Period.month(2024, 3), today=today),
        lambda s: lag.lights_as_of(session=s, today=today, round_id=round_id),  # + changes
        lambda s: dashboard.load_dashboard(session=s, today=today),
    ]


def _traced_plans(db, read) -> list[str]:
    """The plan of every SELECT `read(session)` runs, raw driver cursors included (the lights
    read through `db.bulk.fetch_rows`, which SQLAlchemy's events do not see): SQLite's trace
    callback gives each statement with its values."""
    ran: list[str] = []
    with db.session() as s:
        raw = s.connection().connection.dbapi_connection
        raw.set_trace_callback(ran.append)
        try:
            read(s)
        finally:
            raw.set_trace_callback(None)
    selects = [sql for sql in ran if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    with db.engine.connect() as conn:
        return [" | ".join(str(r[-1]) for r in conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {sql}")) for sql in selects]


#: How a light may reach an entry or a round item: by its subject, through an index whose
#: first column is the subject (a SEARCH on the period index alone is a scan of a range of
#: every subject's entries).
SUBJECT_PROBES = ("(project_id=?", "(task_id=?", "(round_id=? AND project_id=?)",
                  "(round_id=? AND task_id=?)")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("which", range(4), ids=["today", "period", "round", "dashboard"])
def test_a_light_never_scans_the_entries_or_the_round_items(empty_db, which):
    round_id = _lights_office(empty_db)
    plans = _traced_plans(empty_db, _lights_reads(round_id)[which])
    lights = [p for p in plans if "progress_entry" in p and "reporting_round" in p]
    assert lights, "the lights read the entries and the rounds"
    for plan in lights:
        for node in plan.split(" | "):
            if "progress_entry" in node or "round_item" in node:
                assert node.startswith("SEARCH"), node
                assert any(probe in node for probe in SUBJECT_PROBES), node
    # the latest entry and its completion: the covering index, one probe each
    assert all("COVERING INDEX ix_progress_entry_dash_project" in p for p in lights
               if "SCAN project" in p), lights


@pytest.mark.sqlite_only
def test_the_lights_of_a_round_probe_its_items_by_index(empty_db):
    from jjjdesk.services import lag_sql

    with empty_db.session() as s:
        plan = _plan(s, lag_sql.subject_facts(subject="project", kind="month",
                                              as_of_key="2024-03", due_key="2024-03",
                                              asked_keys=["2024-03"], round_id=7))
    assert "SCAN round_item" not in plan and "SCAN progress_entry" not in plan
    assert "uq_round_item_project (round_id=? AND project_id=?)" in plan


@pytest.mark.parametrize("subject", ["task", "project"])
def test_the_lights_facts_can_be_read_through_indexes_on_every_backend(empty_db, subject):
    """With sequential scans priced out (PostgreSQL) the facts query still has an index plan
    for the entries and the round items: nothing in its shape (a function over a key
    column, an OR across columns) forces a full scan. SQLite's plan is taken as it is."""
    from jjjdesk.services import lag_sql

    stmt = lag_sql.subject_facts(subject=subject, kind="month", as_of_key="2024-03",
                                 due_key="2024-03", asked_keys=["2024-03"])
    with empty_db.session() as s:
        conn = s.connection()
        sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "sqlite":
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
            scans = ("SCAN progress_entry", "SCAN round_item")
        else:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = " ".join(str(r[0]) for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
            scans = ("Seq Scan on progress_entry", "Seq Scan on round_item")
    assert "progress_entry" in plan
    for scan in scans:
        assert scan not in plan, plan
