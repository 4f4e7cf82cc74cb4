"""Users: first admin, sign-in, roles, password rules; the audit log never sees a hash."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, User
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import projects, units, users
from jjjdesk.services.permissions import PermissionDenied

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def with_admin(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    return demo_db


def test_first_admin_signs_in_and_only_once(with_admin):
    with with_admin.session() as s:
        actor = users.authenticate(session=s, username="admin", password="Admin#2024")
        assert actor == Actor("admin", Role.ADMIN, None)
        with pytest.raises(UserFacingError, match="已存在用户"):
            users.create_first_admin(session=s, username="evil", password="whatever123")


@pytest.mark.parametrize(("username", "password"), [("admin", "wrong-password"), ("nobody", "x")])
def test_wrong_credentials_get_one_message_that_reveals_nothing(with_admin, username, password):
    with pytest.raises(UserFacingError) as caught, with_admin.session() as s:
        users.authenticate(session=s, username=username, password=password)
    assert str(caught.value) == "用户名或密码错误。"


def test_reporter_is_bound_to_a_unit_and_must_change_the_temporary_password(with_admin):
    with with_admin.session() as s:
        unit_id = units.find_unit_by_name(session=s, name="武清区")
        with pytest.raises(ValidationFailed) as caught:
            users.create_user(
                session=s, actor=ADMIN, username="wq", password="Temp#12345", role="reporter"
            )
        assert "绑定一个单位" in caught.value.errors["unit_id"]
        users.create_user(
            session=s,
            actor=ADMIN,
            username="wq",
            password="Temp#12345",
            role="reporter",
            unit_id=unit_id,
        )
    with with_admin.session() as s:
        actor = users.authenticate(session=s, username="wq", password="Temp#12345")
        assert (actor.role, actor.unit_id) == (Role.REPORTER, unit_id)
        assert users.must_change_password(session=s, username="wq")
        users.change_own_password(
            session=s, username="wq", old_password="Temp#12345", new_password="Mine#67890"
        )
    with with_admin.session() as s:
        assert not users.must_change_password(session=s, username="wq")
        users.authenticate(session=s, username="wq", password="Mine#67890")


def test_only_admins_manage_users_and_the_last_admin_stays(with_admin):
    coordinator = Actor("c", Role.COORDINATOR)
    with pytest.raises(PermissionDenied), with_admin.session() as s:
        users.create_user(
            session=s, actor=coordinator, username="x", password="Pass#12345", role="viewer"
        )
    with with_admin.session() as s:
        admin_id = s.exec(select(User.id).where(User.username == "admin")).one()
        with pytest.raises(UserFacingError, match="至少要保留一个"):
            users.update_user(session=s, actor=ADMIN, user_id=admin_id, values={"active": False})


def test_deactivated_user_cannot_sign_in(with_admin):
    with with_admin.session() as s:
        created = users.create_user(
            session=s, actor=ADMIN, username="v", password="Pass#12345", role="viewer"
        )
        users.update_user(session=s, actor=ADMIN, user_id=created.id, values={"active": False})
    with pytest.raises(UserFacingError, match="停用"), with_admin.session() as s:
        users.authenticate(session=s, username="v", password="Pass#12345")


def test_a_viewer_signed_in_writes_nothing(with_admin):
    with with_admin.session() as s:
        users.create_user(
            session=s, actor=ADMIN, username="leader", password="Pass#12345", role="viewer"
        )
        viewer = users.authenticate(session=s, username="leader", password="Pass#12345")
    with pytest.raises(PermissionDenied), with_admin.session() as s:
        projects.create_project(session=s, actor=viewer, values={"code": "V", "name": "V"})


def test_password_hashes_are_argon2_and_never_in_the_audit_log(with_admin):
    with with_admin.session() as s:
        created = users.create_user(
            session=s, actor=ADMIN, username="h", password="Pass#12345", role="viewer"
        )
        users.reset_password(session=s, actor=ADMIN, user_id=created.id, new_password="New#123456")
    with with_admin.session() as s:
        stored = s.get(User, created.id).password_hash
        logged = " ".join(e.changes for e in s.exec(select(AuditEvent)))
    assert stored.startswith("$argon2id$")
    assert "argon2" not in logged and "Pass#12345" not in logged


def test_password_rules_for_dengbao(with_admin):
    """10+ characters from three classes, not the login name; checked on every path."""
    from jjjdesk.errors import ValidationFailed

    cases = {
        "Short#1": "至少 10 位",
        "alllowercase1": "至少三类",
        "NoDigitsHere": "至少三类",
        "Zhangsan#1": None,
    }
    for password, problem in cases.items():
        with with_admin.session() as s:
            if problem is None:
                users.create_user(session=s, actor=ADMIN, username=f"u{len(password)}",
                                  password=password, role="viewer")
                continue
            with pytest.raises(ValidationFailed, match=problem):
                users.create_user(session=s, actor=ADMIN, username="x", password=password,
                                  role="viewer")
    with with_admin.session() as s, pytest.raises(ValidationFailed, match="不能与用户名相同"):
        users.create_user(session=s, actor=ADMIN, username="Wang#2024ab", password="wang#2024AB",
                          role="viewer")


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(with_admin, monkeypatch):
    from datetime import timedelta

    from jjjdesk.services import users as users_service

    with with_admin.session() as s:
        users.create_user(session=s, actor=ADMIN, username="wq", password="Temp#12345",
                          role="viewer")
    for _ in range(4):
        with with_admin.session() as s, pytest.raises(UserFacingError, match="用户名或密码错误"):
            users.authenticate(session=s, username="wq", password="Wrong#12345")
    with with_admin.session() as s, pytest.raises(UserFacingError, match="已锁定至"):
        users.authenticate(session=s, username="wq", password="Wrong#12345")
    with with_admin.session() as s, pytest.raises(UserFacingError, match="已锁定至"):
        users.authenticate(session=s, username="wq", password="Temp#12345")  # even the right one
    later = users_service.now() + timedelta(minutes=16)
    monkeypatch.setattr(users_service, "now", lambda: later)
    with with_admin.session() as s:
        assert users.authenticate(session=s, username="wq", password="Temp#12345").name
        user = s.exec(select(User).where(User.username == "wq")).one()
        assert (user.failed_logins, user.locked_until) == (0, None)
