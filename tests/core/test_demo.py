"""The demo registry holds the real action plan, its projects and its indicator figures."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from jjjdesk.domain.models import Category, Indicator, KeyTask, Plan, Project, Unit
from jjjdesk.errors import UserFacingError
from jjjdesk.services import demo, indicators, units
from jjjdesk.services.query import ListQuery


def test_exactly_25_tasks_in_7_categories(demo_db):
    with demo_db.session() as s:
        plan = s.exec(select(Plan)).one()
        numbers = s.exec(
            select(KeyTask.number).where(KeyTask.parent_id.is_(None)).order_by(KeyTask.number)
        ).all()
        categories = s.exec(select(Category).order_by(Category.number)).all()
        subtasks = s.exec(
            select(func.count()).select_from(KeyTask).where(KeyTask.parent_id.is_not(None))
        ).one()
    assert plan.name == "推动京津冀协同发展走深走实行动方案"
    assert (plan.start_year, plan.end_year) == (2023, 2027)
    assert numbers == list(range(1, 26))
    assert [c.number for c in categories] == list(range(1, 8))
    assert categories[0].title == "推动承接北京非首都功能疏解走深走实"
    assert subtasks > 25


def test_named_projects_and_districts_are_there(demo_db):
    with demo_db.session() as s:
        names = s.exec(select(Project.name)).all()
        unit_names = set(s.exec(select(Unit.name)).all())
        assert all(p.is_demo for p in s.exec(select(Project)))
    assert len(names) >= 30
    for expected in ["南港120万吨乙烯", "津兴城际", "京滨城际", "津潍高铁", "天开高教科创园",
                     "北京协和医学院天津校区", "国家会展中心"]:
        assert any(expected in n for n in names), expected
    assert {"滨海新区", "武清区", "宝坻区", "市发展改革委"} <= unit_names


@pytest.mark.parametrize(
    ("name_part", "target", "actual_2023"),
    [
        ("集装箱吞吐量", 2700, 2218),
        ("研发投入强度", 3.7, 3.49),
        ("金融业增加值", 15, 13.4),
        ("高铁城际运营里程", 510, 410),
        ("实际使用外资", 70, 57.7),
    ],
)
def test_indicators_carry_2027_targets_and_2023_actuals(demo_db, name_part, target, actual_2023):
    with demo_db.session() as s:
        rows = indicators.list_indicators(session=s, query=ListQuery(text=name_part))
        total = s.exec(select(func.count()).select_from(Indicator)).one()
    assert total >= 10
    (row,) = rows
    assert (row.target_year, row.target_value) == (2027, target)
    assert (row.latest_period, row.latest_value) == ("2023年", actual_2023)


def test_demo_loads_only_into_an_empty_registry(demo_db, actor):
    with pytest.raises(UserFacingError, match="空数据库"), demo_db.session() as s:
        demo.load_demo(session=s, actor=actor)


def test_unit_aliases_from_the_documents_resolve(demo_db):
    with demo_db.session() as s:
        assert units.find_unit_by_name(session=s, name="市发改委") == units.find_unit_by_name(
            session=s, name="市发展改革委"
        )
