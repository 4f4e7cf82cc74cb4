"""Every role × every writing service: allowed, or refused by the service with PermissionDenied.

Runs on SQLite and, with JJJDESK_TEST_PG_URL, on PostgreSQL (see ../conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from progress_registry import COORDINATOR, build

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.period import Period
from jjjdesk.services import (
    entries,
    indicators,
    projects,
    review,
    rounds,
    settings,
    tasks,
    units,
    users,
)
from jjjdesk.services.permissions import PermissionDenied

GOOD = {"assessment": "正常推进", "completion_pct": 40, "progress": "完成征地拆迁"}
ROLES = ("admin", "coordinator", "reporter_own", "reporter_other", "viewer")


class World:
    """A registry with an open round, a submitted entry and a user, per test."""

    def __init__(self, db, with_users: bool):
        self.db = db
        self.reg = build(db)
        with db.session() as s:
            rnd = rounds.create_round(
                session=s,
                actor=COORDINATOR,
                period=Period.month(2024, 3),
                deadline=date(2024, 4, 5),
                scope=rounds.RoundScope(unit_ids=(self.reg.unit_a, self.reg.unit_b)),
            )
            self.round_id = rnd.id
            b = self.reg.reporter(self.reg.unit_b)
            saved = entries.save_entry(
                session=s, actor=b, subject=self.reg.task_b, round_id=rnd.id, values=GOOD
            )
            entries.submit_entry(session=s, actor=b, entry_id=saved.entry_id)
            self.submitted = saved.entry_id
            a = self.reg.reporter(self.reg.unit_a)
            draft = entries.save_entry(
                session=s, actor=a, subject=self.reg.task_a, round_id=rnd.id, values=GOOD
            )
            self.draft_a = draft.entry_id
        if not with_users:  # argon2 hashing is slow on purpose: only where it is needed
            return
        with db.session() as s:
            users.create_first_admin(session=s, username="root", password="Root#2024x")
        with db.session() as s:
            self.user_id = users.create_user(
                session=s,
                actor=Actor("root", Role.ADMIN),
                username="viewer1",
                password="View#12345",
                role="viewer",
            ).id

    def actor(self, role: str) -> Actor:
        return {
            "admin": Actor("管理员", Role.ADMIN),
            "coordinator": Actor("协同办", Role.COORDINATOR),
            # the draft entry below belongs to unit A
            "reporter_own": Actor("A填报员", Role.REPORTER, self.reg.unit_a),
            "reporter_other": Actor("B填报员", Role.REPORTER, self.reg.unit_b),
            "viewer": Actor("领导", Role.VIEWER),
        }[role]


def _unit_create(w, s, a):
    units.create_unit(session=s, actor=a, values={"name": "新单位", "kind": "department"})


def _unit_update(w, s, a):
    units.update_unit(session=s, actor=a, unit_id=w.reg.unit_a, values={"note": "改"})


def _unit_delete(w, s, a):
    new = units.create_unit(
        session=s, actor=COORDINATOR, values={"name": "待删单位", "kind": "department"}
    )
    units.delete_unit(session=s, actor=a, unit_id=new.id)


def _task_update(w, s, a):
    tasks.update_task(session=s, actor=a, task_id=w.reg.task_a.id, values={"content": "新内容"})


def _project_create(w, s, a):
    projects.create_project(session=s, actor=a, values={"code": "M-1", "name": "矩阵项目"})


def _project_update(w, s, a):
    projects.update_project(
        session=s, actor=a, project_id=w.reg.project_b.id, values={"description": "改"}
    )


def _project_delete(w, s, a):
    projects.delete_project(session=s, actor=a, project_id=w.reg.project_b.id)


def _indicator_create(w, s, a):
    indicators.create_indicator(
        session=s,
        actor=a,
        values={
            "plan_id": w.reg.plan,
            "name": "矩阵指标",
            "measure": "%",
            "target_year": 2027,
            "target_value": 10,
            "direction": "up",
        },
    )


def _round_create(w, s, a):
    rounds.create_round(session=s, actor=a, period=Period.month(2024, 4), deadline=date(2024, 5, 5))


def _round_close(w, s, a):
    rounds.set_round_state(session=s, actor=a, round_id=w.round_id, state="closed")


def _entry_save(w, s, a):
    entries.save_entry(
        session=s, actor=a, subject=w.reg.task_a, round_id=w.round_id, values={"completion_pct": 55}
    )


def _entry_submit(w, s, a):
    entries.submit_entry(session=s, actor=a, entry_id=w.draft_a)


def _approve(w, s, a):
    review.approve_entry(session=s, actor=a, entry_id=w.submitted)


def _return(w, s, a):
    review.return_entry(session=s, actor=a, entry_id=w.submitted, comment="请核实")


def _reopen(w, s, a):
    review.approve_entry(session=s, actor=COORDINATOR, entry_id=w.submitted)
    review.reopen_entry(session=s, actor=a, entry_id=w.submitted, reason="数据有误")


def _user_create(w, s, a):
    users.create_user(session=s, actor=a, username="new1", password="Pass#12345", role="viewer")


def _user_update(w, s, a):
    users.update_user(session=s, actor=a, user_id=w.user_id, values={"display_name": "改名"})


def _user_reset(w, s, a):
    users.reset_password(session=s, actor=a, user_id=w.user_id, new_password="Reset#1234")


def _user_list(w, s, a):
    users.list_users(session=s, actor=a)


def _setting(w, s, a):
    settings.set_setting(session=s, actor=a, key="lag.grace_days", value=7)


def _import(w, s, a):
    imports = pytest.importorskip("jjjdesk.importing.batch")
    imports.undo_import(session=s, actor=a, batch_id=999_999)


OFFICE = {"admin", "coordinator"}
REPORTERS = {"reporter_own", "reporter_other"}
ALL = set(ROLES)
# service → roles allowed (everyone else must get PermissionDenied)
MATRIX: dict[str, tuple[Callable, set[str]]] = {
    "unit.create": (_unit_create, OFFICE),
    "unit.update": (_unit_update, OFFICE),
    "unit.delete": (_unit_delete, OFFICE),
    "task.update": (_task_update, OFFICE),
    "project.create": (_project_create, OFFICE),
    "project.update": (_project_update, OFFICE),
    "project.delete": (_project_delete, OFFICE),
    "indicator.create": (_indicator_create, OFFICE),
    "round.create": (_round_create, OFFICE),
    "round.close": (_round_close, OFFICE),
    "entry.save": (_entry_save, OFFICE | {"reporter_own"}),
    "entry.submit": (_entry_submit, OFFICE | {"reporter_own"}),
    "review.approve": (_approve, OFFICE),
    "review.return": (_return, OFFICE),
    "review.reopen": (_reopen, OFFICE),
    "user.create": (_user_create, {"admin"}),
    "user.update": (_user_update, {"admin"}),
    "user.reset_password": (_user_reset, {"admin"}),
    "user.list": (_user_list, {"admin"}),
    "settings.set": (_setting, OFFICE),
    "import.undo": (_import, OFFICE),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", sorted(MATRIX))
def test_permission_matrix(empty_db, service, role):
    world = World(empty_db, with_users=service.startswith("user."))
    call, allowed = MATRIX[service]
    actor = world.actor(role)
    if role in allowed:
        try:
            with world.db.session() as s:
                call(world, s, actor)
        except PermissionDenied as exc:  # pragma: no cover - the failure message says why
            pytest.fail(f"{role} was refused {service}: {exc}")
        except Exception as exc:  # noqa: BLE001 - allowed means "not refused for the role"
            if service != "import.undo":
                raise
            assert "不存在" in str(exc)
    else:
        with pytest.raises(PermissionDenied), world.db.session() as s:
            call(world, s, actor)
