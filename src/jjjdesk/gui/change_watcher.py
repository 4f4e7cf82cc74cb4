"""Other workstations' changes without restarting: NOTIFY on PostgreSQL, a light poll always.

The newest audit id is the change counter (services/changes.py). On SQLite the counter is
polled every few seconds; on PostgreSQL a LISTEN thread wakes the watcher at once and a slow
poll covers lost notifications. Polls run in their own one-thread worker, so a slow or dead
server never freezes the window; a lost connection is reported once and retried.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

log = logging.getLogger(__name__)

FAST_POLL_MS = 3000  # SQLite, and PostgreSQL while the connection is lost
SLOW_POLL_MS = 30000  # PostgreSQL with a listener


class ChangeWatcher(QObject):
    changed = Signal(str)  # an entity someone else changed
    connection_lost = Signal(str)  # the message to show
    connection_restored = Signal()
    _notified = Signal(str)  # from the LISTEN thread; queued to the GUI thread

    def __init__(self, context: AppContext, parent: QObject | None = None):
        super().__init__(parent or context)
        self.context = context
        self.worker = Worker(self)
        self.last_seen: int | None = None
        self.lost = False
        self._polling = False
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self._notified.connect(self._on_notify)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        from jjjdesk.db.notify import listen
        from jjjdesk.services.changes import CHANNEL

        self._listener = listen(self.context.db.url, CHANNEL, self._notified.emit, self._stop)
        self.timer.start(SLOW_POLL_MS if self.listening else FAST_POLL_MS)
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
        self._stop.set()
        self.worker.wait(10000)
        if self._listener is not None:
            self._listener.join(5)
            self._listener = None

    @Slot(str)
    def _on_notify(self, _payload: str) -> None:
        self.poll()

    def poll(self) -> None:
        """Ask for news in the worker (one poll at a time)."""
        if self._polling or self._stop.is_set():
            return
        self._polling = True
        since = self.last_seen
        self.worker.submit(lambda: self._read(since), self._done, self._failed)

    def _read(self, since: int | None):
        from jjjdesk.services import changes

        with self.context.db.session() as s:
            if since is None:
                return changes.latest_change(session=s), []
            news = changes.changes_since(session=s, event_id=since)
            latest = news[-1].event_id if news else since
            return latest, news

    def _done(self, result) -> None:
        self._polling = False
        latest, news = result
        if self.lost:
            self.lost = False
            self.timer.setInterval(SLOW_POLL_MS if self.listening else FAST_POLL_MS)
            self.connection_restored.emit()
        self.last_seen = latest
        # This window's own writes come back too: one extra refresh, never a missed one
        # (the same user may work on two workstations).
        for entity in dict.fromkeys(c.entity for c in news):
            self.changed.emit(entity)
        if len(news) >= 500:
            self.poll()  # more waiting

    def _failed(self, exc: BaseException) -> None:
        from jjjdesk.db.errors import CONNECTION_LOST, describe

        self._polling = False
        message = describe(exc)
        if message is None:
            log.error("change poll failed", exc_info=exc)
            message = CONNECTION_LOST
        else:
            log.warning("change poll: %s", exc)
        if not self.lost:
            self.lost = True
            self.timer.setInterval(FAST_POLL_MS)
            self.connection_lost.emit(message)


def watch(context: AppContext, status_bar) -> ChangeWatcher:
    """Start watching `context`'s database; news refreshes the pages, trouble the status bar."""
    watcher = ChangeWatcher(context)
    watcher.changed.connect(context.changed.emit)
    watcher.connection_lost.connect(
        lambda text: status_bar.showMessage(watcher.tr("{0}正在重试…").format(text))
    )
    watcher.connection_restored.connect(
        lambda: status_bar.showMessage(watcher.tr("已重新连接数据库服务器。"), 5000)
    )
    context.closing.connect(watcher.stop)
    watcher.start()
    return watcher
