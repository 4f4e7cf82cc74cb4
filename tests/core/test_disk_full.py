"""A full disk during backup, export and import: one line saying so, nothing corrupted, no
half-written file left (issue 17). The disk is a small tmpfs, which only root may mount."""

from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest
from import_helpers import write_xlsx

from jjjdesk.cli.main import main
from jjjdesk.db.backup import integrity_problem

pytestmark = pytest.mark.sqlite_only

FREE_BYTES = 48 * 1024  # what the disk has left after the filler


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A demo database and the data folder on a tmpfs with `FREE_BYTES` left."""
    db = tmp_path / "office.sqlite3"
    assert main(["init", "--demo", "--history", "--db", str(db)]) == 0
    disk = tmp_path / "disk"
    disk.mkdir()
    size = db.stat().st_size + 4 * 1024 * 1024
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
            capture_output=True).returncode != 0:
        pytest.skip("a small disk needs root to mount a tmpfs")
    try:
        on_disk = disk / db.name
        on_disk.write_bytes(db.read_bytes())
        data = disk / "data"
        data.mkdir()
        monkeypatch.setenv("JJJDESK_DATA_DIR", str(data))
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * (free - FREE_BYTES))
        yield on_disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _one_disk_full_line(capsys) -> None:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "磁盘空间不足" in lines[0]
    assert "Traceback" not in captured.err and "sqlite" not in captured.err.lower()


def _files(folder) -> set[str]:
    return {p.name for p in folder.rglob("*")}


def _entries(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0]


def test_a_backup_on_a_full_disk_says_so_and_leaves_nothing(full_disk, capsys):
    before = _files(full_disk.parent)
    assert main(["backup", "--db", str(full_disk)]) == 1
    _one_disk_full_line(capsys)
    assert integrity_problem(full_disk) is None
    assert not [n for n in _files(full_disk.parent) - before if n.endswith(".sqlite3")
                or ".partial" in n]


def test_an_export_on_a_full_disk_says_so_and_leaves_nothing(full_disk, capsys):
    out = full_disk.parent / "台账.xlsx"
    before = _files(full_disk.parent)
    assert main(["export", "ledger", "--db", str(full_disk), "--period", "2026-Q3",
                 "--out", str(out)]) == 1
    _one_disk_full_line(capsys)
    assert not out.exists()
    assert _files(full_disk.parent) - before <= {"pending-writes", "logs", "jjjdesk.log"}


def test_an_import_on_a_full_disk_says_so_and_stores_nothing(full_disk, tmp_path, capsys):
    rows = [["2024年3月"], ["项目名称", "工作进展", "存在问题", "完成进度"]]
    with sqlite3.connect(full_disk) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM project")]
    rows += [[name, "征迁推进" * 400 + str(i), "手续办理" * 200, "50%"]
             for i, name in enumerate(names)]
    ret = write_xlsx(tmp_path / "return.xlsx", rows)
    entries = _entries(full_disk)
    code = main(["import", str(ret), "--db", str(full_disk)])
    assert code == 1
    _one_disk_full_line(capsys)
    assert integrity_problem(full_disk) is None
    assert _entries(full_disk) == entries
