"""红黄绿灯: edges of the thresholds, no window, overdue, no entry; settings; roll-ups; lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from progress_registry import COORDINATOR, build

from jjjdesk.domain.lag import LagThresholds, assess, elapsed_share, expected_period
from jjjdesk.domain.period import Period
from jjjdesk.errors import ValidationFailed
from jjjdesk.services import entries, lag, rounds, settings

T = LagThresholds()
START, END = date(2024, 1, 1), date(2024, 12, 31)


def _light(today, completion, assessment="on_track", latest="2024-03", expected="2024-03",
           start=START, end=END):
    return assess(start=start, end=end, today=today, completion=completion,
                  assessment=assessment, latest=Period.from_key(latest) if latest else None,
                  expected=Period.from_key(expected) if expected else None, thresholds=T)


def test_the_light_explains_itself():
    # 2024-08-15 is 227 of 365 days: 62.2% of the window.
    result = _light(date(2024, 8, 15), 40)
    assert (result.light, result.explanation) == (
        "red", "计划周期已过62.2%,完成40%,落后22.2个百分点")


@pytest.mark.parametrize(
    ("completion", "light", "words"),
    [
        (50, "green", "计划周期已过50%,完成50%,与计划同步"),
        (45, "green", "落后5个百分点"),  # exactly the green margin: still green
        (44.9, "yellow", "落后5.1个百分点"),
        (30.1, "yellow", "落后19.9个百分点"),
        (30, "red", "落后20个百分点"),  # exactly the red gap: red
        (60, "green", "超前10个百分点"),
    ],
)
def test_threshold_edges(completion, light, words):
    window_end = START + timedelta(days=100)  # today is day 50 of a 100-day window
    today = START + timedelta(days=50)
    result = assess(start=START, end=window_end, today=today, completion=completion,
                    assessment="on_track", latest=Period.month(2024, 2),
                    expected=Period.month(2024, 1), thresholds=T)
    assert elapsed_share(START, window_end, today) == 50.0
    assert result.light == light and words in result.explanation


def test_no_window_overdue_missing_done_and_self_assessed():
    assert _light(date(2024, 8, 15), 40, start=None).explanation == "未设置计划起止时间,不评价"
    overdue = _light(date(2025, 2, 1), 85, latest="2025-01", expected="2024-12")
    assert (overdue.light, overdue.explanation) == (
        "red", "已超过计划完成时间(2024年12月31日),完成85%")
    missing = _light(date(2024, 8, 15), 40, latest="2024-05", expected="2024-07")
    assert (missing.light, missing.explanation) == (
        "grey", "2024年7月应报未报(最近一次为2024年5月,完成40%)")
    never = _light(date(2024, 8, 15), None, assessment=None, latest=None, expected="2024-07")
    assert (never.light, never.explanation) == ("grey", "2024年7月应报未报(尚无填报)")
    done = _light(date(2025, 6, 1), 100, latest="2024-11", expected="2025-04")
    assert (done.light, done.explanation) == ("green", "已完成(2024年11月报告)")
    self_lagging = _light(date(2024, 7, 1), 49, assessment="lagging")
    assert self_lagging.light == "yellow" and self_lagging.explanation.endswith("(自评滞后)")
    early = _light(date(2023, 12, 1), None, latest=None, expected=None)
    assert (early.light, early.explanation) == ("green", "计划尚未开始(2024年1月1日开始)")


def test_expected_period_allows_the_grace_days():
    assert expected_period("month", date(2024, 4, 10), 10).key == "2024-02"
    assert expected_period("month", date(2024, 4, 11), 10).key == "2024-03"
    assert expected_period("month", date(2024, 4, 11), 10, start=date(2024, 4, 1)) is None


def test_thresholds_are_settings(empty_db):
    with empty_db.session() as s:
        assert lag.thresholds(session=s) == LagThresholds(5, 20, "month", 10)
        settings.set_setting(session=s, actor=COORDINATOR, key="lag.red_gap", value="15")
        assert lag.thresholds(session=s).red_gap == 15
        labels = [v.label for v in settings.list_settings(session=s)]
    assert "绿灯容差(百分点)" in labels
    with pytest.raises(ValidationFailed, match="绿灯容差必须小于红灯差距"), \
            empty_db.session() as s:
        settings.set_setting(session=s, actor=COORDINATOR, key="lag.green_margin", value=30)
    with pytest.raises(ValidationFailed, match="应在0到100之间"), empty_db.session() as s:
        settings.set_setting(session=s, actor=COORDINATOR, key="lag.red_gap", value=120)


def _report(db, subject, period, completion, submit=True):
    with db.session() as s:
        saved = entries.save_entry(session=s, actor=COORDINATOR, subject=subject, period=period,
                                   values={"completion_pct": completion, "progress": "推进中"})
        if submit:
            entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)


def _round(db, period: str, deadline: date) -> None:
    with db.session() as s:
        rounds.create_round(session=s, actor=COORDINATOR, period=period, deadline=deadline)


def test_lights_lists_and_rollups_from_stored_entries(empty_db):
    reg = build(empty_db)
    _round(empty_db, "2024-06", date(2024, 7, 5))
    _round(empty_db, "2024-07", date(2024, 8, 5))
    _report(empty_db, reg.task_a, "2024-07", 40)  # elapsed 62.2% on 15 Aug: red
    _report(empty_db, reg.task_b, "2024-07", 50)  # 12.2 behind: yellow
    _report(empty_db, reg.project_a, "2024-06", 90)  # July missing: grey
    _report(empty_db, reg.project_a, "2024-07", 95, submit=False)  # a draft does not count
    today = date(2024, 8, 15)
    with empty_db.session() as s:
        rows = lag.subject_lights(session=s, today=today)
        reds = lag.subject_lights(session=s, today=today, light="red")
        by_unit = lag.light_rollup(session=s, today=today, by="unit")
        by_category = lag.light_rollup(session=s, today=today, by="category")
        single = lag.light_of(session=s, subject=reg.task_b, today=today)
    assert [(r.code, r.light_label) for r in rows] == [
        ("1", "红灯"), ("2", "黄灯"), ("P-001", "灰灯"), ("P-002", "未评价")]
    assert rows[0].explanation == "计划周期已过62.2%,完成40%,落后22.2个百分点"
    assert rows[2].explanation == "2024年7月应报未报(最近一次为2024年6月,完成90%)"
    assert [r.code for r in reds] == ["1"]
    assert {(g.label, g.counts["red"], g.counts["grey"], g.total) for g in by_unit} == {
        ("市发展改革委", 1, 1, 3), ("滨海新区", 0, 0, 1)}
    assert [(g.label, g.total) for g in by_category] == [("(一)疏解承接", 3),
                                                        ("未关联任务的项目", 1)]
    assert single.light == "yellow"
    with empty_db.session() as s:
        frozen = lag.subject_lights(session=s, today=today, as_of=Period.month(2024, 6),
                                    kind="task")
    assert {r.light for r in frozen} == {"grey"}


def test_grey_only_for_a_period_a_round_asked_for(empty_db):
    """No round for July: its missing report is not owed, the light judges the June figure;
    the June round asked, so a subject silent since May is grey for June."""
    reg = build(empty_db)
    _report(empty_db, reg.task_a, "2024-05", 40)
    _report(empty_db, reg.project_a, "2024-06", 90)
    today = date(2024, 8, 15)
    with empty_db.session() as s:
        before = {r.code: r for r in lag.subject_lights(session=s, today=today)}
    assert "grey" not in {r.light for r in before.values()}
    assert before["1"].light == "red"  # May's 40% against 62% of the window: judged, not grey
    _round(empty_db, "2024-06", date(2024, 7, 5))
    with empty_db.session() as s:
        after = {r.code: r for r in lag.subject_lights(session=s, today=today)}
    assert (after["1"].light, after["1"].explanation) == (
        "grey", "2024年6月应报未报(最近一次为2024年5月,完成40%)")
    assert after["P-001"].light != "grey"  # it reported June
