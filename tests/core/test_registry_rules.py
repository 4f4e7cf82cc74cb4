"""Units and tasks: aliases, cascade rules, tree filters; undo and the audit chain."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from jjjdesk.domain.models import AuditEvent, KeyTask, Project, Unit, UnitAlias
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit, audit_undo, projects, tasks, units
from jjjdesk.services.query import ListQuery


def test_units_match_by_alias_width_and_traditional_forms(demo_db, actor):
    with demo_db.session() as s:
        created = units.create_unit(
            session=s,
            actor=actor,
            values={"name": "市测试局", "kind": "市级部门", "aliases": "测试局、市测局"},
        )
    with demo_db.session() as s:
        assert units.find_unit_by_name(session=s, name="市测局") == created.id
        assert units.find_unit_by_name(session=s, name=" 市测试局 ") == created.id
        assert units.find_unit_by_name(session=s, name="濱海新區") == units.find_unit_by_name(
            session=s, name="滨海新区"
        )
        assert units.get_unit(session=s, unit_id=created.id).aliases == ["市测局", "测试局"]


def test_an_alias_cannot_belong_to_two_units(demo_db, actor):
    with pytest.raises(ValidationFailed) as caught, demo_db.session() as s:
        units.create_unit(session=s, actor=actor, values={"name": "新单位", "aliases": "市发改委"})
    assert "已属于其他单位" in caught.value.errors["aliases"]


def test_a_unit_in_use_cannot_be_deleted_and_an_unused_one_takes_its_aliases(demo_db, actor):
    with demo_db.session() as s:
        used = units.find_unit_by_name(session=s, name="滨海新区")
        with pytest.raises(UserFacingError, match="仍被"):
            units.delete_unit(session=s, actor=actor, unit_id=used)
    with demo_db.session() as s:
        spare = units.create_unit(
            session=s, actor=actor, values={"name": "临时单位", "aliases": "临时"}
        )
    with demo_db.session() as s:
        units.delete_unit(session=s, actor=actor, unit_id=spare.id)
    with demo_db.session() as s:
        assert s.get(Unit, spare.id) is None
        assert s.exec(select(UnitAlias).where(UnitAlias.unit_id == spare.id)).all() == []


def test_task_with_subtasks_cannot_be_deleted_but_a_leaf_can_and_projects_keep_existing(
    demo_db, actor
):
    with demo_db.session() as s:
        parent = s.exec(
            select(KeyTask).where(KeyTask.number == 5, KeyTask.parent_id.is_(None))
        ).one()
        with pytest.raises(UserFacingError, match="分解任务"):
            tasks.delete_task(session=s, actor=actor, task_id=parent.id)
        leaf = tasks.create_task(
            session=s,
            actor=actor,
            values={"category_id": parent.category_id, "number": 99, "title": "临时任务"},
        )
        linked = projects.create_project(
            session=s, actor=actor, values={"code": "L-1", "name": "挂靠项目", "task_id": leaf.id}
        )
    with demo_db.session() as s:
        tasks.delete_task(session=s, actor=actor, task_id=leaf.id)
    with demo_db.session() as s:
        assert s.get(Project, linked.id).task_id is None


def test_task_window_and_numbering_are_validated(demo_db, actor):
    with demo_db.session() as s:
        category_id = tasks.category_choices(session=s)[0][0]
        with pytest.raises(ValidationFailed) as caught:
            tasks.create_task(
                session=s,
                actor=actor,
                values={
                    "category_id": category_id,
                    "number": 1,
                    "title": "重号任务",
                    "start_date": "2025-01-01",
                    "due_date": "2024-01-01",
                },
            )
    assert "不能早于" in caught.value.errors["due_date"]
    with demo_db.session() as s, pytest.raises(ValidationFailed) as caught:
        tasks.create_task(
            session=s,
            actor=actor,
            values={"category_id": category_id, "number": 1, "title": "重号任务"},
        )
    assert "已被使用" in caught.value.errors["number"]


def test_task_tree_filters_keep_the_path_to_matches(demo_db):
    with demo_db.session() as s:
        full = tasks.task_tree(session=s)
        unit_id = units.find_unit_by_name(session=s, name="市交通运输委")
        by_unit = tasks.task_tree(session=s, query=ListQuery(unit_id=unit_id))
        by_text = tasks.task_tree(session=s, query=ListQuery(text="航运"))
    assert len(full[0].categories) == 7
    assert full[0].task_count == 25
    unit_tasks = [t for c in by_unit[0].categories for t in c.tasks]
    assert 0 < len(unit_tasks) < 25
    text_tasks = [t for c in by_text[0].categories for t in c.tasks]
    assert "加快建设北方国际航运核心区" in [t.title for t in text_tasks]
    assert len(text_tasks) < 25


@pytest.mark.parametrize("step", ["create", "update", "delete"])
def test_undo_restores_exactly_the_state_before(demo_db, actor, step):
    with demo_db.session() as s:
        before = projects.list_projects(session=s, query=ListQuery(), limit=1000)
        target = before[0]
        if step == "create":
            event = projects.create_project(
                session=s, actor=actor, values={"code": "U-1", "name": "撤销测试"}
            ).audit_event_id
        elif step == "update":
            event = projects.update_project(
                session=s,
                actor=actor,
                project_id=target.id,
                values={"name": "临时改名", "total_investment": 9999.25, "stage": "谋划"},
            ).audit_event_id
        else:
            event = projects.delete_project(
                session=s, actor=actor, project_id=target.id
            ).audit_event_id
    with demo_db.session() as s:
        audit_undo.revert_event(session=s, actor=actor, event_id=event)
    with demo_db.session() as s:
        after = projects.list_projects(session=s, query=ListQuery(), limit=1000)
        actions = [e.action for e in s.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert after == before
    assert actions[-1] == "undo"


def test_undo_refuses_to_overwrite_a_later_change(demo_db, actor):
    with demo_db.session() as s:
        project_id = projects.list_projects(session=s, query=ListQuery(), limit=1)[0].id
        first = projects.update_project(
            session=s, actor=actor, project_id=project_id, values={"name": "第一次"}
        )
        projects.update_project(
            session=s, actor=actor, project_id=project_id, values={"name": "第二次"}
        )
    with pytest.raises(UserFacingError, match="之后又被修改"), demo_db.session() as s:
        audit_undo.revert_event(session=s, actor=actor, event_id=first.audit_event_id)


def test_audit_chain_detects_a_change_behind_the_apps_back(demo_db, actor):
    with demo_db.session() as s:
        project_id = projects.list_projects(session=s, query=ListQuery(), limit=1)[0].id
        for n in range(3):
            projects.update_project(
                session=s, actor=actor, project_id=project_id, values={"total_investment": 5000 + n}
            )
    with demo_db.session() as s:
        assert audit.verify_chain(session=s) == []
        count = s.exec(select(func.count()).select_from(AuditEvent)).one()
    assert count >= 4
    with demo_db.engine.begin() as conn:  # behind the app's back
        conn.execute(text("UPDATE audit_event SET actor = '别人' WHERE id = 2"))
    with demo_db.session() as s:
        assert audit.verify_chain(session=s) == [2]


def test_long_texts_keep_their_line_breaks_and_short_ones_are_folded(demo_db, actor):
    content = "1. 完成线路勘察;\r\n2. 启动征地拆迁。  \n\n\u200b3. 年底前开工"
    with demo_db.session() as s:
        category_id = tasks.category_choices(session=s)[0][0]
        task_id = tasks.create_task(session=s, actor=actor, values={
            "category_id": category_id, "number": 90, "title": "  多行\n任务  ",
            "content": content,
        }).id
        project_id = projects.create_project(session=s, actor=actor, values={
            "code": "JJJ-LB-1", "name": "多行项目", "description": "第一行\n第二行 ",
        }).id
        s.commit()
    with demo_db.session() as s:
        task, project = s.get(KeyTask, task_id), s.get(Project, project_id)
        assert task.content == "1. 完成线路勘察;\n2. 启动征地拆迁。\n\n3. 年底前开工"
        assert task.title == "多行 任务"  # a title stays one line
        assert project.description == "第一行\n第二行"
