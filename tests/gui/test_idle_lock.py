"""空闲锁定: the window covers itself after the idle interval and asks for the password again;
a wrong one is refused and counted, the right one unlocks with the forms as they were."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import User
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.idle_lock import install_idle_lock
from jjjdesk.gui.worker import Worker
from jjjdesk.services import users

ADMIN = Actor("admin", Role.ADMIN)
INTERVAL_MS = 150


def _window(qtbot, context):
    from jjjdesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(context)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _with_user(demo_db) -> AppContext:
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
        users.create_user(session=s, actor=ADMIN, username="wq", password="Temp#12345",
                          role="coordinator")
    return AppContext(demo_db, Actor("wq", Role.COORDINATOR))


def test_locks_after_the_interval_and_asks_for_the_password(demo_db, qtbot):
    win = _window(qtbot, _with_user(demo_db))
    typed = QLineEdit(win.centralWidget(), objectName="unsavedField")
    typed.setText("未保存的内容")
    lock = install_idle_lock(win.context, win, Worker(win), interval_ms=INTERVAL_MS)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    cover = lock.cover
    assert cover is not None and cover.isVisible()
    assert cover.geometry() == win.rect()
    assert "“wq”的密码" in cover.intro_label.text()

    qtbot.keyClicks(typed, "x")  # the form underneath takes no input while locked
    assert typed.text() == "未保存的内容"

    qtbot.keyClicks(cover.password_edit, "Wrong#12345")
    qtbot.mouseClick(cover.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cover.error_label.isVisible(), timeout=5000)
    assert cover.error_label.text() == "用户名或密码错误。"
    assert lock.locked and cover.password_edit.text() == ""
    with demo_db.session() as s:
        assert s.exec(select(User.failed_logins).where(User.username == "wq")).one() == 1

    qtbot.keyClicks(cover.password_edit, "Temp#12345")
    qtbot.keyClick(cover.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    assert typed.text() == "未保存的内容"
    qtbot.keyClicks(typed, "!")
    assert typed.text() == "未保存的内容!"
    lock.stop()
    win.context = None


def test_input_keeps_the_window_unlocked(demo_db, qtbot):
    win = _window(qtbot, _with_user(demo_db))
    lock = install_idle_lock(win.context, win, Worker(win), interval_ms=400)
    qtbot.waitUntil(lambda: lock.timer.isActive(), timeout=5000)
    for _ in range(6):
        qtbot.wait(150)
        qtbot.mouseMove(win, win.rect().center())
        qtbot.keyClick(win, Qt.Key.Key_Shift)
    assert not lock.locked
    lock.stop()
    win.context = None


def test_a_single_pc_file_without_users_never_locks(demo_db, qtbot):
    win = _window(qtbot, AppContext(demo_db, ADMIN))
    lock = install_idle_lock(win.context, win, Worker(win), interval_ms=50)
    qtbot.wait(600)
    assert not lock.locked and not lock.timer.isActive()
    win.context = None


def test_the_setting_at_zero_turns_the_lock_off(demo_db, qtbot):
    from jjjdesk.services import settings

    context = _with_user(demo_db)
    with demo_db.session() as s:
        settings.set_setting(session=s, actor=ADMIN, key="session.idle_lock_minutes", value=0)
    win = _window(qtbot, context)
    lock = install_idle_lock(context, win, Worker(win), interval_ms=50)
    qtbot.wait(600)
    assert not lock.locked
    win.context = None


def test_an_open_dialog_is_covered_too_and_its_cover_asks(demo_db, qtbot):
    from PySide6.QtWidgets import QDialog

    win = _window(qtbot, _with_user(demo_db))
    dialog = QDialog(win)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.resize(500, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    lock = install_idle_lock(win.context, win, Worker(win), interval_ms=INTERVAL_MS)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    cover = lock.cover
    assert cover is not None and cover.parentWidget() is dialog
    assert not dialog.close() and dialog.isVisible()  # nobody closes it while locked
    qtbot.keyClicks(cover.password_edit, "Temp#12345")
    qtbot.keyClick(cover.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    assert dialog.isVisible()
    dialog.close()
    lock.stop()
    win.context = None
