"""A small reporting history for the 红黑榜 tests (core and GUI), figures in its docstring."""

from __future__ import annotations

from datetime import UTC, date, datetime

from progress_registry import COORDINATOR, Registry, build

from jjjdesk.domain.models import RoundUnit
from jjjdesk.domain.period import Period
from jjjdesk.services import entries, review, rounds, workday_overrides

TODAY = date(2024, 7, 1)


def submit(s, reg, unit_id, subject, round_id, completion):
    actor = reg.reporter(unit_id)
    saved = entries.save_entry(session=s, actor=actor, subject=subject, round_id=round_id,
                               values={"assessment": "正常推进", "completion_pct": completion,
                                       "progress": "按计划推进"})
    entries.submit_entry(session=s, actor=actor, entry_id=saved.entry_id)
    return saved.entry_id


def stamp(s, round_id, unit_id, day: date | None):
    row = s.get(RoundUnit, (round_id, unit_id))
    row.submitted_at = None if day is None else datetime(day.year, day.month, day.day, 4,
                                                         tzinfo=UTC)
    s.add(row)


def close(s, round_id):
    rounds.set_round_state(session=s, actor=COORDINATOR, round_id=round_id, state="closed")


def build_history(empty_db) -> tuple[Registry, tuple[int, int, int, int]]:
    """Unit A (task A, project A, project B without a window), unit B (task B).

    2024年3月 (deadline Fri 5 April; the office made Mon 8 April a day off): A reports task A
    (50%, green) and project A (0%, red; returned once, fixed and re-sent), not project B,
    on Tue 9 April: 1 working day late. B reports task B (15%, yellow) on the day.
    2024年4月 (deadline Sat 4 May, moved to Mon 6 May): A reports all three on 6 May (green,
    green); B nothing (grey). 2024年5月: A again all on time (green), B nothing.
    2024年6月 stays open (A reports on time): never counted.
    """
    reg = build(empty_db)
    with empty_db.session() as s:
        workday_overrides.set_override(session=s, actor=COORDINATOR, day=date(2024, 4, 8),
                                       workday=False, note="测试调休")
        m3 = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 3),
                                 deadline=date(2024, 4, 5)).id
        submit(s, reg, reg.unit_a, reg.task_a, m3, 50)
        pa = submit(s, reg, reg.unit_a, reg.project_a, m3, 0)
        review.return_entry(session=s, actor=COORDINATOR, entry_id=pa, comment="请补充说明")
        entries.submit_entry(session=s, actor=reg.reporter(reg.unit_a), entry_id=pa)
        submit(s, reg, reg.unit_b, reg.task_b, m3, 15)
        stamp(s, m3, reg.unit_a, date(2024, 4, 9))
        stamp(s, m3, reg.unit_b, date(2024, 4, 5))
        m4 = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 4),
                                 deadline=date(2024, 5, 4)).id
        for subject, pct in ((reg.task_a, 50), (reg.project_a, 40), (reg.project_b, 10)):
            submit(s, reg, reg.unit_a, subject, m4, pct)
        stamp(s, m4, reg.unit_a, date(2024, 5, 6))
        m5 = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 5),
                                 deadline=date(2024, 6, 5)).id
        for subject, pct in ((reg.task_a, 60), (reg.project_a, 50), (reg.project_b, 20)):
            submit(s, reg, reg.unit_a, subject, m5, pct)
        stamp(s, m5, reg.unit_a, date(2024, 6, 3))
        m6 = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 6),
                                 deadline=date(2024, 7, 5)).id
        submit(s, reg, reg.unit_a, reg.task_a, m6, 70)
        for rid in (m3, m4, m5):
            close(s, rid)
    return reg, (m3, m4, m5, m6)
