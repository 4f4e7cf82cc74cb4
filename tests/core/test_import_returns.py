"""Importing a department's free-form return: what the preview shows, what is stored, undo."""

from __future__ import annotations

from datetime import date

import pytest
from import_helpers import OFFICE, build_registry, dump_entries, write_xlsx
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import ImportBatch, ProgressEntry
from jjjdesk.errors import ConflictError, UserFacingError
from jjjdesk.importing import batch as imports
from jjjdesk.importing.read.workbook import read_workbook
from jjjdesk.services.permissions import PermissionDenied

TITLE = ["2024年3月重点项目进展情况表"]
UNIT_LINE = ["填报单位:市发改委", None, None, "填报日期:2024年4月2日"]


def messy_return(path, *, cumulative_p1="12,000", progress_p2="码头主体完工"):
    """Title rows, a two-row merged header with 万元 in it, text numbers, a hidden 合计 row,
    a Traditional name, full-width digits, NBSP, a 填表人 footer."""
    rows = [
        TITLE,
        UNIT_LINE,
        ["序号", "项目名称", "责任单位", "投资完成情况(万元)", None, "完成进度", "进展情况",
         "存在问题"],
        [None, None, None, "本月完成", "累计完成", None, None, None],
        [1, "津兴城际铁路", "市发改委", "3000", cumulative_p1, "45%", "铺轨完成\u00a0一半", "无"],
        [2, "天津港北疆港区集装箱码头", "滨海新区", "１,５００", "20000", "0.6", progress_p2, ""],
        [3, "濱海新區生物醫藥產業園", "滨海新区", None, "8000", "30%", "厂房封顶", ""],
        ["合计", None, None, "4500", "40000", None, None, None],
        ["填表人:张三", None, "联系电话:022-12345678"],
    ]
    return write_xlsx(path, rows, merges=("A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4",
                                          "G3:G4", "H3:H4"), hidden_rows=(8,))  # the 合计 row


def _preview(db, path, **kw):
    with db.session() as s:
        return imports.preview_import(session=s, actor=OFFICE, path=path, **kw)


def _commit(db, preview):
    with db.session() as s:
        return imports.commit_import(session=s, actor=OFFICE, preview=preview)


def test_messy_return_is_read_as_the_unit_meant_it(empty_db, tmp_path):
    reg = build_registry(empty_db)
    preview = _preview(empty_db, messy_return(tmp_path / "发改委3月.xlsx"))
    assert preview.fatal == ""
    assert preview.period_key == "2024-03"
    assert preview.unit_name == "市发展改革委"  # from "填报单位:市发改委" via the alias
    assert [(r.status, r.code, r.name) for r in preview.rows] == [
        ("new", "JJJ-001", "津兴城际铁路"),
        ("new", "JJJ-002", "天津港北疆港区集装箱码头"),
        ("new", "JJJ-003", "滨海新区生物医药产业园"),
    ]
    problems = {(d.row, d.problem) for d in preview.diagnostics}
    assert (8, "合计/小计行,已跳过") in problems  # hidden too: a total, not data
    assert (9, "表尾(填表人等),已跳过") in problems
    assert preview.counts["errors"] == 0

    result = _commit(empty_db, preview)
    assert (result.created, result.updated) == (3, 0)
    with empty_db.session() as s:
        rows = {e.project_id: e for e in s.exec(select(ProgressEntry))}
        p1, p2, p3 = rows[reg.p1], rows[reg.p2], rows[reg.p3]
        assert (p1.invest_period, p1.invest_cumulative, p1.completion_pct) == (0.3, 1.2, 45.0)
        assert (p2.invest_period, p2.invest_cumulative) == (0.15, 2.0)
        assert p2.completion_pct == 60.0  # 0.6 in a column of fractions
        assert p3.invest_period is None and p3.invest_cumulative == 0.8
        assert p1.progress == "铺轨完成 一半" and p1.problems == "无"
        assert {(e.source, e.import_batch_id, e.source_sheet) for e in rows.values()} == {
            ("import", result.batch_id, "进展情况")}
        assert [rows[p].source_row for p in (reg.p1, reg.p2, reg.p3)] == [5, 6, 7]
        assert all(e.period_key == "2024-03" and e.review_state == "submitted"
                   for e in rows.values())
        batch = s.get(ImportBatch, result.batch_id)
        assert batch.actor == OFFICE.name and len(batch.file_hash) == 64


