"""Signed audit checkpoints (issue 16 item 4): a table writer who rewrites audit rows and
recomputes the whole chain passes the plain `audit verify`, and is named by the checkpoint.

Runs on a SQLite file, and on PostgreSQL with JJJDESK_TEST_PG_URL (the last test there, in
server mode: the auditor's own login signs, the owner tampers).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
import sys

import pg_roles
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import col, select

from jjjdesk.cli.main import main as cli_main
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent
from jjjdesk.services import audit, audit_anchor

CLERK = Actor("张三", Role.COORDINATOR)
_ids = itertools.count()


def _cli(url: str, *argv: str, stdin: str = "") -> int:
    return pg_roles.run_cli([argv[0], argv[1], "--db", url, *argv[2:]], stdin)


def _add_events(db, n: int) -> list[int]:
    made = []
    for i in range(n):
        with db.session() as s:
            made.append(audit.record(session=s, actor=CLERK, action="update", entity="entry",
                                     entity_id=i, summary=f"修改进展 {i}",
                                     changes={"progress": ["起步", f"推进 {i}"]}).id)
    return made


def _rewrite_from(db, event_id: int, summary: str | None = None) -> None:
    """What a table writer does: edit (or drop) rows, then recompute every later hash so the
    stored chain holds again — the attack the plain chain cannot see."""
    with db.session() as s:
        rows = list(s.exec(select(AuditEvent).order_by(col(AuditEvent.id))))
        prev = ""
        for row in rows:
            if row.id == event_id and summary is not None:
                row.summary = summary
            if row.id >= event_id:
                row.prev_hash = prev
                row.hash = audit._digest(prev, row)
            prev = row.hash


@pytest.fixture
def keys(tmp_path, capsys):
    assert cli_main(["audit", "keygen", "--out", str(tmp_path / "keys")]) == 0
    capsys.readouterr()
    return {"key": str(tmp_path / "keys" / "audit-checkpoint.key"),
            "pub": str(tmp_path / "keys" / "audit-checkpoint.pub")}


def _checkpoint(url: str, keys, out) -> dict:
    assert _cli(url, "audit", "checkpoint", "--key", keys["key"], "--out", str(out)) == 0
    return json.loads(out.read_text(encoding="utf-8"))["body"]


def _verify(url: str, keys, *files, json_out: bool = False) -> int:
    argv = ["audit", "verify"]
    for f in files:
        argv += ["--checkpoint", str(f)]
    argv += ["--public-key", keys["pub"]] + (["--json"] if json_out else [])
    return _cli(url, *argv)


def test_a_rewritten_row_with_the_chain_recomputed_is_named_by_the_checkpoint(
        empty_db, keys, tmp_path, capsys):
    ids = _add_events(empty_db, 6)
    body = _checkpoint(empty_db.url, keys, tmp_path / "week1.json")
    assert body["event_id"] == ids[-1] and body["count"] >= 6
    _add_events(empty_db, 2)  # rows after the checkpoint are no disagreement
    assert _verify(empty_db.url, keys, tmp_path / "week1.json") == 0
    assert "相符" in capsys.readouterr().out

    _rewrite_from(empty_db, ids[2], summary="什么也没发生")
    assert _cli(empty_db.url, "audit", "verify") == 0  # the plain chain is fooled
    assert "哈希链校验通过" in capsys.readouterr().out
    assert _verify(empty_db.url, keys, tmp_path / "week1.json") == 3
    out = capsys.readouterr().out
    assert f"不符,第 {ids[2]} 条记录的内容已被修改" in out

    assert _verify(empty_db.url, keys, tmp_path / "week1.json", json_out=True) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["broken"] == []
    [checked] = report["checkpoints"]
    assert (checked["ok"], checked["signature_ok"], checked["first_bad_id"]) == (
        False, True, ids[2])


def test_deleting_the_last_rows_before_a_checkpoint_is_caught(empty_db, keys, tmp_path,
                                                              capsys):
    ids = _add_events(empty_db, 5)
    _checkpoint(empty_db.url, keys, tmp_path / "cp.json")
    with empty_db.engine.begin() as conn:  # the owner drops the last two and the export row
        conn.execute(text("DELETE FROM audit_event WHERE id >= :i"), {"i": ids[3]})
    assert _cli(empty_db.url, "audit", "verify") == 0  # what is left still chains
    capsys.readouterr()
    assert _verify(empty_db.url, keys, tmp_path / "cp.json", json_out=True) == 3
    [checked] = json.loads(capsys.readouterr().out)["checkpoints"]
    assert checked["first_bad_id"] == ids[3] and "已被删除" in checked["problem"]


def test_a_row_deleted_in_the_middle_and_the_chain_recomputed_is_named(empty_db, keys,
                                                                       tmp_path, capsys):
    ids = _add_events(empty_db, 5)
    _checkpoint(empty_db.url, keys, tmp_path / "cp.json")
    with empty_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = :i"), {"i": ids[1]})
    _rewrite_from(empty_db, ids[2])
    assert _cli(empty_db.url, "audit", "verify") == 0
    capsys.readouterr()
    assert _verify(empty_db.url, keys, tmp_path / "cp.json") == 3
    assert f"第 {ids[1]} 条记录已被删除" in capsys.readouterr().out


def test_every_checkpoint_is_checked_and_later_rows_pass(empty_db, keys, tmp_path, capsys):
    _add_events(empty_db, 3)
    _checkpoint(empty_db.url, keys, tmp_path / "w1.json")
    later = _add_events(empty_db, 3)
    _checkpoint(empty_db.url, keys, tmp_path / "w2.json")
    _add_events(empty_db, 1)
    assert _verify(empty_db.url, keys, tmp_path / "w1.json", tmp_path / "w2.json") == 0
    assert capsys.readouterr().out.count("相符") == 2
    _rewrite_from(empty_db, later[1], summary="改过")  # after week 1, before week 2
    assert _verify(empty_db.url, keys, tmp_path / "w1.json", tmp_path / "w2.json",
                   json_out=True) == 3
    first, second = json.loads(capsys.readouterr().out)["checkpoints"]
    assert first["ok"] and second["first_bad_id"] == later[1]


def test_a_checkpoint_signed_by_another_key_or_edited_by_hand_fails(empty_db, keys, tmp_path,
                                                                    capsys):
    ids = _add_events(empty_db, 3)
    assert cli_main(["audit", "keygen", "--out", str(tmp_path / "forger")]) == 0
    forged = {"key": str(tmp_path / "forger" / "audit-checkpoint.key"), "pub": keys["pub"]}
    _rewrite_from(empty_db, ids[0], summary="伪造")  # and signs the rewritten chain
    _checkpoint(empty_db.url, forged, tmp_path / "forged.json")
    capsys.readouterr()
    assert _verify(empty_db.url, keys, tmp_path / "forged.json") == 3
    assert "签名无效" in capsys.readouterr().out
    _checkpoint(empty_db.url, keys, tmp_path / "true.json")
    capsys.readouterr()
    document = json.loads((tmp_path / "true.json").read_text(encoding="utf-8"))
    document["body"]["count"] -= 1  # "there were fewer rows": the signature no longer holds
    (tmp_path / "edited.json").write_text(json.dumps(document), encoding="utf-8")
    assert _verify(empty_db.url, keys, tmp_path / "edited.json", json_out=True) == 3
    [checked] = json.loads(capsys.readouterr().out)["checkpoints"]
    assert checked["signature_ok"] is False


def test_a_checkpoint_of_another_database_is_refused(empty_db, keys, tmp_path, capsys):
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert cli_main(["init", "--demo", "--db", other]) == 0
    _checkpoint(other, keys, tmp_path / "other.json")
    _add_events(empty_db, 1)
    capsys.readouterr()
    assert _verify(empty_db.url, keys, tmp_path / "other.json") == 1
    assert "该检查点属于另一个数据库" in capsys.readouterr().err


def test_the_export_is_audited_and_a_broken_chain_is_never_signed(empty_db, keys, tmp_path,
                                                                  capsys):
    ids = _add_events(empty_db, 2)
    body = _checkpoint(empty_db.url, keys, tmp_path / "cp.json")
    with empty_db.session() as s:
        newest = audit.list_events(session=s, limit=1)[0]
    assert (newest.action, newest.entity_id) == ("checkpoint", body["event_id"])
    assert _cli(empty_db.url, "audit", "list") == 0
    assert "导出审计检查点" in capsys.readouterr().out
    assert _cli(empty_db.url, "audit", "checkpoint", "--key", keys["key"], "--out",
                str(tmp_path / "cp.json")) == 1  # an older checkpoint is never overwritten
    assert "未覆盖" in capsys.readouterr().err
    with empty_db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET summary = '改过' WHERE id = :i"), {"i": ids[0]})
    assert _cli(empty_db.url, "audit", "checkpoint", "--key", keys["key"], "--out",
                str(tmp_path / "bad.json")) == 1
    assert f"第 {ids[0]} 条记录在程序之外被修改" in capsys.readouterr().err
    assert not (tmp_path / "bad.json").exists()
    assert not (tmp_path / "bad.json.part").exists()


def test_keys_are_private_never_overwritten_and_a_passphrase_is_asked_for(tmp_path, capsys):
    folder = tmp_path / "k"
    old = sys.stdin
    sys.stdin = io.StringIO("口令 2024\n")
    try:
        assert cli_main(["audit", "keygen", "--out", str(folder), "--passphrase-stdin"]) == 0
    finally:
        sys.stdin = old
    if os.name == "posix":
        assert stat.S_IMODE((folder / "audit-checkpoint.key").stat().st_mode) == 0o600
    assert b"ENCRYPTED" in (folder / "audit-checkpoint.key").read_bytes()
    assert cli_main(["audit", "keygen", "--out", str(folder)]) == 1
    assert "未覆盖" in capsys.readouterr().err
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert cli_main(["init", "--demo", "--db", db]) == 0
    argv = ["audit", "checkpoint", "--db", db, "--key", str(folder / "audit-checkpoint.key"),
            "--out", str(tmp_path / "cp.json")]
    assert cli_main(argv) == 1
    assert "私钥有口令保护" in capsys.readouterr().err
    assert _cli(db, *argv[:2], *argv[4:], "--passphrase-stdin", stdin="不对\n") == 1
    assert "口令不对" in capsys.readouterr().err
    assert _cli(db, *argv[:2], *argv[4:], "--passphrase-stdin", stdin="口令 2024\n") == 0
    assert _cli(db, "audit", "verify", "--checkpoint", str(tmp_path / "cp.json")) == 1
    assert "--public-key" in capsys.readouterr().err


def test_a_file_that_is_not_a_checkpoint_is_said_in_words(empty_db, keys, tmp_path, capsys):
    (tmp_path / "x.json").write_text("{\"body\": 1}", encoding="utf-8")
    assert _verify(empty_db.url, keys, tmp_path / "x.json") == 1
    assert "不是审计检查点文件" in capsys.readouterr().err
    assert _verify(empty_db.url, keys, tmp_path / "missing.json") == 1
    assert "检查点文件不存在" in capsys.readouterr().err


# ---- server mode: the auditor's login signs, the owner tampers ------------------------------
def test_on_the_server_the_auditor_signs_and_the_owners_rewrite_is_named(empty_db, keys,
                                                                        tmp_path, capsys):
    if not empty_db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set JJJDESK_TEST_PG_URL (scripts/pg_test_server.sh)")
    from jjjdesk.db import server_roles

    prefix = f"ja{os.getpid()}x{next(_ids)}"
    try:
        ids = _add_events(empty_db, 4)
        assert cli_main(["--db", empty_db.url, "server", "init", "--role-prefix", prefix]) == 0
        logins = {}
        for role in ("auditor", "reporter"):
            name = f"{role[:3]}{next(_ids)}"
            with empty_db.engine.begin() as conn:  # the duty roles have no `user add` yet
                conn.execute(text(
                    "INSERT INTO app_user (username, display_name, role, password_hash, active,"
                    " must_change_password, version, created_at, updated_at)"
                    " VALUES (:u, :u, :r, '', true, false, 1, now(), now())"),
                    {"u": name, "r": role})
                server_roles.sync_login(conn, name)
                server_roles.set_login_password(conn, name, "Aud#2024-check")
                login = conn.execute(text("SELECT jjjdesk_login_name(:u)"), {"u": name}
                                     ).scalar()
            logins[role] = make_url(empty_db.url).set(
                username=login, password="Aud#2024-check").render_as_string(hide_password=False)
        capsys.readouterr()
        assert _cli(logins["reporter"], "audit", "checkpoint", "--key", keys["key"],
                    "--out", str(tmp_path / "rep.json")) == 1
        assert "只有审计员或管理员" in capsys.readouterr().err
        body = _checkpoint(logins["auditor"], keys, tmp_path / "cp.json")
        assert body["event_id"] >= ids[-1]
        with empty_db.session() as s:  # the trigger let the auditor's export row in
            assert audit.list_events(session=s, limit=1)[0].action == "checkpoint"
            assert audit_anchor.database_identity(s) == body["database_id"]

        _rewrite_from(empty_db, ids[1], summary="什么也没发生")  # the owner passes the trigger
        assert _cli(logins["auditor"], "audit", "verify") == 0
        capsys.readouterr()
        assert _verify(logins["auditor"], keys, tmp_path / "cp.json") == 3
        assert f"第 {ids[1]} 条记录的内容已被修改" in capsys.readouterr().out
    finally:
        empty_db.engine.dispose()
        pg_roles.drop_roles(empty_db.url, prefix)


