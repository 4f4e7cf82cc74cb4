"""The 佐证材料 size limit is the office's setting `attach.max_mb` (issue 18: default 50 MB),
used by the service, the GUI and the CLI alike; the refusal names the limit."""

from __future__ import annotations

import pytest
from attachment_office import MB, make_office
from attachment_office import counts as _counts
from attachment_office import random_file as _file
from progress_registry import COORDINATOR

from jjjdesk.cli.main import main as cli_main
from jjjdesk.services import attachments, settings


@pytest.fixture
def office(empty_db):
    return make_office(empty_db)


def test_the_limit_is_a_setting_defaulting_to_50_mb(empty_db):
    with empty_db.session() as s:
        assert settings.get_setting(session=s, key="attach.max_mb") == 50
        assert attachments.size_limit(s) == 50 * MB
        found = {v.key: v for v in settings.list_settings(session=s)}
    assert found["attach.max_mb"].label == "佐证材料大小上限(MB)"


def test_a_lowered_limit_refuses_naming_it_and_stores_nothing(empty_db, office, tmp_path):
    big = _file(tmp_path / "航拍.jpg", 3 * MB)
    with empty_db.session() as s:
        settings.set_setting(session=s, actor=COORDINATOR, key="attach.max_mb", value=2)
    with pytest.raises(attachments.AttachmentRefused) as info, empty_db.session() as s:
        attachments.add_attachments(session=s, actor=COORDINATOR, files=[big],
                                    entry_id=office["entry_a"])
    assert str(info.value) == ("文件“航拍.jpg”大小为 3.0 MB,超过每个附件 2 MB 的上限,"
                               "未添加任何附件。")
    assert _counts(empty_db) == (0, 0, 0)
    with empty_db.session() as s:
        settings.set_setting(session=s, actor=COORDINATOR, key="attach.max_mb", value=4)
    with empty_db.session() as s:
        [added] = attachments.add_attachments(session=s, actor=COORDINATOR, files=[big],
                                              entry_id=office["entry_a"])
    assert added.size == 3 * MB


def test_a_reporter_cannot_change_the_limit_and_bounds_hold(empty_db, office):
    from jjjdesk.errors import ValidationFailed
    from jjjdesk.services.permissions import PermissionDenied

    with pytest.raises(PermissionDenied), empty_db.session() as s:
        settings.set_setting(session=s, actor=office["rep_a"], key="attach.max_mb", value=500)
    for bad in (0, 5000, "很多"):
        with pytest.raises(ValidationFailed, match="佐证材料大小上限"), empty_db.session() as s:
            settings.set_setting(session=s, actor=COORDINATOR, key="attach.max_mb", value=bad)


def test_cli_attach_add_uses_the_setting(empty_db, office, tmp_path, capsys):
    db = ["--db", empty_db.url]
    big = _file(tmp_path / "扫描件.pdf", 2 * MB)
    assert cli_main(["settings", "set", "attach.max_mb", "1", *db]) == 0
    assert "已将“佐证材料大小上限(MB)”设为 1" in capsys.readouterr().out
    assert cli_main(["attach", "add", "--entry", str(office["entry_a"]), str(big), *db]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == ("错误:文件“扫描件.pdf”大小为 2.0 MB,超过每个附件 1 MB 的上限,"
                                    "未添加任何附件。")
    assert _counts(empty_db) == (0, 0, 0)
