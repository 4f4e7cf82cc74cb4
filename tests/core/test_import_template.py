"""Round trip: export a unit's template, fill it like a unit would, import, compare."""

from __future__ import annotations

from datetime import date

from import_helpers import OFFICE, build_registry, dump_entries
from openpyxl import load_workbook
from sqlmodel import select

from jjjdesk.domain.models import ProgressEntry, RoundUnit
from jjjdesk.excel.templates import DATA_SHEET, export_templates
from jjjdesk.importing import batch as imports
from jjjdesk.services import rounds
from jjjdesk.services.rounds import RoundScope


def _round_and_template(db, reg, tmp_path):
    with db.session() as s:
        view = rounds.create_round(session=s, actor=OFFICE, period="2024-03",
                                   deadline=date(2024, 4, 5),
                                   scope=RoundScope(unit_ids=(reg.binhai,)))
    with db.session() as s:
        [path] = export_templates(session=s, round_id=view.id, folder=tmp_path,
                                  unit_ids=[reg.binhai])
    return view.id, path


def _fill(path, out):
    """Like a unit: sort the rows by name descending, retype one item as an inserted row
    (it has no key), fill some cells, leave others blank, add a column of their own."""
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[3]]
    col = {h: i + 1 for i, h in enumerate(header)}
    rows = []
    for r in range(4, ws.max_row + 1):
        rows.append([ws.cell(r, c).value for c in range(1, len(header) + 1)])
    rows.sort(key=lambda v: v[col["名称"] - 1], reverse=True)
    # The unit deletes one prefilled row and types that item in again as a new row below.
    rows = [v for v in rows if v[col["名称"] - 1] != "滨海新区生物医药产业园"]
    ws.delete_rows(4, ws.max_row)
    fill = {
        "天津港北疆港区集装箱码头": {"推进情况": "正常推进", "完成进度(%)": 0.6,
                                 "本期完成投资(亿元)": 0.5, "累计完成投资(亿元)": 6,
                                 "工作进展": "=码头主体完工"},
        "建设滨海新区中心城区": {"推进情况": "滞后", "存在问题": "拆迁慢", "下步计划": "加快"},
    }
    for r, values in enumerate(rows, start=4):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c).value = v
        for h, v in fill.get(values[col["名称"] - 1], {}).items():
            cell = ws.cell(r, col[h])
            cell.value = v
            if isinstance(v, str):
                cell.data_type = "s"
    ws.insert_rows(5)
    ws.cell(5, col["名称"]).value = "滨海新区生物医药产业园"  # inserted by the unit, no key
    ws.cell(5, col["工作进展"]).value = "厂房封顶"
    ws.cell(3, len(header) + 1).value = "单位自加的备注列"
    ws.cell(4, len(header) + 1).value = "随便写写"
    wb.save(out)
    return out


def test_template_round_trip(empty_db, tmp_path):
    reg = build_registry(empty_db)
    round_id, template = _round_and_template(empty_db, reg, tmp_path)
    filled = _fill(template, tmp_path / "滨海新区回表.xlsx")
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=filled)
    assert preview.is_template and preview.round_id == round_id
    assert preview.unit_id == reg.binhai and preview.period_key == "2024-03"
    by_name = {r.name: r for r in preview.rows}
    assert by_name["天津港北疆港区集装箱码头"].status == "new"
    assert by_name["建设滨海新区中心城区"].status == "new"
    assert by_name["滨海新区生物医药产业园"].status == "new"  # retyped row: matched by name
    assert preview.counts["errors"] == 0, [d.text() for d in preview.diagnostics]
    assert any("与下发时不一致" in d.problem for d in preview.diagnostics)  # a key row is gone
    with empty_db.session() as s:
        imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.session() as s:
        got = {(e.task_id, e.project_id): e for e in s.exec(select(ProgressEntry))}
        port = got[(None, reg.p2)]
        assert (port.assessment, port.completion_pct, port.invest_period,
                port.invest_cumulative, port.progress) == ("on_track", 60.0, 0.5, 6.0,
                                                           "=码头主体完工")
        assert (port.round_id, port.source_row) == (round_id, 4 if port.source_row == 4 else
                                                    port.source_row)
        task = got[(reg.task2, None)]
        assert (task.assessment, task.problems, task.next_steps) == ("lagging", "拆迁慢", "加快")
        assert task.invest_period is None  # "—" in a task's investment cell
        state = s.get(RoundUnit, (round_id, reg.binhai))
        assert state.state in ("submitted", "pending")
    again = dump_entries(empty_db)
    with empty_db.session() as s:
        assert not imports.preview_import(session=s, actor=OFFICE, path=filled).can_commit
    assert dump_entries(empty_db) == again


