"""佐证材料 (issue 18 item 1): byte-exact streamed round trip, dedup by hash, refused files,
who may attach, soft removal kept in history, backup and restore, the CLI verbs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from attachment_office import MB, counts, make_office, random_file
from progress_registry import COORDINATOR
from sqlmodel import select

from jjjdesk.cli.main import main as cli_main
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import (
    AttachmentChunk,
    AuditEvent,
    ProgressEntry,
)
from jjjdesk.errors import UserFacingError
from jjjdesk.services import attachments, entries
from jjjdesk.services.permissions import PermissionDenied


@pytest.fixture
def office(empty_db):
    """Units A and B with one entry each in an open March round, and a problem of unit B."""
    return make_office(empty_db)


def test_a_10_mb_file_round_trips_byte_exact(empty_db, office, tmp_path):
    source = random_file(tmp_path / "现场照片.jpg", 10 * MB + 123)
    with empty_db.session() as s:
        [added] = attachments.add_attachments(session=s, actor=COORDINATOR, files=[source],
                                              entry_id=office["entry_a"])
    assert (added.file_name, added.size, added.media_type) == (
        "现场照片.jpg", 10 * MB + 123, "image/jpeg")
    assert added.entry_version == 1 and added.uploader == COORDINATOR.name
    assert counts(empty_db) == (1, 11, 1), "1 MiB chunks, the last one short"
    out = tmp_path / "out" / "copy.jpg"
    with empty_db.session() as s:
        assert attachments.save_attachment(session=s, actor=COORDINATOR,
                                           attachment_id=added.id, out=out) == out
    assert out.read_bytes() == source.read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["copy.jpg"], "no temporary file left"
    folder = tmp_path / "folder"
    folder.mkdir()
    with empty_db.session() as s:
        saved = attachments.save_attachment(session=s, actor=COORDINATOR,
                                            attachment_id=added.id, out=folder)
    assert saved == folder / "现场照片.jpg"


_MEASURE = textwrap.dedent("""
    import json, sys, threading, time
    from pathlib import Path
    import psutil
    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.paths import AppPaths
    from jjjdesk.services import attachments

    url, source, out, entry_id = sys.argv[1:5]
    actor = Actor("协同办小王", Role.COORDINATOR)
    db = open_database(url, AppPaths(Path(out).parent / "d", Path(out).parent / "c"))
    with db.session() as s:  # warm up: imports, connection, statement caches
        attachments.list_attachments(session=s, actor=actor, entry_id=int(entry_id))

    def hwm():
        # Linux keeps the peak RSS (VmHWM) and lets a process reset it (clear_refs 5):
        # exact, where sampling could miss a short peak.
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024

    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        exact = True
    except OSError:
        exact = False
    proc = psutil.Process()
    before = proc.memory_info().rss
    sampled = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            sampled.append(proc.memory_info().rss)
            time.sleep(0.001)

    watcher = threading.Thread(target=sample)
    watcher.start()
    t0 = time.perf_counter()
    with db.session() as s:
        [a] = attachments.add_attachments(session=s, actor=actor, files=[source],
                                          entry_id=int(entry_id))
    t1 = time.perf_counter()
    with db.session() as s:
        attachments.save_attachment(session=s, actor=actor, attachment_id=a.id, out=out)
    t2 = time.perf_counter()
    done.set()
    watcher.join()
    peak = hwm() if exact else max(sampled)
    print(json.dumps({"growth": peak - before, "exact": exact, "add_s": t1 - t0,
                      "get_s": t2 - t1}))
""")


def test_streaming_keeps_peak_memory_below_twice_therandom_file(empty_db, office, tmp_path):
    """In a fresh process (the peak of this one says nothing): the peak RSS while adding and
    saving a 10 MB file exceeds the RSS before by less than 2× the file's size."""
    size = 10 * MB
    source = random_file(tmp_path / "规划图.pdf", size)
    out = tmp_path / "back.pdf"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, empty_db.url, str(source), str(out),
         str(office["entry_a"])], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"10 MB: peak RSS growth {figures['growth'] / MB:.1f} MB"
          f" ({'VmHWM' if figures['exact'] else 'sampled'}), add {figures['add_s']:.2f} s,"
          f" get {figures['get_s']:.2f} s")
    assert out.read_bytes() == source.read_bytes()
    assert figures["growth"] < 2 * size, figures


