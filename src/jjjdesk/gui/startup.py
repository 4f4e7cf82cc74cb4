"""Start-up after the first paint: open and migrate the database off the GUI thread, then show it.

Importing sqlmodel and alembic costs more than painting the window (DESIGN.md, performance),
so the window paints first and the worker imports them while the user already sees it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from jjjdesk.db.location import ENV_URL, plain_sqlite_file, resolve_url
from jjjdesk.errors import UserFacingError
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.paths import AppPaths

log = logging.getLogger(__name__)

ENV_MARKS = "JJJDESK_BENCH_MARKS"
ENV_EXIT = "JJJDESK_BENCH_EXIT"


def bench_mark(name: str) -> None:
    """The exact lines the start-up benchmark reads (bench/ relies on them)."""
    if os.environ.get(ENV_MARKS) == "1":
        print(f"BENCH {name} {time.time()}", flush=True)


@dataclass
class Opened:
    db: Any
    actor: Any
    demo_loaded: bool
    signed_in: bool = False  # the actor came from the server login (no sign-in dialog after)


def open_registry(db_arg: str | None, paths: AppPaths, load_demo: bool,
                  create: bool = True) -> Opened:
    """Worker thread: resolve the URL, open and migrate, load the demo into an empty registry."""
    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor
    from jjjdesk.services import (  # noqa: F401 - imported here, off the GUI thread
        audit,
        audit_undo,
        demo,
        demo_history,
        indicators,
        projects,
        tasks,
        units,
        users,
    )
    from jjjdesk.services.backups import clean_leftovers

    clean_leftovers(paths=paths)  # what a killed run left; notes this run's temporary files
    url = resolve_url(db_arg, paths)
    log.info("opening %s", url)
    db = open_database(url, paths, create=create)
    actor = Actor.local()
    loaded = False
    if load_demo:
        with db.session() as session:
            if demo.registry_is_empty(session=session):
                demo.load_demo(session=session, actor=actor)
                # a year of rounds, so the first start tells a story (issue 15)
                demo_history.load_demo_history(session=session, actor=actor)
                loaded = True
    if loaded:
        log.info("demo registry loaded into %s", db.location)
    return Opened(db, actor, loaded)


class Startup(QObject):
    """Connects the window to the worker: first paint → glance → open → attach.

    Marks for bench/bench_startup.py: `painted` (the window), `first_page` (the records of the
    chosen page on screen: the glance, or the opened database), `ready` (database open, pages
    attached, editing possible).
    """

    def __init__(self, window: MainWindow, paths: AppPaths, db_arg: str | None, load_demo: bool):
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.worker = Worker(self)
        self._first_page_seen = False
        self._marked: set[str] = set()
        self._pending_open: tuple[str, bool] | None = None
        self._url: str | None = None  # the database being opened
        self.scheduler = None  # gui.round_scheduler.RoundScheduler of the open database
        window.painted.connect(lambda: self._on_painted(db_arg, load_demo))
        # Only 新建 (and the first start's own default) creates a file; 打开 never does.
        window.open_requested.connect(lambda url, demo: self.open(url, demo, create=False))
        window.create_requested.connect(lambda url: self.open(url, False))
        window.sign_in_requested.connect(self.sign_in)

    def _on_painted(self, db_arg: str | None, load_demo: bool) -> None:
        bench_mark("painted")
        if not db_arg and not os.environ.get(ENV_URL):
            from jjjdesk.gui.connect_dialog import saved_server

            server = saved_server(self.window)  # the office server, when one is set
            if server is not None and not isinstance(server, str):  # 本人账号
                self.window.current_page().first_page_shown.connect(self._on_first_page)
                QTimer.singleShot(0, lambda: self.sign_in(server))
                return
            if server:
                db_arg, load_demo = server, False  # never demo data on a shared server
        url = resolve_url(db_arg, self.paths)
        page = self.window.current_page()  # the first page built, now that the window shows
        page.first_page_shown.connect(self._on_first_page)
        file = plain_sqlite_file(url)
        if file is not None and page.glance(file):
            # Opened once the glance is painted: the worker's imports would hold the GIL
            # while this thread paints.
            self._pending_open = (url, load_demo)
        else:
            self.open(url, load_demo)

    def open(self, db_arg: str | None, load_demo: bool, create: bool = True) -> None:
        self.window.location_label.setText(self.window.tr("正在打开数据库…"))
        self._url = resolve_url(db_arg, self.paths)
        self.worker.submit(
            lambda: open_registry(db_arg, self.paths, load_demo, create),
            self._on_opened, self._on_failed)

    def sign_in(self, params) -> None:
        """Server mode after `server init`: the sign-in dialog connects as the user's own
        login (in the worker); the window shows what that login may see."""
        from jjjdesk.gui.sign_in import sign_in_own_login

        self.window.location_label.setText(self.window.tr("正在登录服务器…"))
        self._url = None
        try:
            signed = sign_in_own_login(params, self.paths, self.window)
        except UserFacingError as exc:  # the server went away between sign-in and the change
            self._on_failed(exc)
            return
        if signed is None:
            if self.window.context is None:
                self.window.attach(None)
                self.window.location_label.setText(self.window.tr("未打开数据库"))
            return
        db, actor = signed
        self._on_opened(Opened(db, actor, demo_loaded=False, signed_in=True))

    def _on_opened(self, opened: Opened) -> None:
        from jjjdesk.gui.change_watcher import watch
        from jjjdesk.gui.idle_lock import install_idle_lock
        from jjjdesk.gui.round_scheduler import start_scheduler
        from jjjdesk.gui.sign_in import choose_actor, take_sign_in_note

        try:
            actor = opened.actor if opened.signed_in else choose_actor(
                opened.db, opened.actor, self.window)
        except Exception as exc:  # a damaged file may open, then fail at its first read
            from jjjdesk.db.errors import DAMAGED, describe

            if describe(exc) != DAMAGED:
                raise
            log.error("database %s fails at its first read: %s", opened.db.url, exc)
            opened.db.dispose()
            self.window.attach(None)
            self._check_file(opened.db.url, opened=False)
            return
        if actor is None:  # signing in was cancelled: nothing is shown
            opened.db.dispose()
            self.window.attach(None)
            return
        context = AppContext(opened.db, actor)
        self.window.attach(context)
        self._on_first_page()  # pages without a list show their content on attach
        QTimer.singleShot(0, lambda: self._mark("ready"))
        watch(context, self.window.statusBar())
        self.scheduler = start_scheduler(context, self.window)
        self._check_file(opened.db.url, back_up=not opened.db.read_only)
        if opened.demo_loaded:
            self.window.statusBar().showMessage(
                self.window.tr("数据库为空,已载入演示数据(标记为“演示”)。"), 8000
            )
        note = take_sign_in_note()
        if note:
            self.window.statusBar().showMessage(note, 30000)
        install_idle_lock(context, self.window, self.worker)

    def _check_file(self, url: str, opened: bool = True, back_up: bool = True) -> None:
        """SQLite's quick check in the worker once the window is usable; on damage, offer the
        newest good backup. Then the daily backup (never of a damaged file)."""
        if plain_sqlite_file(url) is None:
            return
        from jjjdesk.services.backups import backup_if_due, check_database

        def check_then_back_up():
            result = check_database(url=url, paths=self.paths)
            # one job: it finishes even if the window quits now
            if result.ok and opened and back_up:
                made = backup_if_due(url=url, paths=self.paths)
                if made:
                    log.info("scheduled backup %s", made)
            return result

        def checked(result) -> None:
            if not result.ok:
                self._offer_restore(url, result)

        self.worker.submit(check_then_back_up, checked,
                           lambda exc: log.warning("start-up check or backup failed: %s", exc))

    def _offer_restore(self, url: str, result) -> None:
        from jjjdesk.gui import dialogs

        log.error("database %s damaged: %s", result.file, result.problem)
        tr = self.window.tr
        good = result.newest_good
        if good is None:
            dialogs.show_user_error(self.window, tr(
                "数据库文件已损坏:{0}\n没有可用的完好备份。请停止录入,并联系管理员。").format(
                result.file), tr("数据库已损坏"))
            return
        if not dialogs.confirm(self.window, tr("数据库已损坏"), tr(
                "数据库文件已损坏:{0}\n\n最近的完好备份:{1:%Y-%m-%d %H:%M}。是否从该备份恢复?\n"
                "损坏的文件会原样另存为“文件名.damaged-时间”,不会被删除;"
                "备份之后录入的内容需要重新录入。").format(result.file, good.created)):
            return
        context = self.window.context
        actor = context.actor if context is not None else None
        self.window.attach(None)  # closes the damaged database before it is replaced

        def restore():
            from jjjdesk.domain.actor import Actor
            from jjjdesk.services.backups import restore_backup

            return restore_backup(url=url, paths=self.paths, actor=actor or Actor.local(),
                                  source=good.path)

        self.worker.submit(restore, lambda _safety: self.open(url, False), self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        if self.window.context is None:
            self.window.attach(None)  # no glance rows stay up for a database that did not open
        if isinstance(exc, UserFacingError):
            log.warning("cannot open database: %s", exc)
            self.window.show_open_error(str(exc))
            file = plain_sqlite_file(self._url) if self._url else None
            if self._url and file is not None and file.is_file():  # damaged: offer a backup
                self._check_file(self._url, opened=False)
            return
        self.window.location_label.setText(self.window.tr("未打开数据库"))
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _on_first_page(self) -> None:
        if self._first_page_seen:
            return
        self._first_page_seen = True
        QTimer.singleShot(0, self._first_page_painted)

    def _first_page_painted(self) -> None:
        self._mark("first_page")
        if self._pending_open is not None:
            url, load_demo = self._pending_open
            self._pending_open = None
            self.open(url, load_demo)

    def _mark(self, name: str) -> None:
        bench_mark(name)
        self._marked.add(name)
        if os.environ.get(ENV_EXIT) == "1" and {"first_page", "ready"} <= self._marked:
            QApplication.quit()
