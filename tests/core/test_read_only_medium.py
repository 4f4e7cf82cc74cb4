"""A database on a read-only medium opens for reading, is never called damaged, and refuses
edits in one line with nothing changed (issue 17, item 3)."""

from __future__ import annotations

import json

import pytest

from jjjdesk.cli.main import main
from jjjdesk.db.open import open_database

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def demo_file(tmp_path):
    file = tmp_path / "office.sqlite3"
    assert main(["demo", "--db", str(file)]) == 0
    return file


def test_a_database_on_a_read_only_medium_lists_checks_and_refuses_edits(
        demo_file, read_only_medium, capsys):
    main(["list", "projects", "--json", "--db", str(demo_file)])
    listed = json.loads(capsys.readouterr().out)
    copy = read_only_medium(demo_file)
    before = copy.read_bytes()

    assert main(["list", "projects", "--json", "--db", str(copy)]) == 0
    assert json.loads(capsys.readouterr().out) == listed
    assert main(["check", "--db", str(copy)]) == 0
    assert "损坏" not in capsys.readouterr().out

    assert main(["round", "create", "2024-03", "--deadline", "2024-04-05",
                 "--db", str(copy)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "只读" in err[0] and "损坏" not in err[0]
    assert copy.read_bytes() == before
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]


def test_the_opened_database_knows_it_is_read_only(demo_file, read_only_medium):
    db = open_database(f"sqlite:///{read_only_medium(demo_file)}", create=False)
    try:
        assert db.read_only
    finally:
        db.dispose()
    writable = open_database(f"sqlite:///{demo_file}", create=False)
    try:
        assert not writable.read_only
    finally:
        writable.dispose()
