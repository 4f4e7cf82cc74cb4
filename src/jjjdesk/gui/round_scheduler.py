"""批次计划 and 临期提醒 while the app runs: due rounds open themselves, near deadlines are told.

Checked in the worker at sign-in and then every CHECK_MS, so a window left open overnight
opens the new period's round in the morning. Creating is the office's work: a reporting
unit's or a viewer's window only reads the deadlines (and only its own unit's). Each round
close to its deadline is told once a day, in the status bar and, where the desktop has a
tray, as a tray message that opens the round's board.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

from jjjdesk.gui.rounds import common
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

log = logging.getLogger(__name__)

CHECK_MS = 15 * 60 * 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("RoundScheduler", text)


def _check(context: AppContext, today: date):
    from jjjdesk.services import schedules

    with context.db.session() as s:
        return schedules.tick(session=s, actor=context.actor,
                              read_only=context.db.read_only, today=today)


def due_summary(due) -> list[tuple[int, str]]:
    """(round id, one line) per round: its deadline and how many units are not in yet."""
    from jjjdesk.services.board import due_by_round

    lines = []
    for rows in due_by_round(due):
        first = rows[0]
        when = (_tr("今天截止") if first.workdays_left == 0 else
                _tr("{0} 个工作日后截止").format(first.workdays_left))
        lines.append((first.round_id, _tr("{0}:{1}({2}),{3} 个单位尚未报送").format(
            first.round_name, when, first.deadline.isoformat(), len(rows))))
    return lines


class RoundScheduler(QObject):
    rounds_created = Signal(list)  # the RoundViews made
    due_found = Signal(list)  # the DueRows of this check

    def __init__(self, context: AppContext, window, parent: QObject | None = None):
        super().__init__(parent or context)
        self.context = context
        self.window = window
        self.worker = Worker(self)
        self.due: list = []
        self._told: set[tuple[date, int]] = set()
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.tray: QSystemTrayIcon | None = None
        self._tray_round: int | None = None

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        self.worker.wait(10000)
        if self.tray is not None:
            self.tray.hide()

    def is_checking(self) -> bool:
        return self._checking

    def check(self) -> None:
        if self._checking:
            return
        self._checking = True
        today = common.today()
        self.worker.submit(lambda: _check(self.context, today), self._done, self._failed)

    def _done(self, result) -> None:
        self._checking = False
        made, due = result
        self.due = due
        bar = self.window.statusBar()
        if made:
            names = "、".join(r.name for r in made)
            bar.showMessage(self.tr("已按批次计划创建填报批次:{0}").format(names), 15000)
            self.context.changed.emit("round")
            self.rounds_created.emit(made)
        self.due_found.emit(due)
        today = common.today()
        fresh = [(rid, line) for rid, line in due_summary(due) if (today, rid) not in self._told]
        if not fresh:
            return
        self._told |= {(today, rid) for rid, _line in fresh}
        text = ";".join(line for _rid, line in fresh)
        if not made:
            bar.showMessage(self.tr("临期提醒:{0}").format(text), 15000)
        self._notify(fresh)

    def _notify(self, fresh: list[tuple[int, str]]) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
            self.tray.setToolTip(self.tr("京津冀协同发展督办台账"))
            self.tray.messageClicked.connect(self._open_round)
            self.tray.activated.connect(lambda _reason: self._open_round())
            self.tray.show()
        self._tray_round = fresh[0][0]
        self.tray.showMessage(self.tr("临期提醒"), "\n".join(line for _rid, line in fresh),
                              QSystemTrayIcon.MessageIcon.Information, 15000)

    def _open_round(self) -> None:
        from jjjdesk.gui.pages import catalog

        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        index = catalog.index_of("rounds")
        if index is None:
            return
        page = self.window.page(index)
        page.reload(select_id=self._tray_round)
        self.window.show_page(index)

    def _failed(self, exc: BaseException) -> None:
        from jjjdesk.db.errors import describe

        self._checking = False
        # The change watcher reports a lost connection; this check just tries again later.
        if describe(exc) is None:
            log.error("round schedule check failed", exc_info=exc)
        else:
            log.warning("round schedule check: %s", exc)


def start_scheduler(context: AppContext, window) -> RoundScheduler:
    scheduler = RoundScheduler(context, window)
    context.closing.connect(scheduler.stop)
    scheduler.start()
    return scheduler