def test_the_same_file_twice_is_stored_once(empty_db, office, tmp_path):
    source = random_file(tmp_path / "a.pdf", 3 * MB)
    copy = tmp_path / "同一文件改名.pdf"
    copy.write_bytes(source.read_bytes())
    with empty_db.session() as s:
        first = attachments.add_attachments(session=s, actor=COORDINATOR, files=[source, copy],
                                            entry_id=office["entry_a"])
    with empty_db.session() as s:
        again = attachments.add_attachments(session=s, actor=COORDINATOR, files=[source],
                                            entry_id=office["entry_b"])
    assert len({v.sha256 for v in first + again}) == 1
    assert counts(empty_db) == (1, 3, 3)
    with empty_db.session() as s:
        names = [v.file_name for v in attachments.list_attachments(
            session=s, actor=COORDINATOR, entry_id=office["entry_a"])]
    assert names == ["a.pdf", "同一文件改名.pdf"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("空.pdf", b"", "文件“空.pdf”是空文件(0 字节),未添加任何附件。"),
    ("setup.exe", b"MZ whatever", "文件“setup.exe”是可执行程序或脚本(.exe),不能作为佐证材料,"
                                  "未添加任何附件。"),
    ("run.BAT", b"@echo off", "(.bat)"),
    ("报告.pdf.js", b"alert(1)", "(.js)"),
    ("macro.vbs", b"x", "(.vbs)"),
    ("x.ps1", b"x", "(.ps1)"),
    ("install.sh", b"echo", "(.sh)"),
    ("lib.jar", b"PK", "(.jar)"),
    ("trailing.exe.", b"x", "(.exe)"),
    ("伪装.pdf", b"\x7fELF\x02\x01\x01" + bytes(100), "文件“伪装.pdf”是可执行程序或脚本,"),
    ("脚本.txt", b"#!/bin/sh\nrm -rf /\n", "是可执行程序或脚本"),
])
def test_refused_files_store_nothing(empty_db, office, tmp_path, name, content, message):
    good = random_file(tmp_path / "good.pdf", 1000)
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(attachments.AttachmentRefused) as info, empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[good, bad],
                                    entry_id=office["entry_a"])
    assert message in str(info.value) and str(info.value).endswith("未添加任何附件。")
    assert counts(empty_db) == (0, 0, 0), "one bad file: none of the files is stored"


def test_a_pe_renamed_to_pdf_is_refused(empty_db, office, tmp_path):
    header = bytearray(512)
    header[:2] = b"MZ"
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    header[0x80:0x84] = b"PE\0\0"
    bad = tmp_path / "通知.pdf"
    bad.write_bytes(bytes(header))
    with pytest.raises(attachments.AttachmentRefused, match="可执行程序"), \
            empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[bad],
                                    entry_id=office["entry_a"])


def test_oversized_missing_and_unreadable_files_are_refused(empty_db, office, tmp_path):
    big = random_file(tmp_path / "大文件.pdf", 2 * MB + 1)
    with pytest.raises(attachments.AttachmentRefused) as info, empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[big],
                                    entry_id=office["entry_a"], max_bytes=2 * MB)
    assert str(info.value) == ("文件“大文件.pdf”大小为 2.0 MB,超过每个附件 2 MB 的上限,"
                               "未添加任何附件。")
    assert attachments.DEFAULT_MAX_BYTES == 50 * MB
    with pytest.raises(attachments.AttachmentRefused, match="“没有.pdf”不存在"), \
            empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR,
                                    files=[tmp_path / "没有.pdf"], entry_id=office["entry_a"])
    with pytest.raises(attachments.AttachmentRefused, match="是文件夹"), \
            empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[tmp_path],
                                    entry_id=office["entry_a"])
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = random_file(tmp_path / "锁定.pdf", 100)
        locked.chmod(0)
        with pytest.raises(attachments.AttachmentRefused, match="“锁定.pdf”无法读取"), \
                empty_db.session() as s:
            attachments.add_attachments(session=s, actor=COORDINATOR, files=[locked],
                                        entry_id=office["entry_a"])
    assert counts(empty_db) == (0, 0, 0)


