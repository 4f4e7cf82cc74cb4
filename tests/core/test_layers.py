"""Layers: every module of the package, found by pkgutil, imports only downwards and no Qt below the GUI."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import jjjdesk

ROOT = Path(jjjdesk.__file__).parent
QT = ("PySide6", "shiboken6", "pyqtgraph")
# Top-level modules (errors, paths, resources, logging_setup) are the base, rank 0.
RANK = {"base": 0, "domain": 1, "db": 2, "services": 3, "excel": 4, "reports": 4, "cli": 5, "gui": 5}

# Known exceptions, to go with issue 13 items 2-3 (progress to jjjdesk/progress.py, excel split).
KNOWN_LAYER_EXCEPTIONS = {
    ("jjjdesk.reports.brief", "jjjdesk.excel.files"),
    ("jjjdesk.reports.brief", "jjjdesk.excel.ledger_data"),
    ("jjjdesk.reports.brief", "jjjdesk.excel.lights"),
    ("jjjdesk.reports.pack", "jjjdesk.excel.safety"),
    ("jjjdesk.reports.pack", "jjjdesk.excel.progress"),
    ("jjjdesk.reports.pack", "jjjdesk.excel.ledger_data"),
    ("jjjdesk.reports.pack", "jjjdesk.excel.ledger"),
    ("jjjdesk.services.import_registry", "jjjdesk.excel.progress"),
    ("jjjdesk.services.import_registry_commit", "jjjdesk.excel.progress"),
    ("jjjdesk.services.imports", "jjjdesk.excel.progress"),
}
# Known private imports, issue 13 item 4: the shared pickers of projects_page are to become public.
KNOWN_PRIVATE_IMPORTS = {
    ("jjjdesk.gui.pages.indicators_page", "jjjdesk.gui.pages.projects_page", "_categories"),
    ("jjjdesk.gui.pages.indicators_page", "jjjdesk.gui.pages.projects_page", "_units"),
    ("jjjdesk.gui.pages.tasks_page", "jjjdesk.gui.pages.projects_page", "_categories"),
    ("jjjdesk.gui.pages.tasks_page", "jjjdesk.gui.pages.projects_page", "_units"),
}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for info in pkgutil.walk_packages(jjjdesk.__path__, "jjjdesk."):
        path = ROOT.joinpath(*info.name.split(".")[1:])
        found[info.name] = (path / "__init__.py" if info.ispkg else path.with_suffix(".py"), info.ispkg)
    return found


MODULES = _modules()


def _imports(name: str, path: Path, ispkg: bool) -> list[tuple[str, str | None]]:
    """(module, imported name) of module-level imports; those in functions or under TYPE_CHECKING do not count."""
    out: list[tuple[str, str | None]] = []

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(node.test):
                    walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)
                walk(node.orelse)
                walk(node.finalbody)
                for handler in node.handlers:
                    walk(handler.body)
            elif isinstance(node, ast.Import):
                out.extend((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:
                    base = name.split(".") if ispkg else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                out.extend((module, alias.name) for alias in node.names)

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    return out


IMPORTS = {name: _imports(name, *where) for name, where in MODULES.items()}


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, pairs in IMPORTS.items():
        targets = set()
        for module, item in pairs:
            if item and f"{module}.{item}" in MODULES:
                targets.add(f"{module}.{item}")
            elif module in MODULES:
                targets.add(module)
        targets.discard(name)
        graph[name] = targets
    return graph


def _layer(name: str) -> str:
    parts = name.split(".")
    return "base" if len(parts) == 2 else parts[1]


def test_walk_finds_the_whole_package():
    assert len(MODULES) > 150
    assert "jjjdesk.gui.main_window" in MODULES and "jjjdesk.services.imports" in MODULES


def test_imports_go_only_downwards():
    wrong = set()
    for name, targets in _graph().items():
        for target in targets:
            a, b = _layer(name), _layer(target)
            if RANK[b] > RANK[a] or (RANK[a] == RANK[b] and a != b):
                wrong.add((name, target))
    assert wrong - KNOWN_LAYER_EXCEPTIONS == set()
    assert KNOWN_LAYER_EXCEPTIONS - wrong == set(), "an exception is fixed: take it off the list"


def test_no_qt_below_gui_in_any_module():
    wrong = [n for n, pairs in IMPORTS.items() if _layer(n) != "gui"
             and any(m.split(".")[0] in QT for m, _ in pairs)]
    assert wrong == []


def test_no_private_name_imported_from_another_module():
    found = {(n, m, item) for n, pairs in IMPORTS.items() for m, item in pairs
             if m.startswith("jjjdesk") and item and item.startswith("_") and not item.startswith("__")}
    assert found - KNOWN_PRIVATE_IMPORTS == set()
    assert KNOWN_PRIVATE_IMPORTS - found == set(), "a private import is fixed: take it off the list"


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_core_imports_with_qt_blocked():
    core = [n for n in MODULES if _layer(n) not in ("gui",)]
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {QT!r}:\n"
        "            raise ImportError('Qt is not allowed below the GUI: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import {m}\n" for m in sorted(core))
        + "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
