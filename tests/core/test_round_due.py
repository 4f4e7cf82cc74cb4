"""临期: `round due --within N` lists the units of open rounds due within N working days
(counted over 国庆) that have not submitted yet — before, on and after the deadline."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_registry import COORDINATOR, build

from jjjdesk.cli.main import main
from jjjdesk.domain.period import Period
from jjjdesk.services import board, entries, rounds

DEADLINE = date(2026, 10, 9)  # a Friday; 1–7 October are the National Day holiday


@pytest.fixture
def rnd(empty_db):
    reg = build(empty_db)
    with empty_db.session() as s:
        rid = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2026, 9),
                                  deadline=DEADLINE).id
        done = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.task_b,
                                  round_id=rid, values={"progress": "已完成"})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=done.entry_id)
    return reg, rid


def _due(db, today, within):
    with db.session() as s:
        return [(r.unit_name, r.workdays_left) for r in board.due_within(
            session=s, today=today, within=within)]


def test_due_counts_working_days_over_the_holiday(empty_db, rnd):
    # 30 September: ten calendar days, but only 8 and 9 October are working days
    assert _due(empty_db, date(2026, 9, 30), 1) == []
    assert _due(empty_db, date(2026, 9, 30), 2) == [("市发展改革委", 2)]  # 滨海新区 submitted
    assert _due(empty_db, DEADLINE, 0) == [("市发展改革委", 0)]  # due today
    assert _due(empty_db, date(2026, 10, 10), 5) == []  # past the deadline: overdue, not due


def test_cli_round_due_json(empty_db, rnd, capsys):
    _, rid = rnd
    assert main(["round", "due", "--within", "2", "--today", "2026-09-30", "--json",
                 "--db", empty_db.url]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["round_id"], row["unit_name"], row["workdays_left"], row["deadline"]) == (
        rid, "市发展改革委", 2, "2026-10-09")
    assert main(["round", "due", "--within", "1", "--today", "2026-09-30",
                 "--db", empty_db.url]) == 0
    assert "1 个工作日内没有临期未报的单位" in capsys.readouterr().out
