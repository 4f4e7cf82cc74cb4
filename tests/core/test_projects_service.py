"""Projects: create, edit, delete with audit rows; validation; search; paging; conflicts."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, ProgressEntry, Project
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.services import projects, units
from jjjdesk.services.permissions import PermissionDenied
from jjjdesk.services.query import ListQuery


def _create(db, actor, **values):
    base = {"code": "T-001", "name": "测试项目", "stage": "在建", "kind": "产业"}
    with db.session() as s:
        return projects.create_project(session=s, actor=actor, values=base | values)


def test_create_stores_the_project_and_an_audit_row(empty_db, actor):
    result = _create(empty_db, actor, total_investment="12.5", planned_start="2024-03-01")
    with empty_db.session() as s:
        detail = projects.get_project(session=s, project_id=result.id)
        event = s.get(AuditEvent, result.audit_event_id)
    assert (detail.name, detail.stage, detail.kind) == (
        "测试项目",
        "under_construction",
        "industry",
    )
    assert detail.total_investment == 12.5
    assert str(detail.planned_start) == "2024-03-01"
    assert (event.action, event.entity, event.entity_id, event.actor) == (
        "create",
        "project",
        result.id,
        "测试员",
    )
    assert json.loads(event.changes)["after"]["code"] == "T-001"


def test_edit_records_old_and_new_values(empty_db, actor):
    created = _create(empty_db, actor)
    with empty_db.session() as s:
        result = projects.update_project(
            session=s,
            actor=actor,
            project_id=created.id,
            values={"name": "改名后的项目", "total_investment": 30},
        )
        event = s.get(AuditEvent, result.audit_event_id)
    assert result.version == created.version + 1
    assert json.loads(event.changes)["fields"] == {
        "name": ["测试项目", "改名后的项目"],
        "total_investment": [None, 30.0],
    }


def test_saving_unchanged_values_writes_no_audit_row(empty_db, actor):
    created = _create(empty_db, actor)
    with empty_db.session() as s:
        result = projects.update_project(
            session=s, actor=actor, project_id=created.id, values={"name": "测试项目"}
        )
    assert result.audit_event_id is None
    assert result.version == created.version


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"code": " "}, "code", "项目编号不能为空"),
        ({"name": ""}, "name", "项目名称不能为空"),
        ({"total_investment": "很多"}, "total_investment", "请输入数字"),
        ({"total_investment": -1}, "total_investment", "不能为负数"),
        ({"stage": "快完了"}, "stage", "不是有效的选项"),
        (
            {"planned_start": "2025-01-01", "planned_completion": "2024-01-01"},
            "planned_completion",
            "不能早于",
        ),
        ({"total_investment": 10, "annual_investment": 20}, "annual_investment", "不能超过总投资"),
        ({"planned_start": "明年"}, "planned_start", "请输入日期"),
    ],
)
def test_bad_values_name_the_field_and_change_nothing(empty_db, actor, values, field, message):
    with pytest.raises(ValidationFailed) as caught:
        _create(empty_db, actor, **values)
    assert message in caught.value.errors[field]
    with empty_db.session() as s:
        assert s.exec(select(Project)).all() == []
        assert s.exec(select(AuditEvent)).all() == []


def test_duplicate_code_is_refused(empty_db, actor):
    _create(empty_db, actor)
    with pytest.raises(ValidationFailed) as caught:
        _create(empty_db, actor, name="另一个")
    assert "已被使用" in caught.value.errors["code"]


def test_stale_version_is_a_conflict_not_a_silent_overwrite(empty_db, actor):
    created = _create(empty_db, actor)
    with empty_db.session() as s:
        projects.update_project(
            session=s,
            actor=actor,
            project_id=created.id,
            values={"name": "甲改的"},
            expected_version=created.version,
        )
    with pytest.raises(ConflictError), empty_db.session() as s:
        projects.update_project(
            session=s,
            actor=actor,
            project_id=created.id,
            values={"name": "乙改的"},
            expected_version=created.version,
        )
    with empty_db.session() as s:
        assert projects.get_project(session=s, project_id=created.id).name == "甲改的"


def test_delete_is_audited_and_refused_when_progress_exists(empty_db, actor):
    first = _create(empty_db, actor)
    second = _create(empty_db, actor, code="T-002", name="有填报的项目")
    with empty_db.session() as s:
        s.add(ProgressEntry(project_id=second.id, period_kind="month", period_key="2024-03"))
    with empty_db.session() as s:
        result = projects.delete_project(session=s, actor=actor, project_id=first.id)
        assert s.get(AuditEvent, result.audit_event_id).action == "delete"
    with pytest.raises(UserFacingError, match="1 条进展填报"), empty_db.session() as s:
        projects.delete_project(session=s, actor=actor, project_id=second.id)
    with empty_db.session() as s:
        assert [p.code for p in s.exec(select(Project))] == ["T-002"]


def test_viewer_cannot_write_whatever_the_gui_shows(empty_db):
    viewer = Actor(name="领导", role=Role.VIEWER)
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        projects.create_project(session=s, actor=viewer, values={"code": "X", "name": "X"})


def test_search_finds_chinese_substrings_pinyin_initials_and_unit_names(demo_db):
    def names(text: str) -> list[str]:
        with demo_db.session() as s:
            return [r.name for r in projects.list_projects(session=s, query=ListQuery(text=text))]

    assert "津兴城际铁路" in names("津兴城际")
    assert "津兴城际铁路" in names("jxcj")
    assert "津兴城际铁路" in names("JXCJ")
    assert "津兴城际铁路" in names("津興城際")  # Traditional input finds Simplified names
    assert any("天开" in n for n in names("天开"))
    assert names("不存在的项目名称xyz") == []
    with demo_db.session() as s:
        district_id = units.find_unit_by_name(session=s, name="滨海新区")
        by_district = projects.list_projects(
            session=s, query=ListQuery(unit_id=district_id), limit=1000
        )
        by_text = projects.list_projects(session=s, query=ListQuery(text="滨海新区"), limit=1000)
    assert by_district and all("滨海新区" in (r.district + r.lead_unit) for r in by_district)
    assert {r.id for r in by_district} <= {r.id for r in by_text}


def test_pages_count_and_sort_in_sql(demo_db):
    with demo_db.session() as s:
        total = projects.count_projects(session=s, query=ListQuery())
        first = projects.list_projects(
            session=s, query=ListQuery(sort="total_investment", descending=True), limit=10
        )
        rest = projects.list_projects(
            session=s,
            query=ListQuery(sort="total_investment", descending=True),
            offset=10,
            limit=1000,
        )
        in_stage = projects.count_projects(session=s, query=ListQuery(stage="under_construction"))
    assert total >= 30
    assert len(first) + len(rest) == total
    amounts = [r.total_investment or 0 for r in first + rest]
    assert amounts[:10] == sorted(amounts, reverse=True)[:10]
    assert 0 < in_stage < total


def test_a_save_racing_another_workstation_is_a_conflict(empty_db, actor):
    created = _create(empty_db, actor)
    with empty_db.session() as mine:
        stale = mine.get(Project, created.id)  # read here, before the other save
        assert stale.version == created.version
        with empty_db.session() as theirs:
            projects.update_project(
                session=theirs, actor=actor, project_id=created.id, values={"name": "他们的"}
            )
        with pytest.raises(ConflictError):
            projects.update_project(
                session=mine, actor=actor, project_id=created.id, values={"name": "我的"}
            )
    with empty_db.session() as s:
        assert projects.get_project(session=s, project_id=created.id).name == "他们的"
