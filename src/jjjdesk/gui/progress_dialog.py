"""Long jobs with a progress dialog that appears after ~300 ms and a 取消 button.

`run_with_progress` starts `fn(progress, cancel)` in the shared worker; the result goes to
`on_done` on the GUI thread. Cancelled jobs end quietly, known errors as a plain message,
anything else through the crash hook — never a traceback in front of the user.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import Cancelled, UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.worker import Job, Worker, shared_worker
from jjjdesk.progress import ProgressFn

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300


class ProgressDialog(QDialog):
    """Shows itself `SHOW_AFTER_MS` after `begin()` unless the job finished before."""

    cancel_requested = Signal()

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.label = QLabel(text, objectName="progressLabel")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(objectName="progressBar")
        self.bar.setRange(0, 0)  # busy until the first report
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._timer.timeout.connect(self.open)
        self._finished = False

    def begin(self) -> None:
        self._timer.start()

    def set_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("正在取消…"))
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc and the window's close button cancel too
        if not self._finished:
            if not self.cancel_button.isHidden() and self.cancel_button.isEnabled():
                self._cancel()
            return
        super().reject()

    def end(self) -> None:
        self._finished = True
        self._timer.stop()
        self.done(QDialog.DialogCode.Accepted)
        self.deleteLater()


def report_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A failed job: plain message for known errors, crash dialog (and log) for bugs."""
    if isinstance(exc, Cancelled):
        log.info("cancelled by the user")
        return
    if isinstance(exc, UserFacingError):
        log.warning("%s", exc)
        dialogs.show_user_error(parent, str(exc), title)
        return
    sys.excepthook(type(exc), exc, exc.__traceback__)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    text: str,
    fn: Callable[[ProgressFn, threading.Event], Any],
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    worker: Worker | None = None,
    cancellable: bool = True,
) -> tuple[Job, ProgressDialog]:
    """Run `fn` in the worker with a delayed progress dialog; returns the job and dialog.

    `cancellable=False` for work that cannot stop halfway (an undo): no 取消 button.
    """
    worker = worker or shared_worker()
    dialog = ProgressDialog(title, text, parent)
    dialog.cancel_button.setVisible(cancellable)

    def done(result: Any) -> None:
        dialog.end()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.end()
        (on_error or (lambda e: report_error(parent, e)))(exc)

    job = worker.start(fn, done, failed, dialog.set_progress)
    dialog.cancel_requested.connect(job.cancel)
    dialog.begin()
    return job, dialog
