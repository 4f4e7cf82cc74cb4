"""One serialised worker for database and file work; results come back to the GUI by signal.

`submit(fn, on_done, on_error)` runs `fn()`; `start(fn, …)` runs `fn(progress, cancel)` for
long operations that report progress and stop when asked (see `progress_dialog`).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from jjjdesk.progress import ProgressFn

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second reach the GUI thread


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)  # job id, done, total


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


class Job:
    """A started long operation: ask it to stop with `cancel()`."""

    def __init__(self, job_id: int):
        self.id = job_id
        self.cancel_event = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Throttle:
    """Progress callback for the worker thread: emits at most every PROGRESS_INTERVAL_S."""

    def __init__(self, job_id: int, signals: _Signals):
        self.job_id = job_id
        self.signals = signals
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self.signals.progressed.emit(self.job_id, int(done), int(total))


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
        self._signals.progressed.connect(self._on_progress)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}
        self._progress: dict[int, Callable[[int, int], None]] = {}
        self._jobs: dict[int, Job] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> int:
        job_id = next(self._ids)
        self._submit(job_id, fn, on_done, on_error)
        return job_id

    def start(
        self,
        fn: Callable[[ProgressFn, threading.Event], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """Run `fn(progress, cancel)`; `on_progress(done, total)` runs on the GUI thread.

        `fn` checks `cancel` (a threading.Event) and raises `jjjdesk.errors.Cancelled`;
        that arrives in `on_error` like any other exception.
        """
        job_id = next(self._ids)
        job = Job(job_id)
        self._jobs[job_id] = job
        if on_progress is not None:
            self._progress[job_id] = on_progress
        throttle = _Throttle(job_id, self._signals)
        self._submit(job_id, lambda: fn(throttle, job.cancel_event), on_done, on_error)
        return job

    def _submit(self, job_id: int, fn: Callable[[], Any], on_done, on_error) -> None:
        self._pending[job_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(job_id, fn, self._signals))

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel()

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, int, int)
    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        callback = self._progress.get(job_id)
        if callback is not None:
            callback(done, total)

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
        self._progress.pop(job_id, None)
        job = self._jobs.pop(job_id, None)
        if job is not None:
            job.finished = True
        if not self._pending:
            self.busy_changed.emit(False)
        return callbacks


_shared: Worker | None = None


def shared_worker() -> Worker:
    """The application's worker for file and database jobs (imports, exports).

    One per application, so two long jobs never run at once against the same database.
    """
    global _shared
    app = QCoreApplication.instance()
    if _shared is None or _shared.parent() is not app:
        _shared = Worker(app)
    return _shared
