"""Entries: the form with last period, drafts, 沿用上期, rules with Chinese messages, the grid."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.entry_rules import EntryContext, check_entry
from jjjdesk.domain.models import AuditEvent, ProgressEntry, RoundUnit
from jjjdesk.domain.period import Period
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.services import entries, rounds, unit_return
from jjjdesk.services.permissions import PermissionDenied

FEB, MARCH = Period.month(2024, 2), Period.month(2024, 3)
GOOD = {"assessment": "正常推进", "completion_pct": "40%", "progress": "完成征地拆迁"}


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def march(empty_db, reg):
    with empty_db.session() as s:
        return rounds.create_round(session=s, actor=COORDINATOR, period=MARCH,
                                   deadline=date(2024, 4, 5)).id


def _save(db, actor, subject, values, **where):
    with db.session() as s:
        return entries.save_entry(session=s, actor=actor, subject=subject, values=values, **where)


def _count(db) -> int:
    with db.session() as s:
        return len(s.exec(select(ProgressEntry)).all())


def test_draft_survives_and_submit_says_submitted(empty_db, reg, march):
    a = reg.reporter(reg.unit_a, "王填报")
    saved = _save(empty_db, a, reg.task_a, GOOD, round_id=march)
    assert saved.review_state == "draft"
    with empty_db.session() as s:
        form = entries.get_entry_form(session=s, actor=a, subject=reg.task_a, round_id=march)
    assert (form.entry.review_state_label, form.entry.completion_pct) == ("草稿", 40.0)
    assert form.editable and form.period_label == "2024年3月"
    with empty_db.session() as s:
        sent = entries.submit_entry(session=s, actor=a, entry_id=saved.entry_id)
        events = s.exec(select(AuditEvent).where(AuditEvent.entity == "entry")).all()
    assert sent.review_state == "submitted"
    assert [e.summary for e in events] == [
        "填报 重点任务 1 承接非首都功能 2024年3月", "报送 重点任务 1 承接非首都功能 2024年3月"]
    assert json.loads(events[1].changes)["fields"]["review_state"] == ["draft", "submitted"]
    with empty_db.session() as s:
        form = entries.get_entry_form(session=s, actor=a, subject=reg.task_a, round_id=march)
    assert form.entry.review_state_label == "已报送"
    assert not form.editable and "联系协同办退回" in form.read_only_reason


def test_form_shows_previous_period_and_copy_forward_fills_the_draft(empty_db, reg, march):
    _save(empty_db, COORDINATOR, reg.project_a, GOOD | {
        "invest_period": 2, "invest_cumulative": 5, "problems": "资金缺口"}, period=FEB)
    with empty_db.session() as s:
        form = entries.get_entry_form(session=s, actor=COORDINATOR, subject=reg.project_a,
                                      round_id=march)
    assert form.entry is None
    assert (form.previous.period_label, form.previous.invest_cumulative) == ("2024年2月", 5.0)
    assert form.subject.title == "重点项目 P-001 津兴城际铁路"
    with empty_db.session() as s:
        copied = entries.copy_forward(session=s, actor=COORDINATOR, subject=reg.project_a,
                                      round_id=march)
        row = s.get(ProgressEntry, copied.entry_id)
    assert (row.period_key, row.progress, row.problems, row.invest_cumulative, row.invest_period
            ) == ("2024-03", "完成征地拆迁", "资金缺口", 5.0, None)
    assert row.round_id == march
    with pytest.raises(UserFacingError, match="2024年1月没有该事项的填报"), \
            empty_db.session() as s:
        entries.copy_forward(session=s, actor=COORDINATOR, subject=reg.task_b, period=FEB)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"completion_pct": 120}, "completion_pct", "完成进度应在0到100之间"),
        ({"completion_pct": "很多"}, "completion_pct", "请输入数字"),
        ({"assessment": "快好了"}, "assessment", "可选:正常推进、滞后、已完成、未启动"),
        ({"assessment": "滞后"}, "problems", "推进情况为“滞后”时,须填写存在问题"),
        ({"assessment": "滞后", "problems": "征地受阻"}, "next_steps", "须填写下步计划"),
        ({"invest_cumulative": -1}, "invest_cumulative", "投资额不能为负数"),
        ({"invest_cumulative": 3}, "invest_cumulative",
         "累计完成投资(3亿元)低于2024年2月累计(5亿元);如确需调减,请填写累计投资调整原因"),
    ],
)
def test_bad_values_are_refused_per_field_and_nothing_is_written(
        empty_db, reg, march, values, field, message):
    _save(empty_db, COORDINATOR, reg.project_a, GOOD | {"invest_cumulative": 5}, period=FEB)
    before = _count(empty_db)
    with pytest.raises(ValidationFailed) as caught:
        _save(empty_db, COORDINATOR, reg.project_a, GOOD | values, round_id=march)
    assert message in caught.value.errors[field]
    assert _count(empty_db) == before


def test_warnings_do_not_block(empty_db, reg, march):
    _save(empty_db, COORDINATOR, reg.project_a, GOOD | {"invest_cumulative": 5}, period=FEB)
    saved = _save(empty_db, COORDINATOR, reg.project_a, GOOD | {
        "invest_period": 1, "invest_cumulative": 12}, round_id=march)
    assert saved.warnings["invest_cumulative"] == (
        "累计完成投资(12亿元)超过项目总投资(10亿元),请核实")
    assert "与累计12亿元不一致" in saved.warnings["invest_period"]
    lowered = _save(empty_db, COORDINATOR, reg.project_a, {
        "invest_cumulative": 4, "cumulative_reason": "统计口径调整"}, round_id=march)
    assert lowered.version == saved.version + 1


def test_done_means_complete(empty_db, reg, march):
    saved = _save(empty_db, COORDINATOR, reg.task_a, {"assessment": "已完成", "progress": "完成"},
                  round_id=march)
    with empty_db.session() as s:
        assert s.get(ProgressEntry, saved.entry_id).completion_pct == 100.0
    check = check_entry({"assessment": "已完成", "completion_pct": 80}, EntryContext(False))
    assert check.ok and "已完成" in check.warnings["completion_pct"]
    assert "重点任务不填报投资额" in check_entry({"invest_period": 1}, EntryContext(False)
                                                ).errors["invest_period"]


def test_submit_requires_the_progress_text(empty_db, reg, march):
    saved = _save(empty_db, COORDINATOR, reg.task_a, {"completion_pct": 10}, round_id=march)
    with pytest.raises(ValidationFailed) as caught, empty_db.session() as s:
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
    assert caught.value.errors == {"progress": "报送前须填写工作进展"}


def test_one_entry_per_subject_and_period(empty_db, reg, march):
    first = _save(empty_db, COORDINATOR, reg.task_a, GOOD, round_id=march)
    again = _save(empty_db, COORDINATOR, reg.task_a, {"completion_pct": 45}, period=MARCH)
    assert again.entry_id == first.entry_id and _count(empty_db) == 1


def test_reporters_write_only_their_own_items_in_open_rounds(empty_db, reg, march):
    b = reg.reporter(reg.unit_b)
    with pytest.raises(PermissionDenied, match="只能填报本单位"):
        _save(empty_db, b, reg.task_a, GOOD, round_id=march)
    with pytest.raises(PermissionDenied, match="进行中的填报批次"):
        _save(empty_db, b, reg.task_b, GOOD, period=FEB)
    with pytest.raises(PermissionDenied, match="只读用户"):
        _save(empty_db, Actor("领导", Role.VIEWER), reg.task_b, GOOD, round_id=march)
    assert _count(empty_db) == 0
    _save(empty_db, b, reg.task_b, GOOD, period=MARCH)  # finds the open round of the period
    with empty_db.session() as s:
        form = entries.get_entry_form(session=s, actor=b, subject=reg.task_a, round_id=march)
    assert not form.editable and "本单位" in form.read_only_reason


def test_stale_version_is_a_conflict(empty_db, reg, march):
    first = _save(empty_db, COORDINATOR, reg.task_a, GOOD, round_id=march)
    _save(empty_db, COORDINATOR, reg.task_a, {"completion_pct": 50}, round_id=march,
          expected_version=first.version)
    with pytest.raises(ConflictError, match="已被他人修改"):
        _save(empty_db, COORDINATOR, reg.task_a, {"completion_pct": 60}, round_id=march,
              expected_version=first.version)


def _grid(db, actor, round_id, unit_id, rows, submit=False):
    with db.session() as s:
        return unit_return.save_unit_return(session=s, actor=actor, round_id=round_id,
                                            unit_id=unit_id, rows=rows, submit=submit)


def test_unit_grid_with_one_bad_cell_writes_nothing(empty_db, reg, march):
    a = reg.reporter(reg.unit_a)
    rows = [
        {"task_id": reg.task_a.id, **GOOD},
        {"project_id": reg.project_a.id, **GOOD, "completion_pct": "１２０"},
        {"project_id": reg.project_b.id, "assessment": "滞后", "progress": "征地慢"},
    ]
    result = _grid(empty_db, a, march, reg.unit_a, rows)
    assert not result.ok and result.saved == 0
    assert [(e.row, e.field) for e in result.errors] == [
        (1, "completion_pct"), (2, "problems"), (2, "next_steps")]
    assert _count(empty_db) == 0


def test_unit_grid_saves_and_submits_all_in_one_go(empty_db, reg, march):
    a = reg.reporter(reg.unit_a)
    with empty_db.session() as s:
        loaded = unit_return.load_unit_return(session=s, actor=a, round_id=march,
                                              unit_id=reg.unit_a)
    assert [(r.code, r.review_state_label, r.editable) for r in loaded] == [
        ("1", "未填", True), ("P-001", "未填", True), ("P-002", "未填", True)]
    rows = [{"subject": r.subject, **GOOD} for r in loaded]
    result = _grid(empty_db, a, march, reg.unit_a, rows, submit=True)
    assert (result.ok, result.saved, result.submitted) == (True, 3, 3)
    with empty_db.session() as s:
        assert s.get(RoundUnit, (march, reg.unit_a)).state == "submitted"
        again = unit_return.load_unit_return(session=s, actor=a, round_id=march,
                                             unit_id=reg.unit_a)
    assert {r.review_state_label for r in again} == {"已报送"}
    # The grid sent back unchanged is not an edit of a sent entry.
    assert _grid(empty_db, a, march, reg.unit_a, rows).errors == []
    with pytest.raises(PermissionDenied):
        _grid(empty_db, reg.reporter(reg.unit_b), march, reg.unit_a, rows)
