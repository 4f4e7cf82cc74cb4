"""Review: approve locks, return with a comment the unit sees, reopen with a reason; audited."""

from __future__ import annotations

from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.models import AuditEvent, RoundUnit
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import entries, review, rounds
from jjjdesk.services.permissions import PermissionDenied
from jjjdesk.services.query import PageRequest

GOOD = {"assessment": "正常推进", "completion_pct": 40, "progress": "完成征地拆迁"}


def _returned(session, unit_id):
    """The unit's 退回待改 inbox as the page reads it."""
    return review.page_returned(session=session, query=review.ReturnedQuery(unit_id=unit_id),
                                request=PageRequest()).rows


@pytest.fixture
def setup(empty_db):
    reg = build(empty_db)
    with empty_db.session() as s:
        rnd = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 3),
                                  deadline=date(2024, 4, 5),
                                  scope=rounds.RoundScope(unit_ids=(reg.unit_b,)))
        b = reg.reporter(reg.unit_b)
        saved = entries.save_entry(session=s, actor=b, subject=reg.task_b, round_id=rnd.id,
                                   values=GOOD)
        entries.submit_entry(session=s, actor=b, entry_id=saved.entry_id)
    return reg, rnd.id, saved.entry_id, b


def _unit_state(db, round_id, unit_id):
    with db.session() as s:
        return s.get(RoundUnit, (round_id, unit_id)).state


def test_return_fix_resubmit_approve(empty_db, setup):
    reg, round_id, entry_id, b = setup
    with pytest.raises(ValidationFailed) as caught, empty_db.session() as s:
        review.return_entry(session=s, actor=COORDINATOR, entry_id=entry_id, comment="  ")
    assert caught.value.errors == {"comment": "退回须填写修改意见"}
    with empty_db.session() as s:
        review.return_entry(session=s, actor=COORDINATOR, entry_id=entry_id,
                            comment="完成进度与实际不符,请核实")
    assert _unit_state(empty_db, round_id, reg.unit_b) == "returned"
    with empty_db.session() as s:
        returned = _returned(s, reg.unit_b)
    assert [(r.subject_name, r.review_state_label, r.review_comment) for r in returned] == [
        ("建设滨海新区", "退回", "完成进度与实际不符,请核实")]

    with empty_db.session() as s:
        entries.save_entry(session=s, actor=b, subject=reg.task_b, round_id=round_id,
                           values={"completion_pct": 25})
        entries.submit_entry(session=s, actor=b, entry_id=entry_id)
    assert _unit_state(empty_db, round_id, reg.unit_b) == "submitted"
    with empty_db.session() as s:
        assert _returned(s, reg.unit_b) == []
        waiting = review.list_for_review(session=s, round_id=round_id)
        assert [w.completion_pct for w in waiting] == [25.0]
        approved = review.approve_entry(session=s, actor=COORDINATOR, entry_id=entry_id)
    assert approved.review_state == "approved"
    with empty_db.session() as s:
        summaries = [e.summary for e in s.exec(
            select(AuditEvent).where(AuditEvent.entity == "entry").order_by(AuditEvent.id))]
        reasons = [e.reason for e in s.exec(select(AuditEvent).where(
            AuditEvent.summary.startswith("退回")))]
    assert [x.split(" ")[0] for x in summaries] == ["填报", "报送", "退回修改", "填报", "报送",
                                                    "审核通过"]
    assert reasons == ["完成进度与实际不符,请核实"]


def test_approved_entries_are_locked_until_reopened(empty_db, setup):
    reg, round_id, entry_id, b = setup
    with empty_db.session() as s:
        review.approve_entry(session=s, actor=COORDINATOR, entry_id=entry_id)
    for actor in (b, COORDINATOR):
        with pytest.raises(UserFacingError, match="已审核,已锁定"), empty_db.session() as s:
            entries.save_entry(session=s, actor=actor, subject=reg.task_b, round_id=round_id,
                               values={"completion_pct": 50})
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        review.reopen_entry(session=s, actor=b, entry_id=entry_id, reason="想改")
    with pytest.raises(ValidationFailed, match="重新打开须说明理由"), empty_db.session() as s:
        review.reopen_entry(session=s, actor=COORDINATOR, entry_id=entry_id, reason="")
    with empty_db.session() as s:
        review.reopen_entry(session=s, actor=COORDINATOR, entry_id=entry_id,
                            reason="领导要求补充投资数据")
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        returned = _returned(s, reg.unit_b)
    assert event.reason == "领导要求补充投资数据" and event.summary.startswith("重新打开")
    assert returned[0].review_comment == "重新打开:领导要求补充投资数据"
    with empty_db.session() as s:
        entries.save_entry(session=s, actor=b, subject=reg.task_b, round_id=round_id,
                           values={"completion_pct": 50})


def test_only_the_office_reviews_and_only_submitted_entries(empty_db, setup):
    reg, round_id, entry_id, b = setup
    with pytest.raises(PermissionDenied, match="只有协同办"), empty_db.session() as s:
        review.approve_entry(session=s, actor=b, entry_id=entry_id)
    with empty_db.session() as s:
        review.approve_entry(session=s, actor=COORDINATOR, entry_id=entry_id)
    with pytest.raises(UserFacingError, match="只能审核已报送的填报,该条目前为“已审核”"), \
            empty_db.session() as s:
        review.approve_entry(session=s, actor=COORDINATOR, entry_id=entry_id)
