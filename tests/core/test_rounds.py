"""Rounds: creating with a scope, the submission board, 催报 text, closing."""

from __future__ import annotations

from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent, ReportingRound, RoundItem, RoundUnit
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import board, entries, review, rounds
from jjjdesk.services.permissions import PermissionDenied

MARCH = Period.month(2024, 3)


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


def _round(db, **kw):
    with db.session() as s:
        return rounds.create_round(session=s, actor=COORDINATOR, period=MARCH,
                                   deadline=date(2024, 4, 5), **kw)


def test_default_names_follow_the_office_wording():
    assert rounds.default_name(Period.month(2024, 3)) == "2024年3月月报"
    assert rounds.default_name(Period.quarter(2024, 1)) == "2024年第一季度季报"
    assert rounds.default_name(Period.week(2024, 12)) == "2024年第12周周报"


def test_create_round_puts_every_lead_unit_and_its_items_in_scope(empty_db, reg):
    view = _round(empty_db)
    assert (view.name, view.period_label, view.state_label) == (
        "2024年3月月报", "2024年3月", "进行中")
    assert (view.unit_count, view.item_count, view.submitted_units) == (2, 4, 0)
    with empty_db.session() as s:
        items = s.exec(select(RoundItem).where(RoundItem.unit_id == reg.unit_a)).all()
        event = s.exec(select(AuditEvent).where(AuditEvent.entity == "round")).one()
    assert len(items) == 3  # task A, project A, project B
    assert (event.action, event.summary) == ("create", "创建填报批次 2024年3月月报")


def test_scope_by_unit_and_by_hand(empty_db, reg):
    only_b = _round(empty_db, name="滨海新区月报", scope=rounds.RoundScope(unit_ids=(reg.unit_b,)))
    assert (only_b.unit_count, only_b.item_count) == (1, 1)
    by_hand = _round(empty_db, name="重点项目月报",
                     scope=rounds.RoundScope(items=(reg.project_a,)))
    assert (by_hand.unit_count, by_hand.item_count) == (1, 1)
    tasks_only = _round(empty_db, name="任务月报", scope=rounds.RoundScope(include_projects=False))
    assert tasks_only.item_count == 2


def test_demo_round_covers_the_plan(demo_db):
    with demo_db.session() as s:
        view = rounds.create_round(session=s, actor=COORDINATOR, period="2024年3月",
                                   deadline=date(2024, 4, 5))
    assert view.item_count == 25 + 80
    assert 10 < view.unit_count <= 46  # 配合 units are asked too: every demo unit takes part


def test_bad_round_input_writes_nothing(empty_db, reg):
    with pytest.raises(ValidationFailed) as caught, empty_db.session() as s:
        rounds.create_round(session=s, actor=COORDINATOR, period=MARCH, deadline=date(2024, 2, 1))
    assert "截止日期不能早于报告期开始" in caught.value.errors["deadline"]
    _round(empty_db)
    with pytest.raises(ValidationFailed, match="已有同名填报批次"):
        _round(empty_db)
    with pytest.raises(UserFacingError, match="没有需要填报"):
        _round(empty_db, name="空", scope=rounds.RoundScope(unit_ids=(999,)))
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        rounds.create_round(session=s, actor=reg.reporter(reg.unit_a), period=MARCH,
                            deadline=date(2024, 4, 5))
    with empty_db.session() as s:
        assert len(s.exec(select(ReportingRound)).all()) == 1


def _fill(db, actor, round_id, subject, **values):
    base = {"assessment": "正常推进", "completion_pct": 30, "progress": "按计划推进"}
    with db.session() as s:
        saved = entries.save_entry(session=s, actor=actor, subject=subject, round_id=round_id,
                                   values=base | values)
    return saved.entry_id


def _submit(db, actor, entry_id):
    with db.session() as s:
        entries.submit_entry(session=s, actor=actor, entry_id=entry_id)


def _board(db, round_id, today):
    with db.session() as s:
        return board.round_board(session=s, round_id=round_id, today=today)


