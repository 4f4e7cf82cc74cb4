"""总览 data: exact counts and sums on a known small registry; SQL lights equal the Python rules."""

from __future__ import annotations

from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.models import Indicator, IndicatorValue, Problem, ProgressEntry, Project
from jjjdesk.domain.period import Period
from jjjdesk.services import dashboard, demo, lag, rounds
from jjjdesk.services.dashboard import DashboardFilter

TODAY = date(2024, 6, 20)  # day 171 of the 2024 window: 46.8% elapsed; May is the due report


def _entry(ref, key, *, pct=None, invest=None, state="approved", assessment="on_track"):
    return ProgressEntry(
        **ref.columns,
        period_kind="month",
        period_key=key,
        completion_pct=pct,
        invest_period=invest,
        review_state=state,
        assessment=assessment,
    )


@pytest.fixture
def reg(empty_db):
    r = build(empty_db)
    with empty_db.session() as s:
        s.get(Project, r.project_a.id).annual_investment = 12
        s.get(Project, r.project_b.id).annual_investment = 6
        s.add_all(
            [
                _entry(r.task_a, "2024-05", pct=40),  # 6.8 points behind: yellow
                _entry(r.project_a, "2024-04", pct=30, invest=2),
                _entry(r.project_a, "2024-05", pct=50, invest=3),  # ahead: green
                _entry(r.project_a, "2024-06", pct=99, invest=100, state="draft"),  # not counted
                _entry(r.project_b, "2024-05", invest=1.5),  # no window: not assessed
                _entry(r.project_b, "2024-06"),
            ]
        )  # task_b never reported: grey
        ind = Indicator(
            plan_id=r.plan,
            name="集装箱吞吐量",
            measure="万标准箱",
            baseline_year=2022,
            baseline_value=100,
            target_year=2027,
            target_value=200,
            lead_unit_id=r.unit_a,
        )
        s.add(ind)
        s.flush()
        s.add_all(
            [
                IndicatorValue(indicator_id=ind.id, period_key="2023", value=120),
                IndicatorValue(indicator_id=ind.id, period_key="2024", value=140),
            ]
        )
        s.add_all(
            [
                Problem(
                    kind="coordination",
                    description="请求协调用地指标",
                    owner_unit_id=r.unit_a,
                    state="pending",
                    raised_period_key="2024-03",
                    **r.project_a.columns,
                ),
                Problem(
                    kind="problem",
                    description="资金到位不足",
                    owner_unit_id=r.unit_b,
                    state="in_progress",
                    raised_period_key="2024-01",
                    **r.task_b.columns,
                ),
                Problem(
                    kind="problem",
                    description="已解决的问题",
                    owner_unit_id=r.unit_a,
                    state="closed",
                    raised_period_key="2023-12",
                ),
            ]
        )
        for month in (5, 6):  # May's round asks for task_b's report: grey
            rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, month),
                                deadline=date(2024, month + 1, 5))
    return r


def _load(db, **filters):
    with db.session() as s:
        return dashboard.load_dashboard(session=s, today=TODAY, filters=DashboardFilter(**filters))


def test_lights_and_pace_per_category(empty_db, reg):
    data = _load(empty_db)
    assert [(c.label, c.counts, c.total) for c in data.lights] == [
        ("(一)疏解承接", {"green": 1, "yellow": 1, "red": 0, "grey": 1, "none": 0}, 3),
        ("未关联任务的项目", {"green": 0, "yellow": 0, "red": 0, "grey": 0, "none": 1}, 1),
    ]
    assert [(p.label, p.elapsed_pct, p.completion_pct, p.subjects) for p in data.pace] == [
        ("(一)疏解承接", 46.8, 45.0, 2)
    ]
    assert data.subjects == 4 and not data.is_empty and data.as_of_label == "2024年6月"


def test_lights_equal_the_lag_service(empty_db, reg):
    with empty_db.session() as s:
        expected = [(r.key, r.counts) for r in lag.light_rollup(session=s, today=TODAY)]
    assert [(c.category_id, c.counts) for c in _load(empty_db).lights] == expected


