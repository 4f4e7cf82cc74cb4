"""Problems tracked to the end: 交办 (unit, person, 办结时限), 协调/反馈 log, 逾期, 销号."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from sqlmodel import select

from jjjdesk.cli.main import main
from jjjdesk.domain.models import AuditEvent, Problem, ProblemAction
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import entries, problem_tracking, problems
from jjjdesk.services.permissions import PermissionDenied


@pytest.fixture
def raised(empty_db):
    """Two problems of project A (lead: 市发展改革委), raised on 报送."""
    reg = build(empty_db)
    with empty_db.session() as s:
        saved = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.project_a,
                                   period="2024-03",
                                   values={"progress": "推进中", "completion_pct": 30,
                                           "problems": "1、征地拆迁进度慢;2、资金缺口较大"})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
        ids = [p.id for p in problems.list_problems(session=s)]
    return reg, ids


def _assign(db, problem_id, unit_id, due, person="赵强", actor=COORDINATOR):
    with db.session() as s:
        return problem_tracking.assign_problem(session=s, actor=actor, problem_id=problem_id,
                                               unit_id=unit_id, person=person, due=due)


def _log(db, problem_id, kind, note, actor=COORDINATOR):
    with db.session() as s:
        return problem_tracking.log_problem_action(session=s, actor=actor,
                                                   problem_id=problem_id, kind=kind, note=note)


def test_assign_then_list_shows_unit_person_and_due(empty_db, raised):
    reg, (first, second) = raised
    row = _assign(empty_db, first, reg.unit_b, date(2024, 6, 30))
    assert (row.owner_unit, row.responsible_person, row.due_date) == (
        "滨海新区", "赵强", date(2024, 6, 30))
    with empty_db.session() as s:
        listed = {p.id: p for p in problems.list_problems(session=s)}
        audit = s.exec(select(AuditEvent).where(AuditEvent.entity == "problem",
                                                AuditEvent.action == "update")).one()
    assert (listed[first].owner_unit, listed[first].responsible_person,
            listed[first].due_date, listed[first].last_action.kind_label) == (
        "滨海新区", "赵强", date(2024, 6, 30), "交办")
    assert (listed[second].owner_unit, listed[second].due_date, listed[second].last_action) == (
        "市发展改革委", None, None)
    assert audit.summary == "交办问题给滨海新区(赵强),办结时限2024-06-30:征地拆迁进度慢"
    assert audit.actor == COORDINATOR.name


def test_overdue_is_an_open_problem_past_its_due_date(empty_db, raised):
    reg, (first, second) = raised
    _assign(empty_db, first, reg.unit_a, date(2024, 6, 30))
    _assign(empty_db, second, reg.unit_a, date(2024, 5, 31))
    with empty_db.session() as s:
        assert problem_tracking.overdue_problems(session=s, today=date(2024, 6, 30)) == [
            problem_tracking.get_problem(session=s, problem_id=second)]
        assert [p.id for p in problem_tracking.overdue_problems(
            session=s, today=date(2024, 7, 1))] == [second, first]
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=second,
                                   state="closed", note="资金已落实")
        closed = problem_tracking.get_problem(session=s, problem_id=second)
        assert [p.id for p in problem_tracking.overdue_problems(
            session=s, today=date(2024, 7, 1))] == [first]
    assert not closed.is_overdue(date(2024, 7, 1))
    assert closed.last_action.kind_label == "销号"
    assert closed.last_action.note == "资金已落实"


def test_action_log_keeps_order_who_and_when(empty_db, raised):
    reg, (first, _) = raised
    _assign(empty_db, first, reg.unit_a, date(2024, 6, 30))
    _log(empty_db, first, "协调", "已约市规划资源局会商")
    reporter = reg.reporter(reg.unit_a, "发改委填报员")
    _log(empty_db, first, "反馈", "已完成80%拆迁", actor=reporter)
    with empty_db.session() as s:
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=first,
                                   state="closed", note="拆迁完成")
        log = problem_tracking.problem_actions(session=s, problem_id=first)
        stored = s.exec(select(ProblemAction).order_by(ProblemAction.id)).all()
    assert [(a.kind_label, a.actor, a.note) for a in log] == [
        ("交办", "协同办小王", ""),
        ("协调", "协同办小王", "已约市规划资源局会商"),
        ("反馈", "发改委填报员", "已完成80%拆迁"),
        ("销号", "协同办小王", "拆迁完成"),
    ]
    times = [a.at for a in log]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)
    assert [a.id for a in stored] == [a.id for a in log]
    # A closed problem takes no more steps.
    with pytest.raises(UserFacingError, match="该问题已销号,不能再反馈"):
        _log(empty_db, first, "反馈", "补充", actor=reporter)


def test_a_reporter_cannot_assign_nor_feed_back_on_another_units_problem(empty_db, raised):
    reg, (first, _) = raised  # owned by unit A
    other = reg.reporter(reg.unit_b, "滨海填报员")
    own = reg.reporter(reg.unit_a, "发改委填报员")
    with pytest.raises(PermissionDenied):
        _assign(empty_db, first, reg.unit_a, date(2024, 6, 30), actor=own)
    with pytest.raises(PermissionDenied, match="只能对本单位负责的问题反馈"):
        _log(empty_db, first, "反馈", "我们来办", actor=other)
    with pytest.raises(PermissionDenied, match="协调"):
        _log(empty_db, first, "协调", "已协调", actor=own)
    with pytest.raises(ValidationFailed, match="不是可登记的办理环节"):
        _log(empty_db, first, "交办", "x")
    with pytest.raises(ValidationFailed, match="反馈须说明情况"):
        _log(empty_db, first, "反馈", "  ", actor=own)
    with empty_db.session() as s:
        assert s.exec(select(ProblemAction)).all() == []
        p = s.get(Problem, first)
        assert (p.due_date, p.responsible_person, p.version) == (None, "", 1)


def test_cli_assign_action_list_and_json(empty_db, raised, capsys):
    _, (first, second) = raised
    db = ["--db", empty_db.url]
    assert main(["problems", "assign", str(first), "--unit", "滨海新区", "--person", "赵强",
                 "--due", "2024-06-30", *db]) == 0
    assert capsys.readouterr().out.strip() == (
        f"已将问题 {first} 交办给滨海新区(赵强),办结时限 2024-06-30")
    assert main(["problems", "action", str(first), "--kind", "协调", "--note", "已会商",
                 *db]) == 0
    assert capsys.readouterr().out.strip() == f"已登记问题 {first} 的协调:已会商"

    assert main(["problems", "list", "--overdue", "--today", "2024-07-01", *db]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t") == ["编号", "状态", "责任单位", "责任人", "办结时限", "逾期",
                                    "最近办理", "问题"]
    cells = lines[1].split("\t")
    assert len(lines) == 2
    assert cells[:6] == [str(first), "待协调", "滨海新区", "赵强", "2024-06-30", "逾期"]
    assert " 协调(" in cells[6] and cells[7] == "征地拆迁进度慢"

    assert main(["problems", "list", "--open", "--today", "2024-06-30", "--json", *db]) == 0
    data = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert (data[first]["unit"], data[first]["person"], data[first]["due"],
            data[first]["overdue"], data[first]["last_action"]["kind_label"],
            data[first]["last_action"]["note"]) == (
        "滨海新区", "赵强", "2024-06-30", False, "协调", "已会商")
    assert (data[second]["due"], data[second]["overdue"], data[second]["last_action"]) == (
        None, False, None)

    assert main(["problems", "close", str(first), "--note", "已解决", *db]) == 0
    capsys.readouterr()
    assert main(["problems", "list", "--open", "--json", *db]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [second]
    assert main(["problems", "show", str(first), "--json", *db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [a["kind_label"] for a in shown["actions"]] == ["交办", "协调", "销号"]
    assert shown["overdue"] is False


@pytest.mark.parametrize("argv, message", [
    (["assign", "{id}", "--unit", "不存在局", "--due", "2024-06-30"],
     "错误:没有名为“不存在局”的责任单位。"),
    (["assign", "{id}", "--unit", "滨海新区", "--due", "6月30日"],
     "错误:办结时限的日期格式应为 2026-10-01:“6月30日”"),
    (["assign", "999", "--unit", "滨海新区", "--due", "2024-06-30"],
     "错误:问题(编号 999)不存在,可能已被删除。"),
    (["action", "{id}", "--kind", "催办", "--note", "x"],
     "错误:“催办”不是可登记的办理环节,可选:协调、反馈"),
    (["list", "--today", "昨天"], "错误:--today的日期格式应为 2026-10-01:“昨天”"),
])
def test_cli_bad_input_is_one_chinese_line_and_changes_nothing(
        empty_db, raised, capsys, argv, message):
    _, (first, _) = raised
    argv = [a.replace("{id}", str(first)) for a in argv]
    assert main(["problems", *argv, "--db", empty_db.url]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == message and captured.out == ""
    with empty_db.session() as s:
        assert s.exec(select(ProblemAction)).all() == []
        assert s.get(Problem, first).version == 1


def test_a_problem_with_a_logged_step_survives_its_entry_dropping_it(empty_db, raised):
    reg, (first, second) = raised
    _log(empty_db, first, "协调", "已电话沟通")
    with empty_db.session() as s:  # the office corrects the entry: neither problem remains
        entries.save_entry(session=s, actor=COORDINATOR, subject=reg.project_a,
                           period="2024-03", values={"problems": "无"})
        left = problems.list_problems(session=s)
        log = problem_tracking.problem_actions(session=s, problem_id=first)
    assert [(p.id, p.entry_count) for p in left] == [(first, 0)]
    assert [a.note for a in log] == ["已电话沟通"]