def test_the_same_file_twice_changes_nothing(empty_db, tmp_path):
    build_registry(empty_db)
    path = messy_return(tmp_path / "r.xlsx")
    _commit(empty_db, _preview(empty_db, path))
    before = dump_entries(empty_db)
    again = _preview(empty_db, path)
    assert [r.status for r in again.rows] == ["unchanged"] * 3
    assert again.already_imported is not None
    assert not again.can_commit
    result = _commit(empty_db, again)
    assert result.batch_id is None
    assert dump_entries(empty_db) == before
    with empty_db.session() as s:
        assert len(s.exec(select(ImportBatch)).all()) == 1


def test_an_updated_return_changes_only_what_changed(empty_db, tmp_path):
    reg = build_registry(empty_db)
    _commit(empty_db, _preview(empty_db, messy_return(tmp_path / "v1.xlsx")))
    v2 = messy_return(tmp_path / "v2.xlsx", cumulative_p1="13000", progress_p2="码头主体完工")
    preview = _preview(empty_db, v2)
    assert [r.status for r in preview.rows] == ["changed", "unchanged", "unchanged"]
    change = preview.rows[0].changes
    assert [(c.label, c.old, c.new) for c in change] == [("累计完成投资(亿元)", "1.2", "1.3")]
    result = _commit(empty_db, preview)
    assert (result.created, result.updated) == (0, 1)
    with empty_db.session() as s:
        p1 = s.exec(select(ProgressEntry).where(ProgressEntry.project_id == reg.p1)).one()
        p2 = s.exec(select(ProgressEntry).where(ProgressEntry.project_id == reg.p2)).one()
        assert p1.invest_cumulative == 1.3 and p1.import_batch_id == result.batch_id
        assert p1.version == 2
        assert p2.version == 1 and p2.import_batch_id != result.batch_id


def test_undo_restores_exactly_the_state_before(empty_db, tmp_path):
    build_registry(empty_db)
    empty_state = dump_entries(empty_db)
    first = _commit(empty_db, _preview(empty_db, messy_return(tmp_path / "v1.xlsx")))
    after_first = dump_entries(empty_db)
    second = _commit(empty_db, _preview(empty_db, messy_return(
        tmp_path / "v2.xlsx", cumulative_p1="13000", progress_p2="码头已投入试运营")))
    assert dump_entries(empty_db) != after_first
    with empty_db.session() as s:
        message = imports.undo_import(session=s, actor=OFFICE, batch_id=second.batch_id)
    assert "已撤销" in message
    assert dump_entries(empty_db) == after_first
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=first.batch_id)
    assert dump_entries(empty_db) == empty_state
    with empty_db.session() as s, pytest.raises(UserFacingError, match="已于"):
        imports.undo_import(session=s, actor=OFFICE, batch_id=first.batch_id)


def test_a_change_log_written_in_parts_undoes_the_whole_batch(empty_db, tmp_path,
                                                                monkeypatch):
    """Issue 14: the log is written every `HOLD` rows during the commit, not held to the end."""
    from jjjdesk.domain.models import ImportChange
    from jjjdesk.importing.changelog import ChangeLog

    monkeypatch.setattr(ChangeLog, "HOLD", 2)
    build_registry(empty_db)
    before = dump_entries(empty_db)
    result = _commit(empty_db, _preview(empty_db, messy_return(tmp_path / "v1.xlsx")))
    with empty_db.session() as s:
        seqs = sorted(s.exec(select(ImportChange.seq).where(
            ImportChange.batch_id == result.batch_id)).all())
    assert len(seqs) >= 3 and seqs == list(range(1, len(seqs) + 1))
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert dump_entries(empty_db) == before


def test_undo_is_refused_when_a_row_changed_after_the_import(empty_db, tmp_path):
    reg = build_registry(empty_db)
    result = _commit(empty_db, _preview(empty_db, messy_return(tmp_path / "v1.xlsx")))
    with empty_db.session() as s:
        entry = s.exec(select(ProgressEntry).where(ProgressEntry.project_id == reg.p1)).one()
        entry.progress = "协同办手工改过"
        entry.version += 1
        s.add(entry)
    with empty_db.session() as s, pytest.raises(ConflictError, match="第5行"):
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)


