"""Start-up as the user (and the benchmark) sees it: paint first, database after, one instance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert [line[1] for line in lines] == ["painted", "first_page"]
    assert float(lines[0][2]) <= float(lines[1][2])
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
