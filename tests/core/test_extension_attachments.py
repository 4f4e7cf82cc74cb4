"""佐证材料 of 延期申请 (issue 18): a unit's request carries its files (all or none with the
request), the unit and the office add more while it is pending, a decided request keeps its
files as they were; another unit sees none of them. Through the services and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from attachment_office import counts, make_office, random_file
from progress_registry import COORDINATOR

from jjjdesk.cli.main import main as cli_main
from jjjdesk.errors import UserFacingError
from jjjdesk.services import attachments, extensions
from jjjdesk.services.permissions import PermissionDenied


@pytest.fixture
def office(empty_db):
    return make_office(empty_db)


def _ask(db, office, actor, *files):
    with db.session() as s:
        return extensions.request_extension(
            session=s, actor=actor, subject=office["reg"].task_a, until=date(2025, 6, 30),
            reason="征迁未完成", files=list(files))


def test_a_request_carries_its_files_and_a_bad_one_refuses_it_whole(empty_db, office,
                                                                   tmp_path):
    letter = random_file(tmp_path / "延期申请函.pdf", 4000, 1)
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ" + b"\0" * 100)
    with pytest.raises(attachments.AttachmentRefused, match="setup.exe"):
        _ask(empty_db, office, office["rep_a"], letter, program)
    with empty_db.session() as s:
        assert extensions.list_extensions(session=s) == []
    assert counts(empty_db) == (0, 0, 0)
    asked = _ask(empty_db, office, office["rep_a"], letter)
    with empty_db.session() as s:
        [kept] = attachments.list_attachments(session=s, actor=office["rep_a"],
                                              extension_id=asked.id)
    assert (kept.file_name, kept.extension_id, kept.entry_id, kept.problem_id) == (
        "延期申请函.pdf", asked.id, None, None)
    assert kept.uploader == "甲填报员"


def test_who_sees_and_who_adds_until_the_request_is_decided(empty_db, office, tmp_path):
    asked = _ask(empty_db, office, office["rep_a"])
    photo = random_file(tmp_path / "现场.jpg", 3000, 2)
    with pytest.raises(PermissionDenied, match="本单位的延期申请"), empty_db.session() as s:
        attachments.add_attachments(session=s, actor=office["rep_b"], files=[photo],
                                    extension_id=asked.id)
    with empty_db.session() as s:
        [mine] = attachments.add_attachments(session=s, actor=office["rep_a"], files=[photo],
                                             extension_id=asked.id)
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[photo],
                                    extension_id=asked.id)
    with pytest.raises(PermissionDenied, match="本单位延期申请"), empty_db.session() as s:
        attachments.list_attachments(session=s, actor=office["rep_b"], extension_id=asked.id)
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        attachments.save_attachment(session=s, actor=office["rep_b"], attachment_id=mine.id,
                                    out=tmp_path / "x.jpg")
    with empty_db.session() as s:
        assert attachments.may_change(session=s, actor=office["rep_a"], extension_id=asked.id)
        extensions.approve_extension(session=s, actor=COORDINATOR, request_id=asked.id)
    for actor in (COORDINATOR, office["rep_a"]):
        with empty_db.session() as s:
            assert not attachments.may_change(session=s, actor=actor, extension_id=asked.id)
        with pytest.raises(UserFacingError, match="已审批"), empty_db.session() as s:
            attachments.delete_attachment(session=s, actor=actor, attachment_id=mine.id)
    with empty_db.session() as s:
        assert len(attachments.list_attachments(session=s, actor=office["rep_a"],
                                                extension_id=asked.id)) == 2


def test_one_owner_only(empty_db, office, tmp_path):
    from jjjdesk.errors import ValidationFailed

    asked = _ask(empty_db, office, COORDINATOR)
    photo = random_file(tmp_path / "现场.jpg", 3000, 2)
    with pytest.raises(ValidationFailed, match="三者选一"), empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[photo],
                                    entry_id=office["entry_a"], extension_id=asked.id)
    with pytest.raises(UserFacingError, match="延期申请"), empty_db.session() as s:
        attachments.list_attachments(session=s, actor=COORDINATOR, extension_id=9999)


def test_cli_attach_add_and_list_on_an_extension(empty_db, office, tmp_path, capsys):
    db = ["--db", empty_db.url]
    asked = _ask(empty_db, office, COORDINATOR)
    letter = random_file(tmp_path / "情况说明.docx", 5000, 3)
    assert cli_main(["attach", "add", "--extension", str(asked.id), str(letter), *db]) == 0
    assert "已添加佐证材料" in capsys.readouterr().out
    assert cli_main(["attach", "list", "--extension", str(asked.id), "--json", *db]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["file_name"], row["extension_id"], row["entry_id"]) == (
        "情况说明.docx", asked.id, None)
    assert cli_main(["attach", "list", "--extension", "777", *db]) == 1
    assert "延期申请" in capsys.readouterr().err
