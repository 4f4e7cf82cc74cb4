"""配合 and 共同牵头 units: asked in a round, their template and part, the lead sees it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import CoopPart, KeyTask, Project, RoundUnit, Unit
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.excel.templates import COOP_COLUMNS, COOP_SHEET, export_templates, template_file_name
from jjjdesk.services import board, coop_parts, entries, rounds
from jjjdesk.services.permissions import PermissionDenied

PERIOD = Period.month(2024, 3)


def _unit(s, name: str) -> int:
    return s.exec(select(Unit.id).where(Unit.name == name)).one()


def _task(s, number: int) -> SubjectRef:
    return SubjectRef.task(s.exec(select(KeyTask.id).where(
        KeyTask.number == number, KeyTask.parent_id == None)).one())  # noqa: E711


@pytest.fixture
def round_id(demo_db, actor):
    with demo_db.session() as s:
        return rounds.create_round(session=s, actor=actor, period=PERIOD,
                                   deadline=date(2024, 4, 5),
                                   scope=rounds.RoundScope(include_projects=False)).id


def test_a_unit_only_cooperating_is_asked_and_its_template_holds_its_items(
        demo_db, round_id, tmp_path):
    with demo_db.session() as s:
        kjj = _unit(s, "市科技局")
        assert s.get(RoundUnit, (round_id, kjj)) is not None
        paths = export_templates(session=s, round_id=round_id, folder=tmp_path, unit_ids=[kjj])
    [path] = paths
    assert path.name == template_file_name("2024年3月月报", "市科技局")
    ws = load_workbook(path)[COOP_SHEET]
    headers = [c.value for c in ws[3]]
    assert headers == [c[0] for c in COOP_COLUMNS]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    by_name = {r[5]: r for r in rows}
    task5 = by_name["加快建设全国先进制造研发基地"]
    assert task5[2] == "配合" and task5[3] == "重点任务" and task5[6] == "市工业和信息化局"
    help_text = [c.value for c in load_workbook(path)["填报说明"]["A"]]
    assert any(t and "配合事项" in t for t in help_text)


def test_a_part_saved_by_the_unit_shows_beside_the_lead_entry_and_on_the_board(
        demo_db, round_id):
    with demo_db.session() as s:
        kjj, gxj = _unit(s, "市科技局"), _unit(s, "市工业和信息化局")
        ref = _task(s, 5)
        lead = Actor("工信填报员", Role.REPORTER, gxj)
        entries.save_entry(session=s, actor=lead, subject=ref, round_id=round_id,
                           values={"assessment": "on_track", "completion_pct": 40,
                                   "progress": "牵头推进研发基地建设"})
        reporter = Actor("科技局填报员", Role.REPORTER, kjj)
        before = {r.unit_id: r for r in board.round_board(
            session=s, round_id=round_id, today=date(2024, 4, 1)).rows}[kjj]
        part = coop_parts.save_part(session=s, actor=reporter, round_id=round_id,
                                    subject=ref, unit_id=kjj, progress="完成3家研发机构认定",
                                    completion_pct=30)
        assert part.reported and part.lead_progress == "牵头推进研发基地建设"
        shown = coop_parts.entry_parts(session=s, subject=ref, period_key=PERIOD.key)
        assert [(p.unit_name, p.role_label, p.progress) for p in shown if p.reported] == [
            ("市科技局", "配合", "完成3家研发机构认定")]
        after = {r.unit_id: r for r in board.round_board(
            session=s, round_id=round_id, today=date(2024, 4, 1)).rows}[kjj]
    assert after.filled == before.filled + 1 and after.total == before.total
    assert after.total >= 2  # tasks 2 and 5: both 配合 of 市科技局


def test_a_reporter_writes_only_its_own_units_part(demo_db, round_id):
    with demo_db.session() as s:
        kjj, fgw = _unit(s, "市科技局"), _unit(s, "市发展改革委")
        ref = _task(s, 5)
        with pytest.raises(PermissionDenied):
            coop_parts.save_part(session=s, actor=Actor("发改", Role.REPORTER, fgw),
                                 round_id=round_id, subject=ref, unit_id=kjj, progress="x")
        with pytest.raises(PermissionDenied):
            coop_parts.save_part(session=s, actor=Actor("领导", Role.VIEWER), round_id=round_id,
                                 subject=ref, unit_id=kjj, progress="x")
        with pytest.raises(ValidationFailed, match="请填写本单位的配合进展"):
            coop_parts.save_part(session=s, actor=Actor("科技", Role.REPORTER, kjj),
                                 round_id=round_id, subject=ref, unit_id=kjj, progress="  ")
        with pytest.raises(UserFacingError, match="不是该事项的配合"):
            coop_parts.save_part(session=s, actor=Actor("科技", Role.REPORTER, kjj),
                                 round_id=round_id, subject=_task(s, 1), unit_id=kjj,
                                 progress="x")
        assert s.exec(select(CoopPart)).all() == []


def test_all_parts_in_marks_a_cooperating_only_unit_submitted(demo_db, round_id, actor):
    with demo_db.session() as s:
        kjj = _unit(s, "市科技局")
        asked = coop_parts.round_parts(session=s, round_id=round_id, unit_id=kjj)
        assert {p.subject_code for p in asked} >= {"2", "5"}
        for p in asked:
            coop_parts.save_part(session=s, actor=actor, round_id=round_id, subject=p.subject,
                                 unit_id=kjj, progress=f"第{p.subject_code}项配合进展")
        own = rounds.round_subjects(s, round_id, kjj)
        row = {r.unit_id: r for r in board.round_board(
            session=s, round_id=round_id, today=date(2024, 4, 1)).rows}[kjj]
        assert (row.filled, row.total) == (len(asked), len(own) + len(asked))
        assert s.get(RoundUnit, (round_id, kjj)).state == ("pending" if own else "submitted")
        for item in own:  # its own items in too: the whole return is in
            saved = entries.save_entry(
                session=s, actor=actor, subject=SubjectRef.of(item), round_id=round_id,
                values={"assessment": "on_track", "completion_pct": 50,
                        "progress": "本单位牵头事项进展"})
            entries.submit_entry(session=s, actor=actor, entry_id=saved.entry_id)
        row = {r.unit_id: r for r in board.round_board(
            session=s, round_id=round_id, today=date(2024, 4, 1)).rows}[kjj]
        assert row.state == "submitted"


def _fill_parts(path, out, texts: dict[str, tuple[object, object]]):
    """Like the unit: type its part (and completion) into the 配合事项 rows it is asked for."""
    wb = load_workbook(path)
    ws = wb[COOP_SHEET]
    head = {c.value: c.column for c in ws[3]}
    for r in range(4, ws.max_row + 1):
        name = ws.cell(r, head["名称"]).value
        if name in texts:
            text, pct = texts[name]
            ws.cell(r, head["本单位配合进展"]).value = text
            ws.cell(r, head["本单位完成进度(%)"]).value = pct
    wb.save(out)
    return out


def test_a_cooperating_units_return_stores_its_parts_and_undo_takes_them_back(
        demo_db, round_id, tmp_path, actor):
    from jjjdesk import importing

    with demo_db.session() as s:
        kjj, gxj = _unit(s, "市科技局"), _unit(s, "市工业和信息化局")
        ref = _task(s, 5)
        entries.save_entry(session=s, actor=Actor("工信", Role.REPORTER, gxj), subject=ref,
                           round_id=round_id, values={"assessment": "on_track",
                                                      "completion_pct": 40,
                                                      "progress": "牵头推进研发基地建设"})
        [path] = export_templates(session=s, round_id=round_id, folder=tmp_path,
                                  unit_ids=[kjj])
    ws = load_workbook(path)[COOP_SHEET]
    shown = {r[5].value: r[7].value for r in ws.iter_rows(min_row=4)}
    assert shown["加快建设全国先进制造研发基地"] == "牵头推进研发基地建设"  # the lead's entry
    filled = _fill_parts(path, tmp_path / "市科技局回表.xlsx", {
        "加快建设全国先进制造研发基地": ("新认定研发机构3家", "30%"),
        "聚焦重点平台,加快承接项目资源": ("对接平台项目2个", "abc")})
    with demo_db.session() as s:
        preview = importing.preview_import(session=s, actor=actor, path=filled)
        assert [(p.name, p.status) for p in preview.parts] == [
            ("加快建设全国先进制造研发基地", "new")]
        assert all(r.sheet != COOP_SHEET for r in preview.rows)  # never as the lead's entry
        bad = [d for d in preview.diagnostics if d.sheet == COOP_SHEET and d.level == "error"]
        assert len(bad) == 1 and "完成进度" in bad[0].problem
        result = importing.commit_import(session=s, actor=actor, preview=preview)
    assert result.batch_id is not None
    with demo_db.session() as s:
        [part] = [p for p in coop_parts.round_parts(session=s, round_id=round_id, unit_id=kjj)
                  if p.reported]
        assert (part.progress, part.completion_pct, part.source) == (
            "新认定研发机构3家", 30.0, "import")
        lead = entries.get_entry_form(session=s, actor=actor, subject=ref,
                                      round_id=round_id).entry
        assert lead is not None and lead.progress == "牵头推进研发基地建设"
        again = importing.preview_import(session=s, actor=actor, path=filled)
        assert [p.status for p in again.parts] == ["unchanged"]
        importing.undo_import(session=s, actor=actor, batch_id=result.batch_id)
    with demo_db.session() as s:
        assert s.exec(select(CoopPart)).all() == []


def test_cli_records_and_lists_a_units_part(demo_db, capsys):
    import json

    from jjjdesk.cli.main import main

    db = ["--db", demo_db.url]
    assert main(["round", "create", "2024年3月", "--deadline", "2024-04-05", *db]) == 0
    capsys.readouterr()
    assert main(["entries", "part", "--round", "1", "--task", "5", "--unit", "市科技局",
                 "--text", "新认定研发机构3家", "--completion", "30", *db]) == 0
    assert "已填报市科技局在“5 加快建设全国先进制造研发基地”中的配合进展" in capsys.readouterr().out
    assert main(["entries", "part", "--round", "1", "--task", "5", "--unit", "市科技局",
                 "--text", "新认定研发机构4家", *db]) == 0  # no --completion: the 30 stays
    capsys.readouterr()
    assert main(["entries", "parts", "--round", "1", "--unit", "市科技局", "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out)
    [done] = [p for p in listed if p["reported"]]
    assert (done["subject_code"], done["role_label"], done["progress"],
            done["completion_pct"]) == ("5", "配合", "新认定研发机构4家", 30.0)
    # bad input: one Chinese line, nothing stored
    assert main(["entries", "part", "--round", "1", "--task", "5", "--unit", "市科技局",
                 "--text", " ", *db]) == 1
    err = capsys.readouterr().err
    assert "请填写本单位的配合进展" in err and "Traceback" not in err
    assert main(["entries", "part", "--round", "1", "--task", "1", "--unit", "市科技局",
                 "--text", "x", *db]) == 1
    assert "不是该事项的配合" in capsys.readouterr().err


def test_a_task_with_a_further_lead_and_a_project_with_a_cooperating_unit(demo_db, actor):
    from jjjdesk.services import projects, tasks

    with demo_db.session() as s:
        kjj, sww = _unit(s, "市科技局"), _unit(s, "市商务局")
        ref = _task(s, 5)
        detail = tasks.get_task(session=s, task_id=ref.id)
        tasks.update_task(session=s, actor=actor, task_id=ref.id,
                          values={"co_lead_unit_ids": [kjj],
                                  "cooperating_unit_ids": [u for u in
                                                           detail.cooperating_unit_ids
                                                           if u != kjj]},
                          expected_version=detail.version)
        after = tasks.get_task(session=s, task_id=ref.id)
        assert after.co_lead_unit_ids == [kjj] and kjj not in after.cooperating_unit_ids
        with pytest.raises(ValidationFailed, match="牵头单位不必再列为"):
            tasks.update_task(session=s, actor=actor, task_id=ref.id,
                              values={"cooperating_unit_ids": [after.lead_unit_id]})
        project_id = s.exec(select(Project.id).order_by(Project.code)).first()
        projects.update_project(session=s, actor=actor, project_id=project_id,
                                values={"cooperating_unit_ids": [sww]})
        assert projects.get_project(session=s, project_id=project_id
                                    ).cooperating_unit_ids == [sww]
        rnd = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2024, 4, 5))
        asked = {(p.subject, p.role_label) for p in coop_parts.round_parts(
            session=s, round_id=rnd.id, unit_id=kjj)}
        assert (ref, "共同牵头") in asked
        assert (SubjectRef.project(project_id), "配合") in {
            (p.subject, p.role_label)
            for p in coop_parts.round_parts(session=s, round_id=rnd.id, unit_id=sww)}
        node = next(t for plan in tasks.task_tree(session=s) for c in plan.categories
                    for t in c.tasks if t.id == ref.id)
        assert "市科技局" in node.lead_unit and "市科技局" not in node.cooperating_units


def test_a_unit_with_only_cooperating_items_gets_a_template_and_its_return_imports(
        demo_db, round_id, tmp_path, actor):
    from jjjdesk import importing
    from jjjdesk.excel.templates import DATA_SHEET

    with demo_db.session() as s:
        czj = _unit(s, "市财政局")
        assert rounds.round_subjects(s, round_id, czj) == []  # no item of its own
        asked = coop_parts.round_parts(session=s, round_id=round_id, unit_id=czj)
        [path] = export_templates(session=s, round_id=round_id, folder=tmp_path,
                                  unit_ids=[czj])
    wb = load_workbook(path)
    assert wb[DATA_SHEET].max_row <= 4 and wb[COOP_SHEET].max_row == 3 + len(asked)
    name = asked[0].subject_name
    filled = _fill_parts(path, tmp_path / "财政局回表.xlsx", {name: ("资金拨付到位", None)})
    with demo_db.session() as s:
        preview = importing.preview_import(session=s, actor=actor, path=filled)
        assert not preview.fatal and preview.can_commit, preview.fatal
        importing.commit_import(session=s, actor=actor, preview=preview)
    with demo_db.session() as s:
        done = [p for p in coop_parts.round_parts(session=s, round_id=round_id, unit_id=czj)
                if p.reported]
        assert [(p.subject_name, p.progress) for p in done] == [(name, "资金拨付到位")]
        state = s.get(RoundUnit, (round_id, czj)).state
    assert state == ("submitted" if len(asked) == 1 else "pending")


def test_cli_sets_a_tasks_further_units_and_refuses_a_unit_it_does_not_know(demo_db, capsys):
    from jjjdesk.cli.main import main
    from jjjdesk.services import tasks

    db = ["--db", demo_db.url]
    assert main(["units", "--task", "5", "--co-lead", "市科技局", "--coop", "市发展改革委",
                 *db]) == 0
    assert "共同牵头单位 市科技局;配合单位 市发展改革委" in capsys.readouterr().out
    assert main(["units", "--task", "5", "--coop", "不存在的单位", *db]) == 1
    assert "台账中没有单位“不存在的单位”" in capsys.readouterr().err
    assert main(["units", "--task", "5", "--coop", "市工业和信息化局", *db]) == 1  # the lead
    assert "牵头单位不必再列为" in capsys.readouterr().err
    with demo_db.session() as s:
        t = tasks.get_task(session=s, task_id=_task(s, 5).id)
        assert (t.co_lead_unit_ids, t.cooperating_unit_ids) == (
            [_unit(s, "市科技局")], [_unit(s, "市发展改革委")])


def test_choosing_a_cooperating_unit_for_a_round_brings_its_items_and_their_leads(
        demo_db, actor):
    with demo_db.session() as s:
        czj = _unit(s, "市财政局")
        rnd = rounds.create_round(session=s, actor=actor, period=PERIOD,
                                  deadline=date(2024, 4, 5),
                                  scope=rounds.RoundScope(unit_ids=(czj,)))
        asked = coop_parts.round_parts(session=s, round_id=rnd.id, unit_id=czj)
        assert asked and s.get(RoundUnit, (rnd.id, czj)) is not None
        leads = {i.unit_id for i in rounds.round_subjects(s, rnd.id)}
        assert czj not in leads and leads  # the items' leads report the entries