def test_unknown_names_duplicates_and_bad_numbers_are_diagnostics(empty_db, tmp_path):
    build_registry(empty_db)
    rows = [
        ["2024年第一季度项目进展"],
        ["项目编号", "项目名称", "累计完成投资(亿元)", "工作进展", "责任单位"],
        ["JJJ-001", "津兴城际铁路", "十二元整", "推进中", "市发改委"],
        ["", "津兴城际", "1", "x", "市发改委"],
        ["JJJ-002", "北疆港区码头", "2", "ok", "滨海区政府"],
        ["JJJ-002", "北疆港区码头", "3", "ok", "滨海新区"],
        ["JJJ-003", "", "1", "ok", "滨海新区"],
        ["JJJ-003", "", "1", "ok", "滨海新区"],
    ]
    preview = _preview(empty_db, write_xlsx(tmp_path / "q1.xlsx", rows))
    assert preview.period_key == "2024-Q1"
    diags = {(d.row, d.column): d for d in preview.diagnostics}
    assert diags[(3, "C")].problem == "“十二元整”不是有效的金额"
    assert diags[(3, "C")].level == "error"
    unknown = diags[(4, "B")]
    assert unknown.problem == "台账中没有“津兴城际”,不会自动新增"
    assert "津兴城际铁路" in unknown.suggestion
    # An unknown reporting unit rejects its row (never stored under the registry's unit);
    # the other row of JJJ-002, by a known unit, then stands alone.
    assert diags[(5, "E")].level == "error" and "滨海新区" in diags[(5, "E")].suggestion
    assert diags[(5, "E")].problem == "台账中没有单位“滨海区政府”,本行未导入"
    assert "内容相同" in diags[(8, "B")].problem
    statuses = [(r.row, r.status) for r in preview.rows]
    assert sorted(statuses) == [(3, "rejected"), (4, "rejected"), (5, "rejected"), (6, "new"),
                                (7, "new"), (8, "rejected")]


def test_entry_rules_are_the_forms_rules(empty_db, tmp_path):
    build_registry(empty_db)
    rows = [
        ["2024年3月"],
        ["任务名称", "推进情况", "完成进度", "本期完成投资", "工作进展"],
        ["承接非首都功能疏解", "滞后", "30%", None, "推进缓慢"],  # 滞后 needs 存在问题/下步计划
        ["2", "正常推进", "120", "1", "x"],  # a task's number in the name column
    ]
    preview = _preview(empty_db, write_xlsx(tmp_path / "t.xlsx", rows))
    messages = [(d.row, d.column, d.problem) for d in preview.diagnostics if d.level == "error"]
    assert (3, "", "推进情况为“滞后”时,须填写存在问题") in messages
    assert (4, "C", "完成进度应在0到100之间") in messages
    assert (4, "D", "重点任务不填报投资额,请留空") in messages
    assert [r.status for r in preview.rows] == ["rejected", "rejected"]


def test_a_return_without_a_period_is_refused_with_a_reason(empty_db, tmp_path):
    build_registry(empty_db)
    rows = [["项目名称", "工作进展"], ["津兴城际铁路", "x"]]
    preview = _preview(empty_db, write_xlsx(tmp_path / "np.xlsx", rows))
    assert "无法确定填报期次" in preview.fatal
    assert not preview.can_commit
    ok = _preview(empty_db, tmp_path / "np.xlsx", period="2024年3月")
    assert [r.status for r in ok.rows] == ["new"]


def test_viewers_cannot_import(empty_db, tmp_path):
    build_registry(empty_db)
    with empty_db.session() as s, pytest.raises(PermissionDenied):
        imports.preview_import(session=s, actor=Actor("看看", Role.VIEWER),
                               path=messy_return(tmp_path / "r.xlsx"))


def test_commit_refuses_when_the_database_changed_since_the_preview(empty_db, tmp_path):
    reg = build_registry(empty_db)
    _commit(empty_db, _preview(empty_db, messy_return(tmp_path / "v1.xlsx")))
    preview = _preview(empty_db, messy_return(tmp_path / "v2.xlsx", cumulative_p1="14000"))
    with empty_db.session() as s:
        entry = s.exec(select(ProgressEntry).where(ProgressEntry.project_id == reg.p1)).one()
        entry.version += 1
        s.add(entry)
    with empty_db.session() as s, pytest.raises(ConflictError, match="请重新预览"):
        imports.commit_import(session=s, actor=OFFICE, preview=preview)


