"""催报通知 per unit missing from a round and 督办通知单 per responsible unit, as Word files."""

from __future__ import annotations

import json
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from progress_registry import COORDINATOR, build

from jjjdesk.cli.main import main
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.reports.notices_docx import write_notices
from jjjdesk.services import entries, notices, problem_tracking, problems, rounds

PERIOD = "2024-03"


@pytest.fixture
def round_id(empty_db):
    """Unit A (市发展改革委) owns task A and both projects; unit B (滨海新区) task B, which it
    has submitted. Unit A filled project A as a draft only."""
    reg = build(empty_db)
    with empty_db.session() as s:
        rid = rounds.create_round(session=s, actor=COORDINATOR, period=Period.parse(PERIOD),
                                  deadline=date(2024, 4, 5)).id
        done = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.task_b,
                                  period=PERIOD, values={"progress": "按计划推进"})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=done.entry_id)
        entries.save_entry(session=s, actor=COORDINATOR, subject=reg.project_a, period=PERIOD,
                           values={"progress": "推进中", "completion_pct": 30,
                                   "problems": "征地拆迁进度慢"})
    return reg, rid


def _texts(path) -> tuple[list[str], list[list[str]]]:
    doc = Document(str(path))
    return ([p.text for p in doc.paragraphs],
            [[c.text for c in row.cells] for row in doc.tables[0].rows] if doc.tables else [])


def test_a_reminder_goes_to_each_unit_still_missing_with_its_items(empty_db, round_id, tmp_path):
    reg, rid = round_id
    with empty_db.session() as s:
        made = notices.reminder_notices(session=s, round_id=rid, today=date(2024, 4, 8),
                                        contact="王芳 022-88880000")
    assert [n.addressee for n in made] == ["市发展改革委"]  # 滨海新区 has submitted
    paths = write_notices(tmp_path / "催报", made)
    assert [p.name for p in paths] == ["催报通知_市发展改革委.docx"]
    paragraphs, table = _texts(paths[0])
    assert paragraphs[0] == "关于报送2024年3月月报的催报通知"
    assert paragraphs[1] == "市发展改革委:"
    body = "\n".join(paragraphs)
    assert "报送截止时间为2024年4月5日" in body and "已逾期" in body
    # the deadline has passed: three days from the notice's date
    assert "请于2024年4月11日前" in body
    assert "填报联系人:张伟、022-23450000" in body
    assert "联系人及电话:王芳 022-88880000" in body
    assert paragraphs[-2:] == ["京津冀协同发展领导小组办公室", "2024年4月8日"]
    assert table[0] == ["序号", "编号", "事项名称", "报送情况"]
    assert sorted(row[1:] for row in table[1:]) == sorted([
        ["1", "承接非首都功能", "未填报"], ["P-001", "津兴城际铁路", "已填未报送"],
        ["P-002", "无计划的项目", "未填报"]])


def test_the_notice_names_chinese_fonts_for_word_and_wps(empty_db, round_id, tmp_path):
    _, rid = round_id
    with empty_db.session() as s:
        made = notices.reminder_notices(session=s, round_id=rid, today=date(2024, 4, 1))
    path = write_notices(tmp_path, made)[0]
    doc = Document(str(path))
    title_run = doc.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert doc.paragraphs[2].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "已逾期" not in body and "请于2024年4月5日前" in body  # before the deadline
    assert round(doc.sections[0].page_width.mm) == 210


def test_no_notice_when_every_unit_has_submitted(empty_db, round_id, tmp_path):
    reg, rid = round_id
    with empty_db.session() as s:
        for ref in (reg.task_a, reg.project_a, reg.project_b):
            saved = entries.save_entry(session=s, actor=COORDINATOR, subject=ref, period=PERIOD,
                                       values={"progress": "已完成"})
            entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)
        made = notices.reminder_notices(session=s, round_id=rid, today=date(2024, 4, 8))
    assert made == []
    with pytest.raises(UserFacingError, match="所有单位均已报送"):
        write_notices(tmp_path / "none", made)
    assert not (tmp_path / "none").exists()


def test_supervision_notice_per_responsible_unit_lists_overdue_problems(empty_db, round_id,
                                                                         tmp_path):
    reg, rid = round_id
    with empty_db.session() as s:
        entry = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.task_a,
                                   period=PERIOD,
                                   values={"progress": "推进中",
                                           "problems": "1、资金缺口较大;2、用地指标不足"})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=entry.entry_id)
        ids = sorted(p.id for p in problems.list_problems(session=s) if p.subject == reg.task_a)
        problem_tracking.assign_problem(session=s, actor=COORDINATOR, problem_id=ids[0],
                                        unit_id=reg.unit_b, person="赵强", due=date(2024, 4, 30))
        problem_tracking.assign_problem(session=s, actor=COORDINATOR, problem_id=ids[1],
                                        unit_id=reg.unit_b, person="赵强", due=date(2024, 6, 30))
        made = notices.supervision_notices(session=s, problem_ids=ids, today=date(2024, 5, 6))
    assert [(n.addressee, len(n.table)) for n in made] == [("滨海新区", 2)]
    notice = made[0]
    assert notice.reply_by == date(2024, 6, 30)  # the earliest 办结时限 still ahead
    path = write_notices(tmp_path, made)[0]
    paragraphs, table = _texts(path)
    assert paragraphs[0] == "督办通知单" and paragraphs[1] == "滨海新区:"
    assert "其中1项已超过办结时限" in "\n".join(paragraphs)
    assert table[1][1:4] == ["重点任务 1 承接非首都功能", "资金缺口较大", "2024年4月30日(已逾期)"]
    assert table[1][4].startswith("交办")
    assert table[2][3] == "2024年6月30日"


def test_a_closed_problem_is_not_supervised(empty_db, round_id):
    reg, _ = round_id
    with empty_db.session() as s:
        draft = entries.save_entry(session=s, actor=COORDINATOR, subject=reg.project_a,
                                   period=PERIOD, values={"progress": "推进中",
                                                          "problems": "征地拆迁进度慢"})
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=draft.entry_id)
        pid = next(p.id for p in problems.list_problems(session=s))
        problems.set_problem_state(session=s, actor=COORDINATOR, problem_id=pid, state="closed",
                                   note="已协调解决")
        with pytest.raises(UserFacingError, match=f"问题 #{pid} 已"):
            notices.supervision_notices(session=s, problem_ids=[pid], today=date(2024, 5, 6))


def test_cli_reminders_and_supervision_write_the_folder(empty_db, round_id, tmp_path, capsys):
    _, rid = round_id
    url = str(empty_db.url)
    out = tmp_path / "催报"
    assert main(["--db", url, "export", "reminders", "--round", str(rid), "--out", str(out),
                 "--today", "2024-04-08", "--reply-by", "2024-04-12", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [{"file": str(out / "催报通知_市发展改革委.docx"), "unit": "市发展改革委",
                       "kind": "reminder", "items": 3, "reply_by": "2024-04-12"}]
    assert "请于2024年4月12日前" in "\n".join(_texts(out / "催报通知_市发展改革委.docx")[0])
    # nothing is overdue yet: a clear message, exit code 1, no folder
    assert main(["--db", url, "export", "supervision", "--overdue", "--out",
                 str(tmp_path / "督办"), "--today", "2024-04-08"]) == 1
    assert "请先选择要督办的问题" in capsys.readouterr().err
    assert not (tmp_path / "督办").exists()
