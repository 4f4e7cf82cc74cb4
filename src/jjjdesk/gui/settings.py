"""Per-machine UI state (geometry, column widths, last page and filters) in one QSettings file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ENV_DIR = "JJJDESK_SETTINGS_DIR"
FILE_NAME = "jjjdesk-ui.ini"

# Set by the app from --data-dir; tests use the environment variable instead.
settings_dir_override: Path | None = None


def settings_file() -> Path:
    """The INI file: $JJJDESK_SETTINGS_DIR, else the override, else the data folder."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env) / FILE_NAME
    if settings_dir_override is not None:
        return settings_dir_override / FILE_NAME
    from jjjdesk.paths import AppPaths

    return AppPaths.default().data_dir / FILE_NAME


def qsettings() -> QSettings:
    """The one factory for UI settings; everything in the GUI asks here."""
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def load_json(key: str, default: Any = None) -> Any:
    """A JSON value (dicts of filters, lists of widths) stored as text, or `default`."""
    raw = qsettings().value(key)
    if not raw:
        return default
    try:
        return json.loads(str(raw))
    except ValueError:
        return default


def save_json(key: str, value: Any) -> None:
    settings = qsettings()
    settings.setValue(key, json.dumps(value, ensure_ascii=False))
    settings.sync()
