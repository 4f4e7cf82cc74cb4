"""One serialised worker for database and file work; results come back to the GUI by signal."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], signals: _Signals):
        super().__init__()
        self.job_id = job_id
        self.fn = fn
        self.signals = signals

    def run(self) -> None:  # worker thread: never touch a widget here
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, logged there
            self.signals.failed.emit(self.job_id, exc)
        else:
            self.signals.done.emit(self.job_id, result)


class Worker(QObject):
    """Runs jobs one at a time off the GUI thread; callbacks run on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        # Connected to slots of this GUI-thread object, so delivery is queued to the GUI thread.
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> int:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(job_id, fn, self._signals))
        return job_id

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_done(self, job_id: int, result: Any) -> None:
        on_done, _ = self._finish(job_id)
        on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: BaseException) -> None:
        _, on_error = self._finish(job_id)
        on_error(exc)

    def _finish(self, job_id: int):
        callbacks = self._pending.pop(job_id)
        if not self._pending:
            self.busy_changed.emit(False)
        return callbacks
