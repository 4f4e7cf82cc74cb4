"""Key tasks from an office's Excel ledger: headings as categories, units in one cell,
windows in words, sub-tasks; preview, one transaction, exact undo, re-import changes nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from import_helpers import OFFICE, build_registry
from openpyxl import Workbook
from sqlalchemy import text
from sqlmodel import select

from jjjdesk.cli.main import main
from jjjdesk.domain.models import AuditEvent, Category, KeyTask, Plan, Project, TaskUnit, Unit
from jjjdesk.importing import batch as imports
from jjjdesk.importing.registry.cells import parse_window, split_items, task_number
from jjjdesk.importing.registry.preview import preview_registry_import

TABLES = ("plan", "category", "key_task", "task_unit", "unit", "unit_alias", "project", "indicator")

TITLE = "推动京津冀协同发展走深走实行动方案(2023—2027年)重点任务分解表"


def _book(path, sheets: dict[str, tuple[list[list], tuple[str, ...]]]):
    wb = Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def _tasks_sheet():
    rows = [
        [TITLE],
        ["序号", "重点任务", "责任单位", None, "完成时限", "具体举措"],
        [None, None, "牵头单位", "配合单位", None, None],
        ["一、疏解承接"],
        [1, "承接非首都功能疏解", "市发改委", "市交通委、東麗區", "2024-2025年", None],
        [
            2,
            "建设滨海新区中心城区",
            "滨海新区",
            None,
            "2025年底前",
            "1.完善城市功能\n2.提升公共服务",
        ],
        ["二、交通一体化"],
        [3, "推进轨道上的京津冀", "市交通委", "市发改委;西青区", "2023年-2027年", None],
        [4, "建设津兴城际", "市發展改革委", "東麗區\n各区政府", "2024年6月底前", None],
        [4, "建设津兴城际(重复)", "市发改委", None, "2024年", None],
        ["(1)", "完成站房主体", "市交通委", None, "2024年3月", None],
        ["填表人:张三"],
    ]
    merges = ("A1:F1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "A4:F4", "A7:F7")
    return rows, merges


UNITS = [
    ["单位名称", "单位类型", "别名"],
    ["市交通运输委", "市级部门", "市交通委"],
    ["東麗區", "区", "东丽"],
]
PROJECTS = [
    ["项目编号", "项目名称", "牵头单位", "总投资(亿元)", "所属任务"],
    ["JJJ-001", "津兴城际铁路", "市发改委", "50", "4"],
    ["JJJ-002", "天津港北疆港区集装箱码头", "滨海新区", "30", "建设滨海新区中心城区"],
]


def _ledger(tmp_path):
    # Projects first and units last on purpose: the import orders them itself.
    return _book(
        tmp_path / "重点任务台账.xlsx",
        {"项目": (PROJECTS, ()), "任务": _tasks_sheet(), "单位": (UNITS, ())},
    )


def _dump(db):
    with db.engine.connect() as conn:
        return {
            t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
            for t in TABLES
        }


def _preview(db, path):
    with db.session() as s:
        return preview_registry_import(session=s, actor=OFFICE, path=path)


def test_task_sheet_preview_commit_reimport_and_undo(empty_db, tmp_path):
    reg = build_registry(empty_db)
    before = _dump(empty_db)
    path = _ledger(tmp_path)
    preview = _preview(empty_db, path)
    rows = {(r.kind, r.code, r.row): r for r in preview.rows if r.sheet == "任务"}
    by_code = {(r.kind, r.code): r for r in rows.values() if r.status != "rejected"}
    assert by_code[("category", "(二)")].status == "new"
    assert ("category", "(一)") not in by_code  # the heading names an existing category
    one = by_code[("task", "1")]
    assert one.status == "changed" and one.record_id == reg.task1
    assert {c.label: (c.old, c.new) for c in one.changes} == {
        "配合单位": ("", "市交通运输委、東麗區"),
        "完成时限": ("2024-12-31", "2025-12-31"),
    }
    assert by_code[("task", "2")].status == "changed"
    assert by_code[("task", "2.1")].status == "new" and by_code[("task", "2.2")].status == "new"
    four = by_code[("task", "4")]
    assert four.status == "new"
    assert {c.label: c.new for c in four.changes}["所属类别"] == "(二)交通一体化"
    assert {c.label: c.new for c in four.changes}["牵头单位"] == "市发展改革委"
    assert by_code[("task", "4.1")].status == "new"
    rejected = {r.row for r in rows.values() if r.status == "rejected"}
    assert rejected == {8, 10}
    unknown = next(d for d in preview.diagnostics if d.sheet == "任务" and d.row == 8)
    assert (unknown.column, unknown.problem) == ("D", "台账中没有单位“西青区”,不会自动新增")
    duplicate = next(d for d in preview.diagnostics if d.sheet == "任务" and d.row == 10)
    assert duplicate.problem == "与第9行重复"
    generic = next(d for d in preview.diagnostics if d.row == 9 and d.level == "info")
    assert "各区政府" in generic.problem
    assert not any(d.problem == "分组标题行,已跳过" for d in preview.diagnostics)
    projects = {r.code: r for r in preview.rows if r.kind == "project"}
    assert {c.label: c.new for c in projects["JJJ-001"].changes}["所属任务"] == "4 建设津兴城际"

    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    # 2 units, 1 category, tasks 2.1, 2.2, 4, 4.1 / tasks 1, 2, projects JJJ-001, JJJ-002
    assert (result.created, result.updated) == (7, 4)
    with empty_db.session() as s:
        units = {u.name: u.id for u in s.exec(select(Unit))}
        cats = {c.number: c for c in s.exec(select(Category).where(Category.plan_id == reg.plan))}
        assert {n: c.title for n, c in cats.items()} == {1: "疏解承接", 2: "交通一体化"}
        tasks = {t.id: t for t in s.exec(select(KeyTask))}
        by_number = {
            (tasks[t.parent_id].number if t.parent_id else None, t.number): t
            for t in tasks.values()
        }
        coop = {}
        for link in s.exec(select(TaskUnit)):
            coop.setdefault(link.task_id, set()).add(link.unit_id)
        t1 = by_number[(None, 1)]
        assert (t1.start_date, t1.due_date) == (date(2024, 1, 1), date(2025, 12, 31))
        assert coop[t1.id] == {units["市交通运输委"], units["東麗區"]}
        t2 = by_number[(None, 2)]
        assert (t2.start_date, t2.due_date, t2.lead_unit_id) == (
            None,
            date(2025, 12, 31),
            reg.binhai,
        )
        assert [by_number[(2, n)].title for n in (1, 2)] == ["完善城市功能", "提升公共服务"]
        assert by_number[(2, 1)].category_id == reg.category
        t4 = by_number[(None, 4)]
        assert (t4.title, t4.category_id, t4.lead_unit_id, t4.due_date) == (
            "建设津兴城际",
            cats[2].id,
            reg.fgw,
            date(2024, 6, 30),
        )
        assert coop[t4.id] == {units["東麗區"]}
        t41 = by_number[(4, 1)]
        assert (t41.title, t41.parent_id, t41.lead_unit_id, t41.due_date) == (
            "完成站房主体",
            t4.id,
            units["市交通运输委"],
            date(2024, 3, 31),
        )
        assert (None, 3) not in by_number
        assert s.get(Project, reg.p1).task_id == t4.id
        assert s.get(Project, reg.p2).task_id == reg.task2
        summaries = [e.summary for e in s.exec(select(AuditEvent))]
        assert "导入台账时新增类别(二)交通一体化" in summaries
        assert "新增任务 建设津兴城际" in summaries

    again = _preview(empty_db, path)
    assert {r.status for r in again.rows} == {"unchanged", "rejected"}
    assert not again.can_commit

    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert _dump(empty_db) == before


def test_an_office_without_a_plan_starts_from_its_ledger(empty_db, tmp_path):
    with empty_db.session() as s:
        s.add(Unit(name="市发展改革委"))
    before = _dump(empty_db)
    rows = [
        [TITLE],
        ["任务编号", "所属类别", "任务名称", "牵头单位", "开始时间", "完成时间", "任务内容"],
        [
            "1",
            "(一)协同创新",
            "共建京津冀国家技术创新中心",
            "市发展改革委",
            "2024",
            "2025年底",
            "建设中试基地\n培育孵化器",
        ],
        ["1.1", "", "建设中试基地", "市发展改革委", "", "2024年下半年", ""],
        ["2", "交通一体化", "建设轨道上的京津冀", "", "", "长期坚持", ""],
        ["3", "", "无类别的任务", "", "", "2025", ""],
    ]
    path = _book(tmp_path / "台账.xlsx", {"重点任务": (rows, ())})
    preview = _preview(empty_db, path)
    kinds = [(r.kind, r.status, r.name) for r in preview.rows]
    assert kinds[:3] == [
        ("plan", "new", "推动京津冀协同发展走深走实行动方案"),
        ("category", "new", "协同创新"),
        ("task", "new", "共建京津冀国家技术创新中心"),
    ]
    assert ("task", "rejected", "无类别的任务") in kinds
    no_category = next(d for d in preview.diagnostics if d.row == 6)
    assert no_category.problem == "未能确定任务的所属类别"
    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.session() as s:
        plan = s.exec(select(Plan)).one()
        assert (plan.start_year, plan.end_year) == (2023, 2027)
        cats = {c.number: c.title for c in s.exec(select(Category))}
        assert cats == {1: "协同创新", 2: "交通一体化"}
        tasks = {t.title: t for t in s.exec(select(KeyTask))}
        main_task = tasks["共建京津冀国家技术创新中心"]
        assert (main_task.start_date, main_task.due_date) == (date(2024, 1, 1), date(2025, 12, 31))
        assert main_task.content == "建设中试基地\n培育孵化器"  # its line break is kept
        sub = tasks["建设中试基地"]
        assert (sub.parent_id, sub.due_date) == (main_task.id, date(2024, 12, 31))
        assert (tasks["建设轨道上的京津冀"].start_date, tasks["建设轨道上的京津冀"].due_date) == (
            None,
            None,
        )
    assert {r.status for r in _preview(empty_db, path).rows} == {"unchanged", "rejected"}
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert _dump(empty_db) == before


def test_without_a_plan_or_a_title_naming_one_nothing_is_guessed(empty_db, tmp_path):
    rows = [["序号", "重点任务", "完成时限"], [1, "共建创新中心", "2025年"]]
    preview = _preview(empty_db, _book(tmp_path / "t.xlsx", {"任务": (rows, ())}))
    assert [r.status for r in preview.rows] == ["rejected"]
    assert any(d.problem == "数据库中还没有方案,任务和指标无法归属" for d in preview.diagnostics)
    assert not preview.can_commit


def test_undo_refuses_when_an_imported_task_was_edited_since(empty_db, tmp_path):
    from jjjdesk.errors import ConflictError
    from jjjdesk.services import tasks

    reg = build_registry(empty_db)
    path = _ledger(tmp_path)
    preview = _preview(empty_db, path)
    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.session() as s:
        tasks.update_task(session=s, actor=OFFICE, task_id=reg.task1, values={"title": "改了"})
    with empty_db.session() as s, pytest.raises(ConflictError):
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)


@pytest.mark.sqlite_only
def test_cli_imports_a_task_ledger(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--db", db]) == 0
    capsys.readouterr()
    rows = [
        [TITLE],
        ["序号", "重点任务", "所属类别", "完成时限"],
        [1, "共建创新中心", "一、协同创新", "2024-2025年"],
    ]
    path = _book(tmp_path / "台账.xlsx", {"任务": (rows, ())})
    assert main(["import-registry", str(path), "--dry-run", "--json", "--db", db]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["status"]) for r in report["rows"]] == [
        ("plan", "new"),
        ("category", "new"),
        ("task", "new"),
    ]
    assert report["batch_id"] is None
    assert main(["import-registry", str(path), "--db", db]) == 0
    assert "新增 3 条" in capsys.readouterr().out
    assert main(["list", "tasks", "--json", "--db", db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["title"] for t in listed] == ["共建创新中心"]


def test_cells_in_the_words_offices_use():
    assert parse_window("2024年3-6月") == (date(2024, 3, 1), date(2024, 6, 30))
    assert parse_window("力争2025年6月30日前完成") == (None, date(2025, 6, 30))
    assert parse_window("2024年第三季度") == (None, date(2024, 9, 30))
    assert parse_window(2026) == (None, date(2026, 12, 31))
    assert parse_window("2024", single_is_start=True) == (date(2024, 1, 1), None)
    assert task_number("3.2") == (3, 2, False) and task_number("②") == (None, 2, True)
    assert split_items("(1)建设站房。(2)铺轨") == [(1, "建设站房"), (2, "铺轨")]


# ------------------------------------------------------------------ returned templates


def _template(db, reg, tmp_path):
    from jjjdesk.excel.templates import export_templates
    from jjjdesk.services import rounds
    from jjjdesk.services.rounds import RoundScope

    with db.session() as s:
        view = rounds.create_round(
            session=s,
            actor=OFFICE,
            period="2024-03",
            deadline=date(2024, 4, 5),
            scope=RoundScope(unit_ids=(reg.fgw, reg.binhai)),
        )
    with db.session() as s:
        [path] = export_templates(
            session=s, round_id=view.id, folder=tmp_path, unit_ids=[reg.binhai]
        )
    return path


def _tamper(path, out, change):
    from openpyxl import load_workbook

    from jjjdesk.excel.templates import DATA_SHEET
    from jjjdesk.importing.template_format import META_SHEET

    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, 5).value:
            ws.cell(r, 9).value = "正常推进"  # 推进情况: every row has something to import
    change(ws, wb[META_SHEET])
    wb.save(out)
    return out


def _meta_row(meta, name):
    return next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == name)


def _swap_keys(ws, _meta):
    ws.cell(4, 1).value, ws.cell(5, 1).value = ws.cell(5, 1).value, ws.cell(4, 1).value


def _foreign_key(reg):
    def change(ws, _meta):
        ws.cell(4, 1).value = f"project:{reg.p1}"  # an item of 市发展改革委's template

    return change


def _blank_checksum(_ws, meta):
    meta.cell(_meta_row(meta, "checksum"), 2).value = None


def _no_unit(_ws, meta):
    meta.delete_rows(_meta_row(meta, "unit_id"))


@pytest.mark.parametrize(
    "change, words",
    [
        (_swap_keys, "隐藏行标识与序号的对应关系被打乱"),
        ("foreign", "指向其他单位的事项"),
        (_blank_checksum, "校验码缺失或无效"),
        (_no_unit, "缺少批次或单位"),
    ],
)
def test_a_template_whose_key_mapping_was_damaged_is_refused(empty_db, tmp_path, change, words):
    reg = build_registry(empty_db)
    template = _template(empty_db, reg, tmp_path)
    change = _foreign_key(reg) if change == "foreign" else change
    filled = _tamper(template, tmp_path / "回表.xlsx", change)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=filled)
    assert words in preview.fatal and not preview.can_commit
    from jjjdesk.errors import UserFacingError

    with empty_db.session() as s, pytest.raises(UserFacingError, match=words):
        imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM progress_entry")).scalar() == 0


def test_a_template_with_rows_deleted_still_imports_with_a_warning(empty_db, tmp_path):
    reg = build_registry(empty_db)
    template = _template(empty_db, reg, tmp_path)
    filled = _tamper(template, tmp_path / "回表.xlsx", lambda ws, _m: ws.delete_rows(5))
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=filled)
    assert not preview.fatal and preview.can_commit
    assert any("与下发时不一致" in d.problem for d in preview.diagnostics)


def test_a_unit_sheet_with_a_category_column_stays_a_unit_sheet(empty_db, tmp_path):
    rows = [["单位名称", "类别", "别名"], ["市交通运输委", "市级部门", "市交通委"]]
    preview = _preview(empty_db, _book(tmp_path / "u.xlsx", {"单位": (rows, ())}))
    assert [(r.kind, r.status) for r in preview.rows] == [("unit", "new")]


def test_a_task_column_on_a_project_sheet_is_said_not_dropped(empty_db, tmp_path):
    build_registry(empty_db)
    projects = [[*PROJECTS[0], "配合单位"], *[[*row, "西青区"] for row in PROJECTS[1:]]]
    path = _book(tmp_path / "项目台账.xlsx", {"项目": (projects, ())})
    preview = _preview(empty_db, path)
    said = [d for d in preview.diagnostics if d.column == "F"]
    assert [(d.level, d.problem) for d in said] == [
        ("info", "“配合单位”只用于重点任务,项目表中的这一列未导入")
    ]
    c = preview.counts
    assert c["new"] + c["changed"] + c["unchanged"] + c["rejected"] == 2  # both rows shown