def test_our_template_filled_as_intended_gives_no_warning_and_stores_no_placeholder(
        empty_db, tmp_path):
    """The template's 类型 column is not a unit, its "—" cells are not data, and a clean
    return gets no annotated copy."""
    from jjjdesk.cli.main import main

    reg = build_registry(empty_db)
    round_id, path = _round_and_template(empty_db, reg, tmp_path)
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    col = {c.value: c.column for c in ws[3]}
    assert "—" in [ws.cell(r, col["累计投资调整原因"]).value for r in range(4, ws.max_row + 1)]
    for r in range(4, ws.max_row + 1):
        ws.cell(r, col["推进情况"]).value = "正常推进"
        ws.cell(r, col["完成进度(%)"]).value = 50
        ws.cell(r, col["工作进展"]).value = "按计划推进"
    filled = tmp_path / "滨海新区已填.xlsx"
    wb.save(filled)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=filled, round_id=round_id)
    assert [d for d in preview.diagnostics if d.level != "info"] == []
    assert preview.counts["new"] == len(preview.rows) > 0
    assert main(["import", str(filled), "--annotate", "--round", str(round_id),
                 "--db", empty_db.url]) == 0
    assert not list(tmp_path.glob("*待修改*"))
    with empty_db.session() as s:
        stored = s.exec(select(ProgressEntry.cumulative_reason, ProgressEntry.progress)).all()
    assert stored and all(reason == "" and text == "按计划推进" for reason, text in stored)


def test_a_row_the_unit_left_empty_is_not_stored_and_is_said(empty_db, tmp_path):
    """Of the template's items the unit fills one; the others (with the template's "—" in a
    task's investment cells) are not stored as 正常推进: each is said, and stays unreported."""
    reg = build_registry(empty_db)
    round_id, path = _round_and_template(empty_db, reg, tmp_path)
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    col = {c.value: c.column for c in ws[3]}
    names = [ws.cell(r, col["名称"]).value for r in range(4, ws.max_row + 1)]
    assert len(names) >= 2 and "建设滨海新区中心城区" in names  # a task: its "—" cells stay
    ws.cell(4, col["工作进展"]).value = "按计划推进"
    filled = tmp_path / "滨海新区只填一行.xlsx"
    wb.save(filled)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=filled, round_id=round_id)
    statuses = {r.name: r.status for r in preview.rows}
    assert statuses[names[0]] == "new"
    assert all(statuses[n] == "rejected" for n in names[1:])
    blank = [d for d in preview.diagnostics if d.problem.startswith("本行没有填写任何进展")]
    assert [d.row for d in blank] == list(range(5, 4 + len(names)))
    assert {d.level for d in blank} == {"warning"}
    # The filled row left 推进情况 empty: the default it gets is said, not silent.
    assert [(d.row, d.level) for d in preview.diagnostics
            if d.problem == "推进情况未填写,按默认“正常推进”保存"] == [(4, "warning")]
    with empty_db.session() as s:
        imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.session() as s:
        stored = s.exec(select(ProgressEntry.progress, ProgressEntry.assessment)).all()
    assert stored == [("按计划推进", "on_track")]
