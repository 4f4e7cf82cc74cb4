"""备份与恢复 page: list, 立即备份, 从备份恢复… (closes, restores, reopens) in the worker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from jjjdesk.db.engine import Database, make_engine
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.backup_page import BackupPage

pytestmark = pytest.mark.sqlite_only

ADMIN = Actor(name="管理员", role=Role.ADMIN)


def _count_projects(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM project")).scalar_one()


@pytest.fixture
def admin_window(demo_db, qtbot):
    from jjjdesk.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    reopened: list[AppContext] = []

    def reopen(url: str, _demo: bool) -> None:  # what Startup does on open_requested
        db = Database(url=url, engine=make_engine(url))
        context = AppContext(db, ADMIN)
        reopened.append(context)
        window.attach(context)

    window.open_requested.connect(reopen)
    window.attach(AppContext(demo_db, ADMIN))
    window.show()
    qtbot.waitExposed(window)
    window.reopened = reopened
    page = next(p for p in window.pages if isinstance(p, BackupPage))
    window.show_page(window.pages.index(page))
    yield window, page
    window.attach(None)


def test_backup_now_lists_the_backup(admin_window, qtbot, isolated_paths):
    window, page = admin_window
    assert page.model.rowCount() == 0
    assert not page.restore_button.isEnabled()  # nothing selected yet
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert page.model.index(0, 1).data() == "手动"
    assert page.model.index(0, 2).data().endswith(("KB", "MB"))
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert headers[3:5] == ["来源数据库", "校验"]
    assert page.model.index(0, 3).data() == window.context.db.file.name
    assert page.model.index(0, 4).data() == "已校验"
    assert list(isolated_paths.backup_dir.glob("*/*-manual.sqlite3"))
    assert "共 1 个备份" in page.hint_label.text()


def test_restore_replaces_the_database_and_keeps_a_safety_copy(
    admin_window, qtbot, boxes, isolated_paths
):
    window, page = admin_window
    db = window.context.db
    before = _count_projects(db)
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    with db.engine.begin() as conn:  # a change made after the backup
        conn.execute(text("DELETE FROM project WHERE id IN (SELECT id FROM project LIMIT 5)"))
    assert _count_projects(db) == before - 5

    page.view.selectRow(0)
    assert page.restore_button.isEnabled()
    page.restore_button.click()
    assert boxes.shown and "替换当前数据库" in boxes.texts[0]
    qtbot.waitUntil(lambda: bool(window.reopened), timeout=10000)
    assert window.context is window.reopened[0]
    assert _count_projects(window.context.db) == before  # the backup's state is back
    reasons = sorted(b.reason for b in page.model.rows)
    assert reasons == ["before-restore", "manual"]  # the state before the restore is kept
    assert page.backup_button.isEnabled()


def test_restore_is_for_admins_only(demo_db, actor, qtbot):
    page = BackupPage()
    qtbot.addWidget(page)
    page.set_context(AppContext(demo_db, actor))  # a coordinator
    assert page.backup_button.isEnabled()
    assert not page.restore_button.isEnabled()
    assert "管理员" in page.restore_button.toolTip()
    assert page.visible_for(Actor(name="r", role=Role.REPORTER)) is False


def test_the_daily_backup_is_taken_at_start(tmp_path):
    """Startup calls backups.backup_if_due in its worker once the database is open."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import jjjdesk

    src = str(Path(jjjdesk.__file__).resolve().parents[1])
    data = tmp_path / "data"
    env = os.environ | {
        "PYTHONPATH": src,
        "QT_QPA_PLATFORM": "offscreen",
        "JJJDESK_BENCH_EXIT": "1",
    }
    env.pop("JJJDESK_SETTINGS_DIR", None)  # the app's own settings under --data-dir
    for _run in range(2):  # the second start of the day makes no second backup
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "jjjdesk.gui.app",
                "--db",
                str(tmp_path / "a.sqlite3"),
                "--data-dir",
                str(data),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
    assert len(list((data / "backups").glob("*/*-scheduled.sqlite3"))) == 1
