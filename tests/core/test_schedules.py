"""批次计划 and 催报记录: one round per period across restarts and two workstations, paused
schedules idle, deadlines over 国庆, reminder stages, recorded reminders."""

from __future__ import annotations

from datetime import date

from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.db.open import open_database
from jjjdesk.domain.models import ReportingRound, RoundSchedule
from jjjdesk.domain.period import Period
from jjjdesk.services import board, rounds, schedules


def _count_rounds(db) -> int:
    with db.session() as s:
        return len(s.exec(select(ReportingRound)).all())


def test_one_round_per_period_across_restarts_and_two_engines(empty_db, isolated_paths):
    build(empty_db)
    with empty_db.session() as s:
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="month", deadline_offset=5)
    other = open_database(empty_db.engine.url.render_as_string(hide_password=False), isolated_paths)
    try:
        for db in (empty_db, other, empty_db, other):
            with db.session() as s:
                schedules.run_due(session=s, actor=COORDINATOR, today=date(2026, 9, 14))
        assert _count_rounds(empty_db) == 1
        # a second workstation that has not seen last_period_key still loses cleanly
        with other.session() as s:
            for row in s.exec(select(RoundSchedule)):
                row.last_period_key = ""
                s.add(row)
        with other.session() as s:
            assert schedules.run_due(session=s, actor=COORDINATOR, today=date(2026, 9, 20)) == []
        assert _count_rounds(empty_db) == 1
    finally:
        other.dispose()
    with empty_db.session() as s:
        (view,) = rounds.list_rounds(session=s)
    # 5th working day of October 2026: 1–7 are 国庆, 10 (Saturday) is a make-up day
    assert view.period_key == Period.month(2026, 9).key
    assert view.deadline == date(2026, 10, 13)


def test_paused_schedule_creates_nothing(empty_db):
    build(empty_db)
    with empty_db.session() as s:
        sid = schedules.add_schedule(session=s, actor=COORDINATOR, kind="week").id
        schedules.update_schedule(session=s, actor=COORDINATOR, schedule_id=sid, paused=True)
    with empty_db.session() as s:
        assert schedules.run_due(session=s, actor=COORDINATOR, today=date(2026, 9, 14)) == []
    assert _count_rounds(empty_db) == 0


def test_a_round_made_by_hand_for_the_period_is_not_doubled(empty_db):
    build(empty_db)
    with empty_db.session() as s:
        rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2026, 9),
                            deadline=date(2026, 10, 12), name="2026年9月月报")
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="month")
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="week")
    with empty_db.session() as s:
        made = schedules.run_due(session=s, actor=COORDINATOR, today=date(2026, 9, 14))
    assert [v.name for v in made] == ["2026年第38周周跟进"]
    # two schedules of one kind (say 项目 and 任务 split) each get their round
    with empty_db.session() as s:
        schedules.add_schedule(session=s, actor=COORDINATOR, kind="week", name="项目周报")
        made = schedules.run_due(session=s, actor=COORDINATOR, today=date(2026, 9, 15))
    assert [v.name for v in made] == ["2026年第38周项目周报"]


def test_reminder_stages():
    deadline = date(2026, 10, 9)
    assert schedules.reminder_stage(deadline=deadline, today=date(2026, 9, 21)) == "none"
    assert schedules.reminder_stage(deadline=deadline, today=date(2026, 9, 30)) == "first"
    assert schedules.reminder_stage(deadline=deadline, today=deadline) == "due"
    assert schedules.reminder_stage(deadline=deadline, today=date(2026, 10, 12)) == "overdue"
    assert schedules.reminder_stage(deadline=deadline, today=deadline, submitted=True) == "done"


def test_reminders_are_recorded_with_stage_and_channel(empty_db):
    build(empty_db)
    with empty_db.session() as s:
        rid = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2026, 9),
                                  deadline=date(2026, 10, 9)).id
        board.remind(session=s, actor=COORDINATOR, round_id=rid, today=date(2026, 9, 30))
        board.remind(session=s, actor=COORDINATOR, round_id=rid, today=date(2026, 10, 12),
                     channel="notice")
    with empty_db.session() as s:
        rows = schedules.round_reminders(session=s, round_id=rid, today=date(2026, 10, 12))
    assert rows and all(r.count == 2 for r in rows)
    assert [h[1:] for h in rows[0].history] == [("临期提醒", "复制催报"),
                                               ("逾期催报", "导出通知单")]
    assert all(r.stage == "overdue" for r in rows)


def test_cli_schedule_and_reminders(empty_db, capsys):
    import json

    from jjjdesk.cli.main import main

    build(empty_db)
    url = empty_db.engine.url.render_as_string(hide_password=False)
    empty_db.dispose()
    assert main(["round", "schedule", "add", "month", "--db", url]) == 0
    assert main(["round", "schedule", "run", "--today", "2026-09-14", "--db", url]) == 0
    assert main(["round", "schedule", "run", "--today", "2026-09-15", "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.count("已创建填报批次") == 1
    assert main(["round", "remind", "1", "--today", "2026-10-13", "--db", url]) == 0
    capsys.readouterr()
    assert main(["round", "reminders", "--round", "1", "--today", "2026-10-14", "--json",
                 "--db", url]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and rows[0]["count"] == 1 and rows[0]["stage"] == "overdue"
    assert main(["round", "schedule", "list", "--json", "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)[0]["last_period_key"]
