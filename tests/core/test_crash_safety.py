"""SIGKILL in the middle of a large import and of a large export.

A child process imports a 20,000-row return (or exports the ledger of 20,000 projects); its
progress callback writes a marker file once the commit (the export) is under way, and the
test kills it with SIGKILL — no cleanup handlers, no atexit, as when the power goes. Then:
the database passes `PRAGMA integrity_check` and holds all of the batch or none of it; the
export's target file does not exist (or is a complete workbook), and only the atomic
writer's hidden temp name may be left beside it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy.engine import make_url

from jjjdesk.db.engine import Database, make_engine
from jjjdesk.domain.models import Plan, Project, Unit

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROWS = 20_000
SRC = Path(__file__).resolve().parents[2] / "src"
UNIT = "市发展改革委"

CHILD = r"""
import sys
from pathlib import Path
from jjjdesk.db.engine import Database, make_engine
from jjjdesk.domain.actor import Actor, Role

url, work, mode, marker = sys.argv[1:5]
db = Database(url=url, engine=make_engine(url))
actor = Actor(name="crash", role=Role.COORDINATOR)
marker = Path(marker)

def progress(done, total):
    if done >= total // 3 and not marker.exists():
        marker.write_text(f"{done}/{total}")

if mode == "import":
    from jjjdesk.importing import batch as imports
    with db.session() as s:
        preview = imports.preview_import(session=s, actor=actor, path=work)
    assert preview.can_commit, preview.summary()
    Path(marker.with_suffix(".previewed")).write_text(str(len(preview.writes)))
    with db.session() as s:
        imports.commit_import(session=s, actor=actor, preview=preview, progress=progress)
else:
    from jjjdesk.domain.period import Period
    from jjjdesk.excel.ledger import export_ledger
    with db.session() as s:
        export_ledger(session=s, path=work, period=Period.parse("2024-03"), progress=progress)
print("FINISHED", flush=True)
"""


@pytest.fixture(scope="module")
def big_return(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "big_return.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("进展情况")
    sheet.append(["2024年3月重点项目进展情况表"])
    sheet.append([f"填报单位:{UNIT}"])
    sheet.append(["序号", "项目编号", "项目名称", "完成进度", "进展情况"])
    for i in range(ROWS):
        sheet.append([i + 1, f"CR-{i:05d}", f"压力测试项目{i:05d}", f"{i % 100}%", f"进展{i}"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def _big_registry_file(_templates, tmp_path_factory) -> Path:
    """The migrated empty database plus one unit and 20,000 projects (Core inserts)."""
    from datetime import datetime

    from sqlalchemy import insert

    path = tmp_path_factory.mktemp("crashdb") / "registry.sqlite3"
    shutil.copy(make_url(_templates["empty"]).database, path)
    db = Database(url=f"sqlite:///{path}", engine=make_engine(f"sqlite:///{path}"))
    try:
        with db.session() as s:
            unit = Unit(name=UNIT, sort_key="shi")
            s.add_all([unit, Plan(name="压力测试方案", start_year=2023, end_year=2027)])
            s.flush()
            now = datetime.now(UTC)
            s.execute(
                insert(Project.__table__),
                [
                    dict(
                        code=f"CR-{i:05d}",
                        name=f"压力测试项目{i:05d}",
                        lead_unit_id=unit.id,
                        industry_chain="",
                        kind="industry",
                        stage="planning",
                        description="",
                        total_investment=1.0,
                        sort_key=f"yl{i:05d}",
                        search_text="",
                        is_demo=False,
                        version=1,
                        created_at=now,
                        updated_at=now,
                    )
                    for i in range(ROWS)
                ],
            )
    finally:
        db.dispose()
    return path


@pytest.fixture
def big_registry(_big_registry_file, tmp_path) -> Database:
    path = tmp_path / "registry.sqlite3"
    shutil.copy(_big_registry_file, path)
    return Database(url=f"sqlite:///{path}", engine=make_engine(f"sqlite:///{path}"))


def _run_and_kill(url: str, work: Path, mode: str, marker: Path, budget_s: float = 240):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(work), mode, str(marker)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + budget_s
    try:
        while not marker.exists():
            if child.poll() is not None:
                out, err = child.communicate()
                pytest.fail(
                    f"child ended before the marker (exit {child.returncode}):\n{out}\n{err}"
                )
            if time.monotonic() > deadline:
                pytest.fail("no progress marker within the time budget")
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    out, _err = child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert "FINISHED" not in out  # killed mid-way, not after the end


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _scalar(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_sigkill_mid_import_leaves_all_or_none(big_registry, big_return, tmp_path):
    db = big_registry
    file = db.file
    db.dispose()  # the child is the only writer
    marker = tmp_path / "import.marker"
    _run_and_kill(db.url, big_return, "import", marker)
    assert int(marker.with_suffix(".previewed").read_text()) >= ROWS  # a real, large commit
    assert _integrity(file) == ["ok"]
    batches = _scalar(file, "SELECT count(*) FROM import_batch")
    entries = _scalar(file, "SELECT count(*) FROM progress_entry")
    assert (batches, entries) in ((0, 0), (1, ROWS)), (batches, entries)
    # The file opens and takes writes again (the WAL is recovered, no stale lock).
    conn = sqlite3.connect(file)
    try:
        conn.execute("UPDATE unit SET name = name || ' '")
        conn.commit()
    finally:
        conn.close()


def test_sigkill_mid_export_leaves_no_half_written_ledger(big_registry, tmp_path):
    db = big_registry
    db.dispose()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "台账.xlsx"
    marker = tmp_path / "export.marker"
    _run_and_kill(db.url, target, "export", marker)
    if target.exists():  # only if the rename happened before the kill: then it is whole
        load_workbook(target, read_only=True).close()
    leftovers = [p.name for p in out_dir.iterdir() if p != target]
    # At most the atomic writer's hidden temp file (".台账.<hex>.tmp.xlsx"), never the name.
    assert all(name.startswith(".") and ".tmp" in name for name in leftovers), leftovers
    assert _integrity(db.file) == ["ok"]
