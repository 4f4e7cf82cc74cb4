"""Start-up as the user (and the benchmark) sees it: paint first, database after, one instance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import jjjdesk

SRC = str(Path(jjjdesk.__file__).resolve().parents[1])


def _run(args: list[str], tmp_path: Path, code: str | None = None, **env: str):
    environment = os.environ | {"PYTHONPATH": SRC, "QT_QPA_PLATFORM": "offscreen"} | env
    command = (
        [sys.executable, "-c", code] if code else [sys.executable, "-m", "jjjdesk.gui.app", *args]
    )
    return subprocess.run(
        command, capture_output=True, text=True, timeout=30, env=environment, cwd=tmp_path
    )


def test_window_paints_before_sqlmodel_is_imported(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from jjjdesk.gui.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "heavy = [m for m in ('sqlmodel', 'sqlalchemy', 'alembic', 'openpyxl', 'pyqtgraph')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = _run([], tmp_path, code)
    assert "HEAVY []" in result.stdout, result.stderr


def test_bench_marks_and_demo_on_first_start(tmp_path):
    db = tmp_path / "first.sqlite3"
    result = _run(
        ["--db", str(db), "--data-dir", str(tmp_path / "data")],
        tmp_path,
        JJJDESK_BENCH_MARKS="1",
        JJJDESK_BENCH_EXIT="1",
    )
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith("BENCH")]
    assert [line[1] for line in lines] == ["painted", "first_page", "ready"]
    assert float(lines[0][2]) <= float(lines[1][2]) <= float(lines[2][2])
    assert "Traceback" not in result.stderr
    log = (tmp_path / "data" / "logs" / "jjjdesk.log").read_text(encoding="utf-8")
    assert "demo registry loaded" in log


def test_empty_flag_keeps_the_registry_empty(tmp_path):
    db = tmp_path / "empty.sqlite3"
    result = _run(
        ["--db", str(db), "--empty", "--data-dir", str(tmp_path / "data")],
        tmp_path,
        JJJDESK_BENCH_MARKS="1",
        JJJDESK_BENCH_EXIT="1",
    )
    assert result.returncode == 0, result.stderr
    assert "BENCH first_page" in result.stdout
    log = (tmp_path / "data" / "logs" / "jjjdesk.log").read_text(encoding="utf-8")
    assert "demo registry loaded" not in log


@pytest.mark.sqlite_only  # the glance reads a SQLite file
def test_second_start_shows_the_projects_before_the_database_opens(qtbot, demo_db, isolated_paths):
    """The glance: the first page comes from the file while the worker still opens it."""
    from jjjdesk.gui import settings
    from jjjdesk.gui.main_window import PAGE_PROJECTS, MainWindow
    from jjjdesk.gui.startup import Startup

    settings.qsettings().setValue("window/page", PAGE_PROJECTS)  # where the user left off
    window = MainWindow()
    qtbot.addWidget(window)
    seen = []

    def codes(page) -> list[str]:
        return [page.model.record(i).code for i in range(page.model.rowCount())]

    def at_first_page():
        page = window.projects_page
        seen.append((window.context, codes(page), page.form.isEnabled(), page.count_label.text()))

    window.projects_page.first_page_shown.connect(at_first_page)
    Startup(window, isolated_paths, str(demo_db.file), load_demo=False)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20_000)
    context, glance_codes, form_enabled, count_text = seen[0]
    assert (context, len(glance_codes), form_enabled) == (None, 80, False)
    assert count_text == "显示 80 / 80 个项目"
    assert window.page_stack.currentIndex() == PAGE_PROJECTS
    page = window.projects_page
    assert page.form.isEnabled() and page.new_button.isEnabled()
    assert codes(page) == glance_codes


@pytest.mark.sqlite_only  # the embedded file's own check
def test_a_damaged_file_at_start_is_offered_its_newest_good_backup(qtbot, tmp_path,
                                                                  isolated_paths, boxes):
    from jjjdesk.cli.main import main
    from jjjdesk.db.backup import integrity_problem
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.gui.startup import Startup

    db = tmp_path / "office.sqlite3"
    assert main(["init", "--demo", "--db", str(db)]) == 0
    assert main(["backup", "--db", str(db)]) == 0
    with open(db, "r+b") as fh:
        fh.seek(db.stat().st_size // 2)
        fh.write(bytes(range(256)) * 64)
    assert integrity_problem(db, thorough=False)
    window = MainWindow()
    qtbot.addWidget(window)
    Startup(window, isolated_paths, str(db), load_demo=False)
    window.show()
    qtbot.waitUntil(lambda: any("数据库已损坏" in t for t in boxes.texts), timeout=30_000)
    assert "最近的完好备份" in boxes.texts[-1]
    qtbot.waitUntil(lambda: window.context is not None and integrity_problem(db) is None,
                    timeout=30_000)
    assert [p for p in tmp_path.iterdir() if ".damaged-" in p.name]  # kept aside
    window.context = None


@pytest.mark.sqlite_only
def test_a_database_on_a_read_only_medium_opens_for_viewing_with_a_banner(
        qtbot, tmp_path, isolated_paths, read_only_medium, boxes):
    from jjjdesk.cli.main import main
    from jjjdesk.domain.actor import Role
    from jjjdesk.gui.main_window import PAGE_PROJECTS, MainWindow
    from jjjdesk.gui.startup import Startup

    db = tmp_path / "office.sqlite3"
    assert main(["init", "--demo", "--db", str(db)]) == 0
    copy = read_only_medium(db)
    window = MainWindow()
    qtbot.addWidget(window)
    Startup(window, isolated_paths, str(copy), load_demo=False)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20_000)
    assert window.read_only_banner.isVisible()
    assert "只读位置" in window.read_only_banner.text()
    assert window.context.actor.role == Role.VIEWER
    assert not window.new_action.isEnabled()
    window.show_page(PAGE_PROJECTS)
    page = window.projects_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 80, timeout=10_000)
    assert not page.new_button.isEnabled()
    qtbot.wait(300)  # the start-up check ran: no damage offered, no backup made
    assert not any("损坏" in t for t in boxes.texts)
    assert not list(isolated_paths.backup_dir.rglob("*.sqlite3"))
    window.context = None


@pytest.mark.sqlite_only
def test_open_never_creates_a_file_but_new_does(qtbot, tmp_path, isolated_paths, boxes):
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.gui.startup import Startup

    window = MainWindow()
    qtbot.addWidget(window)
    Startup(window, isolated_paths, str(tmp_path / "first.sqlite3"), load_demo=False)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=20_000)
    missing = tmp_path / "typo" / "missing.sqlite3"
    window.open_requested.emit(str(missing), False)
    qtbot.waitUntil(lambda: any("不存在" in t for t in boxes.texts), timeout=20_000)
    assert not missing.parent.exists()
    made = tmp_path / "new.sqlite3"
    window.create_requested.emit(str(made))
    qtbot.waitUntil(lambda: window.context is not None and str(made) in window.context.location,
                    timeout=20_000)
    assert made.stat().st_size > 0
    window.context = None
