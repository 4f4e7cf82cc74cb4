"""Regression guard for the PySide6 pin (DESIGN.md: 6.12 aborts CPython 3.11 with
"Fatal Python error: none_dealloc" after ~5,000 calls of void methods)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication([])
window = QMainWindow()
table = QTableWidget(10, 3)
for i in range(20_000):
    window.setWindowTitle(f"jjjdesk {i}")
    table.setItem(i % 10, i % 3, QTableWidgetItem(str(i)))
    table.setRowHidden(i % 10, bool(i % 2))
print("survived")
"""


def test_twenty_thousand_void_calls_do_not_abort_the_interpreter():
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"


def test_pyside_is_the_pinned_version():
    import PySide6

    assert PySide6.__version__ == "6.9.3", "upgrade PySide6 and pyqtgraph together (DESIGN.md)"
