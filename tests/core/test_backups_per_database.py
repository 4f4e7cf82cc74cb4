"""Backups belong to their database: two databases in one data folder never cross, and a
damaged database is set aside untouched, then restored from its own backup."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlmodel import func, select

from jjjdesk.cli.main import main
from jjjdesk.db.backup import integrity_problem
from jjjdesk.db.identity import file_identity
from jjjdesk.db.open import open_database
from jjjdesk.domain.models import Project

pytestmark = pytest.mark.sqlite_only  # the embedded database's file backups


def _projects(path) -> int:
    db = open_database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            return s.exec(select(func.count()).select_from(Project)).one()
    finally:
        db.dispose()


@pytest.fixture
def two(tmp_path, capsys):
    x, y = tmp_path / "x.sqlite3", tmp_path / "y.sqlite3"
    assert main(["init", "--demo", "--db", str(x)]) == 0
    assert main(["init", "--db", str(y)]) == 0
    capsys.readouterr()
    return x, y


def _listed(db, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["backups", "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


def test_list_keep_and_restore_never_cross(two, capsys):
    x, y = two
    assert file_identity(x) and file_identity(y) and file_identity(x) != file_identity(y)
    for _ in range(3):
        assert main(["backup", "--db", str(x)]) == 0
    assert main(["backup", "--db", str(y)]) == 0
    capsys.readouterr()
    assert len(_listed(x, capsys)) == 3
    [y_backup] = _listed(y, capsys)
    assert y_backup["source"] == "y.sqlite3" and y_backup["verified"]

    assert main(["backup", "--keep", "1", "--db", str(y)]) == 0  # prunes y's only
    assert len(_listed(x, capsys)) == 3

    assert main(["restore", "--latest", "--db", str(y)]) == 0
    capsys.readouterr()
    assert _projects(y) == 0, "y got its own (empty) backup back, not x's 80 projects"
    assert _projects(x) == 80


def test_another_databases_backup_needs_an_explicit_choice(two, capsys):
    x, y = two
    assert main(["backup", "--db", str(x)]) == 0
    x_backup = _listed(x, capsys)[0]["path"]
    y_id = file_identity(y)
    assert main(["restore", x_backup, "--db", str(y)]) == 1
    err = capsys.readouterr().err
    assert "属于另一个数据库" in err and "y.sqlite3" in err and len(err.strip().splitlines()) == 1
    assert _projects(y) == 0

    assert main(["restore", x_backup, "--from-other-database", "--db", str(y)]) == 0
    assert _projects(y) == 80
    assert file_identity(y) == y_id, "the two databases still have their own identities"


@pytest.mark.parametrize("damage", [64 * 1024, 8 * 1024])
def test_a_damaged_database_is_set_aside_and_restored_from_its_backup(two, capsys, damage):
    x, _ = two
    assert main(["backup", "--db", str(x)]) == 0
    capsys.readouterr()
    size = x.stat().st_size
    with open(x, "r+b") as fh:  # random bytes into the middle of the file
        fh.seek(size // 2)
        fh.write(bytes(range(256)) * (damage // 256))
    damaged = x.read_bytes()
    assert integrity_problem(x, thorough=False)

    code = main(["restore", "--latest", "--db", str(x)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert integrity_problem(x) is None and _projects(x) == 80
    [aside] = [p for p in x.parent.iterdir() if ".damaged-" in p.name and p.suffix != ".txt"
               and not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged, "the damaged file is kept as it was"
    assert str(aside) in out
    shutil.rmtree(x.parent / "userdata", ignore_errors=True)


def test_a_backup_leaves_one_file_and_reading_it_leaves_nothing_beside_it(two, capsys):
    x, _ = two
    assert main(["backup", "--db", str(x)]) == 0
    assert main(["backups", "--json", "--db", str(x)]) == 0  # reads each copy's identity
    assert main(["restore", "--latest", "--db", str(x)]) == 0
    folder = x.parent / "userdata" / "backups"
    names = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert all(n.endswith(".sqlite3") for n in names if n != "databases.json"), names
    assert len(names) == 3  # the backup, the copy made before restoring, the index
    assert _projects(x) == 80


def test_check_names_the_damage_and_the_backup_to_restore(two, capsys):
    x, _ = two
    assert main(["check", "--db", str(x)]) == 0
    assert "数据库完好" in capsys.readouterr().out
    assert main(["backup", "--db", str(x)]) == 0
    [good] = _listed(x, capsys)
    with open(x, "r+b") as fh:
        fh.seek(x.stat().st_size // 2)
        fh.write(bytes(range(256)) * 64)
    before = x.read_bytes()
    assert main(["check", "--db", str(x)]) == 2
    out = capsys.readouterr().out
    assert "数据库已损坏" in out and "restore --latest" in out
    assert main(["check", "--json", "--db", str(x)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert (report["ok"], report["newest_good_backup"]) == (False, good["path"])
    assert x.read_bytes() == before, "checking changes nothing"


def test_restore_to_a_chosen_time_takes_the_newest_backup_before_it(two, capsys, tmp_path):
    import time as clock

    x, _ = two
    assert main(["backup", "--db", str(x)]) == 0
    clock.sleep(1.1)
    assert main(["backup", "--db", str(x)]) == 0
    older, _newer = sorted(_listed(x, capsys), key=lambda b: b["created"])
    from datetime import datetime, timedelta

    # the listing shows whole seconds; the next second is still before the newer backup
    at = datetime.fromisoformat(older["created"]) + timedelta(seconds=1)
    assert main(["restore", "--at", f"{at:%Y-%m-%d %H:%M:%S}", "--db", str(x)]) == 0
    out = capsys.readouterr().out
    assert f"已从 {older['path']} 恢复" in out
    assert main(["restore", "--at", "2000-01-01", "--db", str(x)]) == 1
    assert "没有 2000-01-01 23:59 或更早的备份" in capsys.readouterr().err
