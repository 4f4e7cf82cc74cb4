"""The core (everything below the GUI) must import and work without Qt."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "jjjdesk.domain.models",
    "jjjdesk.domain.period",
    "jjjdesk.domain.inputs",
    "jjjdesk.db.open",
    "jjjdesk.services.projects",
    "jjjdesk.services.tasks",
    "jjjdesk.services.units",
    "jjjdesk.services.indicators",
    "jjjdesk.services.undo",
    "jjjdesk.services.demo",
    "jjjdesk.services.entries",
    "jjjdesk.services.unit_return",
    "jjjdesk.services.review",
    "jjjdesk.services.board",
    "jjjdesk.services.lag",
    "jjjdesk.services.problems",
    "jjjdesk.services.history",
    "jjjdesk.services.users",
    "jjjdesk.services.backups",
    "jjjdesk.db.notify",
    "jjjdesk.cli.main",
]


def test_core_imports_with_qt_blocked():
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt is not allowed below the GUI: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
