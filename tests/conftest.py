"""Isolated state for every test: data folder, settings and Qt platform under tmp_path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jjjdesk.db.engine import Database, make_engine  # noqa: E402
from jjjdesk.db.open import open_database  # noqa: E402
from jjjdesk.domain.actor import Actor, Role  # noqa: E402
from jjjdesk.paths import AppPaths  # noqa: E402
from jjjdesk.services import demo  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    data = tmp_path / "userdata"
    monkeypatch.setenv("JJJDESK_DATA_DIR", str(data))
    monkeypatch.setenv("JJJDESK_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.delenv("JJJDESK_DATABASE_URL", raising=False)
    return AppPaths.default()


@pytest.fixture
def actor() -> Actor:
    return Actor(name="测试员", role=Role.COORDINATOR)


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated once per run; tests get copies (migrations are slow-ish)."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "empty.sqlite3"
    db = open_database(f"sqlite:///{path}", AppPaths(folder, folder))
    db.dispose()
    return path


@pytest.fixture(scope="session")
def _demo_template(_migrated_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    shutil.copy(_migrated_template, path)
    db = Database(url=f"sqlite:///{path}", engine=make_engine(f"sqlite:///{path}"))
    with db.session() as s:
        demo.load_demo(session=s, actor=Actor(name="demo"))
    db.dispose()
    return path


def _copy_db(template: Path, target: Path, paths: AppPaths) -> Database:
    shutil.copy(template, target)
    return open_database(f"sqlite:///{target}", paths)


@pytest.fixture
def empty_db(_migrated_template: Path, tmp_path: Path, isolated_paths: AppPaths):
    db = _copy_db(_migrated_template, tmp_path / "registry.sqlite3", isolated_paths)
    yield db
    db.dispose()


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path, isolated_paths: AppPaths):
    db = _copy_db(_demo_template, tmp_path / "registry.sqlite3", isolated_paths)
    yield db
    db.dispose()


@pytest.fixture(autouse=True)
def _close_app_log():
    yield
    from jjjdesk.logging_setup import close_logging

    close_logging()