def test_board_shows_state_words_counts_and_contacts(empty_db, reg):
    rnd = _round(empty_db)
    before = _board(empty_db, rnd.id, date(2024, 4, 1))
    assert [(r.unit_name, r.state_label, r.filled, r.total) for r in before.rows] == [
        ("市发展改革委", "未报", 0, 3), ("滨海新区", "未报", 0, 1)]
    assert before.rows[0].contact_person == "张伟"

    a = reg.reporter(reg.unit_a)
    first = _fill(empty_db, a, rnd.id, reg.task_a)
    _submit(empty_db, a, first)
    partial = _board(empty_db, rnd.id, date(2024, 4, 1))
    assert (partial.rows[0].state_label, partial.rows[0].filled, partial.rows[0].submitted) == (
        "未报", 1, 1)
    for subject in (reg.project_a, reg.project_b):
        _submit(empty_db, a, _fill(empty_db, a, rnd.id, subject))
    late = _board(empty_db, rnd.id, date(2024, 4, 8))
    assert [(r.state_label, r.filled, r.total) for r in late.rows] == [
        ("已报", 3, 3), ("逾期", 0, 1)]
    assert late.rows[0].last_submitted_at is not None
    assert late.counts == {"pending": 0, "submitted": 1, "overdue": 1, "returned": 0}
    with empty_db.session() as s:
        review.return_entry(session=s, actor=COORDINATOR, entry_id=first, comment="请补充数据")
    returned = _board(empty_db, rnd.id, date(2024, 4, 8))
    assert returned.rows[0].state_label == "退回"
    with empty_db.session() as s:
        assert rounds.get_round(session=s, round_id=rnd.id).submitted_units == 0


def test_reminder_text_lists_missing_units_with_contacts(empty_db, reg):
    rnd = _round(empty_db)
    with empty_db.session() as s:
        text = board.reminder_text(session=s, round_id=rnd.id, today=date(2024, 4, 3))
    assert text.splitlines()[0] == "截至4月3日,以下单位尚未报送2024年3月月报(截止4月5日):"
    assert "1. 市发展改革委(联系人:张伟,电话:022-23450000),已填0/3项" in text
    assert "2. 滨海新区(联系人:李娜,电话:022-66660000),已填0/1项" in text
    with empty_db.session() as s:
        notice = board.remind(session=s, actor=COORDINATOR, round_id=rnd.id,
                              today=date(2024, 4, 8))
        reminded = s.exec(select(RoundUnit)).all()
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "remind")).one()
    assert "(已逾期4月5日)" in notice
    assert all(r.reminded_at is not None for r in reminded)
    assert event.summary == "催报 2024年3月月报:2 个单位(复制催报)"


def test_reminder_when_everyone_reported(empty_db, reg):
    rnd = _round(empty_db, scope=rounds.RoundScope(unit_ids=(reg.unit_b,)))
    b = reg.reporter(reg.unit_b)
    _submit(empty_db, b, _fill(empty_db, b, rnd.id, reg.task_b))
    with empty_db.session() as s:
        text = board.reminder_text(session=s, round_id=rnd.id, today=date(2025, 1, 2))
    assert text == "截至1月2日,所有单位均已报送2024年3月月报。"


def test_closed_round_is_frozen(empty_db, reg):
    rnd = _round(empty_db)
    with empty_db.session() as s:
        closed = rounds.set_round_state(session=s, actor=COORDINATOR, round_id=rnd.id,
                                        state="closed")
    assert closed.state_label == "已关闭"
    with pytest.raises(UserFacingError, match="已关闭"):
        _fill(empty_db, COORDINATOR, rnd.id, reg.task_a)
    with pytest.raises(ValidationFailed), empty_db.session() as s:
        rounds.set_round_state(session=s, actor=COORDINATOR, round_id=rnd.id, state="open")
    with empty_db.session() as s:
        rounds.set_round_state(session=s, actor=COORDINATOR, round_id=rnd.id, state="open",
                               reason="补报")
    _fill(empty_db, COORDINATOR, rnd.id, reg.task_a)


def test_viewer_cannot_remind(empty_db, reg):
    rnd = _round(empty_db)
    with pytest.raises(PermissionDenied), empty_db.session() as s:
        board.remind(session=s, actor=Actor("领导", Role.VIEWER), round_id=rnd.id,
                     today=date(2024, 4, 8))
