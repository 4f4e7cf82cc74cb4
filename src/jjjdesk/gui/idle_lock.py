"""空闲锁定 (等保): after the session.idle_lock_minutes setting without keyboard or mouse input
the main window is covered and asks for the signed-in user's password again.

Only for databases with user accounts: a single-PC file without users has no one to ask.
The cover is a child of the window, so forms underneath keep what was typed. While locked,
input to anything but the cover is swallowed and the window refuses to close (closing could
ask to discard unsaved forms on someone else's behalf). The password is checked in the
worker, with the same counting and lockout as signing in (services/users.verify_password).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.worker import Worker

log = logging.getLogger(__name__)

# What counts as someone at the keyboard.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})
# Swallowed while locked unless meant for the cover.
BLOCKED_EVENTS = INPUT_EVENTS | {
    QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.ShortcutOverride,
}


class LockCover(QFrame):
    """The cover over the whole window: who is signed in, a password line, 解锁."""

    def __init__(self, username: str, parent: QWidget, asks: bool = True):
        super().__init__(parent, objectName="idleLockCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#idleLockCover { background: palette(window); }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame(self, objectName="idleLockBox")
        box.setFixedWidth(420)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("窗口已锁定"), objectName="idleLockTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        self.intro_label = QLabel(self.tr(
            "长时间无操作,窗口已锁定,未保存的内容仍在。请输入“{0}”的密码解锁。").format(username))
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.password_edit = QLineEdit(objectName="idleLockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("密码"))
        layout.addWidget(self.password_edit)
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet(dialogs.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.unlock_button = QPushButton(self.tr("解锁"), objectName="idleUnlockButton")
        self.unlock_button.setDefault(True)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()  # not an aligned item: that would lose the wrapped text's height
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.password_edit.returnPressed.connect(self.unlock_button.click)
        for widget in (self.intro_label, self.password_edit, self.unlock_button):
            widget.setVisible(asks)  # a window under an open dialog: the dialog's cover asks

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class IdleLock(QObject):
    """Watches the application's input; `interval_ms` overrides the setting (tests)."""

    def __init__(self, context: AppContext, window: QWidget, worker: Worker,
                 interval_ms: int | None = None):
        super().__init__(window)
        self.context, self.window, self.worker = context, window, worker
        self.cover: LockCover | None = None  # the one asking for the password
        self._covers: dict[QWidget, LockCover] = {}  # window or open dialog -> its cover
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self._checking = False
        context.closing.connect(self.stop)
        worker.submit(lambda: self._read_policy(context), lambda minutes: self._start(
            minutes, interval_ms), lambda exc: log.warning("idle lock not started: %s", exc))

    @staticmethod
    def _read_policy(context: AppContext) -> float:
        """The setting's minutes; 0 when the database has no users (nobody to ask)."""
        from jjjdesk.services import settings, users

        with context.db.session() as s:
            if not users.has_users(session=s):
                return 0
            return settings.get_setting(session=s, key="session.idle_lock_minutes")

    def _start(self, minutes: float, interval_ms: int | None) -> None:
        if not minutes or self.context.actor is None:
            return
        self.timer.setInterval(interval_ms if interval_ms is not None else int(minutes * 60_000))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.window.installEventFilter(self)
        self.timer.start()
        log.info("idle lock after %d ms", self.timer.interval())

    @property
    def locked(self) -> bool:
        return self.cover is not None

    def stop(self) -> None:
        """The database is closing: no more locking."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.removeEventFilter(self)
        self._uncover()

    def _uncover(self) -> None:
        for host, cover in self._covers.items():
            if host is not self.window:
                host.removeEventFilter(self)
            cover.deleteLater()
        self._covers.clear()
        self.cover = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self.cover is None:
            if kind in INPUT_EVENTS:
                self.timer.start()
            return False
        covering = self._covers.get(watched) if isinstance(watched, QWidget) else None
        if covering is not None and isinstance(watched, QWidget):
            if kind == QEvent.Type.Close:
                event.ignore()
                return True
            if kind == QEvent.Type.Resize:
                covering.setGeometry(watched.rect())
        if kind == QEvent.Type.Shortcut:  # sent to the action, not a widget: none while locked
            return True
        if kind in BLOCKED_EVENTS and isinstance(watched, QWidget):
            # The window's QWindow gets input first and hands it on, so only widgets are
            # filtered: the cover and what is on it are let through.
            return not (watched is self.cover or self.cover.isAncestorOf(watched))
        return False

    def lock(self) -> None:
        if self.cover is not None:
            return
        log.info("window locked after %d ms idle", self.timer.interval())
        # An open modal dialog takes all input: its own cover asks, the window's only hides.
        modal = QApplication.activeModalWidget()
        asking = modal if modal is not None and modal is not self.window else self.window
        for host in dict.fromkeys((self.window, asking)):
            cover = LockCover(self.context.actor.name, host, asks=host is asking)
            cover.setGeometry(host.rect())
            cover.show()
            cover.raise_()
            self._covers[host] = cover
            if host is not self.window:
                host.installEventFilter(self)
        self.cover = self._covers[asking]
        self.cover.unlock_button.clicked.connect(self._unlock)
        self.cover.password_edit.setFocus()

    def _unlock(self) -> None:
        if self.cover is None or self._checking:
            return
        password = self.cover.password_edit.text()
        if not password:
            self.cover.show_error(self.tr("请输入密码。"))
            return
        from jjjdesk.services import users

        self._checking = True
        self.cover.unlock_button.setEnabled(False)
        name = self.context.actor.name
        self.worker.submit(
            lambda: self.context.read(users.verify_password, username=name, password=password),
            self._unlocked, self._refused)

    def _unlocked(self, _result: Any) -> None:
        self._checking = False
        self._uncover()
        log.info("window unlocked by %s", self.context.actor.name)
        self.timer.start()

    def _refused(self, exc: BaseException) -> None:
        self._checking = False
        if self.cover is None:
            return
        self.cover.unlock_button.setEnabled(True)
        self.cover.password_edit.clear()
        self.cover.password_edit.setFocus()
        if isinstance(exc, UserFacingError):
            self.cover.show_error(str(exc))
        else:
            log.error("idle unlock failed: %s", exc)
            self.cover.show_error(self.tr("无法核对密码,请稍后再试。"))


def install_idle_lock(context: AppContext, window: QWidget, worker: Worker,
                      interval_ms: int | None = None) -> IdleLock:
    """The lock for the database just signed in to, replacing the previous database's."""
    previous = getattr(window, "idle_lock", None)
    if isinstance(previous, IdleLock):
        previous.stop()
    lock = IdleLock(context, window, worker, interval_ms)
    window.idle_lock = lock  # type: ignore[attr-defined]
    return lock
