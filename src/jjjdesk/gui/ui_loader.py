"""Designer forms loaded at run time with QUiLoader from the packaged `ui/` folder."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from jjjdesk.resources import form_file

_loader: QUiLoader | None = None
W = TypeVar("W", bound=QWidget)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """A new widget built from `ui/<name>`; the caller keeps it as `self.form` (composition)."""
    global _loader
    if _loader is None:
        _loader = QUiLoader()
        # Our forms use stock widgets only; scanning Designer's plugin folders (Qt Quick,
        # WebEngine) costs ~15 ms before the first window can paint.
        _loader.clearPluginPaths()
    path = form_file(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form not found: {path}")
    try:
        widget = _loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {path}: {_loader.errorString()}")
    return widget


def child(form: QWidget, cls: type[W], name: str) -> W:
    """A named child of a loaded form; a missing name is a bug in the .ui file."""
    widget = form.findChild(cls, name)
    if widget is None:
        raise LookupError(f"{cls.__name__} '{name}' missing in form {form.objectName()}")
    return widget
