"""jjjdesk-cli on a temporary database: init, demo, list, show, and one-line errors."""

from __future__ import annotations

import json

import pytest

from jjjdesk.cli.main import main

pytestmark = pytest.mark.sqlite_only  # exercises database files given by path


def test_init_with_demo_then_list_and_show(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "25 项任务" in out and db in out

    assert main(["list", "projects", "--search", "jxcj", "--json", "--db", db]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "津兴城际铁路" in [p["name"] for p in found]

    assert main(["list", "tasks", "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 25

    assert main(["--db", db, "list", "units"]) == 0
    assert "滨海新区" in capsys.readouterr().out

    project_id = found[0]["id"]
    assert main(["show", "project", str(project_id), "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == project_id


def test_errors_are_one_clear_line_and_a_non_zero_exit(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--db", db]) == 0
    capsys.readouterr()
    assert main(["show", "project", "999", "--db", db]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "错误:项目(编号 999)不存在,可能已被删除。"

    assert main(["demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", db]) == 1
    assert "空数据库" in capsys.readouterr().err

    not_a_db = tmp_path / "readme.sqlite3"
    not_a_db.write_text("hello")
    assert main(["list", "units", "--db", str(not_a_db)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_database_url_from_the_environment(tmp_path, capsys, monkeypatch):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("JJJDESK_DATABASE_URL", f"sqlite:///{db}")
    assert main(["init"]) == 0
    assert str(db) in capsys.readouterr().out
    assert db.exists()


def test_default_database_lives_in_the_data_folder(isolated_paths, capsys):
    assert main(["init"]) == 0
    assert isolated_paths.default_database.exists()


def test_audit_verify_reports_tampering(tmp_path, capsys):
    import sqlite3

    db = str(tmp_path / "audit.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    assert main(["audit", "verify", "--db", db]) == 0
    assert "哈希链校验通过" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_event SET summary = '改过' WHERE id = 1")
    assert main(["audit", "verify", "--db", db]) == 3
    assert "第 1 条记录" in capsys.readouterr().out


def test_a_database_held_by_another_writer_is_said_in_words(tmp_path, capsys, monkeypatch):
    """BEGIN EXCLUSIVE by another program: after the busy wait, the lock message — no SQL,
    no parameters, no "Background on this error" line."""
    import sqlite3

    import jjjdesk.db.engine

    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    capsys.readouterr()
    monkeypatch.setattr(jjjdesk.db.engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["round", "create", "2024-03", "--deadline", "2024-04-05", "--db", db])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("错误:数据库正被另一个程序") and len(err.splitlines()) == 1
    assert "INSERT" not in err and "sqlalche.me" not in err and "locked" not in err
    assert main(["round", "list", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was written


def test_control_characters_in_stored_names_are_shown_escaped(tmp_path, capsys):
    """A name holding an ANSI escape (from an old file or a direct edit) must not recolour
    or clear the terminal: it is printed as visible \\x1b; JSON stays valid."""
    import sqlite3

    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE unit SET name = ? WHERE name = '滨海新区'", ("\x1b[2J滨海新区\x07",))
    capsys.readouterr()
    assert main(["list", "units", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J滨海新区\\x07" in out
    assert main(["list", "units", "--json", "--db", db]) == 0
    names = [u["name"] for u in json.loads(capsys.readouterr().out)]
    assert "\x1b[2J滨海新区\x07" in names
