"""Accounts (等保): passwords expire, sign-ins and refusals are audited, 上次登录 is shown."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, User
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import settings, users
from jjjdesk.services.audit import local_time
from jjjdesk.services.audit_text import action_label
from jjjdesk.services.permissions import PermissionDenied

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def db(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
        users.create_user(session=s, actor=ADMIN, username="wq", password="Temp#12345",
                          role="viewer")
    with demo_db.session() as s:
        users.change_own_password(session=s, username="wq", old_password="Temp#12345",
                                  new_password="Mine#67890")
    return demo_db


def _changed_at(db, username: str) -> datetime:
    with db.session() as s:
        user = s.exec(select(User).where(User.username == username)).one()
        moment = user.password_changed_at
    assert moment is not None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _events(db, action: str) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def test_every_way_of_setting_a_password_notes_when(db):
    before = datetime.now(UTC) - timedelta(minutes=1)
    assert _changed_at(db, "admin") > before
    changed = _changed_at(db, "wq")
    with db.session() as s:
        uid = users.find_user_id(session=s, username="wq")
        assert uid is not None
        users.reset_password(session=s, actor=ADMIN, user_id=uid, new_password="Reset#12345")
    assert _changed_at(db, "wq") >= changed
    with db.session() as s:  # an admin's reset: the user sets their own at the next sign-in
        result = users.sign_in(session=s, username="wq", password="Reset#12345")
        assert (result.must_change_password, result.expired) == (True, False)
        listed = {v.username: v for v in users.list_users(session=s, actor=ADMIN)}
    assert listed["wq"].password_changed_at is not None


def test_a_password_older_than_the_setting_must_be_changed_first(db):
    changed = _changed_at(db, "wq")
    with db.session() as s:  # default 90 days
        day_89 = users.sign_in(session=s, username="wq", password="Mine#67890",
                               moment=changed + timedelta(days=89))
        assert (day_89.must_change_password, day_89.expired) == (False, False)
        day_90 = users.sign_in(session=s, username="wq", password="Mine#67890",
                               moment=changed + timedelta(days=90))
        assert (day_90.must_change_password, day_90.expired) == (True, True)
        settings.set_setting(session=s, actor=ADMIN, key="password.max_age_days", value=0)
    with db.session() as s:  # 0: never
        never = users.sign_in(session=s, username="wq", password="Mine#67890",
                              moment=changed + timedelta(days=3650))
        assert not never.must_change_password
        settings.set_setting(session=s, actor=ADMIN, key="password.max_age_days", value=30)
    with db.session() as s:
        assert users.sign_in(session=s, username="wq", password="Mine#67890",
                             moment=changed + timedelta(days=31)).expired
        users.change_own_password(session=s, username="wq", old_password="Mine#67890",
                                  new_password="Next#67890")
    with db.session() as s:  # changing it starts the clock again
        assert not users.sign_in(session=s, username="wq", password="Next#67890").expired


def test_account_security_settings_are_checked_and_for_admins_only(db):
    with db.session() as s:
        with pytest.raises(ValidationFailed, match="0到365"):
            settings.set_setting(session=s, actor=ADMIN, key="password.max_age_days", value=400)
        with pytest.raises(ValidationFailed, match="0到240"):
            settings.set_setting(session=s, actor=ADMIN, key="session.idle_lock_minutes",
                                 value=241)
        with pytest.raises(PermissionDenied, match="只有管理员"):
            settings.set_setting(session=s, actor=Actor("c", Role.COORDINATOR),
                                 key="session.idle_lock_minutes", value=0)
        assert settings.get_setting(session=s, key="session.idle_lock_minutes") == 15


def test_sign_ins_failures_and_lockouts_are_audited_without_passwords(db):
    with db.session() as s:
        users.sign_in(session=s, username="wq", password="Mine#67890")
    with db.session() as s, pytest.raises(UserFacingError):
        users.sign_in(session=s, username="ghost", password="Guess#12345")
    for _ in range(users.MAX_FAILED_LOGINS):
        with db.session() as s, pytest.raises(UserFacingError):
            users.sign_in(session=s, username="wq", password="Wrong#12345")
    with db.session() as s, pytest.raises(UserFacingError, match="已锁定"):
        users.sign_in(session=s, username="wq", password="Mine#67890")
    logins = _events(db, "login")
    assert [(e.actor, e.summary) for e in logins] == [("wq", "用户 wq 登录")]
    failed = _events(db, "login_failed")
    assert [e.summary for e in failed] == (
        ["以用户名“ghost”登录失败:用户名不存在"]
        + ["以用户名“wq”登录失败:密码错误"] * (users.MAX_FAILED_LOGINS - 1)
        + ["以用户名“wq”登录失败:账号已锁定,拒绝登录"])
    assert failed[0].entity_id is None and failed[1].entity_id == logins[0].entity_id
    (locked,) = _events(db, "lockout")
    assert "连续输错 5 次" in locked.summary
    everything = json.dumps([(e.summary, e.changes) for e in failed + [locked] + logins])
    assert "Wrong#12345" not in everything and "Guess#12345" not in everything
    assert (action_label("login_failed"), action_label("lockout")) == ("登录失败", "账号锁定")


def test_the_sign_in_says_when_the_last_one_was_and_what_failed_since(db):
    with db.session() as s:
        first = users.sign_in(session=s, username="wq", password="Mine#67890")
    assert first.previous_sign_in is None and first.failed_since == 0
    a_minute_ago = datetime.now(UTC) - timedelta(minutes=1)  # audit times are whole seconds
    with db.session() as s:
        second = users.sign_in(session=s, username="wq", password="Mine#67890",
                               moment=a_minute_ago)
    assert second.previous_sign_in is not None and second.failed_since == 0
    for _ in range(2):
        with db.session() as s, pytest.raises(UserFacingError):
            users.sign_in(session=s, username="wq", password="Wrong#12345")
    with db.session() as s:
        third = users.sign_in(session=s, username="wq", password="Mine#67890")
    assert third.failed_since == 2
    assert local_time(third.previous_sign_in) == local_time(a_minute_ago)
    with db.session() as s:  # counted once: the next sign-in starts afresh
        assert users.sign_in(session=s, username="wq", password="Mine#67890").failed_since == 0


def test_the_idle_lock_check_counts_wrong_passwords_like_signing_in(db):
    with db.session() as s:
        users.verify_password(session=s, username="wq", password="Mine#67890")
    with db.session() as s, pytest.raises(UserFacingError, match="用户名或密码错误"):
        users.verify_password(session=s, username="wq", password="Wrong#12345")
    with db.session() as s:
        user = s.exec(select(User).where(User.username == "wq")).one()
        assert user.failed_logins == 1
    assert _events(db, "login") == []  # unlocking is not a new sign-in
