"""The demo with a year of reporting: rounds, moving figures, late and returned units, problems
raised and closed, the current round open — so a first start has something to show."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import func, select

from jjjdesk.cli.main import main
from jjjdesk.domain.models import KeyTask, ProgressEntry
from jjjdesk.services import board, lag, problems, rounds
from jjjdesk.services.demo_history import load_demo_history

TODAY = date(2026, 12, 2)


@pytest.fixture
def history(demo_db, actor):
    with demo_db.session() as s:
        return load_demo_history(session=s, actor=actor, today=TODAY)


def test_a_year_of_rounds_the_older_closed_last_month_still_reporting(demo_db, history):
    with demo_db.session() as s:
        listed = rounds.list_rounds(session=s)
    by_key = {r.period_key: r for r in listed}
    months = ["2025-12", *(f"2026-{m:02d}" for m in range(1, 13))]
    assert all(k in by_key for k in months)
    assert {"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"} <= set(by_key)
    assert history.rounds == len(listed) == 13 + 4
    assert by_key["2026-12"].state == "open" and by_key["2026-11"].state == "open"
    assert all(by_key[k].state == "closed" for k in months[:-2])
    assert by_key["2026-10"].submitted_units == by_key["2026-10"].unit_count
    assert 0 < by_key["2026-11"].submitted_units < by_key["2026-11"].unit_count
    with demo_db.session() as s:
        nov = board.round_board(session=s, round_id=by_key["2026-11"].id, today=TODAY)
        december = s.exec(select(func.count()).select_from(ProgressEntry).where(
            ProgressEntry.period_key == "2026-12")).one()
    assert nov.counts["returned"] == 1 and nov.counts["pending"] >= 1
    assert december == 0


def test_figures_move_and_the_latest_closed_round_has_red_and_yellow(demo_db, history):
    with demo_db.session() as s:
        oct_round = next(r for r in rounds.list_rounds(session=s) if r.period_key == "2026-10")
        lights = lag.round_lights(session=s, round_id=oct_round.id, today=TODAY)
        task = s.exec(select(KeyTask).where(KeyTask.due_date > TODAY)).first()
        completion = dict(s.exec(select(ProgressEntry.period_key, ProgressEntry.completion_pct)
                                 .where(ProgressEntry.task_id == task.id,
                                        ProgressEntry.period_kind == "month")).all())
    colours = {r.light for r in lights}
    assert {"red", "yellow", "green"} <= colours
    values = [completion[k] for k in sorted(completion) if completion[k] is not None]
    assert values == sorted(values) and values[0] < values[-1]  # progress accumulates


def test_problems_were_raised_and_some_closed(demo_db, history):
    with demo_db.session() as s:
        rows = problems.list_problems(session=s, limit=10_000)
    states = {p.state for p in rows}
    assert history.closed_problems >= 1 and "closed" in states and "pending" in states
    assert sum(p.state == "closed" for p in rows) == history.closed_problems


def test_cli_demo_with_history_and_round_list_json(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["demo", "--history", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "已载入演示填报历史:17 个填报批次" in out
    assert main(["round", "list", "--json", "--db", db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 17
