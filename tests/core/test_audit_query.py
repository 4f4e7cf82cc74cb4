"""The audit page's query: filters by user, unit, record type and time; paged; readable text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent
from jjjdesk.services import audit, projects, units, users
from jjjdesk.services.audit import AuditFilter
from jjjdesk.services.audit_text import describe_changes

ADMIN = Actor("admin", Role.ADMIN)


def _setup(db):
    with db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    with db.session() as s:
        unit_id = units.find_unit_by_name(session=s, name="武清区")
        users.create_user(
            session=s,
            actor=ADMIN,
            username="wq",
            password="Temp#12345",
            role="reporter",
            unit_id=unit_id,
        )
        base = audit.count_events(session=s)
    coordinator = Actor("小王", Role.COORDINATOR)
    with db.session() as s:
        for n in range(7):
            projects.create_project(
                session=s, actor=coordinator, values={"code": f"A-{n}", "name": f"审计测试{n}"}
            )
        units.update_unit(
            session=s, actor=coordinator, unit_id=unit_id, values={"contact_person": "=HYPERLINK()"}
        )
    return unit_id, base


def test_filters_and_paging(demo_db):
    unit_id, base = _setup(demo_db)
    with demo_db.session() as s:
        total = audit.count_events(session=s)
        assert audit.count_filtered(session=s, filters=AuditFilter()) == total
        mine = AuditFilter(actor="小王")
        assert audit.count_filtered(session=s, filters=mine) == 8
        first = audit.query_events(session=s, filters=mine, offset=0, limit=5)
        second = audit.query_events(session=s, filters=mine, offset=5, limit=5)
        assert len(first) == 5 and len(second) == 3
        ids = [e.id for e in first + second]
        assert ids == sorted(ids, reverse=True) and len(set(ids)) == 8
        kinds = AuditFilter(actor="小王", entity="project")
        assert audit.count_filtered(session=s, filters=kinds) == 7
        # By unit: the unit record itself (and its users' own actions, and its entries).
        by_unit = audit.query_events(session=s, filters=AuditFilter(unit_id=unit_id))
        assert [(e.entity, e.entity_id) for e in by_unit][0] == ("unit", unit_id)
        assert "小王" in audit.actor_choices(session=s)
        assert {"project", "unit", "user"} <= set(audit.entity_choices(session=s))


def test_time_range_is_half_open_and_works_with_local_times(demo_db):
    _setup(demo_db)
    old = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    with demo_db.session() as s:
        first_id = audit.query_events(session=s, filters=AuditFilter(actor="小王"))[-1].id
        # Move one event back in time (verify_chain would notice; the query does not care).
        s.execute(update(AuditEvent).where(AuditEvent.id == first_id).values(at=old))
    with demo_db.session() as s:
        in_march = AuditFilter(
            start=datetime(2024, 3, 5, tzinfo=UTC), end=datetime(2024, 3, 6, tzinfo=UTC)
        )
        assert [e.id for e in audit.query_events(session=s, filters=in_march)] == [first_id]
        before = AuditFilter(end=old)  # the end is exclusive
        assert audit.count_filtered(session=s, filters=before) == 0
        recent = AuditFilter(start=datetime.now(UTC) - timedelta(hours=1), actor="小王")
        assert audit.count_filtered(session=s, filters=recent) == 7
        local = audit.local_time(audit.get_event(session=s, event_id=first_id).at)
        assert local.utcoffset() is not None and local.astimezone(UTC) == old


def test_changes_read_as_labelled_old_to_new(demo_db):
    _setup(demo_db)
    with demo_db.session() as s:
        update_event = audit.query_events(session=s, filters=AuditFilter(entity="unit"))[0]
        create_event = audit.query_events(session=s, filters=AuditFilter(entity="project"))[0]
        reset = audit.query_events(session=s, filters=AuditFilter(entity="user"))[0]
    assert any(
        line.startswith("联系人:") and line.endswith(" → =HYPERLINK()")
        for line in describe_changes(update_event.changes)
    )
    created = describe_changes(create_event.changes)
    assert "编号:→ A-6" in created and "名称:→ 审计测试6" in created
    assert not any("version" in line or "sort_key" in line for line in created)
    assert all("password_hash" not in line for line in describe_changes(reset.changes))
