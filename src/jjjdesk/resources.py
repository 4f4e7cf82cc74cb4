"""The one place that knows where run-time files (forms, icons, migrations, demo data) live."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """Folder holding `ui/`, `resources/` and `db/`.

    Installed wheels and PyInstaller bundles carry them in `jjjdesk/_data`; a source
    checkout (editable install, tests) reads the top-level folders directly.
    """
    candidates = [_PACKAGE_DIR / "_data"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "jjjdesk" / "_data")
    candidates.append(_PACKAGE_DIR.parents[1])
    for root in candidates:
        if (root / "db" / "migrations").is_dir():
            return root
    raise FileNotFoundError(f"jjjdesk data files not found; looked in {candidates}")


def migrations_dir() -> Path:
    return data_root() / "db" / "migrations"


def demo_file() -> Path:
    return data_root() / "db" / "demo" / "demo_plan.json"


def form_file(name: str) -> Path:
    return data_root() / "ui" / name


def icon_file(name: str) -> Path:
    return data_root() / "resources" / "icons" / name


def translations_dir() -> Path:
    return data_root() / "resources" / "translations"
