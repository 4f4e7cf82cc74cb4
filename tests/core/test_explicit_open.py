"""Only init creates a database: other commands refuse missing, empty, folder, foreign files."""

from __future__ import annotations

import pytest

from jjjdesk.cli.main import main

pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize("kind", ["missing_dir", "missing", "empty", "folder", "foreign"])
def test_a_command_on_a_non_database_says_so_and_creates_nothing(kind, tmp_path, capsys):
    target = tmp_path / "x.sqlite3"
    if kind == "missing_dir":
        target = tmp_path / "nonexistent" / "dir" / "x.sqlite3"
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "folder":
        target.mkdir()
    elif kind == "foreign":
        target.write_text("hello, not a database")
    before = sorted(p.name for p in tmp_path.rglob("*") if "userdata" not in p.parts)
    assert main(["list", "projects", "--db", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误:") and "未做任何修改" in err[0]
    after = sorted(p.name for p in tmp_path.rglob("*") if "userdata" not in p.parts)
    assert after == before


def test_init_still_creates(tmp_path):
    target = tmp_path / "new" / "x.sqlite3"
    assert main(["init", "--db", str(target)]) == 0
    assert target.stat().st_size > 0
    assert main(["list", "projects", "--db", str(target)]) == 0
