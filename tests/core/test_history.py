"""History of a subject: entries across periods in order; the quarter view."""

from __future__ import annotations

from progress_registry import COORDINATOR, build

from jjjdesk.services import entries, history


def _save(db, subject, period, progress):
    with db.session() as s:
        entries.save_entry(session=s, actor=COORDINATOR, subject=subject, period=period,
                           values={"progress": progress})


def test_timeline_and_quarter_view(empty_db):
    reg = build(empty_db)
    for period, text in [("2024-03", "三月"), ("2024-W05", "第5周"), ("2024-01", "一月"),
                         ("2024-Q1", "一季度"), ("2024-W13", "第13周"), ("2024-W14", "第14周"),
                         ("2024-04", "四月")]:
        _save(empty_db, reg.task_a, period, text)
    with empty_db.session() as s:
        timeline = history.subject_history(session=s, subject=reg.task_a)
        months = history.subject_history(session=s, subject=reg.task_a, period_kind="month")
        q1 = history.quarter_view(session=s, subject=reg.task_a, quarter="2024年一季度")
    # Equal starts put the coarser period first: April before its first week (1 April).
    assert [v.progress for v in timeline] == ["一季度", "一月", "第5周", "三月", "第13周",
                                              "四月", "第14周"]
    assert [v.period_label for v in months] == ["2024年1月", "2024年3月", "2024年4月"]
    assert q1.quarter_label == "2024年第一季度" and q1.quarter_entry.progress == "一季度"
    assert [(label, e.progress if e else None) for _, label, e in q1.months] == [
        ("2024年1月", "一月"), ("2024年2月", None), ("2024年3月", "三月")]
    # Weeks inside the quarter by the Thursday rule, newest first; W14 belongs to Q2.
    assert [w.period_label for w in q1.weeks] == ["2024年第13周", "2024年第5周"]
