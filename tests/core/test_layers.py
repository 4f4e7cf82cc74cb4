"""Layers: every module of the package, found by pkgutil, imports only downwards; no Qt below
the GUI."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import jjjdesk

ROOT = Path(jjjdesk.__file__).parent
QT = ("PySide6", "shiboken6", "pyqtgraph")
# Top-level modules (errors, paths, resources, files, progress, logging_setup) are the base, rank 0.
# Reports build on the excel writers (the meeting pack holds the ledger workbook), not reverse.
RANK = {"base": 0, "domain": 1, "db": 2, "services": 3, "importing": 4, "excel": 5, "reports": 6,
        "cli": 7, "gui": 7}
#: Who may import which modules of `jjjdesk.importing`: the GUI and the CLI see only its face.
IMPORTING_FACE = "jjjdesk.importing"

def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for info in pkgutil.walk_packages(jjjdesk.__path__, "jjjdesk."):
        path = ROOT.joinpath(*info.name.split(".")[1:])
        source = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
        found[info.name] = (source, info.ispkg)
    return found


MODULES = _modules()


def _imports(name: str, path: Path, ispkg: bool, *, everywhere: bool = False
             ) -> list[tuple[str, str | None]]:
    """(module, imported name) of module-level imports; those in functions or under TYPE_CHECKING
    count only with `everywhere` (a private name or a module reached for inside a function is
    as wrong as one at the top; only cycles need module level)."""
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

    tree = ast.parse(path.read_text(encoding="utf-8"))
    if everywhere:
        walk([n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))])
    else:
        walk(tree.body)
    return out


IMPORTS = {name: _imports(name, *where) for name, where in MODULES.items()}
ALL_IMPORTS = {name: _imports(name, *where, everywhere=True) for name, where in MODULES.items()}


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
    assert "jjjdesk.gui.main_window" in MODULES and "jjjdesk.importing.batch" in MODULES


def test_imports_go_only_downwards():
    wrong = set()
    for name, targets in _graph().items():
        for target in targets:
            a, b = _layer(name), _layer(target)
            if RANK[b] > RANK[a] or (RANK[a] == RANK[b] and a != b):
                wrong.add((name, target))
    assert wrong == set()


def test_no_qt_below_gui_in_any_module():
    wrong = [n for n, pairs in IMPORTS.items() if _layer(n) != "gui"
             and any(m.split(".")[0] in QT for m, _ in pairs)]
    assert wrong == []


def test_no_private_name_imported_from_another_module():
    found = {(n, m, item) for n, pairs in ALL_IMPORTS.items() for m, item in pairs
             if m.startswith("jjjdesk") and item and item.startswith("_")
             and not item.startswith("__")}
    assert found == set()


def test_gui_and_cli_see_only_the_face_of_importing():
    inside = IMPORTING_FACE + "."
    wrong = {(n, m if item is None or f"{m}.{item}" not in MODULES else f"{m}.{item}")
             for n, pairs in ALL_IMPORTS.items() if _layer(n) in ("gui", "cli")
             for m, item in pairs
             if m.startswith(inside) or (m == IMPORTING_FACE and f"{m}.{item}" in MODULES)}
    assert wrong == set()


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
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_face_of_importing_names_what_it_loads():
    import jjjdesk.importing as face

    assert sorted(face.__all__) == sorted(face._FACE)
    for name in face.__all__:
        assert getattr(face, name) is not None


def test_no_private_name_reached_through_an_imported_module():
    """`board._state` is as private as `from board import _state`."""
    found = set()
    for name, (path, _ispkg) in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    "jjjdesk"):
                for a in node.names:
                    if f"{node.module}.{a.name}" in MODULES:
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in MODULES and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                found.add((name, aliases[node.value.id], node.attr))
    assert found == set()