def test_investment_completed_against_planned(empty_db, reg):
    inv = _load(empty_db).investment
    assert inv.year == 2024 and inv.period_keys == [f"2024-0{m}" for m in range(1, 7)]
    assert inv.period_labels[0] == "2024年1月"
    assert inv.completed == [0, 0, 0, 2, 4.5, 0]
    assert inv.completed_cumulative == [0, 0, 0, 2, 6.5, 6.5]
    assert inv.planned_annual == 18
    days = [31, 60, 91, 121, 152, 182]  # days of 2024 (a leap year) to each month's end
    assert inv.planned_cumulative == pytest.approx([18 * d / 366 for d in days], abs=1e-3)


def test_indicators_latest_share_and_trend(empty_db, reg):
    [ind] = _load(empty_db).indicators
    assert (ind.latest_label, ind.latest_value, ind.share) == ("2024年", 140, pytest.approx(0.4))
    assert ind.values == [("2023年", 120), ("2024年", 140)]
    # 100 → 120 → 140 a year: the trend reaches the target of 200 in 2027
    assert ind.projected_value == pytest.approx(200, abs=0.5)


def test_reporting_rate_per_unit_sorted(empty_db, reg):
    rates = _load(empty_db).reporting
    assert rates.round_name == "2024年6月月报"
    assert [(r.unit_name, r.submitted, r.total) for r in rates.rows] == [
        ("市发展改革委", 1, 3),
        ("滨海新区", 0, 1),
    ]
    assert rates.rows[0].rate == pytest.approx(1 / 3)


def test_open_problems_oldest_first(empty_db, reg):
    data = _load(empty_db)
    assert data.open_problems == 2
    assert [
        (p.description, p.raised_label, p.owner_unit, p.subject_label) for p in data.problems
    ] == [
        ("资金到位不足", "2024年1月", "滨海新区", "任务2 建设滨海新区"),
        ("请求协调用地指标", "2024年3月", "市发展改革委", "P-001 津兴城际铁路"),
    ]


def test_filters_narrow_every_part(empty_db, reg):
    data = _load(empty_db, unit_id=reg.unit_b)
    assert [(c.label, c.counts["grey"], c.total) for c in data.lights] == [("(一)疏解承接", 1, 1)]
    assert data.pace == [] and data.indicators == []
    assert data.investment.planned_annual == 0 and sum(data.investment.completed) == 0
    assert [r.unit_name for r in data.reporting.rows] == ["滨海新区"]
    assert [p.description for p in data.problems] == ["资金到位不足"]
    by_category = _load(empty_db, category_id=reg.category)
    assert by_category.investment.completed_cumulative[-1] == 5  # project_b has no category
    assert [c.total for c in by_category.lights] == [3]


def test_a_past_period_is_judged_with_its_own_entries(empty_db, reg):
    data = _load(empty_db, period_key="2024-04")
    assert data.as_of_label == "2024年4月"
    assert data.investment.period_keys[-1] == "2024-04"
    assert data.investment.completed_cumulative[-1] == 2
    with empty_db.session() as s:
        expected = [
            (r.key, r.counts)
            for r in lag.light_rollup(
                session=s, today=date(2024, 4, 30), as_of=Period.month(2024, 4)
            )
        ]
    assert [(c.category_id, c.counts) for c in data.lights] == expected


def test_a_new_registry_is_empty_not_broken(empty_db):
    data = _load(empty_db)
    assert data.is_empty and data.lights == [] and data.pace == [] and data.indicators == []
    assert data.reporting is None and data.problems == [] and data.open_problems == 0
    assert data.investment.planned_annual == 0 and set(data.investment.completed) == {0}
    with empty_db.session() as s:
        assert dashboard.filter_choices(session=s)["period"] == []


@pytest.mark.parametrize("today", [date(2024, 3, 15), date(2024, 9, 30), date(2025, 2, 1)])
def test_sql_lights_equal_python_lights_on_the_demo(demo_db, today):
    with demo_db.session() as s:
        demo.load_demo_progress(session=s, actor=COORDINATOR)
        s.execute(
            ProgressEntry.__table__.update()
            .where(ProgressEntry.id % 7 == 0)
            .values(review_state="draft")
        )
        for month in (1, 2, 5, 7, 8, 11):  # months without a round owe no report
            rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, month),
                                deadline=date(2024, month + 1, 5))
    with demo_db.session() as s:
        expected = [(r.key, r.counts) for r in lag.light_rollup(session=s, today=today)]
        data = dashboard.load_dashboard(session=s, today=today)
        assert len(s.exec(select(ProgressEntry.id)).all()) > 1000
    assert [(c.category_id, c.counts) for c in data.lights] == expected
