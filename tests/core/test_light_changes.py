"""Each light against the previous round of the same kind: 新增红灯, 转绿, 连续N期滞后 — on the
lights page rows (评价口径 a round) and in the brief."""

from __future__ import annotations

from datetime import date

import pytest
from progress_registry import COORDINATOR, build

from jjjdesk.domain.period import Period
from jjjdesk.reports.brief import build_brief
from jjjdesk.services import entries, lag, rounds

TODAY = date(2024, 9, 30)
# completion per month; the 2024 window is ~50%, 58%, 67% gone at the ends of Jun, Jul, Aug
PLAN = {"task_a": (20, 25, 30), "task_b": (50, 30, 35), "project_a": (20, 30, 65)}


@pytest.fixture
def history(empty_db):
    reg = build(empty_db)
    ids = []
    with empty_db.session() as s:
        for i, month in enumerate((6, 7, 8)):
            period = Period.month(2024, month)
            rid = rounds.create_round(session=s, actor=COORDINATOR, period=period,
                                      deadline=date(2024, month + 1, 5)).id
            ids.append(rid)
            for name, values in PLAN.items():
                saved = entries.save_entry(session=s, actor=COORDINATOR,
                                           subject=getattr(reg, name), round_id=rid,
                                           values={"progress": "推进中",
                                                   "completion_pct": values[i]})
                entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
    return reg, ids


def _changes(db, round_id):
    with db.session() as s:
        lights = {r.subject: r.light for r in lag.round_lights(session=s, round_id=round_id,
                                                                today=TODAY)}
        return lights, lag.light_changes(session=s, round_id=round_id, today=TODAY)


def test_changes_since_the_last_round(empty_db, history):
    reg, (june, july, august) = history
    lights, changes = _changes(empty_db, june)
    assert changes[reg.task_a] == "" and lights[reg.task_a] == "red"  # no round before
    lights, changes = _changes(empty_db, july)
    assert (lights[reg.task_b], changes[reg.task_b]) == ("red", "新增红灯")
    assert changes[reg.task_a] == "连续2期滞后"
    lights, changes = _changes(empty_db, august)
    assert changes[reg.task_a] == "连续3期滞后"
    assert changes[reg.task_b] == "连续2期滞后"
    assert (lights[reg.project_a], changes[reg.project_a]) == ("green", "转绿")


def test_the_lights_page_rows_and_the_brief_say_the_same(empty_db, history):
    reg, (_june, july, _august) = history
    with empty_db.session() as s:
        rows = {r.subject: r.change for r in lag.lights_as_of(session=s, today=TODAY,
                                                              round_id=july)}
        brief = build_brief(session=s, round_id=july, today=TODAY)
    assert rows[reg.task_b] == "新增红灯"
    flagged = {f.name: f.change for f in brief.flagged}
    assert flagged["建设滨海新区"] == "新增红灯"


def test_the_ledger_leads_the_reason_with_the_change(empty_db, history):
    from jjjdesk.excel.ledger_data import project_ledger, task_ledger

    reg, (_june, july, august) = history
    with empty_db.session() as s:
        tasks = task_ledger(session=s, round_id=july, today=TODAY)
        projects = project_ledger(session=s, round_id=august, today=TODAY)
    reasons = {row[1]: row[9] for g in tasks.groups for row in g.rows}
    assert reasons["建设滨海新区"].startswith("新增红灯;")
    assert reasons["承接非首都功能"].startswith("连续2期滞后;")
    reasons = {row[1]: row[11] for g in projects.groups for row in g.rows}
    assert reasons["津兴城际铁路"].startswith("转绿")