def test_a_reporter_works_only_on_its_own_units_entries_and_problems(empty_db, office,
                                                                      tmp_path):
    f = random_file(tmp_path / "证明.pdf", 2000)
    rep_a, rep_b = office["rep_a"], office["rep_b"]
    with empty_db.session() as s:
        [own] = attachments.add_attachments(session=s, actor=rep_a, files=[f],
                                            entry_id=office["entry_a"])
    for call in (
        lambda s: attachments.add_attachments(session=s, actor=rep_b, files=[f],
                                              entry_id=office["entry_a"]),
        lambda s: attachments.list_attachments(session=s, actor=rep_b,
                                               entry_id=office["entry_a"]),
        lambda s: attachments.save_attachment(session=s, actor=rep_b, attachment_id=own.id,
                                              out=tmp_path / "stolen.pdf"),
        lambda s: attachments.delete_attachment(session=s, actor=rep_b, attachment_id=own.id),
        lambda s: attachments.add_attachments(session=s, actor=rep_a, files=[f],
                                              problem_id=office["problem"]),
        lambda s: attachments.add_attachments(session=s, actor=Actor("只读", Role.VIEWER),
                                              files=[f], entry_id=office["entry_a"]),
    ):
        with pytest.raises(PermissionDenied), empty_db.session() as s:
            call(s)
    assert not (tmp_path / "stolen.pdf").exists()
    with empty_db.session() as s:
        attachments.add_attachments(session=s, actor=rep_b, files=[f],
                                    problem_id=office["problem"])
        seen = attachments.list_attachments(session=s, actor=Actor("只读", Role.VIEWER),
                                            entry_id=office["entry_a"])
    assert [v.id for v in seen] == [own.id], "reviewers and viewers see all"
    assert counts(empty_db) == (1, 1, 2)


def test_submitted_and_approved_entries_are_locked(empty_db, office, tmp_path):
    f = random_file(tmp_path / "证明.pdf", 2000)
    with empty_db.session() as s:
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=office["entry_a"])
    with pytest.raises(UserFacingError, match="已报送"), empty_db.session() as s:
        attachments.add_attachments(session=s, actor=office["rep_a"], files=[f],
                                    entry_id=office["entry_a"])
    with empty_db.session() as s:  # the office may still add evidence while reviewing
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[f],
                                    entry_id=office["entry_a"])
        s.get(ProgressEntry, office["entry_a"]).review_state = "approved"
    with pytest.raises(UserFacingError, match="已审核,已锁定"), empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[f],
                                    entry_id=office["entry_a"])


def test_removal_is_soft_audited_and_kept_in_history(empty_db, office, tmp_path):
    f = random_file(tmp_path / "旧版.docx", 5000)
    with empty_db.session() as s:
        [a] = attachments.add_attachments(session=s, actor=office["rep_a"], files=[f],
                                          entry_id=office["entry_a"])
    with empty_db.session() as s:
        gone = attachments.delete_attachment(session=s, actor=office["rep_a"],
                                             attachment_id=a.id, reason="传错了")
    assert gone.is_deleted and gone.deleted_by == "甲填报员"
    with pytest.raises(UserFacingError, match="已于此前删除"), empty_db.session() as s:
        attachments.delete_attachment(session=s, actor=COORDINATOR, attachment_id=a.id)
    with empty_db.session() as s:
        assert attachments.list_attachments(session=s, actor=COORDINATOR,
                                            entry_id=office["entry_a"]) == []
        [kept] = attachments.list_attachments(session=s, actor=COORDINATOR,
                                              entry_id=office["entry_a"], include_deleted=True)
        attachments.save_attachment(session=s, actor=COORDINATOR, attachment_id=a.id,
                                    out=tmp_path / "history.docx")
        events = s.exec(select(AuditEvent).where(AuditEvent.entity == "attachment")
                        .order_by(AuditEvent.id)).all()
    assert kept.id == a.id and (tmp_path / "history.docx").read_bytes() == f.read_bytes()
    assert [(e.action, e.actor) for e in events] == [("create", "甲填报员"),
                                                     ("delete", "甲填报员")]
    assert events[0].summary == f"添加佐证材料“旧版.docx”(4.9 KB)到进展填报 {office['entry_a']}"
    assert events[1].reason == "传错了" and "旧版.docx" in events[1].summary


