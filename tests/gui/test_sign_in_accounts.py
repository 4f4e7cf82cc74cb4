"""Signing in (等保): an expired password is changed before the window opens; the window then
says when this account last signed in and how many sign-ins failed since."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import User, now
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import sign_in
from jjjdesk.gui.login_dialog import LoginDialog
from jjjdesk.services import users
from jjjdesk.services.audit import local_time

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def db(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    return demo_db


def _answer(qtbot, password: str, new_password: str = "", seen: list | None = None):
    def answer(dialog):
        qtbot.addWidget(dialog)
        if seen is not None:
            seen.append(dialog)
        if isinstance(dialog, LoginDialog):
            dialog.username_edit.setText("admin")
            dialog.password_edit.setText(password)
        else:
            dialog.new_edit.setText(new_password)
            dialog.again_edit.setText(new_password)
        dialog.ok_button.click()
        return dialog.result()

    return answer


def test_an_expired_password_is_changed_first(db, qtbot, monkeypatch):
    with db.session() as s:
        user = s.exec(select(User).where(User.username == "admin")).one()
        user.password_changed_at = now() - timedelta(days=91)  # the default is 90 days
    seen: list = []
    monkeypatch.setattr(sign_in, "run_dialog", _answer(qtbot, "Admin#2024", "Fresh#2024x", seen))
    assert sign_in.choose_actor(db, Actor.local()) == Actor("admin", Role.ADMIN, None)
    assert "已超过有效期" in seen[1].intro_label.text()
    with db.session() as s:
        assert users.authenticate(session=s, username="admin", password="Fresh#2024x")


def test_the_note_says_the_previous_sign_in_and_the_failures_since(db, qtbot, monkeypatch):
    a_minute_ago = now() - timedelta(minutes=1)  # audit times are whole seconds
    with db.session() as s:
        first = users.sign_in(session=s, username="admin", password="Admin#2024",
                              moment=a_minute_ago)
    assert sign_in.sign_in_note(first) == "首次登录。"
    for _ in range(2):
        with db.session() as s, pytest.raises(UserFacingError):
            users.sign_in(session=s, username="admin", password="Wrong#20245")
    monkeypatch.setattr(sign_in, "run_dialog", _answer(qtbot, "Admin#2024"))
    assert sign_in.choose_actor(db, Actor.local()) is not None
    shown = local_time(a_minute_ago).strftime("%Y-%m-%d %H:%M")
    assert sign_in.take_sign_in_note() == (
        f"上次登录:{shown}。此后有 2 次登录失败,如非本人操作请联系管理员。")
    assert sign_in.take_sign_in_note() == ""  # shown once