def test_column_mapping_chosen_once_is_remembered_for_the_unit(empty_db, tmp_path):
    reg = build_registry(empty_db)
    rows = [["2024年3月"], ["项目名称", "本月干了啥"], ["津兴城际铁路", "铺轨"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    first = _preview(empty_db, path, unit_id=reg.fgw)
    col = next(c for c in first.columns if c.header == "本月干了啥")
    assert col.field is None and col.field_label == "(不导入)"
    remapped = _preview(empty_db, path, unit_id=reg.fgw,
                        mapping={"进展情况": {col.index: "progress"}})
    assert {c.label: c.new for c in remapped.rows[0].changes}["工作进展"] == "铺轨"
    with empty_db.session() as s:
        imports.save_column_mapping(session=s, actor=OFFICE, unit_id=reg.fgw,
                                    columns={"本月干了啥": "progress"})
    again = _preview(empty_db, path, unit_id=reg.fgw)
    col = next(c for c in again.columns if c.header == "本月干了啥")
    assert (col.field, col.how) == ("progress", "memory")
    other_unit = _preview(empty_db, path, unit_id=reg.binhai)
    assert next(c for c in other_unit.columns if c.header == "本月干了啥").field is None


def test_dates_in_title_and_hidden_rows_do_not_confuse_the_period(empty_db, tmp_path):
    build_registry(empty_db)
    rows = [["关于报送2024年第一季度重点任务进展的函"], ["任务编号", "工作进展"], ["1", "已完成"]]
    preview = _preview(empty_db, write_xlsx(tmp_path / "x.xlsx", rows))
    assert preview.period_key == "2024-Q1"
    assert preview.rows[0].status == "new"
    assert date(2024, 1, 1)  # keeps the import used


def test_a_system_export_with_backslash_member_names_is_read_like_the_same_file(
        empty_db, tmp_path):
    """Some report systems zip their .xlsx on Windows with "xl\\worksheets\\sheet1.xml";
    Excel and calamine open such files, so the import must too (hidden rows included)."""
    import zipfile

    build_registry(empty_db)
    plain = messy_return(tmp_path / "plain.xlsx")
    odd = tmp_path / "系统导出.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename.replace("/", "\\"), src.read(info))
    with zipfile.ZipFile(odd) as z:
        assert any("\\" in n for n in z.namelist())
    expected, got = _preview(empty_db, plain), _preview(empty_db, odd)
    assert got.fatal == ""
    assert [(r.status, r.code) for r in got.rows] == [(r.status, r.code) for r in expected.rows]
    assert [s.hidden_rows for s in read_workbook(odd).sheets] == [{7}]


def test_control_characters_in_cells_never_reach_the_database(empty_db, tmp_path):
    """A NUL in a cell (xlsx stores it as _x0000_) made the commit fail on PostgreSQL with a
    raw DataError; Excel shows nothing for it, so the preview drops it."""
    import xlsxwriter
    from sqlalchemy import text

    build_registry(empty_db)
    path = tmp_path / "控制字符.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    rows = [["2024年3月"], ["项目名称", "工作进展", "完成进度", "存在问题"],
            ["津兴\x00城际铁路", "铺轨\x00完成\x07一半\n第二段", "50%", "无\x1b"]]
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    preview = _preview(empty_db, path)
    assert [(r.status, r.code) for r in preview.rows] == [("new", "JJJ-001")]
    _commit(empty_db, preview)
    with empty_db.engine.connect() as conn:
        stored = conn.execute(text("SELECT progress, problems FROM progress_entry")).one()
    assert tuple(stored) == ("铺轨完成一半\n第二段", "无")


def test_a_fraction_among_whole_percents_is_questioned_and_nothing_is_rounded(
        empty_db, tmp_path):
    """40, 60 … and one 0.45: almost surely 45% in a cell formatted as percent. It is kept as
    written (0.45%) with a warning saying so; 91.15% stays 91.15, never 91.2 or 0.5."""
    from sqlalchemy import text

    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "进度.xlsx", [
        ["2024年3月"], ["项目编号", "工作进展", "完成进度"],
        ["JJJ-001", "铺轨", 40], ["JJJ-002", "码头", 0.45], ["JJJ-003", "封顶", 91.15]])
    preview = _preview(empty_db, path)
    [warning] = [d for d in preview.diagnostics if d.field == "completion_pct"]
    assert (warning.row, warning.column, warning.value) == (4, "C", "0.45")
    assert "很可能是 45%" in warning.problem and "45" in warning.suggestion
    assert warning.level == "warning"
    _commit(empty_db, preview)
    with empty_db.engine.connect() as conn:
        stored = dict(conn.execute(text(
            "SELECT p.code, e.completion_pct FROM progress_entry e "
            "JOIN project p ON p.id = e.project_id")).all())
    assert stored == {"JJJ-001": 40, "JJJ-002": 0.45, "JJJ-003": 91.15}
    assert reg  # the registry the rows matched