def test_damaged_content_is_refused_on_save_and_leaves_norandom_file(empty_db, office, tmp_path):
    f = random_file(tmp_path / "a.pdf", 3 * MB)
    with empty_db.session() as s:
        [a] = attachments.add_attachments(session=s, actor=COORDINATOR, files=[f],
                                          entry_id=office["entry_a"])
    with empty_db.session() as s:
        chunk = s.get(AttachmentChunk, (a.sha256, 1))
        chunk.data = b"x" + chunk.data[1:]
    out = tmp_path / "out.pdf"
    with pytest.raises(UserFacingError, match="内容已损坏"), empty_db.session() as s:
        attachments.save_attachment(session=s, actor=COORDINATOR, attachment_id=a.id, out=out)
    assert list(tmp_path.glob("*out*")) == []


@pytest.mark.sqlite_only
def test_attachments_survive_backup_and_restore(empty_db, office, tmp_path, isolated_paths):
    from jjjdesk.db.open import open_database
    from jjjdesk.services import backups

    f = random_file(tmp_path / "证明.pdf", 2 * MB + 5)
    with empty_db.session() as s:
        [a] = attachments.add_attachments(session=s, actor=COORDINATOR, files=[f],
                                          entry_id=office["entry_a"])
    made = backups.make_backup(url=empty_db.url, paths=isolated_paths)
    with empty_db.session() as s:
        attachments.delete_attachment(session=s, actor=COORDINATOR, attachment_id=a.id)
    empty_db.dispose()
    backups.restore_backup(url=empty_db.url, paths=isolated_paths,
                           actor=Actor("管理员", Role.ADMIN), source=made)
    db = open_database(empty_db.url, isolated_paths)
    try:
        with db.session() as s:
            [back] = attachments.list_attachments(session=s, actor=COORDINATOR,
                                                  entry_id=office["entry_a"])
            attachments.save_attachment(session=s, actor=COORDINATOR, attachment_id=back.id,
                                        out=tmp_path / "restored.pdf")
    finally:
        db.dispose()
    assert back.id == a.id and (tmp_path / "restored.pdf").read_bytes() == f.read_bytes()


def test_cli_attach_add_list_get_delete(empty_db, office, tmp_path, capsys):
    db = ["--db", empty_db.url]
    one = random_file(tmp_path / "照片1.jpg", 3000, 1)
    two = random_file(tmp_path / "会议纪要.pdf", 4000, 2)
    entry = str(office["entry_a"])
    assert cli_main(["attach", "add", "--entry", entry, str(one), str(two), *db]) == 0
    out = capsys.readouterr().out
    assert "已添加佐证材料" in out and "照片1.jpg(2.9 KB)" in out
    assert cli_main(["attach", "list", "--entry", entry, "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["file_name"], r["size"], r["entry_id"], r["deleted_at"]) for r in listed] == [
        ("照片1.jpg", 3000, office["entry_a"], None),
        ("会议纪要.pdf", 4000, office["entry_a"], None)]
    first = str(listed[0]["id"])
    assert cli_main(["attach", "list", "--entry", entry, *db]) == 0
    assert "会议纪要.pdf" in capsys.readouterr().out
    target = tmp_path / "got.jpg"
    assert cli_main(["attach", "get", first, "--out", str(target), *db]) == 0
    assert target.read_bytes() == one.read_bytes()
    assert f"已保存到 {target}" in capsys.readouterr().out
    assert cli_main(["attach", "delete", first, "--reason", "重复", *db]) == 0
    assert "已删除佐证材料" in capsys.readouterr().out
    assert cli_main(["attach", "list", "--entry", entry, "--json", *db]) == 0
    assert [r["file_name"] for r in json.loads(capsys.readouterr().out)] == ["会议纪要.pdf"]
    assert cli_main(["attach", "list", "--entry", entry, "--deleted", "--json", *db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2

    problem = str(office["problem"])
    assert cli_main(["attach", "add", "--problem", problem, str(two), *db]) == 0
    capsys.readouterr()
    assert cli_main(["attach", "list", "--problem", problem, "--json", *db]) == 0
    [p] = json.loads(capsys.readouterr().out)
    assert p["problem_id"] == office["problem"] and p["entry_id"] is None

    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    assert cli_main(["attach", "add", "--entry", entry, str(one), str(empty), *db]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "错误:文件“空.docx”是空文件(0 字节),未添加任何附件。"
    assert captured.out == ""
    assert cli_main(["attach", "get", "99999", "--out", str(tmp_path / "x"), *db]) == 1
    assert "佐证材料(编号 99999)不存在" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli_main(["attach", "add", "--entry", entry, "--problem", problem, str(one), *db])
