"""延期申请: a unit asks, the office decides; an approved date moves the light and keeps history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.cli.main import main
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, KeyTask
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import entries, extensions, lag
from jjjdesk.services.permissions import PermissionDenied

TODAY = date(2024, 7, 1)  # the 2024 window of task A is half gone


@pytest.fixture
def reg(empty_db):
    reg = build(empty_db)
    with empty_db.session() as s:
        saved = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.task_a,
                                   period="2024-06",
                                   values={"progress": "征地拆迁推迟", "completion_pct": 25})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
    return reg


def _light(db, ref):
    with db.session() as s:
        return lag.light_of(session=s, subject=ref, today=TODAY)


def _ask(db, reg, actor=None, until=date(2025, 12, 31), reason="征地拆迁推迟,需顺延"):
    with db.session() as s:
        return extensions.request_extension(session=s, actor=actor or reg.reporter(reg.unit_a),
                                            subject=reg.task_a, until=until, reason=reason)


def test_approved_extension_moves_the_date_and_the_light_says_why(empty_db, reg):
    before = _light(empty_db, reg.task_a)
    assert before.light == "red" and before.end == date(2024, 12, 31)
    asked = _ask(empty_db, reg)
    assert (asked.state_label, asked.original_due, asked.unit) == (
        "待审批", date(2024, 12, 31), "市发展改革委")
    assert _light(empty_db, reg.task_a).light == "red"  # nothing moves before approval
    with empty_db.session() as s:
        done = extensions.approve_extension(session=s, actor=COORDINATOR, request_id=asked.id,
                                            note="同意顺延")
    assert done.state_label == "已批准" and done.decided_by == COORDINATOR.name
    after = _light(empty_db, reg.task_a)
    assert after.end == date(2025, 12, 31)
    assert after.light == "green"  # 25% done with a quarter of the longer window gone
    assert after.explanation.endswith("已批准延期至2025年12月31日(原定2024年12月31日)")
    with empty_db.session() as s:
        assert s.get(KeyTask, reg.task_a.id).due_date == date(2025, 12, 31)
        summaries = [a.summary for a in s.exec(select(AuditEvent).where(
            AuditEvent.entity == "extension_request").order_by(AuditEvent.id))]
    assert summaries == [
        "申请延期:重点任务 1 承接非首都功能,由2024年12月31日延至2025年12月31日",
        "批准延期:重点任务 1 承接非首都功能,完成时限由2024年12月31日调整为2025年12月31日"]


def test_only_the_lead_unit_or_the_office_may_ask(empty_db, reg):
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        _ask(empty_db, reg, actor=reg.reporter(reg.unit_b))
    with pytest.raises(PermissionDenied, match="只读用户"):
        _ask(empty_db, reg, actor=Actor(name="领导", role=Role.VIEWER))
    assert _ask(empty_db, reg, actor=COORDINATOR).requested_by == COORDINATOR.name


def test_bad_requests_change_nothing(empty_db, reg):
    with pytest.raises(ValidationFailed) as bad:
        _ask(empty_db, reg, until=date(2024, 12, 31), reason="  ")
    assert bad.value.errors == {"reason": "请说明延期理由",
                                "until": "申请延期至的日期应晚于现定完成时限 2024年12月31日"}
    first = _ask(empty_db, reg)
    with pytest.raises(UserFacingError, match=f"已有待审批的延期申请.编号 {first.id}"):
        _ask(empty_db, reg, until=date(2026, 6, 30))
    with empty_db.session() as s:
        assert len(extensions.list_extensions(session=s)) == 1


def test_only_the_office_decides_and_only_once(empty_db, reg):
    asked = _ask(empty_db, reg)
    with empty_db.session() as s, pytest.raises(PermissionDenied):
        extensions.approve_extension(session=s, actor=reg.reporter(reg.unit_a),
                                     request_id=asked.id)
    with empty_db.session() as s, pytest.raises(ValidationFailed, match="不批准时请说明理由"):
        extensions.reject_extension(session=s, actor=COORDINATOR, request_id=asked.id, note="")
    with empty_db.session() as s:
        no = extensions.reject_extension(session=s, actor=COORDINATOR, request_id=asked.id,
                                         note="理由不充分")
    assert (no.state_label, no.decision_note) == ("未批准", "理由不充分")
    with empty_db.session() as s, pytest.raises(UserFacingError, match="未批准,不能再次审批"):
        extensions.approve_extension(session=s, actor=COORDINATOR, request_id=asked.id)
    assert _light(empty_db, reg.task_a).end == date(2024, 12, 31)
    with empty_db.session() as s:  # a reporter sees its own unit's requests only
        assert [v.id for v in extensions.list_extensions(
            session=s, actor=reg.reporter(reg.unit_b))] == []
        assert [v.id for v in extensions.list_extensions(
            session=s, actor=reg.reporter(reg.unit_a))] == [asked.id]


def test_cli_request_list_approve(empty_db, reg, capsys):
    db = ["--db", empty_db.url]
    assert main(["extension", "request", "--project", "p-001", "--until", "2025-06-30",
                 "--reason", "设备到货延迟", *db]) == 0
    assert "由2024年12月31日延至2025年6月30日,待协同办审批" in capsys.readouterr().out
    assert main(["extension", "list", "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["subject_title"], r["state"], r["original_due"], r["requested_until"])
            for r in listed] == [("重点项目 P-001 津兴城际铁路", "pending", "2024-12-31",
                                  "2025-06-30")]
    assert main(["extension", "approve", str(listed[0]["id"]), *db]) == 0
    assert "完成时限调整为2025年6月30日" in capsys.readouterr().out
    assert main(["extension", "request", "--task", "9", "--until", "2025-06-30",
                 "--reason", "x", *db]) == 1
    assert "台账中没有编号为“9”的重点任务" in capsys.readouterr().err