def test_a_known_project_reported_by_an_unknown_unit_is_not_stored(empty_db, tmp_path):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["2024年3月"], ["项目编号", "填报单位", "工作进展"],
        ["JJJ-001", "某某建设公司", "铺轨"], ["JJJ-002", "滨海新区", "码头"]])
    before = dump_entries(empty_db)
    preview = _preview(empty_db, path)
    assert [(r.code, r.status) for r in preview.rows] == [("JJJ-001", "rejected"),
                                                          ("JJJ-002", "new")]
    [why] = [d for d in preview.diagnostics if d.field == "unit"]
    assert (why.level, why.row) == ("error", 3)
    assert why.problem == "台账中没有单位“某某建设公司”,本行未导入"
    _commit(empty_db, preview)
    stored = [row for table, rows in dump_entries(empty_db) if table == "progress_entry"
              for row in rows]
    assert len(stored) == 1 and dump_entries(empty_db) != before


def test_a_formula_without_a_computed_value_is_an_error_never_an_empty_value(
        empty_db, tmp_path):
    """openpyxl and report generators save formulas without results; calamine reads those as
    empty. Such a cell is an error with its formula, the row is not imported; a formula with
    its computed value (and a 合计 row) reads as usual."""
    import zipfile

    build_registry(empty_db)
    path = write_xlsx(tmp_path / "公式.xlsx", [
        ["2024年3月"], ["项目编号", "本月完成投资(亿元)", "累计完成投资(亿元)", "工作进展"],
        ["JJJ-001", 1, "=ROUND(B3,0)+5", "铺轨"], ["JJJ-002", 2, 7, "码头"],
        ["合计", "=SUM(B3:B4)", "=SUM(C3:C4)", None]])
    with zipfile.ZipFile(path) as z:  # (simple arithmetic is computed: test_import_numbers)
        assert b"<f>ROUND(B3,0)+5</f><v></v>" in z.read("xl/worksheets/sheet1.xml")
    preview = _preview(empty_db, path)
    [error] = [d for d in preview.diagnostics if d.level == "error"]
    assert (error.row, error.column, error.value) == (3, "C", "=ROUND(B3,0)+5")
    assert error.problem.startswith("公式没有计算结果,请在 Excel/WPS 中打开并保存后再导入")
    assert [(r.code, r.status) for r in preview.rows] == [("JJJ-001", "rejected"),
                                                          ("JJJ-002", "new")]


def test_an_amount_out_of_all_proportion_is_questioned(empty_db, tmp_path):
    """本月完成 12500 (亿元) beside 累计 10 and 总投资 50: a 万元 figure in a 亿元 column."""
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "金额.xlsx", [
        ["2024年3月"], ["项目编号", "本月完成投资(亿元)", "累计完成投资(亿元)", "工作进展"],
        ["JJJ-001", 12500, 10, "铺轨"], ["JJJ-002", 1, 5, "码头"]])
    preview = _preview(empty_db, path)
    [warning] = [d for d in preview.diagnostics if d.field == "invest_period"]
    assert (warning.row, warning.level) == (3, "warning")
    assert warning.problem == ("本期完成投资(12,500亿元)大于累计完成投资(10亿元),"
                               "请核实金额单位(万元/亿元)")


def test_the_investment_tolerance_is_the_offices_setting(empty_db, tmp_path):
    """累计 6.003 against a stored 累计 5 plus 本月 1: within the default 50万元 nothing is
    said; the coordinator sets 0 and the import, the form and the grid all question it."""
    from jjjdesk.domain.entry_rules import EntryContext, check_entry
    from jjjdesk.services import settings

    build_registry(empty_db)
    first = write_xlsx(tmp_path / "二月.xlsx", [
        ["2024年2月"], ["项目编号", "本月完成投资(亿元)", "累计完成投资(亿元)", "工作进展"],
        ["JJJ-001", 1, 5, "铺轨"]])
    _commit(empty_db, _preview(empty_db, first))
    march = write_xlsx(tmp_path / "三月.xlsx", [
        ["2024年3月"], ["项目编号", "本月完成投资(亿元)", "累计完成投资(亿元)", "工作进展"],
        ["JJJ-001", 1, 6.003, "铺轨"]])
    assert not [d for d in _preview(empty_db, march).diagnostics if d.field == "invest_period"]
    with empty_db.session() as s:
        settings.set_setting(session=s, actor=OFFICE, key="entry.tolerance_wan", value=0)
    [warning] = [d for d in _preview(empty_db, march).diagnostics if d.field == "invest_period"]
    assert "与累计6亿元不一致" in warning.problem
    with empty_db.session() as s:
        assert settings.investment_tolerance(s) == 0
    strict = EntryContext(is_project=True, previous_cumulative=5, tolerance=0)
    values = {"invest_period": 1, "invest_cumulative": 6.003, "progress": "铺轨"}
    assert "invest_period" in check_entry(values, strict).warnings
    assert not check_entry(values, EntryContext(is_project=True, previous_cumulative=5)).warnings
