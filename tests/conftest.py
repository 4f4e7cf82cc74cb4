"""Isolated state for every test: data folder, settings and Qt platform under tmp_path.

The database fixtures run on SQLite files by default and on a real PostgreSQL server when
JJJDESK_TEST_PG_URL names one (an admin URL; see scripts/pg_test_server.sh): each test then
gets its own database cloned from a migrated template.
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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


PG_ADMIN_URL = os.environ.get("JJJDESK_TEST_PG_URL", "")
BACKEND = "postgresql" if PG_ADMIN_URL else "sqlite"
_counter = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: exercises SQLite files specifically")
    if BACKEND == "postgresql":
        # GUI tests let Qt tear windows down; a pooled psycopg connection of an engine that
        # went with them is then closed by the garbage collector, which psycopg reports.
        config.addinivalue_line(
            "filterwarnings", "ignore:.*was deleted while still open.*:ResourceWarning"
        )
        # The same, when the collector runs only at the end of the session: pytest then
        # reports it as an unraisable exception of psycopg's __del__ (seen once in 4 runs).
        config.addinivalue_line(
            "filterwarnings",
            "ignore:Exception ignored in.*BaseConnection.__del__"
            ":pytest.PytestUnraisableExceptionWarning",
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND == "postgresql":
        skip = pytest.mark.skip(reason="SQLite-specific; this run is against PostgreSQL")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    return f"jjjdesk test database backend: {BACKEND}"


def _pg_url(name: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _pg_admin(sql: str) -> None:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _pg_drop(name: str) -> None:
    """Drop a test database; a leftover on the throwaway server is not worth a test error."""
    try:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception:  # noqa: BLE001
        import logging

        logging.getLogger(__name__).warning("test database %s left behind", name, exc_info=True)


def _pg_create(name: str, template: str = "template0") -> str:
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    extra = " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" if template == "template0" else ""
    _pg_admin(f"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" ENCODING 'UTF8'{extra}")
    return _pg_url(name)


def _template_url(folder: Path, name: str, template: str | None = None) -> str:
    if BACKEND == "postgresql":
        # The pid keeps two runs on one server (two checkouts, say) off each other's templates.
        prefix = f"jjjdesk_tpl{os.getpid()}_"
        return _pg_create(prefix + name, prefix + template if template else "template0")
    path = folder / f"{name}.sqlite3"
    if template:
        shutil.copy(folder.parent / template / f"{template}.sqlite3", path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Databases migrated (and demo-loaded) once per run; tests get copies."""
    root = tmp_path_factory.mktemp("templates")
    (root / "empty").mkdir()
    (root / "demo").mkdir()
    empty = _template_url(root / "empty", "empty")
    open_database(empty, AppPaths(root, root)).dispose()
    demo_url = _template_url(root / "demo", "demo", template="empty")
    db = Database(url=demo_url, engine=make_engine(demo_url))
    with db.session() as s:
        demo.load_demo(session=s, actor=Actor(name="demo"))
    db.dispose()
    yield {"empty": empty, "demo": demo_url}
    if BACKEND == "postgresql":
        for url in (demo_url, empty):
            _pg_drop(make_url(url).database)


def _fresh_copy(template_url: str, tmp_path: Path, paths: AppPaths) -> Iterator[Database]:
    if BACKEND == "postgresql":
        name = f"jjjdesk_t{os.getpid()}_{next(_counter)}"
        template = make_url(template_url).database
        db = open_database(_pg_create(name, template), paths)
        try:
            yield db
        finally:
            db.dispose()
            _pg_drop(name)
        return
    target = tmp_path / "registry.sqlite3"
    shutil.copy(make_url(template_url).database, target)
    db = open_database(f"sqlite:///{target}", paths)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def blank_url(tmp_path: Path) -> Iterator[str]:
    """URL of a database with nothing in it, on the backend of this run."""
    if BACKEND == "postgresql":
        name = f"jjjdesk_b{os.getpid()}_{next(_counter)}"
        yield _pg_create(name)
        _pg_drop(name)
    else:
        yield f"sqlite:///{tmp_path / 'blank.sqlite3'}"


@pytest.fixture
def empty_db(_templates, tmp_path: Path, isolated_paths: AppPaths) -> Iterator[Database]:
    yield from _fresh_copy(_templates["empty"], tmp_path, isolated_paths)


@pytest.fixture
def demo_db(_templates, tmp_path: Path, isolated_paths: AppPaths) -> Iterator[Database]:
    yield from _fresh_copy(_templates["demo"], tmp_path, isolated_paths)


@pytest.fixture(autouse=True, scope="module")
def _collect_dropped_connections():
    """On PostgreSQL, a pooled connection whose engine went with a test is closed by the
    garbage collector. Collected here, psycopg's report of it falls in the teardown of a
    module's last test, where the filters of pytest_configure apply; left to the end of
    the session it came out after them, as an error of the whole run (seen once in a
    CI-like run). Once per module: after every test, it doubled the suite's time."""
    yield
    if BACKEND == "postgresql":
        gc.collect()


@pytest.fixture(autouse=True)
def _close_app_log():
    yield
    from jjjdesk.logging_setup import close_logging

    close_logging()


@pytest.fixture
def read_only_medium(tmp_path: Path) -> Iterator:
    """`put(file) -> copy` on a read-only location: a tmpfs remounted read-only where this
    user may mount one (root, as on CI), else a folder without write permission."""
    import subprocess

    folder = tmp_path / "medium"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
        capture_output=True).returncode == 0
    copies: list[Path] = []

    def put(file: Path) -> Path:
        copy = folder / file.name
        shutil.copy2(file, copy)
        copies.append(copy)
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            copy.chmod(0o444)
            folder.chmod(0o555)
        return copy

    if not mounted and os.geteuid() == 0:
        pytest.skip("root without mount: permissions cannot make a read-only location")
    try:
        yield put
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)


@pytest.fixture(scope="session")
def tls_pg() -> Iterator:
    """A second PostgreSQL server with ssl = on and a test CA, on its own loopback port
    (tests/tls_server.py); skipped where this machine has no PostgreSQL server binaries."""
    import tls_server

    server = tls_server.running()
    try:
        started = server.__enter__()
    except LookupError as exc:
        pytest.skip(f"no TLS test server: {exc}")
    try:
        yield started
    finally:
        server.__exit__(None, None, None)
