"""问题清单: raised on 报送, carried across periods by exact normalised text, closed (销号)."""

from __future__ import annotations

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.models import AuditEvent, Problem, ProblemEntry
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import entries, problems
from jjjdesk.services.permissions import PermissionDenied


def _submit(db, subject, period, **texts):
    with db.session() as s:
        saved = entries.save_entry(session=s, actor=COORDINATOR, subject=subject, period=period,
                                   values={"progress": "推进中", "completion_pct": 30} | texts)
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
    return saved.entry_id


def _list(db, **kw):
    with db.session() as s:
        return problems.list_problems(session=s, **kw)


def test_problems_raised_carried_forward_and_closed(empty_db):
    reg = build(empty_db)
    march = _submit(empty_db, reg.project_a, "2024-03",
                    problems="1、征地拆迁进度慢;2、资金缺口较大",
                    coordination="需市规划资源局协调用地指标")
    rows = _list(empty_db)
    assert [(p.kind_label, p.description, p.state_label, p.owner_unit) for p in rows] == [
        ("存在问题", "征地拆迁进度慢", "待协调", "市发展改革委"),
        ("存在问题", "资金缺口较大", "待协调", "市发展改革委"),
        ("需协调事项", "需市规划资源局协调用地指标", "待协调", "市发展改革委"),
    ]
    # April repeats one problem with other punctuation and width: linked, not duplicated.
    april = _submit(empty_db, reg.project_a, "2024-04", problems="征地拆迁进度慢。",
                    coordination="需市规划资源局协调用地指标")
    rows = _list(empty_db)
    assert len(rows) == 3
    carried = next(p for p in rows if p.description == "征地拆迁进度慢")
    assert (carried.raised_period_key, carried.last_period_key, carried.entry_count) == (
        "2024-03", "2024-04", 2)
    with empty_db.session() as s:
        linked = {pe.entry_id for pe in s.exec(select(ProblemEntry).where(
            ProblemEntry.problem_id == carried.id))}
    assert linked == {march, april}

    with empty_db.session() as s:
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=carried.id,
                                   state="in_progress")
    with pytest.raises(ValidationFailed, match="须说明解决情况"), empty_db.session() as s:
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=carried.id,
                                   state="closed")
    with empty_db.session() as s:
        closed = problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=carried.id,
                                            state="closed", note="拆迁已完成")
        events = [e.summary for e in s.exec(select(AuditEvent).where(
            AuditEvent.entity == "problem", AuditEvent.action == "update"))]
    assert (closed.state_label, closed.resolution) == ("销号", "拆迁已完成")
    assert events == ["问题待协调→协调中:征地拆迁进度慢", "问题协调中→销号:征地拆迁进度慢"]
    assert [p.description for p in _list(empty_db, state=problems.OPEN_STATES)] == [
        "资金缺口较大", "需市规划资源局协调用地指标"]
    # Raised again after 销号: a new problem, the closed one stays closed.
    _submit(empty_db, reg.project_a, "2024-05", problems="征地拆迁进度慢")
    assert len(_list(empty_db, state="pending")) == 3


def test_nothing_to_report_raises_nothing_and_resubmission_cleans_up(empty_db):
    reg = build(empty_db)
    _submit(empty_db, reg.task_a, "2024-03", problems="无", coordination="暂无")
    assert _list(empty_db) == []
    _submit(empty_db, reg.task_b, "2024-03", problems="人员不足")
    with empty_db.session() as s:
        entries.save_entry(session=s, actor=COORDINATOR, subject=reg.task_b, period="2024-03",
                           values={"problems": "审批周期长"})  # the office corrects it
    assert [p.description for p in _list(empty_db)] == ["审批周期长"]
    assert [p.owner_unit for p in _list(empty_db, unit_id=reg.unit_b)] == ["滨海新区"]


def test_state_changes_are_checked(empty_db):
    reg = build(empty_db)
    _submit(empty_db, reg.task_a, "2024-03", problems="人员不足")
    problem_id = _list(empty_db)[0].id
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        problems.set_problem_state(session=s, actor=reg.reporter(reg.unit_a),
                                   problem_id=problem_id, state="resolved", note="好了")
    with empty_db.session() as s:
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=problem_id,
                                   state="resolved", note="已增派人员")
    with pytest.raises(UserFacingError, match="不能从“已解决”改为“待协调”"), \
            empty_db.session() as s:
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=problem_id,
                                   state="pending")
    with empty_db.session() as s:
        assert s.get(Problem, problem_id).closed_at is not None


def test_split_items():
    assert problems.split_items("(1)用地紧张\n(2)资金不足;③审批慢") == [
        "用地紧张", "资金不足", "审批慢"]
    assert problems.split_items("无") == []
    assert problems.normalised("征地拆迁 进度慢。") == problems.normalised("征地拆迁进度慢")
