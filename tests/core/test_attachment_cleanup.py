"""Stored bytes no attachment uses any more (left when an item was deleted with its
延期申请 and their files) are cleaned up on request: office only, audited, a dry run first;
bytes of removed attachments (kept in the history) and of shared contents stay."""

from __future__ import annotations

import json
from datetime import date

import pytest
from attachment_office import MB, counts, random_file
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.cli.main import main as cli_main
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent
from jjjdesk.services import attachments, extensions, tasks
from jjjdesk.services.permissions import PermissionDenied


@pytest.fixture
def orphaned(empty_db, tmp_path):
    """Task A's request carried a 2 MB scan and a photo also attached to task B's request;
    task B's request also has a removed file; then task A was deleted."""
    reg = build(empty_db)
    scan = random_file(tmp_path / "扫描件.pdf", 2 * MB, 1)
    photo = random_file(tmp_path / "现场.jpg", 5000, 2)
    removed = random_file(tmp_path / "作废.docx", 3000, 3)
    with empty_db.session() as s:
        for subject, files in ((reg.task_a, [scan, photo]), (reg.task_b, [photo, removed])):
            asked = extensions.request_extension(
                session=s, actor=COORDINATOR, subject=subject, until=date(2025, 6, 30),
                reason="顺延", files=files)
        gone = attachments.list_attachments(session=s, actor=COORDINATOR,
                                            extension_id=asked.id)[-1]
        attachments.delete_attachment(session=s, actor=COORDINATOR, attachment_id=gone.id)
    with empty_db.session() as s:
        tasks.delete_task(session=s, actor=COORDINATOR, task_id=reg.task_a.id)
    assert counts(empty_db) == (3, 4, 2), "the scan's content and chunks are left unused"
    return {"reg": reg, "scan": scan}


def test_a_dry_run_finds_and_a_cleanup_removes_only_unused_bytes(empty_db, orphaned):
    with empty_db.session() as s:
        found = attachments.cleanup_contents(session=s, actor=COORDINATOR, dry_run=True)
    assert (found.dry_run, found.contents, found.chunks, found.size) == (True, 1, 2, 2 * MB)
    assert counts(empty_db) == (3, 4, 2)
    with empty_db.session() as s:
        done = attachments.cleanup_contents(session=s, actor=COORDINATOR)
    assert (done.contents, done.size_text, done.sha256) == (1, "2.0 MB", found.sha256)
    assert counts(empty_db) == (2, 2, 2), "the shared photo and the removed file stay"
    with empty_db.session() as s:
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.entity == "attachment_content" and event.action == "delete"
    assert event.summary == "清理未被任何佐证材料使用的文件内容 1 个,共 2.0 MB"
    with empty_db.session() as s:
        again = attachments.cleanup_contents(session=s, actor=COORDINATOR)
        assert again.contents == 0
        assert s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first().id == event.id


def test_only_the_office_cleans_up(empty_db, orphaned):
    reg = orphaned["reg"]
    for actor in (reg.reporter(reg.unit_b), Actor("领导", Role.VIEWER)):
        with pytest.raises(PermissionDenied), empty_db.session() as s:
            attachments.cleanup_contents(session=s, actor=actor)
    assert counts(empty_db) == (3, 4, 2)


def test_the_same_file_added_again_after_a_cleanup_is_stored_anew(empty_db, orphaned):
    with empty_db.session() as s:
        attachments.cleanup_contents(session=s, actor=COORDINATOR)
        [asked] = extensions.list_extensions(session=s)  # task B's
    with empty_db.session() as s:
        [again] = attachments.add_attachments(session=s, actor=COORDINATOR,
                                              files=[orphaned["scan"]], extension_id=asked.id)
    with empty_db.session() as s:
        data = attachments.attachment_bytes(session=s, actor=COORDINATOR,
                                            attachment_id=again.id, max_bytes=4 * MB)
    assert data == orphaned["scan"].read_bytes()


def test_cli_attach_cleanup_reports_in_json(empty_db, orphaned, capsys):
    db = ["--db", empty_db.url]
    assert cli_main(["attach", "cleanup", "--dry-run", *db]) == 0
    assert capsys.readouterr().out.strip() == "可清理 1 个未被使用的文件内容,共 2.0 MB(未删除)"
    assert cli_main(["attach", "cleanup", "--json", *db]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {k: report[k] for k in ("dry_run", "contents", "chunks", "size")} == {
        "dry_run": False, "contents": 1, "chunks": 2, "size": 2 * MB}
    assert len(report["sha256"]) == 1 and len(report["sha256"][0]) == 64
    assert cli_main(["attach", "cleanup", *db]) == 0
    assert capsys.readouterr().out.strip() == "没有未被使用的文件内容。"


def test_on_postgresql_a_cleanup_never_removes_what_an_add_in_flight_reuses(empty_db,
                                                                           orphaned):
    """Another workstation adds the unused scan again while the office cleans up: the
    cleanup waits for that add to commit and then keeps the scan; caught between the add's
    claim and its audit row, it refuses in words rather than wait (no deadlock)."""
    import threading

    from sqlalchemy import text

    from jjjdesk.db import blobs
    from jjjdesk.errors import UserFacingError

    if not empty_db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has one writer at a time")
    [asked] = [v for v in _requests(empty_db)]
    with empty_db.session() as s:
        s.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": blobs.CONTENT_LOCK})
        with pytest.raises(UserFacingError, match="其他工作站正在添加"), \
                empty_db.session() as other:
            attachments.cleanup_contents(session=other, actor=COORDINATOR)
    results: list = []
    with empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[orphaned["scan"]],
                                    extension_id=asked.id)

        def clean() -> None:
            with empty_db.session() as other:
                results.append(attachments.cleanup_contents(session=other, actor=COORDINATOR))

        cleaner = threading.Thread(target=clean)
        cleaner.start()
        cleaner.join(1.0)
        assert cleaner.is_alive(), "waits for the add in flight"
    cleaner.join(10)
    assert [r.contents for r in results] == [0]
    assert counts(empty_db) == (3, 4, 3)


def _requests(db):
    with db.session() as s:
        return extensions.list_extensions(session=s)


def test_files_of_an_undone_import_are_cleaned_up(empty_db, tmp_path):
    """Undo takes an import's attachments back with its entries; their bytes stay until a
    cleanup, which then removes exactly them."""
    from import_helpers import OFFICE, build_registry, write_xlsx

    from jjjdesk.importing import batch as imports

    build_registry(empty_db)
    root = tmp_path / "发改委3月报送"
    root.mkdir()
    write_xlsx(root / "发改委3月进展.xlsx", [
        ["2024年3月重点项目进展情况表"], ["填报单位:市发改委"],
        ["序号", "项目编号", "项目名称", "完成进度", "进展情况"],
        [1, "JJJ-001", "津兴城际铁路", "45%", "铺轨完成一半"]])
    random_file(root / "1_现场照片.jpg", 40_000, 7)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=root)
    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    assert result.attached == 1 and counts(empty_db)[0] == 1
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert counts(empty_db) == (1, 1, 0)
    with empty_db.session() as s:
        done = attachments.cleanup_contents(session=s, actor=OFFICE)
    assert (done.contents, done.size) == (1, 40_000)
    assert counts(empty_db) == (0, 0, 0)
