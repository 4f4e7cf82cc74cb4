"""What the screens ask of 佐证材料 besides add/list/get/delete: a bounded read of the bytes
for a thumbnail, and whether this user may add or remove here (the buttons follow it)."""

from __future__ import annotations

import pytest
from attachment_office import MB, make_office, random_file
from progress_registry import COORDINATOR

from jjjdesk.services import attachments, entries
from jjjdesk.services.permissions import PermissionDenied


@pytest.fixture
def office(empty_db):
    return make_office(empty_db)


def test_a_preview_reads_small_files_whole_and_large_ones_not_at_all(empty_db, office,
                                                                     tmp_path):
    small, big = random_file(tmp_path / "小.png", 5000, 1), random_file(tmp_path / "大.pdf",
                                                                        2 * MB, 2)
    with empty_db.session() as s:
        one, two = attachments.add_attachments(session=s, actor=COORDINATOR, files=[small, big],
                                               entry_id=office["entry_a"])
    with empty_db.session() as s:
        assert attachments.attachment_bytes(session=s, actor=COORDINATOR, attachment_id=one.id,
                                            max_bytes=MB) == small.read_bytes()
        assert attachments.attachment_bytes(session=s, actor=COORDINATOR, attachment_id=two.id,
                                            max_bytes=MB) is None
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        attachments.attachment_bytes(session=s, actor=office["rep_b"], attachment_id=one.id,
                                     max_bytes=MB)


def test_may_change_follows_the_rules_of_add_and_delete(empty_db, office):
    def may(actor, entry):
        with empty_db.session() as s:
            return attachments.may_change(session=s, actor=actor, entry_id=office[entry])

    assert may(COORDINATOR, "entry_a") and may(office["rep_a"], "entry_a")
    assert not may(office["rep_b"], "entry_a")
    with empty_db.session() as s:
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=office["entry_a"])
    assert may(COORDINATOR, "entry_a") and not may(office["rep_a"], "entry_a")
