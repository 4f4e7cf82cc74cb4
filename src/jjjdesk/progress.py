"""Progress and cancel for long exports: a `progress(done, total)` callback and an Event."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from jjjdesk.errors import Cancelled

ProgressFn = Callable[[int, int], None]


class CancelFlag(Protocol):
    """`threading.Event` or anything else with `is_set()`."""

    def is_set(self) -> bool: ...


class Ticker:
    """Counts work done, reports it at most every `interval` seconds, and raises `Cancelled`.

    `step()` is cheap enough to call once per written row.
    """

    def __init__(self, progress: ProgressFn | None, cancel: CancelFlag | None, total: int,
                 interval: float = 0.1):
        self.progress = progress
        self.cancel = cancel
        self.total = total
        self.done = 0
        self.interval = interval
        self._next = 0.0

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("已取消")

    def step(self, n: int = 1, *, force: bool = False) -> None:
        self.done += n
        if force or n > 1 or self.done & 0xFF == 0:  # look at the clock every 256 rows only
            self.check()
            now = time.monotonic()
            if self.progress is not None and (force or now >= self._next):
                self._next = now + self.interval
                self.progress(self.done, max(self.total, self.done))

    def finish(self) -> None:
        self.check()
        if self.progress is not None:
            self.progress(self.total, self.total)
