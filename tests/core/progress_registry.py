"""A small registry for the progress tests: two units, two tasks, two projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import Category, KeyTask, Plan, Project, Unit
from jjjdesk.domain.subject import SubjectRef

COORDINATOR = Actor(name="协同办小王", role=Role.COORDINATOR)


@dataclass(frozen=True)
class Registry:
    unit_a: int
    unit_b: int
    plan: int
    category: int
    task_a: SubjectRef  # lead: unit A, window 2024
    task_b: SubjectRef  # lead: unit B, window 2024
    project_a: SubjectRef  # lead: unit A, total 10 亿元, window 2024
    project_b: SubjectRef  # lead: unit A, no window

    def reporter(self, unit_id: int, name: str = "填报员") -> Actor:
        return Actor(name=name, role=Role.REPORTER, unit_id=unit_id)


def build(db) -> Registry:
    with db.session() as s:
        a = Unit(name="市发展改革委", contact_person="张伟", contact_phone="022-23450000",
                 sort_key="a")
        b = Unit(name="滨海新区", contact_person="李娜", contact_phone="022-66660000",
                 sort_key="b")
        s.add_all([a, b])
        s.flush()
        plan = Plan(name="测试行动方案", start_year=2023, end_year=2027)
        s.add(plan)
        s.flush()
        cat = Category(plan_id=plan.id, number=1, title="疏解承接")
        s.add(cat)
        s.flush()
        window = {"start_date": date(2024, 1, 1), "due_date": date(2024, 12, 31)}
        ta = KeyTask(plan_id=plan.id, category_id=cat.id, number=1, title="承接非首都功能",
                     lead_unit_id=a.id, **window)
        tb = KeyTask(plan_id=plan.id, category_id=cat.id, number=2, title="建设滨海新区",
                     lead_unit_id=b.id, **window)
        s.add_all([ta, tb])
        s.flush()
        pa = Project(code="P-001", name="津兴城际铁路", lead_unit_id=a.id, total_investment=10,
                     planned_start=date(2024, 1, 1), planned_completion=date(2024, 12, 31),
                     task_id=ta.id)
        pb = Project(code="P-002", name="无计划的项目", lead_unit_id=a.id)
        s.add_all([pa, pb])
        s.flush()
        return Registry(a.id, b.id, plan.id, cat.id, SubjectRef.task(ta.id),
                        SubjectRef.task(tb.id), SubjectRef.project(pa.id),
                        SubjectRef.project(pb.id))
